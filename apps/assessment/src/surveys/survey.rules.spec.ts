import type { QuestionView, SurveyAudience } from '@jiaolian/contracts';
import { DomainError } from '@jiaolian/service-kit';
import {
  isAccepting, likertScore, nextSurveyStatus, normalizeAnswers, normalizeQuestions, responseSatisfaction, tallySurvey, type ResponseRecord,
} from './survey.rules.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? (error.code ?? error.kind) : 'not a domain error';
  }
};
const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).errors?.[0]?.field;
  }
};

const QUESTIONS: QuestionView[] = normalizeQuestions([
  { kind: 'likert', title: '总体满意度', required: true, satisfaction: true },
  { kind: 'likert', title: '教研活动满意度', satisfaction: true },
  { kind: 'single', title: '参加次数', options: ['0 次', '1–2 次', '3 次以上'] },
  { kind: 'multiple', title: '希望加强', options: ['教研', '送教', '师徒结对'] },
  { kind: 'text', title: '意见建议' },
]);

describe('survey questions', () => {
  it('numbers questions q1, q2, … and gives a Likert question the default labels', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(QUESTIONS[0]?.options).toEqual(['很不满意', '不满意', '一般', '满意', '很满意']);
    expect(QUESTIONS[2]).toMatchObject({ required: false, satisfaction: false });
  });

  it.each([
    [{ kind: 'single' as const, title: 'x', options: ['只有一个'] }, 'assessment.survey.options-needed', 'questions.0.options'],
    [{ kind: 'multiple' as const, title: 'x', options: ['甲', '甲'] }, 'assessment.survey.options-repeated', 'questions.0.options'],
    [{ kind: 'text' as const, title: 'x', options: ['甲', '乙'] }, 'assessment.survey.options-not-choice', 'questions.0.options'],
    [{ kind: 'single' as const, title: 'x', options: ['甲', '乙'], satisfaction: true }, 'assessment.survey.satisfaction-not-likert', 'questions.0.satisfaction'],
    [{ kind: 'text' as const, title: 'x', labels: ['1', '2', '3', '4', '5'] }, 'assessment.survey.labels-not-likert', 'questions.0.labels'],
  ])('refuses %j with %s', (question, code, field) => {
    expect(codeOf(() => normalizeQuestions([question]))).toBe(code);
    expect(fieldOf(() => normalizeQuestions([question]))).toBe(field);
  });
});

describe('survey answers', () => {
  it('keeps answers by question id, choices sorted, empty answers left out', () => {
    expect(normalizeAnswers(QUESTIONS, [
      { questionId: 'q1', value: 4 }, { questionId: 'q4', choices: [2, 0] }, { questionId: 'q5', text: '  ' }, { questionId: 'q3', choices: [] },
    ])).toEqual({ q1: { v: 4 }, q4: { c: [0, 2] } });
  });

  it.each([
    [[{ questionId: 'q2', value: 3 }], 'assessment.survey.answer-required', 'answers'],
    [[{ questionId: 'q1', value: 3 }, { questionId: 'q9', value: 3 }], 'assessment.survey.answer-unknown-question', 'answers.1.questionId'],
    [[{ questionId: 'q1', value: 3 }, { questionId: 'q1', value: 4 }], 'assessment.survey.answer-repeated', 'answers.1.questionId'],
    [[{ questionId: 'q1', value: 3 }, { questionId: 'q3', choices: [0, 1] }], 'assessment.survey.answer-single', 'answers.1.choices'],
    [[{ questionId: 'q1', value: 3 }, { questionId: 'q3', choices: [3] }], 'assessment.survey.answer-choice-range', 'answers.1.choices'],
    [[{ questionId: 'q1', text: '满意' }], 'assessment.survey.answer-value', 'answers.0.value'],
    [[{ questionId: 'q1', value: 3 }, { questionId: 'q5', value: 3 }], 'assessment.survey.answer-text', 'answers.1.text'],
  ])('refuses %j with %s on %s', (answers, code, field) => {
    expect(codeOf(() => normalizeAnswers(QUESTIONS, answers))).toBe(code);
    expect(fieldOf(() => normalizeAnswers(QUESTIONS, answers))).toBe(field);
  });
});

describe('satisfaction scaling', () => {
  it.each([[1, 0], [5, 1], [3, 0.5], [4, 0.75]])('a mean of %d reads %d', (mean, score) => {
    expect(likertScore(mean)).toBe(score);
  });

  it('averages the satisfaction questions a response answered', () => {
    expect(responseSatisfaction(QUESTIONS, { q1: { v: 5 }, q2: { v: 3 } })).toBe(0.75);
    expect(responseSatisfaction(QUESTIONS, { q1: { v: 4 } })).toBe(0.75);
    expect(responseSatisfaction(QUESTIONS, { q3: { c: [1] } })).toBeNull();
  });
});

