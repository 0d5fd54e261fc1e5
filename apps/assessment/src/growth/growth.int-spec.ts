import { AssessmentSubjects, type ExamView, type GrowthView, type RoleAssignment, type SchoolGrowthTrendView, type ScoreImportReportView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';

/*
 * Growth and value-added against real PostgreSQL and NATS: two exams of one alliance a term apart, the
 * same students by student number; the figures are checked against an independent computation in SQL
 * (PostgreSQL's own regr_slope / regr_intercept and the moment estimator written out), plus who may see what.
 */
const district = randomUUID();
const alliance = randomUUID();
const A = { id: randomUUID(), name: '东湖实验学校', code: '3301000021', member: true };
const B = { id: randomUUID(), name: '西山镇中学', code: '3301000022', member: true };
const C = { id: randomUUID(), name: '南岭村小学', code: '3301000023', member: true };
const allianceAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const teacherB = [{ role: 'teacher' as const, districtId: district, schoolId: B.id }];
const foreignAdmin = [{ role: 'district_admin' as const, districtId: randomUUID() }];

/*
 * Eight classes of 30 in two schools whose true gains run from +4 to −4 points, and a village class of 8
 * (南岭村小学) with a mean gain of +6, the highest raw figure but within chance: every student's gain is
 * the class's plus or minus 12 points alternately, so all classes have the same spread and only the
 * class sizes differ.
 */
const CLASSES = [
  ...[4, 3, 2, 0].map((gain, i) => ({ school: A, className: `七(${i + 1})班`, n: 30, gain })),
  ...[0, -2, -3, -4].map((gain, i) => ({ school: B, className: `七(${i + 1})班`, n: 30, gain })),
  { school: C, className: '七(1)班', n: 8, gain: 6 },
];
const students = CLASSES.flatMap((c, ci) => Array.from({ length: c.n }, (_, i) => {
  const prior = 30 + ((i * 37 + ci * 11) % 41);
  return { no: `S${ci}${String(i).padStart(2, '0')}`, name: `学生${ci}-${i}`, school: c.school, className: c.className, prior, current: prior + c.gain + (i % 2 ? -12 : 12) };
}));

const sheet = (which: 'prior' | 'current', extra: string[] = []): string => [
  '学号,姓名,学校,班级,数学,语文',
  ...students.map((s) => `${s.no},${s.name},${s.school.name},${s.className},${s[which]},80`),
  ...extra,
].join('\n');

let h: Harness;
let priorId: string;
let currentId: string;
const growth = (assignments: RoleAssignment[], query: Record<string, unknown>) =>
  h.as(assignments)<GrowthView>(AssessmentSubjects.growthGet, { examId: currentId, priorExamId: priorId, subject: '数学', ...query });

async function examWithScores(term: string, name: string, csv: string): Promise<string> {
  const exam = await h.as(allianceAdmin)<ExamView>(AssessmentSubjects.examCreate, {
    allianceId: alliance, term, grade: '七年级', name,
    subjects: [{ name: '数学', fullMarks: 100 }, { name: '语文', fullMarks: 100 }], schools: [{ schoolId: A.id }, { schoolId: B.id }, { schoolId: C.id }],
  });
  await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id: exam.id, body: { action: 'open' } });
  const file = await h.upload('scores.csv', `\uFEFF${csv}\n`);
  const report = await h.as(allianceAdmin)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId: exam.id, mode: 'all', file });
  expect(report.skippedRows).toBe(0);
  return exam.id;
}

beforeAll(async () => {
  h = await startHarness('assessment_growth_it');
  await h.announce(allianceEvents(district, alliance, [A, B, C]));
  // the prior exam has one student who left (P999) and one absent; the current one a newcomer (N001)
  priorId = await examWithScores('2025-2026-2', '期末统一检测', sheet('prior', [`P999,转出生,${A.name},七(1)班,60,70`]).replace(/^S000,(.*),\d+,80$/m, 'S000,$1,缺考,80'));
  currentId = await examWithScores('2026-2027-1', '期中统一检测', sheet('current', [`N001,插班生,${B.name},七(1)班,75,70`]));
}, 90_000);

afterAll(async () => {
  await h?.close();
});

