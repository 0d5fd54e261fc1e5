import type { EvaluationStep } from './evaluation.dto.js';

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
  /** system callers only: surveys with a deadline in a window, for the notification centre's reminders */
  surveyDeadlines: 'assessment.survey.deadlines',
  frameworkDefault: 'assessment.framework.default',
  /** the term facts a computed indicator may name, with their meaning */
  frameworkFacts: 'assessment.framework.facts',
  frameworkCreate: 'assessment.framework.create',
  frameworkList: 'assessment.framework.list',
  frameworkGet: 'assessment.framework.get',
  /** changes a framework; one in use by a published evaluation gets a new version instead */
  frameworkUpdate: 'assessment.framework.update',

  /** creates (or refreshes) the term's evaluations of a district or one alliance, gathering the term facts */
  evaluationOpen: 'assessment.evaluation.open',
  evaluationList: 'assessment.evaluation.list',
  evaluationGet: 'assessment.evaluation.get',
  evaluationRefresh: 'assessment.evaluation.refresh',
  evaluationScore: 'assessment.evaluation.score',
  /** submit, approve, publish or return */
  evaluationTransition: 'assessment.evaluation.transition',
  /** a published evaluation's correction: a new version */
  evaluationCorrect: 'assessment.evaluation.correct',
  evaluationVersions: 'assessment.evaluation.versions',
  evaluationDrillDown: 'assessment.evaluation.drill-down',
  evaluationRanking: 'assessment.evaluation.ranking',
  evaluationHistory: 'assessment.evaluation.history',
  awardCreate: 'assessment.award.create',
  awardList: 'assessment.award.list',

  // papers, item scores and item analysis (试卷结构, 小题分, 试题分析)
  paperList: 'assessment.paper.list',
  paperSave: 'assessment.paper.save',
  paperDelete: 'assessment.paper.delete',
  itemScoreImport: 'assessment.item-score.import',
  itemScoreTemplate: 'assessment.item-score.template',
  itemAnalysisGet: 'assessment.item-analysis.get',
  itemAnalysisExport: 'assessment.item-analysis.export',
  /** growth and value-added (增值评价) of an exam against an earlier one */
  growthGet: 'assessment.growth.get',
  growthExport: 'assessment.growth.export',
  /** one school over the exams it sat: mean T and value-added per exam */
  growthSchoolTrend: 'assessment.growth.school-trend',
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
  evaluationPublished: 'evt.assessment.evaluation.published.v1',
  evaluationCorrected: 'evt.assessment.evaluation.corrected.v1',
  /** opened (a new draft), submitted, approved by the alliance or returned; publishing has its own event */
  evaluationStepChanged: 'evt.assessment.evaluation.step-changed.v1',
  awardGranted: 'evt.assessment.award.granted.v1',
} as const;

/** A term evaluation published or corrected (a new published version). */
export interface EvaluationPublishedEvent {
  evaluationId: string;
  districtId: string;
  allianceId: string;
  schoolId: string | null;
  targetType: 'alliance' | 'school';
  term: string;
  version: number;
  total: number | null;
  reason?: string;
}

/** A term evaluation's step changed (internal: not in the public event catalogue). */
export interface EvaluationStepChangedEvent {
  evaluationId: string;
  districtId: string;
  allianceId: string;
  schoolId: string | null;
  targetType: 'alliance' | 'school';
  term: string;
  action: 'open' | 'submit' | 'approve' | 'return';
  from: EvaluationStep | null;
  to: EvaluationStep;
  /** the reviewer's comment on a return */
  comment: string | null;
}

export interface AwardGrantedEvent {
  awardId: string;
  districtId: string;
  evaluationId: string;
  term: string;
  targetType: 'alliance' | 'school';
  targetId: string;
  title: string;
}

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
