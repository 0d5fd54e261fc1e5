import {
  AssessmentSubjects, type ExamAnalysisView, type ExamView, type FieldError, type Page, type RoleAssignment, type ScoreDistributionView, type ScoreImportReportView,
  type ScoreStatsView, type StudentScoresView,
} from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';

/*
 * Score imports of the sheets schools really have, against real PostgreSQL and NATS: absent (缺考) and
 * exempt (免考) marks stored as a status and left out of the analysis (checked against a computation in
 * plain JavaScript over the same rows), full-width numbers, what an empty cell means on a re-import,
 * conflicting student numbers within the sheet and against the stored ones, and dry runs that write
 * nothing at all.
 */
const district = randomUUID();
const alliance = randomUUID();
const A = { id: randomUUID(), name: '东湖实验学校', code: '3301000021', member: true };
const B = { id: randomUUID(), name: '西山镇中学', code: '3301000022', member: true };

const allianceAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const schoolAdminB = [{ role: 'school_admin' as const, districtId: district, schoolId: B.id }];

const SUBJECTS = [{ name: '数学', fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 }, { name: '语文', fullMarks: 120, passLine: 72, excellentLine: 102, lowLine: 48 }];
const HEADER = ['学号', '姓名', '学校', '班级', '数学', '语文'];
// full-width digits and point as a Chinese input method types them; marks in both spellings
const ROWS = [
  ['A001', '张一', A.name, '七(1)班', '90', '缺考'],
  ['A002', '张二', A.name, '七(1)班', '８５', '100'],
  ['A003', '张三', A.name, '七(2)班', '缺', '免考'],
  ['A004', '张四', A.name, '七(2)班', '60', '９０．５'],
  ['A005', '张五', A.name, '七(2)班', '45', '80'],
  ['B001', '李一', B.code, '七(1)班', '免考', '110'],
  ['B002', '李二', B.code, '七(1)班', '30', 'absent'],
  ['B003', '李三', B.code, '七(1)班', '72.5', '60'],
];
const csv = (rows: string[][]): string => `\uFEFF${[HEADER, ...rows].map((r) => r.join(',')).join('\n')}\n`;

let h: Harness;
let examId: string;

async function importRows(rows: string[][], options: { mode?: 'all' | 'valid-only'; empty?: 'keep' | 'clear' | 'absent'; dryRun?: boolean } = {}, assignments: RoleAssignment[] = allianceAdmin) {
  const file = await h.upload('scores.csv', csv(rows));
  return h.as(assignments)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode: options.mode ?? 'all', empty: options.empty, dryRun: options.dryRun, file });
}
const failureOf = (promise: Promise<unknown>): Promise<{ kind: string; errors: FieldError[] }> =>
  promise.then(() => { throw new Error('expected a failure'); }, (e: { kind: string; errors: FieldError[] }) => e);

/** Everything an import may write: scores, import records, audit and outbox. */
async function written(): Promise<{ scores: unknown[]; imports: number; audit: number; outbox: number }> {
  const scores = (await h.db.query('SELECT student_no, subject, school_id, class_name, student_name, status, score FROM score WHERE exam_id = $1 ORDER BY 1, 2', [examId])).rows;
  const count = async (sql: string): Promise<number> => Number((await h.db.query(sql, [examId])).rows[0].n);
  return {
    scores,
    imports: await count('SELECT count(*) AS n FROM score_import WHERE exam_id = $1'),
    audit: await count("SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'scores.imported'"),
    outbox: await count("SELECT count(*) AS n FROM outbox_event WHERE subject = 'evt.assessment.scores.imported.v1' AND envelope->'data'->>'examId' = $1"),
  };
}

