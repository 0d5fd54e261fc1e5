import {
  AssessmentSubjects, type EvaluationView, type ExamAnalysisView, type ExamView, type GrowthView, type HistoryView, type ItemAnalysisView, type Page, type PaperListView,
  type SurveyResultsView, type SurveyView,
} from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';
import { DEMO_ALLIANCE, DEMO_SCHOOLS } from './demo-scores.js';
import { seedDemoCommand, seedDemoReportsCommand } from './seed-demo.command.js';
import { DEMO_SURVEY_PARENTS } from './seed-surveys.js';
import { MISLEADING_ITEM } from './demo-items.js';

const district = randomUUID();
const alliance = randomUUID();
const schools = DEMO_SCHOOLS.map((s, i) => ({ id: randomUUID(), name: s.name, code: `21331190${String(i).padStart(2, '0')}`, member: true }));
let h: Harness;

beforeAll(async () => {
  h = await startHarness('assessment_seed_it');
  const events = allianceEvents(district, alliance, schools).map((e) =>
    (e.subject.endsWith('alliance.created.v1') ? { ...e, data: { ...e.data, name: DEMO_ALLIANCE } } : e));
  await h.announce(events);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe(seedDemoCommand.name, () => {
  it('publishes one demo exam whose analysis ranks the core school first, and does nothing the second time', async () => {
    await seedDemoCommand(h.app);
    await seedDemoCommand(h.app);
    const admin = h.as([{ role: 'district_admin', districtId: district }]);
    const exams = await admin<Page<ExamView>>(AssessmentSubjects.examList, {});
    // the demo exam and its prior exam a term earlier (seed-growth.ts)
    expect(exams.total).toBe(2);
    const exam = exams.items.find((e) => e.term === '2026-2027-1') as ExamView;
    expect(exam).toMatchObject({ status: 'published', term: '2026-2027-1', grade: '六年级', studentCount: 42 * 4 + 36 * 2 + 14 + 16 + 11 });
    const analysis = await admin<ExamAnalysisView>(AssessmentSubjects.analysisGet, { id: exam.id });
    const chinese = analysis.subjects.find((s) => s.subject === '语文');
    expect(chinese?.schools[0]).toMatchObject({ schoolName: '清溪县实验小学', rank: 1 });
    expect(chinese?.schools.at(-1)?.aboveMeanRatio).toBeLessThan(0);
    const corrections = await h.db.query('SELECT count(*)::int AS n FROM score_correction WHERE exam_id = $1', [exam.id]);
    expect(corrections.rows[0].n).toBe(1);
  });

  it('opens one parents\' survey whose results show the schools with 5 answers or more, not 枫岭村小学', async () => {
    const admin = h.as([{ role: 'district_admin', districtId: district }]);
    const surveys = await admin<Page<SurveyView>>(AssessmentSubjects.surveyList, {});
    expect(surveys.total).toBe(1);
    const survey = surveys.items[0] as SurveyView;
    expect(survey).toMatchObject({ status: 'open', anonymous: true, responseCount: Object.values(DEMO_SURVEY_PARENTS).reduce((a, b) => a + b, 0) });
    const results = await admin<SurveyResultsView>(AssessmentSubjects.surveyResults, { id: survey.id });
    const parents = results.groups.filter((g) => g.audience === 'parents');
    expect(parents.filter((g) => g.shown).map((g) => g.school?.name).sort()).toEqual(['临溪镇下湾村小学', '临溪镇中心小学', '清溪县实验小学', '白沙乡溪口村小学'].sort());
    expect(parents.find((g) => g.school?.name === '临溪镇枫岭村小学')).toMatchObject({ shown: false, responses: null });
  });

  it('seeds the term evaluation once: last term published, this term with an evaluation at each review step and an award', async () => {
    await seedDemoReportsCommand(h.app);
    await seedDemoReportsCommand(h.app);
    const admin = h.as([{ role: 'district_admin', districtId: district }]);
    const current = await admin<Page<EvaluationView>>(AssessmentSubjects.evaluationList, { term: '2026-2027-1', pageSize: 50 });
    const step = (schoolIndex: number) => current.items.find((e) => e.schoolId === schools[schoolIndex]?.id)?.step;
    expect([0, 1, 2, 3, 4].map(step)).toEqual(['published', 'alliance-reviewed', 'self-evaluated', 'draft', 'draft']);
    expect(current.items.find((e) => e.targetType === 'alliance')?.step).toBe('self-evaluated');
    const last = await admin<Page<EvaluationView>>(AssessmentSubjects.evaluationList, { term: '2025-2026-2', pageSize: 50 });
    expect(new Set(last.items.map((e) => e.step))).toEqual(new Set(['published']));
    const history = await admin<HistoryView>(AssessmentSubjects.evaluationHistory, { targetType: 'school', targetId: schools[0]?.id });
    expect(history.points.map((p) => p.term)).toEqual(['2025-2026-2', '2026-2027-1']);
    expect(history.points[1]?.delta).toEqual(expect.any(Number));
    expect(Number((await h.db.query('SELECT count(*) FROM eval_award')).rows[0].count)).toBe(1);
    expect(Number((await h.db.query('SELECT count(*) FROM eval_framework')).rows[0].count)).toBe(1);
  });

  it('gives every demo subject a 25-item paper and item scores that add up to the stored subject scores, with the misleading item flagged', async () => {
    const admin = h.as([{ role: 'district_admin', districtId: district }]);
    const exam = (await admin<Page<ExamView>>(AssessmentSubjects.examList, {})).items.find((e) => e.term === '2026-2027-1');
    const papers = await admin<PaperListView>(AssessmentSubjects.paperList, { id: exam?.id });
    expect(papers.papers.map((p) => [p.subject, p.items.length])).toEqual([['语文', 25], ['数学', 25], ['英语', 25]]);
    const mismatched = await h.db.query(
      `SELECT count(*)::int AS n FROM item_score i JOIN score s USING (exam_id, subject, student_no) WHERE i.exam_id = $1 AND (s.score IS DISTINCT FROM i.total)`, [exam?.id]);
    expect(mismatched.rows[0].n).toBe(0);
    const present = await h.db.query("SELECT count(*)::int AS n FROM score WHERE exam_id = $1 AND status = 'present'", [exam?.id]);
    const items = await h.db.query('SELECT count(*)::int AS n FROM item_score WHERE exam_id = $1', [exam?.id]);
    expect(items.rows[0].n).toBe(present.rows[0].n);
    const analysis = await admin<ItemAnalysisView>(AssessmentSubjects.itemAnalysisGet, { examId: exam?.id, subject: '数学' });
    expect(analysis.items[MISLEADING_ITEM - 1]?.flags).toEqual(['negative-discrimination']);
    expect(analysis.alpha).toBeGreaterThan(0.5);
  });

  it('seeds the prior exam once with the same students, so growth and value-added show for every school', async () => {
    const admin = h.as([{ role: 'district_admin', districtId: district }]);
    const exams = await admin<Page<ExamView>>(AssessmentSubjects.examList, {});
    const current = exams.items.find((e) => e.term === '2026-2027-1') as ExamView;
    const prior = exams.items.find((e) => e.term === '2025-2026-2') as ExamView;
    expect(prior).toMatchObject({ status: 'published', grade: '五年级', studentCount: current.studentCount });
    const growth = await admin<GrowthView>(AssessmentSubjects.growthGet, { examId: current.id, priorExamId: prior.id, subject: '数学' });
    expect(growth.linkedStudents).toBe(current.studentCount);
    expect(growth.schools).toHaveLength(DEMO_SCHOOLS.length);
    expect(growth.regression.slope).toBeGreaterThan(0.5);
    // the village schools (11 to 16 students) gained most, raw, and shrinkage pulls them in more than the
    // core school (168); 临溪镇中心小学 fell behind reliably: its interval lies below 0
    const core = growth.schools.find((s) => s.schoolName === '清溪县实验小学')!;
    const villages = growth.schools.filter((s) => s.n < 20);
    expect(villages.map((s) => s.schoolName).sort()).toEqual(['临溪镇下湾村小学', '临溪镇枫岭村小学', '白沙乡溪口村小学'].sort());
    for (const village of villages) {
      expect(village.rawValueAdded).toBeGreaterThan(core.rawValueAdded);
      expect(village.weight).toBeLessThan(core.weight);
      expect(village.valueAdded).toBeLessThan(village.rawValueAdded);
    }
    expect(growth.schools.find((s) => s.schoolName === '临溪镇中心小学')!.high).toBeLessThan(0);
  });
});
