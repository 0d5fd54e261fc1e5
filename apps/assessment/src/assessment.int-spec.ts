import { AssessmentSubjects, type ExamAnalysisView, type ExamView, type Page, type ScoreImportReportView, type StudentScoresView } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from './test-support/harness.js';

/*
 * The assessment service against real PostgreSQL and NATS: an exam's life, score imports (row errors,
 * modes, idempotence, a school admin's limits), corrections with audit, and analysis figures that match
 * a hand calculation.
 */
const district = randomUUID();
const otherDistrict = randomUUID();
const alliance = randomUUID();
const A = { id: randomUUID(), name: '东湖实验学校', code: '3301000001', member: true };
const B = { id: randomUUID(), name: '西山镇中学', code: '3301000002', member: true };
const C = { id: randomUUID(), name: '南岭村小学', code: '3301000003', member: true };
const D = { id: randomUUID(), name: '北港学校', code: '3301000004', member: false };

const districtAdmin = [{ role: 'district_admin' as const, districtId: district }];
const allianceAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const schoolAdminA = [{ role: 'school_admin' as const, districtId: district, schoolId: A.id }];
const teacherB = [{ role: 'teacher' as const, districtId: district, schoolId: B.id }];
const schoolAdminC = [{ role: 'school_admin' as const, districtId: district, schoolId: C.id }];
const foreignAdmin = [{ role: 'district_admin' as const, districtId: otherDistrict }];

let h: Harness;
let examId: string;

const HEADER = '学号,姓名,学校,班级,数学,语文';
// 数学 is the hand-checked subject: A = 90 80 70 | 60 50, B = 100 30 40
const GOOD_ROWS = [
  `A001,张一,${A.name},七(1)班,90,100`,
  `A002,张二,${A.name},七(1)班,80,90`,
  `A003,张三,${A.name},七(1)班,70,`,
  `A004,张四,${A.name},七(2)班,60,80`,
  `A005,张五,${A.name},七(2)班,50,70`,
  `B001,李一,${B.code},七(1)班,100,110`,
  `B002,李二,${B.code},七(1)班,30,40`,
  `B003,李三,${B.code},七(1)班,40,60`,
];
const csv = (rows: string[]): string => `\uFEFF${[HEADER, ...rows].join('\n')}\n`;

async function importCsv(assignments: typeof allianceAdmin | typeof schoolAdminA, rows: string[], mode: 'all' | 'valid-only' = 'all') {
  const file = await h.upload('scores.csv', csv(rows));
  return h.as(assignments)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode, file });
}

const scoreCount = async (): Promise<number> => Number((await h.db.query('SELECT count(*) FROM score WHERE exam_id = $1', [examId])).rows[0].count);