/** The same figures computed independently in SQL from the stored scores. */
async function independently(): Promise<{ slope: number; intercept: number; classes: Map<string, { n: number; raw: number; shrunk: number }> }> {
  const { rows } = await h.db.query(`
    WITH scale AS (
      SELECT exam_id, avg(score)::float8 AS m, stddev_pop(score)::float8 AS sd FROM score WHERE subject = '数学' AND score IS NOT NULL GROUP BY exam_id
    ), t AS (
      SELECT c.school_id, c.class_name, 50 + 10 * (p.score - ps.m) / ps.sd AS x, 50 + 10 * (c.score - cs.m) / cs.sd AS y
        FROM score c JOIN scale cs ON cs.exam_id = c.exam_id
        JOIN score p ON p.exam_id = $2 AND p.student_no = c.student_no AND p.subject = '数学' AND p.score IS NOT NULL
        JOIN scale ps ON ps.exam_id = p.exam_id
       WHERE c.exam_id = $1 AND c.subject = '数学' AND c.score IS NOT NULL
    ), fit AS (SELECT regr_slope(y, x) AS b, regr_intercept(y, x) AS a FROM t),
    r AS (SELECT t.school_id, t.class_name, t.y - (fit.a + fit.b * t.x) AS e FROM t, fit),
    g AS (SELECT school_id, class_name, count(*)::float8 AS n, avg(e) AS mean FROM r GROUP BY 1, 2),
    totals AS (
      SELECT (SELECT count(*) FROM r)::float8 AS big_n, (SELECT count(*) FROM g)::float8 AS j,
             (SELECT sum((r.e - g.mean) ^ 2) FROM r JOIN g USING (school_id, class_name)) AS ssw,
             (SELECT sum(g.n * (g.mean - (SELECT avg(e) FROM r)) ^ 2) FROM g) AS ssb,
             (SELECT sum(g.n ^ 2) FROM g) AS sum_n2
    ), model AS (
      SELECT ssw / (big_n - j) AS sigma2, greatest(0, (ssb / (j - 1) - ssw / (big_n - j)) / ((big_n - sum_n2 / big_n) / (j - 1))) AS tau2 FROM totals
    )
    SELECT g.school_id, g.class_name, g.n::int AS n, g.mean AS raw, g.mean * model.tau2 / (model.tau2 + model.sigma2 / g.n) AS shrunk, fit.a, fit.b
      FROM g, model, fit`, [currentId, priorId]);
  const classes = new Map(rows.map((r: { school_id: string; class_name: string; n: number; raw: number; shrunk: number }) =>
    [`${r.school_id}/${r.class_name}`, { n: r.n, raw: r.raw, shrunk: r.shrunk }]));
  return { slope: rows[0].b as number, intercept: rows[0].a as number, classes };
}

