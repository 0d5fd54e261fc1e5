import type { developmentZhCN } from '../zh-CN/development';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Teacher development: mentorship and lesson observation. */
export const developmentEn: Shape<typeof developmentZhCN> = {
  nav: { mentorships: 'Mentorship', observations: 'Lesson observation', rubric: 'Observation rubric' },
  kind: { demo: 'Demo lesson', report: 'Report lesson' },
  status: { active: 'Active', closed: 'Closed' },
  side: { mentor: "Mentor's comment", apprentice: "Apprentice's comment", school: "School's comment" },
  fields: {
    term: 'Term', mentor: 'Mentor', apprentice: 'Apprentice', school: 'School', alliance: 'Alliance', goals: 'Term goals', status: 'Status', missedMonths: 'Missed months',
    month: 'Month', kind: 'Lesson', scheduledOn: 'Date', startsAt: 'Time', place: 'Place', lessonPlan: 'Lesson plan (resource library)', videoUrl: 'Video link',
    reflection: 'Reflection', done: 'Done', observer: 'Observer', observed: 'Observed teacher', observedOn: 'Date', subject: 'Subject', className: 'Class',
    topic: 'Topic', rubricVersion: 'Rubric version', total: 'Total', percent: 'Percent', comments: 'Comments', pairs: 'Pairs', given: 'Given',
    received: 'Received', givenElsewhere: 'Given at other schools', averageReceived: 'Average received', teacher: 'Teacher', dimension: 'Dimension', key: 'Key', level: 'Level', score: 'Score',
  },
  mentorships: {
    title: 'Mentorship', subtitle: 'Each month a demo lesson by the mentor and a report lesson by the apprentice; a month over without both is missed', create: 'New pair', created: 'Pair created',
    search: 'Search mentor or apprentice', allTerms: 'All terms', empty: 'No mentorship pairs yet', emptyHint: "School admins and alliance admins pair the alliance's teachers.",
    missedBySchool: 'Missed months by school', missedHint: 'A month counts as missed when it is over without both lessons done.', noMissed: 'No pairs this term',
    mentorHelp: "Choose the mentor (a teacher of the alliance's schools)", apprenticeHelp: 'Choose the apprentice', termHelp: 'For example 2026-2027-1',
  },
  detail: {
    months: 'Months', complete: 'Complete', missed: 'Missed', pending: 'Pending', notScheduled: 'Not scheduled', record: 'Record', recordTitle: '{{kind}} of {{month}}',
    recorded: 'Saved', doneHint: 'Done needs a date not in the future, a reflection, and a lesson plan or a video', comments: 'Term-end comments', addComment: 'Write', commented: 'Comment saved',
    close: 'Close pair', closed: 'Pair closed', closeHint: 'From the last teaching month on, once the mentor, the apprentice and the school have commented', view: 'Open', video: 'Video',
    planHelp: 'The id of a lesson plan in the resource library', readOnly: 'You can see this pair but not record for it.',
  },
  observations: {
    title: 'Lesson observation', subtitle: "Observations against the district's rubric; visiting observers are linked to their shadowing or observation placement", create: 'Record observation', created: 'Observation saved',
    search: 'Search teacher, topic or class', empty: 'No observations yet', emptyHint: 'School admins record observations of their own or visiting teachers.', records: 'Records',
    stats: 'Figures', byTeacher: 'By teacher', bySchool: 'By school', chart: 'Average received by school', linkedPlacement: 'Linked to a placement', from: 'From', to: 'To',
  },
  rubric: {
    title: 'Observation rubric', subtitle: "The district's lesson rubric; a change is saved as a new version and records keep theirs", version: 'Version {{version}}', versions: 'Versions',
    addDimension: 'Add dimension', addLevel: 'Add level', remove: 'Remove', save: 'Save as new version', saved: 'Saved as version {{version}}', unchanged: 'The rubric did not change',
    readOnly: 'Only the district admin edits the rubric.', maxTotal: 'Out of {{total}}',
    chooseDistrict: 'Choose a district at the top right first', chooseDistrictHint: 'Each district keeps its own rubric.',
  },
};
