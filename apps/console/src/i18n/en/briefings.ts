/** Briefings (季度通报) and term archives (学期归档). zh-CN and English with identical keys. */
import type { briefingsZhCN } from '../zh-CN/briefings';

export const briefingsEn: typeof briefingsZhCN = {
  nav: { briefings: 'Briefings', archives: 'Term archives' },
  scope: { district: 'District', alliance: 'Alliance' },
  periodKind: { quarter: 'Quarter', term: 'Term', range: 'Custom days' },
  service: {
    membership: 'Alliances', 'teacher-exchange': 'Teacher exchange', curriculum: 'Resources and facilities', activities: 'Activities and work plans', assessment: 'Exams and evaluation',
  },
  basis: { period: 'this period', term: 'term figures' },
  figure: {
    'activities_joint-activities_held': 'Joint activities held', 'activities_registrations': 'Registrations', 'activities_check-ins': 'Check-ins',
    'activities_check-in-rate': 'Check-in rate', 'activities_minutes_recorded': 'Minutes recorded', 'activities_action-items_done': 'Action items done',
    'activities_action-items_overdue': 'Action items overdue', 'activities_plans_milestones-on-time': 'Milestones on time', 'activities_plans_milestones-completed': 'Milestones completed',
    'activities_joint-activities_attended': 'Joint activities attended', 'teacher-exchange_placements_completed': 'Placements completed', 'assessment_surveys_satisfaction': 'Satisfaction',
    'membership_alliance_member-schools': 'Member schools', 'membership_alliance_joined': 'Schools joined this term',
    'teacher-exchange_quota_completion': 'Exchange quota completion', 'teacher-exchange_itinerant_periods': 'Itinerant periods taught', 'curriculum_resources_contributed': 'Resources contributed',
    'curriculum_resources_used-by-others': 'Resource uses by others', 'curriculum_facilities_shared-bookings': 'Shared facility bookings',
    'assessment_exams_above-mean-ratio': 'Exam above-mean rate', 'assessment_exams_above-mean-change': 'Change of the above-mean rate',
  },
  highlight: {
    'milestones-completed': '{{value}} plan milestone(s) completed this period', 'plans-closed': '{{value}} term plan(s) closed',
    'best-check-in': '{{name}} had the best check-in rate: {{value}}', 'most-activities': '{{name}} organised the most joint activities: {{value}}',
    'top-evaluation': '{{name}} scored highest in the evaluation ({{value}})',
  },
  step: { draft: 'Self-evaluating', 'self-evaluated': 'Self-evaluated', 'alliance-reviewed': 'Alliance reviewed', published: 'Published' },
  fields: {
    title: 'Title', scope: 'Scope', alliance: 'Alliance', period: 'Period', periodKind: 'Period', quarter: 'Quarter', term: 'Term', from: 'From', to: 'To',
    issuedBy: 'Issued by', issuedAt: 'Issued', status: 'Status', progress: 'Progress', entries: 'Files', size: 'Size', requestedBy: 'Requested by', createdAt: 'Requested',
    error: 'Reason', school: 'School', plan: 'Plan', milestones: 'Milestones', done: 'Done', overdue: 'Overdue', name: 'Name', score: 'Score', rank: 'Rank',
  },
  list: {
    title: 'Briefings', subtitle: 'Quarterly or term briefings of the district and its alliances; frozen once issued, exported as PDF and Excel', create: 'Issue briefing',
    empty: 'No briefings yet', emptyHint: 'District admins issue district briefings, alliance admins their alliance\'s.', created: 'Briefing issued',
    allScopes: 'All scopes', generating: 'Gathering the figures of every service and rendering the PDF…', titleHint: 'Leave empty for a title like "… 2026 Q4 briefing"',
  },
  detail: {
    keyFigures: 'Key figures', highlights: 'Highlights', noHighlights: 'Nothing stands out this period', services: 'Figures by area',
    notAvailable: 'Not available: this service gave no figures', plans: 'Work plan progress', evaluation: 'Evaluation', evaluationNotAvailable: 'Not available: the evaluation service did not answer',
    noEvaluation: 'No evaluation started this term', schools: 'Schools', checkInChart: 'Check-in rate by school', planChart: 'Plans by status', pdf: 'Download PDF', xlsx: 'Download Excel',
    frozen: 'Issued {{time}}; the content does not change with later data.',
    planSummary: '{{plans}} plan(s); {{milestones}} milestones, {{due}} due this period, {{onTime}} on time, {{completed}} completed this period, {{overdue}} overdue',
  },
  archives: {
    title: 'Term archives', subtitle: 'Minutes, plans with evidence, attendance, placements and evaluations of a term in one zip, built in the background',
    create: 'Build archive', created: 'The archive is being built; watch its progress in the list', empty: 'No archives yet',
    emptyHint: 'Choose a term and scope to build one; download it once done.', download: 'Download',
    status: { queued: 'Queued', running: 'Building', done: 'Done', failed: 'Failed' },
  },
};
