import {
  AssessmentSubjects, EVALUATION_STATUS_SUBJECT, TERM_FACT_KEYS as F, termFactsSubject, type AwardView, type DrillDownView, type EvaluationDetailView,
  type EvaluationStatusView, type EvaluationView, type ExamView, type FrameworkView, type HistoryView, type OpenEvaluationsView, type Page, type RankingView,
  type TermFact,
} from '@jiaolian/contracts';
import type { Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';

/*
 * Term evaluation against real PostgreSQL and NATS. Assessment's own facts come from a real unified
 * exam (超均率); activities' and teacher exchange's term facts are answered on their subjects by
 * stand-ins that speak the contract (each service's own handler is tested in that service), and
 * curriculum does not answer at all, as when it is down: its indicators must show no data, not 0.
 */
const TERM = '2026-2027-1';
const PREVIOUS = '2025-2026-2';
const district = randomUUID();
const otherDistrict = randomUUID();
const east = randomUUID();
const west = randomUUID();
const A = { id: randomUUID(), name: '东湖实验学校', code: '3301000011', member: true };
const B = { id: randomUUID(), name: '西山镇中学', code: '3301000012', member: true };
const C = { id: randomUUID(), name: '南岭村小学', code: '3301000013', member: true };
const D = { id: randomUUID(), name: '北港学校', code: '3301000014', member: true };
const E = { id: randomUUID(), name: '青石村小学', code: '3301000015', member: true };

const districtAdmin = [{ role: 'district_admin' as const, districtId: district }];
const eastAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: east }];
const schoolAdminA = [{ role: 'school_admin' as const, districtId: district, schoolId: A.id }];
const schoolAdminB = [{ role: 'school_admin' as const, districtId: district, schoolId: B.id }];
const foreignAdmin = [{ role: 'district_admin' as const, districtId: otherDistrict }];

/** What the stand-ins answer, per service and term; tests change it to play later data changes. */
const served: Record<string, Record<string, TermFact[]>> = {
  activities: {
    [TERM]: [
      { key: F.checkInRate, schoolId: A.id, value: 0.75, numerator: 3, denominator: 4 },
      { key: F.checkInRate, schoolId: B.id, value: 0.5, numerator: 1, denominator: 2 },
      { key: F.activitiesAttended, schoolId: A.id, value: 4 },
      { key: F.activitiesHeld, schoolId: A.id, value: 6 },
      { key: F.activitiesHeld, schoolId: B.id, value: 2 },
      { key: F.activitiesHeld, schoolId: C.id, value: 2 },
      { key: F.milestonesOnTime, allianceId: east, value: 0.5, numerator: 1, denominator: 2 },
    ],
    [PREVIOUS]: [{ key: F.checkInRate, schoolId: A.id, value: 0.25, numerator: 1, denominator: 4 }],
  },
  'teacher-exchange': {
    [TERM]: [
      { key: F.quotaCompletion, schoolId: A.id, value: 0.5, numerator: 1, denominator: 2 },
      { key: F.quotaCompletion, schoolId: B.id, value: 1, numerator: 2, denominator: 2 },
      { key: F.placementsCompleted, schoolId: A.id, value: 3 },
      { key: F.itinerantPeriods, schoolId: A.id, value: 15 },
    ],
    [PREVIOUS]: [],
  },
};
const asked: { service: string; districtId: string }[] = [];

let h: Harness;
const subscriptions: Subscription[] = [];
let framework: FrameworkView;

function standIn(service: 'activities' | 'teacher-exchange'): Subscription {
  const sub = h.nc.subscribe(termFactsSubject(service), { queue: service });
  void (async () => {
    for await (const msg of sub) {
      const packet = msg.json<{ id: string; data: { districtId: string; term: string } }>();
      asked.push({ service, districtId: packet.data.districtId });
      msg.respond(JSON.stringify({ id: packet.id, isDisposed: true, response: { service, term: packet.data.term, facts: served[service]?.[packet.data.term] ?? [] } }));
    }
  })();
  return sub;
}