describe('growth and value-added', () => {
  it('links students by number, fits the regression and matches an independent computation in SQL', async () => {
    const view = await growth(allianceAdmin, {});
    // 248 students sat 数学 now and a newcomer; 247 of them have a prior score (S000 was absent, N001 is new)
    expect(view).toMatchObject({ currentStudents: 249, linkedStudents: 247, subject: '数学', limitedToSchools: false });
    const sql = await independently();
    expect(view.regression.slope).toBeCloseTo(sql.slope, 4);
    expect(view.regression.intercept).toBeCloseTo(sql.intercept, 3);
    expect(view.classes).toHaveLength(9);
    for (const c of view.classes) {
      const expected = sql.classes.get(`${c.schoolId}/${c.className}`)!;
      expect(c.n).toBe(expected.n);
      expect(c.rawValueAdded).toBeCloseTo(expected.raw, 2);
      expect(c.valueAdded).toBeCloseTo(expected.shrunk, 2);
      expect(c.low).toBeLessThanOrEqual(c.valueAdded);
      expect(c.high).toBeGreaterThanOrEqual(c.valueAdded);
    }
  });

  it('shows raw and shrunk figures with n side by side, and keeps the noisy class of 8 from topping the list', async () => {
    const view = await growth(allianceAdmin, {});
    const small = view.classes.find((c) => c.schoolId === C.id)!;
    const byRaw = [...view.classes].sort((a, b) => b.rawValueAdded - a.rawValueAdded);
    expect(byRaw[0]!.schoolId).toBe(C.id);
    expect(small.n).toBe(8);
    expect(small.rank).toBeGreaterThan(1);
    expect(view.classes[0]).toMatchObject({ schoolId: A.id, className: '七(1)班', rank: 1 });
    expect(small.weight).toBeLessThan(view.classes[0]!.weight);
    expect(Math.abs(small.valueAdded)).toBeLessThan(Math.abs(small.rawValueAdded));
    expect(view.classes.map((c) => c.rank)).toEqual([...view.classes.map((c) => c.rank)].sort((a, b) => a - b));
    expect(view.schools.map((s) => s.schoolName).sort()).toEqual([A.name, B.name, C.name].sort());
    // growth on the T scale: the linked students' mean T moved as the school's students did
    const schoolA = view.schools.find((s) => s.schoolId === A.id)!;
    expect(schoolA.growth).toBeCloseTo(schoolA.currentMean - schoolA.priorMean, 1);
    expect(schoolA.n).toBe(119);
  });

  it('names the wrong field and answers 404 for exams the caller may not see', async () => {
    await expect(growth(allianceAdmin, { subject: '英语' })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'subject' })] });
    await expect(growth(allianceAdmin, { priorExamId: currentId })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'priorExamId' })] });
    await expect(growth(allianceAdmin, { priorExamId: 'not-a-uuid' })).rejects.toMatchObject({ kind: 'validation-failed' });
    await expect(growth(allianceAdmin, { priorExamId: randomUUID() })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(growth(foreignAdmin, {})).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('keeps it from school staff until both exams are published, then shows their own school with the alliance ranks', async () => {
    await expect(growth(teacherB, {})).rejects.toMatchObject({ kind: 'forbidden' });
    const before = await growth(allianceAdmin, {});
    for (const id of [priorId, currentId]) await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id, body: { action: 'publish' } });
    const view = await growth(teacherB, {});
    expect(view.limitedToSchools).toBe(true);
    expect(view.schools.map((s) => s.schoolId)).toEqual([B.id]);
    expect(view.classes.every((c) => c.schoolId === B.id)).toBe(true);
    // the fit and the ranks are the alliance's, whoever asks
    expect(view.regression).toEqual(before.regression);
    expect(view.schools[0]).toEqual(before.schools.find((s) => s.schoolId === B.id));
  });

  it('exports schools and classes with raw and shrunk figures and n', async () => {
    const file = await h.as(allianceAdmin)<{ key: string; filename: string }>(AssessmentSubjects.growthExport, { examId: currentId, priorExamId: priorId, subject: '数学' });
    expect(file.filename).toContain('增值评价');
    const stored = await h.files.get(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const classes = workbook.getWorksheet('班级增值')!.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(classes[4]).toEqual(['学校', '班级', '人数 n', '前测平均 T', '本次平均 T', '增长', '原始增值', '原始 95% 下限', '原始 95% 上限', '收缩系数 λ', '收缩后增值', '95% 下限', '95% 上限', '名次']);
    expect(classes.filter((r) => r[0] === C.name)).toEqual([[C.name, '七(1)班', 8, expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number),
      expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)]]);
    expect(workbook.getWorksheet('学校增值')!.rowCount).toBe(4 + 3);
    expect(classes.filter((r) => r.length === 14)).toHaveLength(1 + 9);
  });

  it('follows one school over its exams: mean T per exam and value-added against the exam before', async () => {
    const trend = await h.as(allianceAdmin)<SchoolGrowthTrendView>(AssessmentSubjects.growthSchoolTrend, { schoolId: C.id, subject: '数学' });
    expect(trend).toMatchObject({ schoolId: C.id, schoolName: C.name, subject: '数学' });
    expect(trend.points.map((p) => [p.examId, p.term, p.n, p.priorExamId])).toEqual([[priorId, '2025-2026-2', 8, null], [currentId, '2026-2027-1', 8, priorId]]);
    expect(trend.points[0]).toMatchObject({ linked: null, valueAdded: null, low: null, high: null });
    const growthView = await growth(allianceAdmin, {});
    const school = growthView.schools.find((s) => s.schoolId === C.id)!;
    expect(trend.points[1]).toMatchObject({ linked: 8, valueAdded: school.valueAdded, low: school.low, high: school.high, meanT: school.currentMean });
  });

  it('answers the trend of another school 404 to school staff and to another district, and a school\'s own to its staff', async () => {
    await expect(h.as(teacherB)(AssessmentSubjects.growthSchoolTrend, { schoolId: C.id, subject: '数学' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.growthSchoolTrend, { schoolId: C.id, subject: '数学' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(allianceAdmin)(AssessmentSubjects.growthSchoolTrend, { schoolId: randomUUID(), subject: '数学' })).rejects.toMatchObject({ kind: 'not-found' });
    const own = await h.as(teacherB)<SchoolGrowthTrendView>(AssessmentSubjects.growthSchoolTrend, { schoolId: B.id, subject: '数学' });
    expect(own.points).toHaveLength(2);
  });
});
