/** The organisation of an alliance (组织机构): bodies, their members and terms, the chart and a person's memberships. zh-CN and English with identical keys. */
import type { organisationZhCN } from '../zh-CN/organisation';

export const organisationEn: typeof organisationZhCN = {
  tab: 'Organisation',
  kind: { council: 'Council', secretariat: 'Secretariat', leadership_group: 'Leadership group', working_group: 'Working group', subject_centre: 'Subject centre', studio: 'Studio' },
  category: {
    teaching_research: 'Teaching research group', teacher_training: 'Teacher training group', student_activities: 'Student activities group', resource_sharing: 'Resource sharing group', other: 'Other working group',
    master_teacher: 'Master teacher studio', subject: 'Subject studio', head_teacher: 'Head teacher studio',
  },
  role: { leader: 'Leader', deputy: 'Deputy', member: 'Member' },
  status: { active: 'Active', dissolved: 'Dissolved', current: 'Current', ended: 'Ended' },
  fields: {
    kind: 'Kind', category: 'Category', name: 'Name', subject: 'Subject', responsibilities: 'Responsibilities', parent: 'Parent body', leader: 'Leader', memberCount: 'Current members',
    person: 'Person', school: 'School', role: 'Role', termFrom: 'Term from', termTo: 'Term to', endedOn: 'Ended on', endReason: 'Reason', body: 'Body', alliance: 'Alliance',
    status: 'Status', reason: 'Reason for dissolving',
  },
  chart: {
    title: 'Organisation chart', label: 'Organisation chart of {{name}}', empty: 'No bodies yet', emptyHint: 'Alliance admins set up the council, secretariat, working groups and studios.', create: 'Set up a body',
    created: 'Body set up', top: '(none: a top-level body)', list: 'Bodies', showDissolved: 'Show dissolved bodies', members: '{{count}} people',
  },
  body: {
    members: 'Members', current: 'Current members', history: 'Past members', noMembers: 'No members yet', noMembersHint: 'Add teachers or school admins of the member schools.', add: 'Add member', added: 'Member added',
    end: 'End term', endTitle: 'End the term of {{name}}', ended: 'Term ended', dissolve: 'Dissolve', dissolveTitle: 'Dissolve "{{name}}"', dissolved: 'Body dissolved',
    dissolveWarning: 'Current members\' terms end today; the bodies under it move up one level.', edit: 'Edit body', saved: 'Saved', readOnly: 'You can view this body but not change it.',
    personPlaceholder: 'Search people of the member schools by name', termHint: 'At most 6 years; leave the end open if not decided', plans: 'Work plans it owns', noPlans: 'No work plans owned by this body',
    activities: 'Activities it runs', noActivities: 'No activities run by this body',
  },
  user: { title: 'Alliance body memberships', empty: 'No alliance body memberships' },
  picker: { activityBody: 'Run by', planBody: 'Owning body', none: 'No body', hint: "The alliance's council, working groups, studios … (optional)", dissolved: '{{name}} (dissolved)' },
};