async function workbookOf(key: string): Promise<ExcelJS.Workbook> {
  const stored = await h.files.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

/* ---- the analysis computed apart, in plain JavaScript over the sheet's rows ---- */
const halfWidth = (text: string): string => text.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String(c.charCodeAt(0) - 0xff10)));
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits + 1e-9) / 10 ** digits;
const statsOnly = (s: ScoreStatsView): ScoreStatsView => {
  const { count, mean, stddev, median, max, min, passRate, excellentRate, lowRate, absent, exempt } = s;
  return { count, mean, stddev, median, max, min, passRate, excellentRate, lowRate, ...(absent !== undefined ? { absent } : {}), ...(exempt !== undefined ? { exempt } : {}) };
};
interface Entry { no: string; school: string; className: string; score: number | null; mark: 'absent' | 'exempt' | null }
function entries(subjectIndex: number): Entry[] {
  return ROWS.map((r) => {
    const text = r[4 + subjectIndex] as string;
    const mark = ['缺考', '缺', 'absent'].includes(text) ? 'absent' : ['免考', '免', 'exempt'].includes(text) ? 'exempt' : null;
    return { no: r[0] as string, school: r[2] === A.name ? A.id : B.id, className: r[3] as string, score: mark ? null : Number(halfWidth(text)), mark };
  });
}
function expectedStats(group: Entry[], lines: (typeof SUBJECTS)[number]): ScoreStatsView {
  const scores = group.filter((e) => e.score !== null).map((e) => e.score as number).sort((a, b) => a - b);
  const n = scores.length;
  const mean = scores.reduce((s, x) => s + x, 0) / n;
  const variance = scores.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
  const median = n % 2 ? (scores[(n - 1) / 2] as number) : ((scores[n / 2 - 1] as number) + (scores[n / 2] as number)) / 2;
  const absent = group.filter((e) => e.mark === 'absent').length;
  const exempt = group.filter((e) => e.mark === 'exempt').length;
  return {
    count: n, mean: round(mean, 2), stddev: round(Math.sqrt(variance), 2), median: round(median, 2), max: scores[n - 1] as number, min: scores[0] as number,
    passRate: round(scores.filter((x) => x >= lines.passLine).length / n, 4),
    excellentRate: round(scores.filter((x) => x >= lines.excellentLine).length / n, 4),
    lowRate: round(scores.filter((x) => x < lines.lowLine).length / n, 4),
    ...(absent ? { absent } : {}), ...(exempt ? { exempt } : {}),
  };
}

beforeAll(async () => {
  h = await startHarness('assessment_score_import_it');
  await h.announce(allianceEvents(district, alliance, [A, B]));
  const exam = await h.as(allianceAdmin)<ExamView>(AssessmentSubjects.examCreate, {
    allianceId: alliance, term: '2026-2027-2', grade: '八年级', name: '期末统一检测', subjects: SUBJECTS.map(({ name, fullMarks }) => ({ name, fullMarks })),
    schools: [{ schoolId: A.id }, { schoolId: B.id }],
  });
  examId = exam.id;
  await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'open' } });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('a dry run (preview)', () => {
  it('answers what the import would do row by row and writes no score, import record, audit or event', async () => {
    const before = await written();
    const report = await importRows(ROWS, { dryRun: true });
    expect(report).toMatchObject({
      importId: null, dryRun: true, mode: 'all', empty: 'keep', blocked: false, rows: 8, acceptedRows: 8, skippedRows: 0,
      inserted: 16, updated: 0, unchanged: 0, cleared: 0, rowCounts: { inserted: 8, updated: 0, unchanged: 0, rejected: 0 }, errors: [], rowOutcomesTruncated: false,
    });
    expect(report.rowOutcomes.map((r) => [r.row, r.studentNo, r.outcome])).toEqual(ROWS.map((r, i) => [i + 2, r[0], 'inserted']));
    expect(await written()).toEqual(before);
    expect(before).toEqual({ scores: [], imports: 0, audit: 0, outbox: 0 });
  });

  it('in mode all with a bad row says blocked with the bad row\'s errors instead of failing, and still writes nothing', async () => {
    const report = await importRows([...ROWS, ['C001', '王一', A.name, '七(1)班', '-3', '１２１']], { dryRun: true });
    expect(report).toMatchObject({ blocked: true, acceptedRows: 0, skippedRows: 1, rowCounts: { inserted: 8, rejected: 1 } });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 10, field: '数学', message: 'the score -3 must be 0 or more' }),
      expect.objectContaining({ row: 10, field: '语文', message: 'the score １２１ is over the full marks of 120' }),
    ]);
    expect(report.rowOutcomes.at(-1)).toEqual({ row: 10, studentNo: 'C001', outcome: 'rejected', errors: report.errors });
    expect(await written()).toEqual({ scores: [], imports: 0, audit: 0, outbox: 0 });
  });
});

