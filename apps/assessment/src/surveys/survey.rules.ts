import {
  LIKERT_POINTS, type AnswerDto, type QuestionResultView, type QuestionView, type SurveyAction, type SurveyAudience, type SurveyBreakdown,
  type SurveyQuestionDto, type SurveyStatus,
} from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';

/*
 * The rules of surveys as pure functions: what a question and an answer may be, the status flow, and how
 * results are tallied so that no group under the survey's minimum shows anything.
 */

export const DEFAULT_LIKERT_LABELS = ['很不满意', '不满意', '一般', '满意', '很满意'];

/** The questions as stored: ids q1, q2, … by position, so that answers and results name them stably. */
export function normalizeQuestions(questions: SurveyQuestionDto[], field = 'questions'): QuestionView[] {
  return questions.map((q, index): QuestionView => {
    const at = `${field}.${index}`;
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (q.kind !== 'likert' && q.labels !== undefined) throw ValidationError.of(`${at}.labels`, 'assessment.survey.labels-not-likert');
    if (q.kind !== 'likert' && q.satisfaction) throw ValidationError.of(`${at}.satisfaction`, 'assessment.survey.satisfaction-not-likert');
    if (!choice && q.options !== undefined && q.options.length > 0) throw ValidationError.of(`${at}.options`, 'assessment.survey.options-not-choice');
    let options: string[] = [];
    if (choice) {
      options = (q.options ?? []).map((o) => o.trim());
      if (options.length < 2 || options.length > 20) throw ValidationError.of(`${at}.options`, 'assessment.survey.options-needed');
      const repeated = options.find((o, i) => options.indexOf(o) !== i);
      if (repeated !== undefined) throw ValidationError.of(`${at}.options`, 'assessment.survey.options-repeated', { option: repeated });
    }
    if (q.kind === 'likert') options = (q.labels ?? DEFAULT_LIKERT_LABELS).map((l) => l.trim());
    return { id: `q${index + 1}`, kind: q.kind, title: q.title.trim(), required: q.required ?? false, options, satisfaction: q.kind === 'likert' && (q.satisfaction ?? false) };
  });
}

export function assertWindow(opensAt: Date, closesAt: Date, field = 'closesAt'): void {
  if (closesAt.getTime() <= opensAt.getTime()) throw ValidationError.of(field, 'assessment.survey.closes-before-opens');
}

const FLOW: Record<SurveyAction, { from: SurveyStatus; to: SurveyStatus }> = {
  open: { from: 'draft', to: 'open' },
  close: { from: 'open', to: 'closed' },
};

export function nextSurveyStatus(status: SurveyStatus, action: SurveyAction): SurveyStatus {
  const step = FLOW[action];
  if (step.from !== status) throw ConflictError.of('assessment.survey.illegal-transition', { surveyStatus: status, surveyAction: action });
  return step.to;
}

export function isAccepting(survey: { status: SurveyStatus; opensAt: Date; closesAt: Date }, now: Date): boolean {
  return survey.status === 'open' && survey.opensAt.getTime() <= now.getTime() && now.getTime() < survey.closesAt.getTime();
}

/** One answer as stored in a response's `answers` object under its question id: choices, a Likert value or a text. */
export interface StoredAnswer {
  c?: number[];
  v?: number;
  t?: string;
}
export type StoredAnswers = Record<string, StoredAnswer>;

/**
 * Checks answers against the questions and keeps them in stored form. An empty text or an empty choice
 * list counts as unanswered; a required question must be answered.
 */
export function normalizeAnswers(questions: QuestionView[], answers: AnswerDto[]): StoredAnswers {
  const stored: StoredAnswers = {};
  for (const [index, a] of answers.entries()) {
    const at = `answers.${index}`;
    const q = questions.find((x) => x.id === a.questionId);
    if (!q) throw ValidationError.of(`${at}.questionId`, 'assessment.survey.answer-unknown-question', { questionId: a.questionId });
    if (Object.hasOwn(stored, q.id)) throw ValidationError.of(`${at}.questionId`, 'assessment.survey.answer-repeated', { questionId: q.id });
    switch (q.kind) {
      case 'single':
      case 'multiple': {
        if (a.value !== undefined || a.text !== undefined) throw ValidationError.of(`${at}.choices`, 'assessment.survey.answer-choices');
        const choices = a.choices ?? [];
        if (choices.some((c) => c >= q.options.length)) throw ValidationError.of(`${at}.choices`, 'assessment.survey.answer-choice-range', { max: q.options.length - 1 });
        if (q.kind === 'single' && choices.length > 1) throw ValidationError.of(`${at}.choices`, 'assessment.survey.answer-single');
        if (choices.length) stored[q.id] = { c: [...choices].sort((x, y) => x - y) };
        break;
      }
      case 'likert':
        if (a.choices !== undefined || a.text !== undefined) throw ValidationError.of(`${at}.value`, 'assessment.survey.answer-value');
        if (a.value !== undefined) stored[q.id] = { v: a.value };
        break;
      case 'text': {
        if (a.choices !== undefined || a.value !== undefined) throw ValidationError.of(`${at}.text`, 'assessment.survey.answer-text');
        const text = a.text?.trim() ?? '';
        if (text) stored[q.id] = { t: text };
        break;
      }
      default: {
        const never: never = q.kind;
        throw new Error(`unknown question kind ${String(never)}`);
      }
    }
  }
  const missing = questions.findIndex((q) => q.required && !Object.hasOwn(stored, q.id));
  if (missing >= 0) throw ValidationError.of('answers', 'assessment.survey.answer-required', { questionNo: missing + 1 });
  return stored;
}