beforeAll(async () => {
  h = await startHarness('assessment_exams_it');
  await h.announce(allianceEvents(district, alliance, [A, B, C, D]));
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('unified exams', () => {
  it('lets the alliance admin create a draft exam with default lines of 60% / 85% / 40%', async () => {
    const exam = await h.as(allianceAdmin)<ExamView>(AssessmentSubjects.examCreate, {
      allianceId: alliance, term: '2026-2027-1', grade: '七年级', name: '期中统一检测',
      subjects: [{ name: '数学', fullMarks: 100 }, { name: '语文', fullMarks: 120, passLine: 70 }],
      schools: [{ schoolId: A.id, classes: ['七(1)班', '七(2)班'] }, { schoolId: B.id }],
    });
    examId = exam.id;
    expect(exam).toMatchObject({ status: 'draft', districtId: district, allianceName: '测试教联体', canManage: true, studentCount: 0 });
    expect(exam.subjects).toEqual([
      { name: '数学', fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 },
      { name: '语文', fullMarks: 120, passLine: 70, excellentLine: 102, lowLine: 48 },
    ]);
    expect(exam.schools.map((s) => s.schoolName)).toEqual(expect.arrayContaining([A.name, B.name]));
    const audit = await h.db.query("SELECT action FROM audit_log WHERE entity_id = $1", [exam.id]);
    expect(audit.rows).toEqual([{ action: 'exam.created' }]);
    const outbox = await h.db.query("SELECT subject FROM outbox_event WHERE envelope->'data'->>'examId' = $1", [exam.id]);
    expect(outbox.rows).toEqual([{ subject: 'evt.assessment.exam.created.v1' }]);
  });

  it('refuses a school that is not an active member of the alliance and writes nothing', async () => {
    const before = Number((await h.db.query('SELECT count(*) FROM exam')).rows[0].count);
    await expect(h.as(allianceAdmin)(AssessmentSubjects.examCreate, {
      allianceId: alliance, term: '2026-2027-1', grade: '七年级', name: '月考', subjects: [{ name: '数学', fullMarks: 100 }], schools: [{ schoolId: D.id }],
    })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'schools.0.schoolId' })] });
    expect(Number((await h.db.query('SELECT count(*) FROM exam')).rows[0].count)).toBe(before);
  });

  it.each([
    ['a term whose years do not follow', { term: '2026-2028-1' }, 'term'],
    ['lines out of order', { subjects: [{ name: '数学', fullMarks: 100, passLine: 90, excellentLine: 80 }] }, 'subjects.0.passLine'],
    ['a subject named like a fixed column', { subjects: [{ name: '姓名', fullMarks: 100 }] }, 'subjects.0.name'],
  ])('answers validation-failed for %s', async (_, change, field) => {
    await expect(h.as(allianceAdmin)(AssessmentSubjects.examCreate, {
      allianceId: alliance, term: '2026-2027-1', grade: '七年级', name: '月考', subjects: [{ name: '数学', fullMarks: 100 }], schools: [{ schoolId: A.id }], ...change,
    })).rejects.toMatchObject({ kind: 'validation-failed', errors: expect.arrayContaining([expect.objectContaining({ field })]) });
  });

  it('hides a draft from school staff and every exam from another district (404)', async () => {
    await expect(h.as(schoolAdminA)(AssessmentSubjects.examGet, { id: examId })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(foreignAdmin)(AssessmentSubjects.examGet, { id: examId })).rejects.toMatchObject({ kind: 'not-found' });
    const page = await h.as(foreignAdmin)<Page<ExamView>>(AssessmentSubjects.examList, {});
    expect(page.total).toBe(0);
  });

  it('refuses scores before the exam is open, and a school admin moving the exam on (403)', async () => {
    await expect(importCsv(allianceAdmin, GOOD_ROWS)).rejects.toMatchObject({ kind: 'conflict' });
    await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'open' } });
    await expect(h.as(schoolAdminA)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'publish' } })).rejects.toMatchObject({ kind: 'forbidden' });
    const seen = await h.as(schoolAdminA)<ExamView>(AssessmentSubjects.examGet, { id: examId });
    expect(seen).toMatchObject({ status: 'open', canManage: false, canEnterScores: true });
    await expect(h.as(schoolAdminC)(AssessmentSubjects.examGet, { id: examId })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('score import', () => {
  it('reports every bad row with row, column and reason and imports nothing in mode all', async () => {
    const rows = [
      ...GOOD_ROWS.slice(0, 2),
      'X001,王一,不存在的学校,七(1)班,80,90',
      `X002,王二,${C.name},七(1)班,80,90`,
      `X003,王三,${A.name},七(1)班,八十,90`,
      `X004,王四,${A.name},七(1)班,101,90`,
      `A001,张一,${A.name},七(1)班,88,90`,
      `X005,,${A.name},七(1)班,88,90`,
      `X006,王六,${A.name},七(9)班,88,90`,
    ];
    const failure = await importCsv(allianceAdmin, rows).then(() => undefined, (e: unknown) => e);
    expect(failure).toMatchObject({
      kind: 'validation-failed', code: 'import.rows-rejected', params: { badRows: 7, rows: 9 }, detail: '7 of 9 rows have errors; nothing was imported',
    });
    expect((failure as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ row: 4, field: '学校', message: 'unknown school 不存在的学校' }),
      expect.objectContaining({ row: 5, field: '学校', message: `${C.name} does not take part in this exam` }),
      expect.objectContaining({ row: 6, field: '数学', message: 'the score 八十 is not a number (up to 2 decimals)' }),
      expect.objectContaining({ row: 7, field: '数学', message: 'the score 101 is over the full marks of 100' }),
      expect.objectContaining({ row: 8, field: '学号', message: 'duplicate student number: also in row 2' }),
      expect.objectContaining({ row: 9, field: '姓名', message: 'the name is missing' }),
      expect.objectContaining({ row: 10, field: '班级', message: 'the class 七(9)班 does not take part in this exam' }),
    ]);
    expect(await scoreCount()).toBe(0);
  });

  it('imports only the good rows in mode valid-only and says which were skipped', async () => {
    const report = await importCsv(allianceAdmin, [GOOD_ROWS[0] as string, `X003,王三,${A.name},七(1)班,八十,90`], 'valid-only');
    expect(report).toMatchObject({ rows: 2, acceptedRows: 1, skippedRows: 1, inserted: 2, updated: 0, unchanged: 0 });
    expect(report.errors).toEqual([expect.objectContaining({ row: 3, field: '数学' })]);
    expect(await scoreCount()).toBe(2);
  });

  it('keeps the first row of a repeated student number in mode valid-only and reports each later one', async () => {
    const rows = [`D001,赵一,${A.name},七(1)班,61,71`, `D002,赵二,${A.name},七(1)班,62,72`, `D001,赵一,${A.name},七(1)班,99,99`, `D001,赵一,${A.name},七(1)班,98,98`];
    const report = await importCsv(allianceAdmin, rows, 'valid-only');
    expect(report).toMatchObject({ rows: 4, acceptedRows: 2, skippedRows: 2, inserted: 4 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 4, field: '学号', message: 'duplicate student number: also in row 2' }),
      expect.objectContaining({ row: 5, field: '学号', message: 'duplicate student number: also in row 2' }),
    ]);
    const stored = await h.db.query("SELECT subject, score FROM score WHERE exam_id = $1 AND student_no = 'D001' ORDER BY subject", [examId]);
    expect(stored.rows.map((r: { score: string }) => Number(r.score)).sort()).toEqual([61, 71]);
    await h.db.query("DELETE FROM score WHERE exam_id = $1 AND student_no IN ('D001', 'D002')", [examId]);
  });

  it('upserts by exam + student + subject: a full import inserts the rest, the same file again changes nothing', async () => {
    const first = await importCsv(allianceAdmin, GOOD_ROWS);
    // A001's two scores are stored already; A003 sat no 语文
    expect(first).toMatchObject({ rows: 8, skippedRows: 0, inserted: 13, updated: 0, unchanged: 2, errors: [] });
    const again = await importCsv(allianceAdmin, GOOD_ROWS);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 15 });
    expect(await scoreCount()).toBe(15);
    const audit = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'scores.imported'", [examId]);
    expect(audit.rows[0].n).toBe(4);
  });

  it('treats rows of another school as row errors for a school admin, and lets them re-import their own', async () => {
    const failure = await importCsv(schoolAdminA, [GOOD_ROWS[0] as string, GOOD_ROWS[5] as string]).then(() => undefined, (e: unknown) => e);
    expect((failure as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ row: 3, field: '学校', message: `you may only import scores of your own school, not ${B.code}` }),
    ]);
    const changed = await importCsv(schoolAdminA, [`A001,张一,${A.name},七(1)班,90,101`]);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    await importCsv(schoolAdminA, [GOOD_ROWS[0] as string]);
  });

  it('shows school staff only their own school\'s students', async () => {
    const teacher = await h.as(teacherB)<Page<StudentScoresView>>(AssessmentSubjects.scoreList, { examId });
    expect(teacher.total).toBe(3);
    expect(teacher.items.every((s) => s.schoolId === B.id)).toBe(true);
    const admin = await h.as(allianceAdmin)<Page<StudentScoresView>>(AssessmentSubjects.scoreList, { examId, q: '张', pageSize: 2 });
    expect(admin).toMatchObject({ total: 5, pageSize: 2 });
    expect(admin.items[0]).toMatchObject({ studentNo: 'A001', studentName: '张一', className: '七(1)班', scores: { 数学: 90, 语文: 100 }, schoolName: A.name });
  });
});