/** A published unified exam of the east alliance: 数学 A 90 70 (mean 80), B 60 40 (mean 50), alliance mean 65. */
async function publishedExam(term: string, scores: [string, string, string, string, number][]): Promise<void> {
  const exam = await h.as(eastAdmin)<ExamView>(AssessmentSubjects.examCreate, {
    allianceId: east, term, grade: '七年级', name: `${term} 统一检测`, subjects: [{ name: '数学', fullMarks: 100 }], schools: [{ schoolId: A.id }, { schoolId: B.id }],
  });
  await h.as(eastAdmin)(AssessmentSubjects.examTransition, { id: exam.id, body: { action: 'open' } });
  const file = await h.upload('scores.csv', `学号,姓名,学校,班级,数学\n${scores.map((s) => s.join(',')).join('\n')}\n`);
  await h.as(eastAdmin)(AssessmentSubjects.scoreImport, { examId: exam.id, mode: 'all', file });
  await h.as(eastAdmin)(AssessmentSubjects.examTransition, { id: exam.id, body: { action: 'publish' } });
}

const list = async (as: typeof districtAdmin | typeof schoolAdminA, query: object = {}): Promise<EvaluationView[]> =>
  (await h.as(as)<Page<EvaluationView>>(AssessmentSubjects.evaluationList, { term: TERM, pageSize: 50, ...query })).items;
