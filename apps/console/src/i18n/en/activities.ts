/** Activities: calendar, activity form and detail, registrations, minutes, action items, calendar feeds. zh-CN and English with identical keys. */
import type { activitiesZhCN } from '../zh-CN/activities';

export const activitiesEn: typeof activitiesZhCN = {
  nav: { activities: 'Activities', actionItems: 'My action items' },
  kind: {
    demo: 'Demo lesson', discussion: 'Discussion lesson', competition: 'Lesson competition', delivered: 'Delivered lesson', joint_meeting: 'Joint meeting',
    festival: 'Festival', sports_meet: 'Sports meet', open_week: 'Open week', labour_practice: 'Labour practice', parent_lecture: 'Parent lecture',
    online_session: 'Online session', training: 'Training',
  },
  status: { scheduled: 'Scheduled', cancelled: 'Cancelled' },
  placeKind: { school: 'School', facility: 'Facility', online: 'Online' },
  participantKind: { teacher: 'Teacher', student: 'Student', parent: 'Parent' },
  registrationStatus: { registered: 'Registered', cancelled: 'Cancelled' },
  itemStatus: { open: 'Open', overdue: 'Overdue', done: 'Done' },
  freq: { weekly: 'Weekly', monthly: 'Monthly' },
  fields: {
    title: 'Title', kind: 'Kind', alliance: 'Alliance', organiser: 'Organiser', description: 'Description', time: 'Time', startsAt: 'Starts', endsAt: 'Ends',
    place: 'Place', placeKind: 'Place type', placeSchool: 'School', facilityName: 'Facility / room', url: 'Meeting link', audience: 'Audience', teachers: 'Teachers',
    studentGrades: 'Student grades', parents: 'Parents', capacity: 'Places per school', repeat: 'Repeat', freq: 'Frequency', interval: 'Interval', endBy: 'Ends',
    until: 'Until', count: 'Occurrences', status: 'Status', school: 'School', participant: 'Participant', participantKind: 'Role', grade: 'Grade', note: 'Note',
    registeredAt: 'Registered', checkedIn: 'Check-in', occurrence: 'Occurrence', owner: 'Owner', ownerSchool: 'Owner school', dueOn: 'Due', summary: 'Minutes',
    decisions: 'Decisions', actionItems: 'Action items', actionItem: 'Item',
  },
  list: {
    title: 'Activities', subtitle: 'Teaching research, joint meetings, festivals and trainings: the alliance\'s plans on one calendar',
    calendar: 'Month', agenda: 'Agenda', table: 'List', create: 'Schedule activity', subscribe: 'Subscribe to calendar', search: 'Search title or description',
    previousMonth: 'Previous month', nextMonth: 'Next month', thisMonth: 'This month', monthFormat: 'YYYY-MM',
    empty: 'No activities in this period', emptyHint: 'Admins can schedule one; or change the month or clear the filters.', more: '{{count}} more',
    recurring: 'Repeats', agendaRange: 'The next 60 days', gradeOption: 'Grade {{grade}}',
  },
  form: {
    createTitle: 'Schedule activity', editTitle: 'Edit activity', saved: 'Activity saved', none: 'Does not repeat', byCount: 'After a number of times', byUntil: 'On a date',
    intervalWeeks: 'Every {{n}} week(s)', intervalMonths: 'Every {{n}} month(s)', unlimited: 'No limit', timeZoneHint: 'Times are entered and shown in Beijing time (Asia/Shanghai)',
    audienceRequired: 'Choose at least one audience', allianceHint: 'Only active alliances you belong to or run',
  },
  detail: {
    overview: 'Details', registrations: 'Registrations', minutes: 'Minutes', occurrence: 'Occurrence', allOccurrences: 'All occurrences', register: 'Register',
    registerTitle: 'Register a participant', registered: 'Registered', checkIn: 'Check in', checkedIn: 'Checked in', cancelRegistration: 'Cancel registration',
    cancelled: 'Registration cancelled', cancelActivity: 'Cancel activity', cancelReason: 'Reason', activityCancelled: 'Activity cancelled',
    cancelOccurrence: 'Cancel this one', cancelOccurrenceTitle: 'Cancel the session of {{when}}', cancelOccurrenceHint: 'Only this session is cancelled; the rest of the series goes on. Its registrations are cancelled too and subscribed calendars drop it.', occurrenceCancelledOk: 'Session cancelled', occurrenceCancelled: 'This session is cancelled: {{reason}}', cancelledSuffix: ' (cancelled)',
    attendance: 'Registrations and check-ins per school', attendanceEmpty: 'No school has registered yet', registeredSeries: 'Registered', checkedInSeries: 'Checked in',
    capacitySeries: 'Places', noRegistrations: 'No registrations yet', noRegistrationsHint: 'Click “Register” to sign up teachers, students or parents of your school.',
    manageOnly: 'Only the organisers change the activity and keep minutes.',
  },
  minutes: {
    empty: 'No minutes for this occurrence yet', emptyHint: 'Organisers record the summary, decisions and action items.', write: 'Write minutes', edit: 'Edit minutes',
    save: 'Save minutes', saved: 'Minutes saved', addDecision: 'Add decision', addItem: 'Add action item', recordedBy: 'Recorded by {{name}} · {{time}}', assignMe: 'Assign to me',
  },
  items: {
    title: 'Action items', subtitle: 'Follow-ups from minutes assigned to you or your school, and those of your alliances', mine: 'Mine', alliance: 'Alliance', pending: 'Not done',
    markDone: 'Mark done', reopen: 'Reopen', done: 'Marked done', reopened: 'Reopened', empty: 'No action items', emptyHint: 'Items assigned to you in meeting minutes show up here.',
  },
  subscribe: {
    title: 'Subscribe to the activity calendar', intro: 'Add this address to your calendar app (iOS Calendar, Outlook, Google Calendar); activities stay in sync.',
    personal: 'All my activities', perAlliance: 'One alliance only', create: 'Create address', rotate: 'Reset address', rotated: 'New address created; the old one stopped working',
    rotateConfirm: 'Calendars subscribed to the old address will stop updating. Reset?', copy: 'Copy', copied: 'Copied', secret: 'This address works like a password: do not share it.',
    none: 'You have no subscription address yet.',
  },
  dashboard: {
    figures: {
      activities: { upcoming: 'Occurrences in the next 30 days', registrations: 'Registrations (last 90 days)', attendanceRate: 'Check-in rate (last 90 days)' },
      actionItems: { open: 'Open action items', overdue: 'Overdue action items' },
    },
  },
};