describe('score correction', () => {
  it('changes one score with a reason and keeps before and after in the audit', async () => {
    const corrected = await h.as(allianceAdmin)<StudentScoresView>(AssessmentSubjects.scoreCorrect, {
      examId, body: { studentNo: 'A005', subject: '语文', score: 72, reason: '复核漏加2分' },
    });
    expect(corrected.scores['语文']).toBe(72);
    const audit = await h.db.query("SELECT before, after FROM audit_log WHERE action = 'score.corrected'");
    expect(audit.rows).toEqual([{ before: { examId, studentNo: 'A005', subject: '语文', score: 70 }, after: { examId, studentNo: 'A005', subject: '语文', score: 72, reason: '复核漏加2分' } }]);
    // restore the hand-checked value through the same path
    await h.as(allianceAdmin)(AssessmentSubjects.scoreCorrect, { examId, body: { studentNo: 'A005', subject: '语文', score: 70, reason: '撤回' } });
  });

  it('hides another school\'s student from a school admin (404) and refuses a teacher (403)', async () => {
    await expect(h.as(schoolAdminA)(AssessmentSubjects.scoreCorrect, { examId, body: { studentNo: 'B001', subject: '数学', score: 1, reason: 'x' } }))
      .rejects.toMatchObject({ kind: 'not-found' });
    await expect(h.as(teacherB)(AssessmentSubjects.scoreCorrect, { examId, body: { studentNo: 'B001', subject: '数学', score: 1, reason: 'x' } }))
      .rejects.toMatchObject({ kind: 'forbidden' });
    const b001 = await h.db.query("SELECT score FROM score WHERE exam_id = $1 AND student_no = 'B001' AND subject = '数学'", [examId]);
    expect(Number(b001.rows[0].score)).toBe(100);
  });

  it('requires a reason', async () => {
    await expect(h.as(allianceAdmin)(AssessmentSubjects.scoreCorrect, { examId, body: { studentNo: 'A001', subject: '数学', score: 91, reason: '' } }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'body.reason' })] });
  });
});