describe('absent and exempt marks', () => {
  it('stores 缺考 / 缺 / absent and 免考 as a status without a score, and full-width numbers as numbers', async () => {
    const report = await importRows(ROWS);
    expect(report).toMatchObject({ dryRun: false, inserted: 16, rowCounts: { inserted: 8 } });
    expect(report.importId).toEqual(expect.any(String));
    const stored = (await written()).scores as { student_no: string; subject: string; status: string; score: string | null }[];
    const of = (no: string, subject: string) => stored.find((s) => s.student_no === no && s.subject === subject);
    expect(of('A001', '语文')).toMatchObject({ status: 'absent', score: null });
    expect(of('A003', '数学')).toMatchObject({ status: 'absent', score: null });
    expect(of('A003', '语文')).toMatchObject({ status: 'exempt', score: null });
    expect(of('B002', '语文')).toMatchObject({ status: 'absent', score: null });
    expect(of('A002', '数学')).toMatchObject({ status: 'present', score: '85.00' });
    expect(of('A004', '语文')).toMatchObject({ status: 'present', score: '90.50' });
    const list = await h.as(allianceAdmin)<Page<StudentScoresView>>(AssessmentSubjects.scoreList, { examId, q: 'A003' });
    expect(list.items).toEqual([expect.objectContaining({ studentNo: 'A003', scores: {}, statuses: { 数学: 'absent', 语文: 'exempt' } })]);
  });

  it.each([0, 1])('leaves them out of counts, means, rates, bands and ranks and counts them as absent and exempt (subject %i)', async (index) => {
    const lines = SUBJECTS[index] as (typeof SUBJECTS)[number];
    const view = await h.as(allianceAdmin)<ExamAnalysisView>(AssessmentSubjects.analysisGet, { id: examId });
    const subject = view.subjects.find((s) => s.subject === lines.name)!;
    const all = entries(index);
    expect(subject.alliance).toEqual(expectedStats(all, lines));
    const schools = [A.id, B.id].map((id) => ({ id, stats: expectedStats(all.filter((e) => e.school === id), lines) }))
      .sort((x, y) => y.stats.mean - x.stats.mean);
    expect(subject.schools.map((s) => ({ schoolId: s.schoolId, rank: s.rank, stats: statsOnly(s) })))
      .toEqual(schools.map((s, i) => ({ schoolId: s.id, rank: i + 1, stats: s.stats })));
    expect(subject.classes).toHaveLength(3);
    for (const c of subject.classes) {
      expect(statsOnly(c)).toEqual(expectedStats(all.filter((e) => e.school === c.schoolId && e.className === c.className), lines));
    }
    const present = all.filter((e) => e.score !== null);
    expect(subject.bands.reduce((sum, b) => sum + b.count, 0)).toBe(present.length);
    for (const band of subject.bands) {
      const top = band.upper === lines.fullMarks;
      expect(band.count).toBe(present.filter((e) => (e.score as number) >= band.lower && ((e.score as number) < band.upper || (top && e.score === band.upper))).length);
    }
  });

  it('counts the 一分一段表 over present students, a total over students with a score in every subject', async () => {
    const math = await h.as(allianceAdmin)<ScoreDistributionView>(AssessmentSubjects.scoreDistribution, { examId, subject: '数学', step: 10 });
    const mathEntries = entries(0);
    expect(math).toMatchObject({
      students: mathEntries.filter((e) => e.score !== null).length,
      absent: mathEntries.filter((e) => e.mark === 'absent').length, exempt: mathEntries.filter((e) => e.mark === 'exempt').length,
    });
    const total = await h.as(allianceAdmin)<ScoreDistributionView>(AssessmentSubjects.scoreDistribution, { examId, subject: 'total', step: 1 });
    const [m, c] = [entries(0), entries(1)];
    const complete = m.map((e, i) => ({ e, other: c[i] as Entry })).filter(({ e, other }) => e.score !== null && other.score !== null);
    const absent = m.filter((e, i) => e.mark === 'absent' || c[i]?.mark === 'absent').length;
    const exempt = m.filter((e, i) => e.score === null || c[i]?.score === null).length - absent;
    expect(total).toMatchObject({ students: complete.length, absent, exempt });
    expect(total.rows.map((r) => r.low)).toEqual(complete.map(({ e, other }) => Math.floor((e.score as number) + (other.score as number))).sort((x, y) => y - x));
  });

  it('writes the absent and exempt counts into the analysis export, apart from the figures', async () => {
    const file = await h.as(allianceAdmin)<{ key: string }>(AssessmentSubjects.analysisExport, { id: examId });
    const sheet = (await workbookOf(file.key)).getWorksheet('数学')!;
    const values = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    const math = entries(0);
    const count = (school: string | null, mark: string) => math.filter((e) => (school === null || e.school === school) && e.mark === mark).length;
    expect(values).toEqual(expect.arrayContaining([
      ['缺考与免考（不计入以上各项）', '缺考人数', '免考人数'],
      ['全体', count(null, 'absent'), count(null, 'exempt')],
      [A.name, count(A.id, 'absent'), count(A.id, 'exempt')],
      [B.name, count(B.id, 'absent'), count(B.id, 'exempt')],
      [`${A.name} 七(2)班`, 1, 0],
    ]));
    const distribution = (await workbookOf(file.key)).getWorksheet('一分一段')!.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(distribution).toEqual(expect.arrayContaining([[`数学（满分 100，${math.filter((e) => e.score !== null).length} 人，缺考 1 人，免考 1 人）`]]));
  });

  it('gives an absent student a score through a correction', async () => {
    const corrected = await h.as(allianceAdmin)<StudentScoresView>(AssessmentSubjects.scoreCorrect, {
      examId, body: { studentNo: 'A001', subject: '语文', score: 88, reason: '补考成绩' },
    });
    expect(corrected).toMatchObject({ scores: { 数学: 90, 语文: 88 }, statuses: {} });
    const audit = await h.db.query("SELECT before->>'score' AS before FROM audit_log WHERE action = 'score.corrected' AND entity_type = 'score_correction'");
    expect(audit.rows).toEqual([{ before: null }]);
    // back to the sheet's mark, through an import
    expect(await importRows([ROWS[0] as string[]])).toMatchObject({ updated: 1, unchanged: 1 });
  });
});

