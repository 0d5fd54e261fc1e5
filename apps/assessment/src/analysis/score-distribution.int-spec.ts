import { AssessmentSubjects, type ExamView, type RoleAssignment, type ScoreDistributionView, type ScoreImportReportView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';

/*
 * The 一分一段表 against real PostgreSQL and NATS: exact counts and running counts for known scores with
 * half points, bands of several widths, a total over complete students only, and who may see which.
 */
const district = randomUUID();
const alliance = randomUUID();
const A = { id: randomUUID(), name: '东湖实验学校', code: '3301000011', member: true };
const B = { id: randomUUID(), name: '西山镇中学', code: '3301000012', member: true };
const C = { id: randomUUID(), name: '南岭村小学', code: '3301000013', member: true };

const allianceAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const teacherB = [{ role: 'teacher' as const, districtId: district, schoolId: B.id }];
const schoolAdminC = [{ role: 'school_admin' as const, districtId: district, schoolId: C.id }];
const foreignAdmin = [{ role: 'district_admin' as const, districtId: randomUUID() }];

// 数学 (100): 90 90 85.5 85 84.5 60 30; 语文 (120): A003 sat none, so the total counts six students
const SHEET = [
  '学号,姓名,学校,班级,数学,语文',
  `A001,张一,${A.name},七(1)班,90,100.5`,
  `A002,张二,${A.name},七(1)班,85.5,90`,
  `A003,张三,${A.name},七(1)班,85,`,
  `A004,张四,${A.name},七(2)班,60,80`,
  `B001,李一,${B.name},七(1)班,90,110`,
  `B002,李二,${B.name},七(1)班,84.5,60`,
  `B003,李三,${B.name},七(1)班,30,40`,
].join('\n');

let h: Harness;
let examId: string;
const distribution = (assignments: RoleAssignment[], query: Record<string, unknown>) =>
  h.as(assignments)<ScoreDistributionView>(AssessmentSubjects.scoreDistribution, { examId, ...query });
const table = (view: ScoreDistributionView) => view.rows.map((r) => [r.low, r.high, r.count, r.cumulative, r.cumulativeRate]);

beforeAll(async () => {
  h = await startHarness('assessment_distribution_it');
  await h.announce(allianceEvents(district, alliance, [A, B, C]));
  const exam = await h.as(allianceAdmin)<ExamView>(AssessmentSubjects.examCreate, {
    allianceId: alliance, term: '2026-2027-1', grade: '七年级', name: '期末统一检测',
    subjects: [{ name: '数学', fullMarks: 100 }, { name: '语文', fullMarks: 120 }], schools: [{ schoolId: A.id }, { schoolId: B.id }],
  });
  examId = exam.id;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('score distribution (一分一段)', () => {
  it('answers an empty table before any score exists', async () => {
    const view = await distribution(allianceAdmin, { subject: '数学' });
    expect(view).toMatchObject({ subject: '数学', fullMarks: 100, step: 1, schoolId: null, students: 0, rows: [], limitedToSchools: false });
    expect(view.schools.map((s) => s.schoolName).sort()).toEqual([A.name, B.name].sort());
  });

  it('counts each band and the students at or above it, half points in the band below the next point', async () => {
    await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'open' } });
    const file = await h.upload('scores.csv', `\uFEFF${SHEET}\n`);
    expect(await h.as(allianceAdmin)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode: 'all', file })).toMatchObject({ inserted: 13 });
    const view = await distribution(allianceAdmin, { subject: '数学' });
    expect(view.students).toBe(7);
    expect(table(view)).toEqual([
      [90, 91, 2, 2, 0.2857],
      [85, 86, 2, 4, 0.5714],
      [84, 85, 1, 5, 0.7143],
      [60, 61, 1, 6, 0.8571],
      [30, 31, 1, 7, 1],
    ]);
    expect(view.rows.every((r) => r.allianceCumulative === null)).toBe(true);
  });

  it.each([
    [5, [[90, 95, 2, 2], [85, 90, 2, 4], [80, 85, 1, 5], [60, 65, 1, 6], [30, 35, 1, 7]]],
    [10, [[90, 100, 2, 2], [80, 90, 3, 5], [60, 70, 1, 6], [30, 40, 1, 7]]],
  ])('makes bands of %i points as [low, low + step)', async (step, expected) => {
    const view = await distribution(allianceAdmin, { subject: '数学', step });
    expect(view.rows.map((r) => [r.low, r.high, r.count, r.cumulative])).toEqual(expected);
  });

  it('sums the total only over students with a score in every subject', async () => {
    const view = await distribution(allianceAdmin, { subject: 'total', step: 10 });
    // A001 190.5, A002 175.5, A004 140, B001 200, B002 144.5, B003 70; A003 has no 语文
    expect(view).toMatchObject({ subject: 'total', fullMarks: 220, students: 6 });
    expect(table(view)).toEqual([
      [200, 210, 1, 1, 0.1667],
      [190, 200, 1, 2, 0.3333],
      [170, 180, 1, 3, 0.5],
      [140, 150, 2, 5, 0.8333],
      [70, 80, 1, 6, 1],
    ]);
  });

  it('counts one school and keeps each band\'s alliance rank beside it', async () => {
    const view = await distribution(allianceAdmin, { subject: '数学', schoolId: A.id });
    expect(view).toMatchObject({ schoolId: A.id, students: 4 });
    expect(view.rows.map((r) => [r.low, r.count, r.cumulative, r.cumulativeRate, r.allianceCumulative])).toEqual([
      [90, 1, 1, 0.25, 2],
      [85, 2, 3, 0.75, 4],
      [60, 1, 4, 1, 6],
    ]);
  });

  it('names the field of a bad subject or step and reads nothing', async () => {
    await expect(distribution(allianceAdmin, { subject: '英语' })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'subject' })] });
    await expect(distribution(allianceAdmin, { subject: '数学', step: 3 })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'step' })] });
  });

  it('keeps it from school staff until published, then lets them count the alliance or their own school only', async () => {
    await expect(distribution(teacherB, { subject: '数学' })).rejects.toMatchObject({ kind: 'forbidden' });
    await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'publish' } });
    const alliance = await distribution(teacherB, { subject: '数学' });
    expect(alliance).toMatchObject({ students: 7, limitedToSchools: true, schools: [{ schoolId: B.id, schoolName: B.name }] });
    const own = await distribution(teacherB, { subject: '数学', schoolId: B.id });
    expect(own.rows.map((r) => [r.low, r.count, r.cumulative, r.allianceCumulative])).toEqual([[90, 1, 1, 2], [84, 1, 2, 5], [30, 1, 3, 7]]);
    await expect(distribution(teacherB, { subject: '数学', schoolId: A.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('answers 404 to another district and to a school that does not sit the exam', async () => {
    await expect(distribution(foreignAdmin, { subject: '数学' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(distribution(schoolAdminC, { subject: '数学' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(distribution(allianceAdmin, { subject: '数学', schoolId: C.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('writes a 一分一段 sheet with each subject and the total into the analysis export', async () => {
    const file = await h.as(allianceAdmin)<{ key: string }>(AssessmentSubjects.analysisExport, { id: examId });
    const stored = await h.files.get(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const values = workbook.getWorksheet('一分一段')!.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values).toEqual(expect.arrayContaining([
      ['数学（满分 100，7 人）'], ['分数', '人数', '累计人数', '累计百分比'], [85, 2, 4, '57.14%'],
      ['总分（各科均有成绩的学生）（满分 220，6 人）'], [200, 1, 1, '16.67%'],
    ]));
  });
});