describe('status flow', () => {
  it('opens a draft and closes an open survey, nothing else', () => {
    expect(nextSurveyStatus('draft', 'open')).toBe('open');
    expect(nextSurveyStatus('open', 'close')).toBe('closed');
    expect(codeOf(() => nextSurveyStatus('closed', 'open'))).toBe('assessment.survey.illegal-transition');
    expect(codeOf(() => nextSurveyStatus('draft', 'close'))).toBe('assessment.survey.illegal-transition');
  });

  it('accepts answers only while open and between its dates', () => {
    const survey = { status: 'open' as const, opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-31T00:00:00Z') };
    expect(isAccepting(survey, new Date('2026-12-15T00:00:00Z'))).toBe(true);
    expect(isAccepting(survey, new Date('2026-11-30T23:59:59Z'))).toBe(false);
    expect(isAccepting(survey, new Date('2026-12-31T00:00:00Z'))).toBe(false);
    expect(isAccepting({ ...survey, status: 'closed' }, new Date('2026-12-15T00:00:00Z'))).toBe(false);
  });
});

describe('anonymity threshold', () => {
  const east = 'school-east';
  const village = 'school-village';
  const make = (schoolId: string, audience: SurveyAudience, values: number[], text?: string): ResponseRecord[] =>
    values.map((v) => ({ schoolId, audience, answers: { q1: { v }, ...(text ? { q5: { t: text } } : {}) } }));
  // 东湖: 6 parents, 5 teachers; 村小: 2 parents (too few) and 4 teachers (too few at 5)
  const responses = [
    ...make(east, 'parents', [5, 5, 4, 4, 3, 3]), ...make(east, 'teachers', [4, 4, 4, 4, 4]),
    ...make(village, 'parents', [1, 1], '王老师总是迟到'), ...make(village, 'teachers', [2, 2, 2, 2]),
  ];
  const groupsOf = [east, village].flatMap((schoolId) => (['parents', 'teachers'] as const).map((audience) => ({ schoolId, audience })));

  it('shows school × audience groups from the minimum and says only "fewer" for the others', () => {
    const tally = tallySurvey(QUESTIONS, responses, 5, 'school-audience', groupsOf);
    const byKey = Object.fromEntries(tally.groups.map((g) => [g.key, g]));
    expect(byKey[`school:${east}|audience:parents`]).toMatchObject({ shown: true, responses: 6 });
    expect(byKey[`school:${east}|audience:teachers`]).toMatchObject({ shown: true, responses: 5 });
    expect(byKey[`school:${village}|audience:parents`]).toEqual({ key: `school:${village}|audience:parents`, schoolId: village, audience: 'parents', shown: false, responses: null, questions: [] });
    expect(byKey[`school:${village}|audience:teachers`]).toMatchObject({ shown: false, responses: null, questions: [] });
  });

  it('leaves small cells out of coarser groups and the overall figures, so no subtraction recovers them', () => {
    const bySchool = tallySurvey(QUESTIONS, responses, 5, 'school', groupsOf);
    expect(bySchool.groups.find((g) => g.schoolId === east)).toMatchObject({ shown: true, responses: 11 });
    // 2 + 4 = 6 responses at the village school, but neither cell meets 5: nothing shows
    expect(bySchool.groups.find((g) => g.schoolId === village)).toMatchObject({ shown: false, responses: null });
    const byAudience = tallySurvey(QUESTIONS, responses, 5, 'audience', groupsOf);
    expect(byAudience.groups.find((g) => g.audience === 'parents')).toMatchObject({ shown: true, responses: 6 });
    expect(bySchool.shownResponses).toBe(11);
    const overallQ1 = bySchool.overall[0];
    expect(overallQ1?.answered).toBe(11);
    expect(overallQ1?.options.map((o) => o.count)).toEqual([0, 0, 2, 7, 2]);
  });

  it('shows free text of a small group nowhere', () => {
    const tally = tallySurvey(QUESTIONS, responses, 5, 'school-audience', groupsOf);
    expect(JSON.stringify(tally)).not.toContain('王老师');
  });

  it('shows every group at a threshold of 3 when each cell has 3 or more, never below', () => {
    const tally = tallySurvey(QUESTIONS, responses, 3, 'school-audience', groupsOf);
    expect(tally.groups.filter((g) => g.shown)).toHaveLength(3);
    expect(JSON.stringify(tally)).not.toContain('王老师');
  });

  it('gives the Likert mean and its 0–1 score of a group shown', () => {
    const tally = tallySurvey(QUESTIONS, responses, 5, 'school-audience', groupsOf);
    const parents = tally.groups.find((g) => g.key === `school:${east}|audience:parents`);
    expect(parents?.questions[0]).toMatchObject({ mean: 4, score: 0.75, answered: 6 });
  });

  it('sorts texts so their order does not tell who answered when', () => {
    const many = make(east, 'parents', [3, 3, 3, 3, 3]).map((r, i) => ({ ...r, answers: { ...r.answers, q5: { t: ['丙', '甲', '乙', '丁', '戊'][i] ?? '' } } }));
    const tally = tallySurvey(QUESTIONS, many, 5, 'school-audience', [{ schoolId: east, audience: 'parents' }]);
    expect(tally.groups[0]?.questions[4]?.texts).toEqual([...['丙', '甲', '乙', '丁', '戊']].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });
});
