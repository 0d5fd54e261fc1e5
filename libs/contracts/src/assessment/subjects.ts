/** NATS request/reply subjects of the assessment service. */
export const AssessmentSubjects = {
  examCreate: 'assessment.exam.create',
  examList: 'assessment.exam.list',
  examGet: 'assessment.exam.get',
  examUpdate: 'assessment.exam.update',
  examTransition: 'assessment.exam.transition',

  scoreList: 'assessment.score.list',
  scoreImport: 'assessment.score.import',
  scoreTemplate: 'assessment.score.template',
  scoreCorrect: 'assessment.score.correct',
  correctionList: 'assessment.score.correction-list',

  analysisGet: 'assessment.analysis.get',
  analysisExport: 'assessment.analysis.export',
  scoreDistribution: 'assessment.analysis.score-distribution',

  surveyTemplateCreate: 'assessment.survey-template.create',
  surveyTemplateList: 'assessment.survey-template.list',
  surveyTemplateGet: 'assessment.survey-template.get',
  surveyTemplateUpdate: 'assessment.survey-template.update',
  surveyCreate: 'assessment.survey.create',
  surveyList: 'assessment.survey.list',
  /** open surveys the signed-in caller may answer and has not answered yet */
  surveyMine: 'assessment.survey.mine',
  surveyGet: 'assessment.survey.get',
  surveyUpdate: 'assessment.survey.update',
  /** open or close a survey */
  surveyTransition: 'assessment.survey.transition',
  surveyRespond: 'assessment.survey.respond',
  surveyTokensIssue: 'assessment.survey.tokens.issue',
  surveyTokenBatches: 'assessment.survey.tokens.batches',
  /** answered without a caller: the one-time token in the payload is the credential */
  surveyPublicGet: 'assessment.survey.public.get',
  surveyPublicAnswer: 'assessment.survey.public.answer',
  surveyResults: 'assessment.survey.results',
  surveyResultsExport: 'assessment.survey.results.export',
} as const;

/** Domain events of the assessment service (JetStream, versioned, past tense). */
export const AssessmentEvents = {
  examCreated: 'evt.assessment.exam.created.v1',
  examUpdated: 'evt.assessment.exam.updated.v1',
  examOpened: 'evt.assessment.exam.opened.v1',
  examPublished: 'evt.assessment.exam.published.v1',
  examArchived: 'evt.assessment.exam.archived.v1',
  scoresImported: 'evt.assessment.scores.imported.v1',
  scoreCorrected: 'evt.assessment.score.corrected.v1',
} as const;

export interface ExamEvent {
  examId: string;
  allianceId: string;
  districtId: string;
  term: string;
  grade: string;
  name: string;
  status: string;
}

export interface ScoresImportedEvent {
  examId: string;
  allianceId: string;
  districtId: string;
  inserted: number;
  updated: number;
  unchanged: number;
  skippedRows: number;
  /** stored scores or marks removed by empty cells (empty=clear); absent from events of earlier releases */
  cleared?: number;
}

export interface ScoreCorrectedEvent {
  examId: string;
  allianceId: string;
  districtId: string;
  schoolId: string;
  studentNo: string;
  subject: string;
  before: number | null;
  after: number;
}