describe('an empty cell on a re-import', () => {
  it('is explained in the template, with the marks and the student-number rule', async () => {
    const file = await h.as(allianceAdmin)<{ key: string }>(AssessmentSubjects.scoreTemplate, { id: examId });
    const notes = (await workbookOf(file.key)).getWorksheet('填写说明')!.getSheetValues().map((row) => (Array.isArray(row) ? row[1] : undefined));
    expect(notes).toEqual(expect.arrayContaining(['成绩', '缺考', '免考', '空白', '学号']));
  });

  const A004 = ['A004', '张四', A.name, '七(2)班', '', '９０．５'];

  it('keeps the stored score by default', async () => {
    const report = await importRows([A004]);
    expect(report).toMatchObject({ empty: 'keep', inserted: 0, updated: 0, unchanged: 1, cleared: 0, rowCounts: { unchanged: 1 } });
    expect((await h.db.query("SELECT score FROM score WHERE exam_id = $1 AND student_no = 'A004' AND subject = '数学'", [examId])).rows).toEqual([{ score: '60.00' }]);
  });

  it('previews and then clears it with empty=clear', async () => {
    const before = await written();
    const preview = await importRows([A004], { empty: 'clear', dryRun: true });
    expect(preview).toMatchObject({ empty: 'clear', cleared: 1, unchanged: 1, rowOutcomes: [{ row: 2, outcome: 'updated' }] });
    expect(await written()).toEqual(before);
    expect(await importRows([A004], { empty: 'clear' })).toMatchObject({ cleared: 1, unchanged: 1 });
    expect((await h.db.query("SELECT count(*)::int AS n FROM score WHERE exam_id = $1 AND student_no = 'A004' AND subject = '数学'", [examId])).rows).toEqual([{ n: 0 }]);
  });

  it('marks the student absent with empty=absent', async () => {
    expect(await importRows([A004], { empty: 'absent' })).toMatchObject({ inserted: 1, unchanged: 1 });
    expect((await h.db.query("SELECT status, score FROM score WHERE exam_id = $1 AND student_no = 'A004' AND subject = '数学'", [examId])).rows)
      .toEqual([{ status: 'absent', score: null }]);
  });

  it('moves a student\'s other subjects to the class of the row', async () => {
    const report = await importRows([['A005', '张五', A.name, '七(1)班', '45', '']]);
    expect(report).toMatchObject({ updated: 2, unchanged: 0, rowOutcomes: [{ outcome: 'updated' }] });
    expect((await h.db.query("SELECT DISTINCT class_name FROM score WHERE exam_id = $1 AND student_no = 'A005'", [examId])).rows).toEqual([{ class_name: '七(1)班' }]);
  });
});

