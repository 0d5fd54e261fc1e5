/** Work plans (学期工作计划) and target tasks (目标任务): list, detail, progress with evidence, assessment, overdue milestones. zh-CN and English with identical keys. */
import type { plansZhCN } from '../zh-CN/plans';

export const plansEn: typeof plansZhCN = {
  nav: { plans: 'Work plans', milestones: 'Overdue milestones' },
  status: { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', closed: 'Closed' },
  level: { alliance: 'Alliance plan', school: 'School plan' },
  assigneeKind: { working_group: 'Working group', subject_group: 'Subject group', teacher: 'Teacher' },
  milestoneStatus: { not_started: 'Not started', in_progress: 'In progress', done: 'Done' },
  rating: { met: 'Met', partly: 'Partly met', not_met: 'Not met' },
  evidenceKind: { file: 'File', activity: 'Activity', placement: 'Placement', resource: 'Resource', exam: 'Exam' },
  action: { submit: 'Submit for review', approve: 'Approve', return: 'Return', close: 'Close' },
  fields: {
    title: 'Title', term: 'Term', alliance: 'Alliance', school: 'School', level: 'Level', status: 'Status', owner: 'Owner', goals: 'Goals', measures: 'Measures',
    progress: 'Milestones', target: 'Target', description: 'Description', assignees: 'Assigned to', assigneeKind: 'Kind', assigneeName: 'Name', milestone: 'Milestone',
    dueOn: 'Due', expectedResult: 'Visible result', percent: 'Progress', comment: 'Comment', reportedOn: 'Date', links: 'Evidence links', linkKind: 'Kind', linkId: 'Id',
    rating: 'Assessment', note: 'Note', file: 'File', plan: 'Plan', daysOverdue: 'Days overdue',
  },
  list: {
    title: 'Term work plans', subtitle: 'Goals, measures, owners and milestones of the alliance and its member schools, per term', create: 'New plan',
    search: 'Search title, owner or school', empty: 'No work plans yet', emptyHint: 'Alliance admins start the alliance plan; school admins their school plan.',
    overdueBadge: 'You have {{count}} overdue milestone(s)', allTerms: 'All terms', created: 'Plan created', schoolHint: 'Leave empty for the alliance plan',
  },
  detail: {
    overview: 'Overview', targets: 'Targets', noTargets: 'No targets yet', addTarget: 'Add target', addMilestone: 'Add milestone', removeTarget: 'Remove target',
    removeMilestone: 'Remove', report: 'Report progress', upload: 'Upload evidence', uploaded: 'Evidence uploaded', reported: 'Progress recorded', assess: 'Assess',
    assessed: 'Assessment saved', saved: 'Saved', moved: 'Plan status updated', returnComment: 'Why return it', returned: 'Returned: {{comment}}',
    overdue: '{{days}} day(s) overdue', onTime: 'Done on time', late: 'Done late', unverified: 'unverified', download: 'Download', noProgress: 'No progress yet',
    addAssignee: 'Add', addLink: 'Add link', readOnly: 'You may read this plan but not change it.', progressCount: '{{done}}/{{total}} milestones done',
    draftHint: 'A draft can be changed; add targets and milestones, then submit it for review.',
    approvedHint: 'Approved: owners report progress and upload evidence; at term end the reviewer assesses each target and closes the plan.',
    assessment: 'Completion assessment', assessedBy: 'Assessed by {{name}} on {{time}}',
  },
  milestones: {
    title: 'Overdue milestones', subtitle: 'Milestones of submitted and approved plans past their due day (Beijing time) and not done', mine: 'Mine', all: 'All I can see',
    pending: 'Not done', overdue: 'Overdue', open: 'Not yet due', done: 'Done', empty: 'No overdue milestones',
  },
};
