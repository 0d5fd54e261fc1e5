/** Satisfaction surveys (满意度调查): list, builder, templates, links and QR codes, answering, results. zh-CN and English with identical keys. */
import type { surveysZhCN } from '../zh-CN/surveys';

export const surveysEn: typeof surveysZhCN = {
  nav: { surveys: 'Surveys' },
  status: { draft: 'Draft', open: 'Open', closed: 'Closed' },
  level: { district: 'District survey', alliance: 'Alliance survey', school: 'School survey' },
  audience: { teachers: 'Teachers', students: 'Students', parents: 'Parents' },
  kind: { single: 'Single choice', multiple: 'Multiple choice', likert: 'Likert scale (1–5)', text: 'Text' },
  breakdown: { 'school-audience': 'School × audience', school: 'By school', audience: 'By audience' },
  fields: {
    title: 'Title', description: 'Description', term: 'Term', level: 'Level', alliance: 'Alliance', school: 'School', audiences: 'Audiences', opensAt: 'Opens',
    closesAt: 'Closes', anonymous: 'Anonymous', minGroupSize: 'Minimum responses per group', status: 'Status', template: 'Template', responses: 'Responses',
    question: 'Question', kind: 'Kind', required: 'Required', options: 'Options', labels: 'Point labels', satisfaction: 'Counts towards satisfaction', count: 'Number of links',
    label: 'Note',
  },
  list: {
    title: 'Satisfaction surveys', subtitle: 'Satisfaction and feedback questionnaires for teachers, students and parents; anonymous surveys keep no identity',
    create: 'New survey', templates: 'Templates', search: 'Search survey titles', empty: 'No surveys yet',
    emptyHint: 'District, alliance and school admins can start a survey, from scratch or from a template.', created: 'Survey created', toAnswer: 'Waiting for my answer',
    answer: 'Answer', allTerms: 'All terms',
  },
  builder: {
    fromTemplate: 'From a template', fromScratch: 'Own questions', addQuestion: 'Add question', removeQuestion: 'Remove', optionsHint: 'Type an option and press Enter, 2–20',
    anonymousHint: 'An anonymous survey keeps no account, IP address or link with the answers', minGroupHint: 'A group (school × audience) with fewer responses shows no results; at least 3',
    activityHint: 'A feedback survey of the activity occurrence at {{time}}', feedbackSurvey: 'Feedback survey for this occurrence',
  },
  templates: { title: 'Survey templates', subtitle: 'District-wide questionnaires alliances and schools start surveys from', create: 'New template', created: 'Template saved', empty: 'No templates yet' },
  detail: {
    overview: 'Overview', questions: 'Questions', links: 'Answer links', results: 'Results', open: 'Open survey', close: 'Close survey',
    openConfirm: 'Once open, the questions cannot change. Open it?', closeConfirm: 'A closed survey takes no more answers. Close it?', moved: 'Survey status updated',
    accepting: 'Taking answers now', notAccepting: 'Not taking answers now', readOnly: 'You can see this survey but not run it.', activity: 'Activity',
  },
  links: {
    issue: 'Issue answer links', issued: '{{count}} links issued', batches: 'Issued links', used: 'Used',
    createdAt: 'Issued', shownOnce: 'The links are shown this once: print or download them now. Only a hash of each is kept; they cannot be shown again.', print: 'Print QR codes',
    download: 'Download the link list (.csv)', no: 'No.', link: 'Link', empty: 'No links issued yet', qr: 'QR code',
  },
  results: {
    shown: '{{count}} responses shown (only groups with {{min}} or more)', fewer: 'Fewer than {{min}} responses: not shown, to protect who answered',
    export: 'Export results (.xlsx)', overall: 'Overall', mean: 'Mean {{mean}} (satisfaction {{score}})', answered: '{{count}} answered', noText: 'No text answers',
    groups: 'By group', forbidden: 'Teachers answer surveys; they do not see results.',
  },
  answer: {
    title: 'Answer the survey', submit: 'Submit', submitted: 'Thank you! Your answers are in.',
    anonymous: 'This survey is anonymous: your identity and IP address are not kept, and your answers cannot be matched to your link.', required: 'Please answer this question',
    closesAt: 'Closes {{time}}', invalid: 'This link is not valid', used: 'This link has already been used; each link answers once.', school: '{{school}} · {{audience}}',
    placeholder: 'Type here', unavailable: 'The survey does not take answers now',
  },
};