describe('student numbers that conflict', () => {
  it('keeps the first row of a number and rejects a later one that names another student, or repeats a bad first row', async () => {
    const before = await written();
    const failure = await failureOf(importRows([
      ['C001', '王一', A.name, '七(1)班', '80', '90'],
      ['C002', '王二', '火星中学', '七(1)班', '80', '90'],
      ['C001', '王壹', A.name, '七(1)班', '81', '91'],
      ['C002', '王二', A.name, '七(1)班', '80', '90'],
    ]));
    expect(failure).toMatchObject({ kind: 'validation-failed' });
    expect(failure.errors).toEqual([
      expect.objectContaining({ row: 3, field: '学校', message: 'unknown school 火星中学' }),
      expect.objectContaining({ row: 4, field: '学号', message: `conflict: row 2 gives the student number C001 to 王一（${A.name}）, this row to 王壹（${A.name}）` }),
      expect.objectContaining({ row: 5, field: '学号', message: `conflict: row 3 gives the student number C002 to 王二（no school）, this row to 王二（${A.name}）` }),
    ]);
    expect(await written()).toEqual(before);
    const kept = await importRows([['C001', '王一', A.name, '七(1)班', '80', '90'], ['C001', '王壹', A.name, '七(1)班', '81', '91']], { mode: 'valid-only', dryRun: true });
    expect(kept).toMatchObject({ acceptedRows: 1, skippedRows: 1, inserted: 2, rowOutcomes: [{ row: 2, outcome: 'inserted' }, { row: 3, outcome: 'rejected' }] });
  });

  it('never moves a stored student to another school or name: the row is a conflict naming the stored student', async () => {
    const before = await written();
    const report = await importRows([
      ['A002', '张二', B.name, '七(1)班', '85', '100'],
      ['A001', '张壹', A.name, '七(1)班', '90', '缺考'],
      ['B003', '李三', B.name, '七(1)班', '73', '60'],
    ], { mode: 'valid-only' });
    expect(report).toMatchObject({ rows: 3, acceptedRows: 1, skippedRows: 2, updated: 1, rowCounts: { updated: 1, rejected: 2 } });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, field: '学号', message: `conflict: the student number A002 is stored for 张二（${A.name}）in this exam; correct the row, or the stored student first` }),
      expect.objectContaining({ row: 3, field: '学号', message: `conflict: the student number A001 is stored for 张一（${A.name}）in this exam; correct the row, or the stored student first` }),
    ]);
    const after = (await written()).scores as { student_no: string; school_id: string; student_name: string }[];
    expect(after.filter((s) => s.student_no === 'A002').every((s) => s.school_id === A.id && s.student_name === '张二')).toBe(true);
    expect(after.filter((s) => s.student_no === 'A001').every((s) => s.student_name === '张一')).toBe(true);
    expect(after.length).toBe((before.scores as unknown[]).length);
  });

  it('tells a school admin only that the number belongs to another school\'s student', async () => {
    const failure = await failureOf(importRows([['A002', '张二', B.name, '七(1)班', '85', '100']], {}, schoolAdminB));
    // exactly this: neither the message nor its parameters name the stored student or their school
    expect(failure.errors).toEqual([{
      row: 2, field: '学号', message: 'the student number A002 belongs to another school\'s student',
      code: 'assessment.score-import.student-no-other-school', params: { field: '学号', studentNo: 'A002' },
    }]);
  });
});
