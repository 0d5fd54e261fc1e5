/** School profiles (学校画像), the needs survey (调研) and pairing suggestions (结对推荐). zh-CN and English with identical keys. */
import type { profilesZhCN } from '../zh-CN/profiles';

export const profilesEn: typeof profilesZhCN = {
  nav: { rounds: 'School profiles', suggestions: 'Pairing suggestions' },
  roundStatus: { open: 'Open', closed: 'Closed' },
  level: { high: 'High', medium: 'Medium', low: 'Low' },
  category: { subject: 'Subject', grade: 'Grade', facility: 'Facility', speciality: 'Speciality' },
  change: { added: 'added', removed: 'removed', level_changed: 'level changed' },
  suggestionKind: { school: 'Pairing', alliance: 'Join alliance' },
  fields: {
    term: 'Term', deadline: 'Deadline', status: 'Status', submitted: 'Submitted', instructions: 'Instructions', school: 'School', tag: 'Tag', level: 'Level',
    strengths: 'Strengths', needs: 'Needs', specialities: 'Specialities and facilities', capacity: 'Schools it can support', note: 'Note',
  },
  rounds: {
    title: 'School profile surveys', subtitle: "Once a term: each school's strengths, needs and capacity to support others, the basis of pairing suggestions",
    open: 'Open a survey', opened: 'Survey opened', empty: 'No surveys yet', emptyHint: "Once the district opens this term's survey, school admins fill in their profiles.",
  },
  round: {
    title: 'School profiles, term {{term}}', close: 'Close survey', closeConfirm: 'Schools can no longer change their profiles. Close it?', closed: 'Survey closed',
    submittedAt: 'Submitted {{time}}', notYet: 'Not submitted', fillIn: 'Fill in profile', edit: 'Edit profile', saved: 'Profile submitted',
  },
  form: {
    title: 'Profile of {{school}}', submit: 'Submit profile', repeated: 'This tag is already in the list', remove: 'Remove this row',
    add: { strengths: 'Add strength', needs: 'Add need' },
    strengthsHint: 'Subjects, grades or facilities your school can offer others', needsHint: 'Where your school needs help most; higher levels come first',
    capacityHint: 'How many schools your school can support at once (0: none for now)',
  },
  view: { changes: 'Since the term before', noChanges: 'Same as term {{term}}', firstTerm: "The school's first profile: nothing to compare" },
  suggestions: {
    title: 'Pairing suggestions', subtitle: "This term's profiles: the strengths of supporting schools meet the needs of weaker ones, within the travel limit, no school over its capacity",
    kind: 'Kind', provider: 'Supported by', school: 'School', supplies: 'Needs met', distance: 'Distance', reason: 'Reason',
    accept: 'Accept as pairing', acceptConfirm: 'Create a draft pairing: {{provider}} supports {{school}}?', accepted: 'Draft pairing “{{name}}” created',
    travelLimit: 'Travel limit', roadFactor: 'Road factor', includeAlliances: 'Suggest alliances', status: 'Solver status', optimal: 'Proven optimal', objective: 'Objective',
    profiles: 'Profiles', candidates: 'Candidate pairs', objectiveHint: 'Objective: need weight met (high 3, medium 2, low 1, times the strength factor) minus {{penalty}} per km',
    empty: 'No suggestions', emptyHint: "Needs this term's submitted profiles: schools with needs and schools that can support.", unmet: 'Schools whose needs stay unmet', chart: 'Distance of the suggested pairings',
  },
};