const evaluationOf = async (schoolId: string | null, allianceId = east): Promise<EvaluationView> => {
  const found = (await list(districtAdmin, { allianceId })).find((e) => e.schoolId === schoolId);
  if (!found) throw new Error('no evaluation');
  return found;
};
const indicator = (e: EvaluationDetailView, code: string) => e.dimensions.flatMap((d) => d.indicators).find((i) => i.code === code);
/** A framework's tree as an editor sends it back: the view without what the service explains (sources). */
const asInput = (f: FrameworkView) => f.dimensions.map((d) => ({ ...d, indicators: d.indicators.map(({ source: _s, sourceEn: _e, ...i }) => i) }));
const rowCount = async (table: string): Promise<number> => Number((await h.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

beforeAll(async () => {
  h = await startHarness('assessment_evaluation_it');
  await h.announce([...allianceEvents(district, east, [A, B, C]), ...allianceEvents(district, west, [D, E])]);
  subscriptions.push(standIn('activities'), standIn('teacher-exchange'));
  await h.nc.flush();
  await publishedExam(TERM, [['A1', '甲一', A.name, '七(1)班', 90], ['A2', '甲二', A.name, '七(1)班', 70], ['B1', '乙一', B.name, '七(1)班', 60], ['B2', '乙二', B.name, '七(1)班', 40]]);
  await publishedExam(PREVIOUS, [['A1', '甲一', A.name, '七(1)班', 70], ['A2', '甲二', A.name, '七(1)班', 70], ['B1', '乙一', B.name, '七(1)班', 70], ['B2', '乙二', B.name, '七(1)班', 50]]);
}, 90_000);

afterAll(async () => {
  for (const sub of subscriptions) sub.unsubscribe();
  await h?.close();
});

describe('indicator frameworks', () => {
  it('lets the district admin copy the shipped default: five dimensions whose weights sum to 100, each explaining its sources', async () => {
    framework = await h.as(districtAdmin)<FrameworkView>(AssessmentSubjects.frameworkCreate, { districtId: district, name: '2026 年考核指标', term: PREVIOUS });
    expect(framework).toMatchObject({ version: 1, inUse: false, districtId: district });
    expect(framework.dimensions.map((d) => [d.name, d.weight])).toEqual([['教师成长', 25], ['学生成长', 20], ['教学质量', 25], ['资源共享', 15], ['满意度', 15]]);
    const survey = framework.dimensions.flatMap((d) => d.indicators).find((i) => i.factKey === 'assessment.surveys.satisfaction');
    expect(survey?.source).toContain('满意度');
    const audit = await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1', [framework.id]);
    expect(audit.rows).toEqual([{ action: 'framework.created' }]);
  });

  it('refuses siblings that do not sum to 100, naming the level, and stores nothing', async () => {
    const before = await rowCount('eval_framework');
    const dimensions = asInput(framework);
    dimensions[1]!.indicators[0]!.weight = 10;
    await expect(h.as(districtAdmin)(AssessmentSubjects.frameworkCreate, { districtId: district, name: '有误的指标', term: TERM, dimensions }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'dimensions.1.indicators', code: 'assessment.framework.weights-sum' })] });
    expect(await rowCount('eval_framework')).toBe(before);
  });

  it('lets no alliance admin define one, and hides it from another district', async () => {
    await expect(h.as(eastAdmin)(AssessmentSubjects.frameworkCreate, { districtId: district, name: 'x', term: TERM })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.frameworkGet, { id: framework.id })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('a term evaluation', () => {
  let opened: OpenEvaluationsView;

  beforeAll(async () => {
    await h.as(districtAdmin)(AssessmentSubjects.evaluationOpen, { frameworkId: framework.id, term: PREVIOUS });
    opened = await h.as(districtAdmin)<OpenEvaluationsView>(AssessmentSubjects.evaluationOpen, { frameworkId: framework.id, term: TERM });
  }, 60_000);

  it('opens one evaluation per alliance and member school, gathering facts as the district only, with curriculum reported missing', async () => {
    expect(opened).toEqual({ created: 7, refreshed: 0, unavailable: ['curriculum'] });
    expect(new Set(asked.map((a) => a.districtId))).toEqual(new Set([district]));
    const all = await list(districtAdmin);
    expect(all.map((e) => e.step)).toEqual(Array(7).fill('draft'));
  });

  it('computes indicators from the services\' facts and the exams, shows absent ones as no data, never as 0', async () => {
    const a = await h.as(schoolAdminA)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id: (await evaluationOf(A.id)).id });
    expect(indicator(a, 'teacher.quota')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, score: 50, noData: false });
    expect(indicator(a, 'teacher.placements')).toMatchObject({ value: 3, score: 100 });
    expect(indicator(a, 'teacher.itinerant')).toMatchObject({ value: 15, score: 50 });
    expect(indicator(a, 'quality.above-mean')).toMatchObject({ value: 0.2308, score: 100 });
    // 超均率 last term: A 70 vs mean 65 = +0.0769; this term +0.2308
    expect(indicator(a, 'quality.above-mean-change')).toMatchObject({ value: 0.1538, score: 100 });
    expect(indicator(a, 'sharing.held')).toMatchObject({ value: 6, score: 100 });
    expect(indicator(a, 'sharing.contributed')).toMatchObject({ score: null, noData: true });
    expect(indicator(a, 'satisfaction.survey')).toMatchObject({ score: null, noData: true });
    expect(indicator(a, 'teacher.development')).toMatchObject({ score: null, noData: true });
    expect(a.unavailable).toEqual(['curriculum']);
    const c = await h.as(districtAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id: (await evaluationOf(C.id)).id });
    expect(indicator(c, 'teacher.quota')).toMatchObject({ score: null, noData: true });
    expect(indicator(c, 'teacher.placements')).toMatchObject({ value: 0, score: 0, noData: false });
    expect(indicator(c, 'sharing.held')).toMatchObject({ value: 2, score: 50 });
  });

  it('explains an alliance score by the facts behind it, per school with numerator and denominator', async () => {
    const alliance = await evaluationOf(null);
    const drill = await h.as(eastAdmin)<DrillDownView>(AssessmentSubjects.evaluationDrillDown, { id: alliance.id, indicator: 'student.check-in' });
    expect(drill.source).toContain('签到');
    expect(drill.rows).toEqual(expect.arrayContaining([
      { schoolId: A.id, schoolName: A.name, value: 0.75, numerator: 3, denominator: 4 },
      { schoolId: B.id, schoolName: B.name, value: 0.5, numerator: 1, denominator: 2 },
    ]));
    const detail = await h.as(eastAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id: alliance.id });
    expect(indicator(detail, 'student.check-in')).toMatchObject({ numerator: 4, denominator: 6, score: 66.67 });
    expect(indicator(detail, 'quality.milestones')).toMatchObject({ value: 0.5, score: 50 });
  });

  it('shows a school its own evaluation only; another school\'s and a foreign district\'s ids answer 404', async () => {
    expect((await list(schoolAdminA)).map((e) => e.schoolId)).toEqual([A.id]);
    const b = await evaluationOf(B.id);
    await expect(h.as(schoolAdminA)(AssessmentSubjects.evaluationGet, { id: b.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(schoolAdminA)(AssessmentSubjects.evaluationDrillDown, { id: b.id, indicator: 'teacher.quota' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.evaluationGet, { id: b.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.evaluationOpen, { frameworkId: framework.id, term: TERM })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('goes through self-evaluation, alliance review and district review, each with its own scores, comments and audit', async () => {
    const id = (await evaluationOf(A.id)).id;
    await h.as(schoolAdminA)(AssessmentSubjects.evaluationScore, { id, body: { scores: [{ indicator: 'teacher.development', score: 8, evidence: '师徒结对 6 对', comment: '自评' }] } });
    await expect(h.as(eastAdmin)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'submit' } })).rejects.toMatchObject({ kind: 'forbidden' });
    await h.as(schoolAdminA)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'submit', comment: '请审核' } });
    await expect(h.as(schoolAdminA)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'approve' } })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(h.as(eastAdmin)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'return' } })).rejects.toMatchObject({ kind: 'validation-failed' });
    await h.as(eastAdmin)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'return', comment: '请补充佐证材料' } });
    await h.as(schoolAdminA)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'submit' } });
    await h.as(eastAdmin)(AssessmentSubjects.evaluationScore, { id, body: { scores: [{ indicator: 'teacher.development', score: 7, comment: '联盟审核' }, { indicator: 'student.development', score: 9 }] } });
    await h.as(eastAdmin)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'approve' } });
    await expect(h.as(eastAdmin)(AssessmentSubjects.evaluationTransition, { id, body: { action: 'publish' } })).rejects.toMatchObject({ kind: 'forbidden' });
    const published = await h.as(districtAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationTransition, { id, body: { action: 'publish', comment: '同意' } });
    expect(published.step).toBe('published');
    expect(indicator(published, 'teacher.development')).toMatchObject({ value: 7, score: 70 });
    expect(indicator(published, 'teacher.development')?.entries.map((e) => [e.step, e.score])).toEqual([['self', 8], ['alliance', 7]]);
    expect(published.steps.map((s) => [s.action, s.to, s.comment])).toEqual([
      ['open', 'draft', null], ['submit', 'self-evaluated', '请审核'], ['return', 'draft', '请补充佐证材料'], ['submit', 'self-evaluated', null],
      ['approve', 'alliance-reviewed', null], ['publish', 'published', '同意'],
    ]);
    const audit = await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at', [id]);
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual([
      'evaluation.scored', 'evaluation.submit', 'evaluation.return', 'evaluation.submit', 'evaluation.scored', 'evaluation.approve', 'evaluation.publish',
    ]);
    // every step but publishing is one step-changed event (for the notification centre), in order; publishing has its own
    const outbox = await h.db.query("SELECT subject, envelope->'data'->>'action' AS action, envelope->'data'->>'comment' AS comment FROM outbox_event WHERE envelope->'data'->>'evaluationId' = $1 ORDER BY created_at", [id]);
    const changed = 'evt.assessment.evaluation.step-changed.v1';
    expect(outbox.rows).toEqual([
      { subject: changed, action: 'open', comment: null }, { subject: changed, action: 'submit', comment: '请审核' }, { subject: changed, action: 'return', comment: '请补充佐证材料' },
      { subject: changed, action: 'submit', comment: null }, { subject: changed, action: 'approve', comment: null },
      { subject: 'evt.assessment.evaluation.published.v1', action: null, comment: null },
    ]);
  });

  it('refuses a score over the maximum or on a computed indicator, naming the row, and changes nothing', async () => {
    const id = (await evaluationOf(B.id)).id;
    const before = (await h.db.query('SELECT entries, total FROM eval_evaluation WHERE id = $1', [id])).rows[0];
    await expect(h.as(schoolAdminB)(AssessmentSubjects.evaluationScore, { id, body: { scores: [{ indicator: 'teacher.development', score: 11 }, { indicator: 'teacher.quota', score: 5 }] } }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [
        expect.objectContaining({ field: 'scores.0.score', code: 'assessment.evaluation.score-over-max' }),
        expect.objectContaining({ field: 'scores.1.indicator', code: 'assessment.evaluation.not-evaluator-scored' }),
      ] });
    expect((await h.db.query('SELECT entries, total FROM eval_evaluation WHERE id = $1', [id])).rows[0]).toEqual(before);
  });

  it('keeps a published evaluation frozen when the data changes later; a correction makes v2 with its reason and v1 stays readable', async () => {
    const id = (await evaluationOf(A.id)).id;
    const frozen = await h.as(districtAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id });
    served['teacher-exchange']![TERM]![0] = { key: F.quotaCompletion, schoolId: A.id, value: 1, numerator: 2, denominator: 2 };
    const reopened = await h.as(districtAdmin)<OpenEvaluationsView>(AssessmentSubjects.evaluationOpen, { frameworkId: framework.id, term: TERM });
    expect(reopened).toMatchObject({ created: 0, refreshed: 6 });
    await expect(h.as(districtAdmin)(AssessmentSubjects.evaluationRefresh, { id })).rejects.toMatchObject({ kind: 'conflict' });
    const after = await h.as(districtAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id });
    expect(after.dimensions).toEqual(frozen.dimensions);
    expect(after.total).toBe(frozen.total);
    await expect(h.db.query('UPDATE eval_evaluation SET total = 1 WHERE id = $1', [id])).rejects.toThrow(/frozen/);
    // an unpublished one follows the data
    const b = await h.as(districtAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id: (await evaluationOf(B.id)).id });
    expect(indicator(b, 'teacher.quota')).toMatchObject({ value: 1, score: 100 });

    await expect(h.as(eastAdmin)(AssessmentSubjects.evaluationCorrect, { id, body: { reason: 'x' } })).rejects.toMatchObject({ kind: 'forbidden' });
    const v2 = await h.as(districtAdmin)<EvaluationDetailView>(AssessmentSubjects.evaluationCorrect, {
      id, body: { reason: '交流指标数据补录', refreshFacts: true, scores: [{ indicator: 'teacher.development', score: 9, comment: '复核' }] },
    });
    expect(v2).toMatchObject({ version: 2, step: 'published', correctionReason: '交流指标数据补录', superseded: false });
    expect(indicator(v2, 'teacher.quota')).toMatchObject({ value: 1, score: 100 });
    expect(indicator(v2, 'teacher.development')).toMatchObject({ value: 9, score: 90 });
    const v1 = await h.as(schoolAdminA)<EvaluationDetailView>(AssessmentSubjects.evaluationGet, { id });
    expect(v1).toMatchObject({ version: 1, superseded: true, total: frozen.total });
    expect(indicator(v1, 'teacher.quota')).toMatchObject({ value: 0.5, score: 50 });
    const versions = (await h.as(schoolAdminA)<{ items: EvaluationView[] }>(AssessmentSubjects.evaluationVersions, { id })).items;
    expect(versions.map((v) => [v.version, v.superseded])).toEqual([[2, false], [1, true]]);
    await expect(h.as(districtAdmin)(AssessmentSubjects.evaluationCorrect, { id, body: { reason: '再次更正' } })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('makes a framework in use a new version when it changes, leaving the published evaluation\'s tree alone', async () => {
    const dimensions = asInput(framework);
    dimensions[0]!.name = '教师专业成长';
    const next = await h.as(districtAdmin)<FrameworkView>(AssessmentSubjects.frameworkUpdate, { id: framework.id, changes: { dimensions } });
    expect(next).toMatchObject({ lineageId: framework.lineageId, version: 2 });
    expect(next.id).not.toBe(framework.id);
    const old = await h.as(districtAdmin)<FrameworkView>(AssessmentSubjects.frameworkGet, { id: framework.id });
    expect(old).toMatchObject({ version: 1, inUse: true, superseded: true });
    expect(old.dimensions[0]?.name).toBe('教师成长');
  });

  it('ranks an alliance\'s schools with ties; a school sees the positions but only its own scores', async () => {
    const ranking = await h.as(schoolAdminA)<RankingView>(AssessmentSubjects.evaluationRanking, { term: TERM, allianceId: east });
    expect(ranking.items.map((i) => i.targetId).sort()).toEqual([A.id, B.id, C.id].sort());
    const own = ranking.items.find((i) => i.targetId === A.id);
    expect(own?.total).toEqual(expect.any(Number));
    expect(own?.dimensions.length).toBe(5);
    for (const other of ranking.items.filter((i) => i.targetId !== A.id)) expect(other).toMatchObject({ total: null, evaluationId: null, dimensions: [] });
    const full = await h.as(eastAdmin)<RankingView>(AssessmentSubjects.evaluationRanking, { term: TERM, allianceId: east });
    const totals = full.items.map((i) => i.total as number);
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
    expect(full.items[0]?.rank).toBe(1);
    await expect(h.as(schoolAdminA)(AssessmentSubjects.evaluationRanking, { term: TERM, allianceId: west })).rejects.toMatchObject({ kind: 'not-found' });
    const alliances = await h.as(districtAdmin)<RankingView>(AssessmentSubjects.evaluationRanking, { term: TERM, districtId: district });
    expect(alliances.items.map((i) => i.targetId).sort()).toEqual([east, west].sort());
  });

  it('follows a school over terms with its growth', async () => {
    const history = await h.as(schoolAdminA)<HistoryView>(AssessmentSubjects.evaluationHistory, { targetType: 'school', targetId: A.id });
    expect(history.points.map((p) => p.term)).toEqual([PREVIOUS, TERM]);
    const [before, now] = history.points;
    expect(now?.version).toBe(2);
    expect(now?.delta).toBeCloseTo((now?.total ?? 0) - (before?.total ?? 0), 2);
    await expect(h.as(schoolAdminA)(AssessmentSubjects.evaluationHistory, { targetType: 'school', targetId: B.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('records awards on published results only, and tells other services where the term stands', async () => {
    const a = await evaluationOf(A.id);
    await expect(h.as(districtAdmin)(AssessmentSubjects.awardCreate, { evaluationId: (await evaluationOf(B.id)).id, title: '进步最大学校', citation: 'x' }))
      .rejects.toMatchObject({ kind: 'conflict' });
    await expect(h.as(eastAdmin)(AssessmentSubjects.awardCreate, { evaluationId: a.id, title: '进步最大学校', citation: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
    const award = await h.as(districtAdmin)<AwardView>(AssessmentSubjects.awardCreate, { evaluationId: a.id, title: '进步最大学校', citation: '超均率提升 15 个百分点' });
    expect(award).toMatchObject({ targetId: A.id, targetName: A.name, title: '进步最大学校', total: a.total });
    const awards = await h.as(schoolAdminB)<Page<AwardView>>(AssessmentSubjects.awardList, { term: TERM });
    expect(awards.items.map((x) => x.id)).toEqual([award.id]);
    const status = await h.as(districtAdmin)<EvaluationStatusView>(EVALUATION_STATUS_SUBJECT, { districtId: district, term: TERM });
    expect(status.items).toHaveLength(7);
    expect(status.items.find((i) => i.targetId === A.id)).toMatchObject({ step: 'published', version: 2, award: '进步最大学校', allianceId: east });
    await expect(h.as(foreignAdmin)(EVALUATION_STATUS_SUBJECT, { districtId: district, term: TERM })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