/** A Likert mean (1–5) scaled to 0–1: 1 is 0, 5 is 1, so that it reads as a rate beside the other indicators. */
export const likertScore = (mean: number): number => (mean - 1) / (LIKERT_POINTS - 1);

/** A response's satisfaction: the mean of its answered satisfaction questions, scaled to 0–1; null when it answered none. */
export function responseSatisfaction(questions: QuestionView[], answers: StoredAnswers): number | null {
  const values = questions.filter((q) => q.satisfaction).map((q) => answers[q.id]?.v).filter((v): v is number => v !== undefined);
  if (!values.length) return null;
  return likertScore(values.reduce((sum, v) => sum + v, 0) / values.length);
}

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Per question: option or point counts, the Likert mean and score, and texts sorted so their order says nothing about who came when. */
export function tallyQuestions(questions: QuestionView[], responses: StoredAnswers[]): QuestionResultView[] {
  return questions.map((q): QuestionResultView => {
    const answers = responses.map((r) => r[q.id]).filter((a): a is StoredAnswer => a !== undefined);
    const base = { questionId: q.id, kind: q.kind, title: q.title, answered: answers.length, options: [], mean: null, score: null, texts: [] };
    switch (q.kind) {
      case 'single':
      case 'multiple':
        return { ...base, options: q.options.map((label, i) => ({ label, count: answers.filter((a) => a.c?.includes(i)).length })) };
      case 'likert': {
        const values = answers.map((a) => a.v).filter((v): v is number => v !== undefined);
        const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
        return {
          ...base, options: q.options.map((label, i) => ({ label, count: values.filter((v) => v === i + 1).length })),
          mean: mean === null ? null : round(mean, 2), score: mean === null ? null : round(likertScore(mean)),
        };
      }
      case 'text':
        return { ...base, texts: answers.map((a) => a.t ?? '').filter(Boolean).sort((x, y) => x.localeCompare(y, 'zh-CN')) };
      default: {
        const never: never = q.kind;
        throw new Error(`unknown question kind ${String(never)}`);
      }
    }
  });
}

export interface ResponseRecord {
  schoolId: string;
  audience: SurveyAudience;
  answers: StoredAnswers;
}

export interface GroupTally {
  key: string;
  schoolId: string | null;
  audience: SurveyAudience | null;
  shown: boolean;
  responses: number | null;
  questions: QuestionResultView[];
}

export interface SurveyTally {
  shownResponses: number;
  overall: QuestionResultView[];
  groups: GroupTally[];
}

const cellKey = (schoolId: string, audience: string): string => `school:${schoolId}|audience:${audience}`;

/**
 * Results by group under the anonymity threshold. The cell every check is made on is school × audience:
 * a cell with fewer than `minGroupSize` responses is left out of everything — its own group, the coarser
 * groups (per school, per audience) and the overall figures — because a coarser figure that included it
 * could be subtracted from the cells shown beside it to recover the small cell's answers. A group with no
 * cell meeting the threshold shows only that it has fewer than the minimum.
 *
 * `groupsOf` lists every group to report (school × audience pairs the survey covers), answered or not.
 */
export function tallySurvey(
  questions: QuestionView[], responses: ResponseRecord[], minGroupSize: number, breakdown: SurveyBreakdown,
  groupsOf: { schoolId: string; audience: SurveyAudience }[],
): SurveyTally {
  const cells = new Map<string, ResponseRecord[]>();
  for (const r of responses) {
    const key = cellKey(r.schoolId, r.audience);
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const qualifies = (schoolId: string, audience: string): boolean => (cells.get(cellKey(schoolId, audience))?.length ?? 0) >= minGroupSize;
  const shownRecords = responses.filter((r) => qualifies(r.schoolId, r.audience));

  const groupKey = (schoolId: string, audience: SurveyAudience): { key: string; schoolId: string | null; audience: SurveyAudience | null } => {
    switch (breakdown) {
      case 'school-audience': return { key: cellKey(schoolId, audience), schoolId, audience };
      case 'school': return { key: `school:${schoolId}`, schoolId, audience: null };
      case 'audience': return { key: `audience:${audience}`, schoolId: null, audience };
      default: {
        const never: never = breakdown;
        throw new Error(`unknown breakdown ${String(never)}`);
      }
    }
  };
  const groups = new Map<string, { key: string; schoolId: string | null; audience: SurveyAudience | null; records: ResponseRecord[] }>();
  for (const g of groupsOf) {
    const k = groupKey(g.schoolId, g.audience);
    if (!groups.has(k.key)) groups.set(k.key, { ...k, records: [] });
  }
  for (const r of shownRecords) {
    const k = groupKey(r.schoolId, r.audience);
    const group = groups.get(k.key) ?? { ...k, records: [] };
    group.records.push(r);
    groups.set(k.key, group);
  }
  return {
    shownResponses: shownRecords.length,
    overall: tallyQuestions(questions, shownRecords.map((r) => r.answers)),
    groups: [...groups.values()].map((g): GroupTally => {
      const shown = g.records.length > 0;
      return {
        key: g.key, schoolId: g.schoolId, audience: g.audience, shown, responses: shown ? g.records.length : null,
        questions: shown ? tallyQuestions(questions, g.records.map((r) => r.answers)) : [],
      };
    }),
  };
}