describe('quality analysis', () => {
  const math = (view: ExamAnalysisView) => view.subjects.find((s) => s.subject === '数学')!;

  it('matches the hand calculation for the alliance, each school and each class', async () => {
    const view = await h.as(allianceAdmin)<ExamAnalysisView>(AssessmentSubjects.analysisGet, { id: examId });
    const m = math(view);
    // all eight: 90 80 70 60 50 100 30 40
    expect(m.alliance).toEqual({ count: 8, mean: 65, stddev: 22.91, median: 65, max: 100, min: 30, passRate: 0.625, excellentRate: 0.25, lowRate: 0.125 });
    expect(m.schools).toEqual([
      { schoolId: A.id, schoolName: A.name, count: 5, mean: 70, stddev: 14.14, median: 70, max: 90, min: 50, passRate: 0.8, excellentRate: 0.2, lowRate: 0, rank: 1, aboveMeanRatio: 0.0769 },
      { schoolId: B.id, schoolName: B.name, count: 3, mean: 56.67, stddev: 30.91, median: 40, max: 100, min: 30, passRate: 0.3333, excellentRate: 0.3333, lowRate: 0.3333, rank: 2, aboveMeanRatio: -0.1282 },
    ]);
    expect(m.classes.map((c) => [c.schoolName, c.className, c.mean, c.rank, c.rankInSchool])).toEqual([
      [A.name, '七(1)班', 80, 1, 1],
      [B.name, '七(1)班', 56.67, 2, 1],
      [A.name, '七(2)班', 55, 3, 2],
    ]);
    expect(m.bands).toHaveLength(10);
    expect(m.bands[9]).toEqual({ label: '90-100', lower: 90, upper: 100, count: 2, bySchool: { [A.id]: 1, [B.id]: 1 } });
    expect(m.bands.map((b) => b.count)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 2]);
    expect(view.limitedToSchools).toBe(false);
  });

  it('keeps the analysis from schools until it is published, then shows them their own school and the alliance', async () => {
    await expect(h.as(teacherB)(AssessmentSubjects.analysisGet, { id: examId })).rejects.toMatchObject({ kind: 'forbidden' });
    await h.as(districtAdmin)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'publish' } });
    const view = await h.as(teacherB)<ExamAnalysisView>(AssessmentSubjects.analysisGet, { id: examId });
    const m = math(view);
    expect(view.limitedToSchools).toBe(true);
    expect(m.alliance?.mean).toBe(65);
    expect(m.schools.map((s) => [s.schoolId, s.rank])).toEqual([[B.id, 2]]);
    expect(m.classes.every((c) => c.schoolId === B.id)).toBe(true);
    expect(Object.keys(m.bands[9]!.bySchool)).toEqual([B.id]);
  });

  it('refuses corrections once published and exports the analysis as a workbook in the file store', async () => {
    await expect(h.as(allianceAdmin)(AssessmentSubjects.scoreCorrect, { examId, body: { studentNo: 'A001', subject: '数学', score: 91, reason: '晚了' } }))
      .rejects.toMatchObject({ kind: 'conflict' });
    const file = await h.as(allianceAdmin)<{ key: string; filename: string; size: number }>(AssessmentSubjects.analysisExport, { id: examId });
    expect(file.filename).toBe('2026-2027-1-七年级-期中统一检测-质量分析.xlsx');
    const stored = await h.files.get(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('数学')!;
    const values = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values).toEqual(expect.arrayContaining([[A.name, 5, 70, 14.14, 70, 90, 50, '80.00%', '20.00%', '0.00%', '7.69%', 1]]));
  });
});
