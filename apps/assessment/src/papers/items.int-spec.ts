import {
  AssessmentSubjects, type ExamFileView, type ExamView, type FieldError, type ItemAnalysisView, type ItemImportReportView, type PaperItemDto, type PaperListView,
  type PaperView, type RoleAssignment, type ScoreImportReportView,
} from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { analyseMatrix, round } from '../item-analysis/item-analysis.maths.js';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';

/*
 * Papers, item score imports and the item analysis against real PostgreSQL and NATS: a 10-mark maths
 * paper of two objective items and one subjective item, six students of two schools, options scored
 * against the key, sums checked against the sheet and the stored subject score, and every figure of the
 * analysis checked against the matrix computed in plain JavaScript and by hand.
 */
const district = randomUUID();
const alliance = randomUUID();
const A = { id: randomUUID(), name: '东湖实验学校', code: '3301000031', member: true };
const B = { id: randomUUID(), name: '西山镇中学', code: '3301000032', member: true };
const allianceAdmin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const schoolAdminB = [{ role: 'school_admin' as const, districtId: district, schoolId: B.id }];
const otherDistrictAdmin = [{ role: 'district_admin' as const, districtId: randomUUID() }];

const PAPER: PaperItemDto[] = [
  { no: '1', section: '一、选择题', fullMarks: 2, type: 'objective', key: 'B', knowledgePoints: ['函数'] },
  { no: '2', section: '一、选择题', fullMarks: 2, type: 'objective', key: 'AC', knowledgePoints: ['函数'], abilities: ['推理能力'] },
  { no: '3', section: '二、解答题', fullMarks: 6, type: 'subjective', knowledgePoints: ['几何'] },
];
const HEADER = ['学号', '姓名', '学校', '班级', '数学', '1', '2', '3'];
// item scores: A001 2 2 4 · A002 0 0 5 · A003 2 2 6 · B001 2 2 1 · B002 0 2 0 · B003 0 0 3
const ROWS = [
  ['A001', '张一', A.name, '七(1)班', '8', 'B', 'ca', '4'],
  ['A002', '张二', A.name, '七(1)班', '', 'C', 'A', '５'],
  ['A003', '张三', A.name, '七(2)班', '10', '2', '2', '6'],
  ['B001', '李一', B.code, '七(1)班', '', 'Ｂ', '2', '1'],
  ['B002', '李二', B.code, '七(1)班', '2', 'D', 'AC', '0'],
  ['B003', '李三', B.code, '七(1)班', '', '0', '0', '3'],
];
const MATRIX = [[2, 2, 4], [0, 0, 5], [2, 2, 6], [2, 2, 1], [0, 2, 0], [0, 0, 3]];
const csv = (header: string[], rows: string[][]): string => `\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;

let h: Harness;
let examId: string;

const importItems = async (rows: string[][], options: { mode?: 'all' | 'valid-only'; dryRun?: boolean } = {}, assignments: RoleAssignment[] = allianceAdmin) => {
  const file = await h.upload('items.csv', csv(HEADER, rows));
  return h.as(assignments)<ItemImportReportView>(AssessmentSubjects.itemScoreImport, { examId, subject: '数学', mode: options.mode ?? 'all', dryRun: options.dryRun, file });
};
const failureOf = (promise: Promise<unknown>): Promise<{ kind: string; code?: string; errors: FieldError[] }> =>
  promise.then(() => { throw new Error('expected a failure'); }, (e: { kind: string; code?: string; errors: FieldError[] }) => e);

/** Everything an item import may write. */
async function written(): Promise<{ rows: unknown[]; imports: number; audit: number }> {
  const rows = (await h.db.query('SELECT student_no, school_id, class_name, scores::text, choices::text, total::text FROM item_score WHERE exam_id = $1 ORDER BY 1', [examId])).rows;
  const count = async (sql: string): Promise<number> => Number((await h.db.query(sql, [examId])).rows[0].n);
  return {
    rows,
    imports: await count('SELECT count(*) AS n FROM item_score_import WHERE exam_id = $1'),
    audit: await count("SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'item-scores.imported'"),
  };
}

beforeAll(async () => {
  h = await startHarness('assessment_items_it');
  await h.announce(allianceEvents(district, alliance, [A, B]));
  const exam = await h.as(allianceAdmin)<ExamView>(AssessmentSubjects.examCreate, {
    allianceId: alliance, term: '2026-2027-2', grade: '八年级', name: '期末统一检测', subjects: [{ name: '数学', fullMarks: 10 }, { name: '语文', fullMarks: 120 }],
    schools: [{ schoolId: A.id, classes: ['七(1)班', '七(2)班'] }, { schoolId: B.id }],
  });
  examId = exam.id;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('papers', () => {
  it('refuses a paper with every problem named by its field, and stores nothing', async () => {
    const failure = await failureOf(h.as(allianceAdmin)(AssessmentSubjects.paperSave, {
      examId, body: { subject: '数学', items: [PAPER[0], { ...PAPER[1], key: 'E' }, { ...PAPER[2], no: '1' }] },
    }));
    expect(failure.kind).toBe('validation-failed');
    expect(failure.errors.map((e) => [e.field, e.code])).toEqual([
      ['items.1.key', 'assessment.paper.key-beyond-options'], ['items.2.no', 'assessment.paper.item-repeated'],
    ]);
    expect((await h.db.query('SELECT count(*)::int AS n FROM paper WHERE exam_id = $1', [examId])).rows[0].n).toBe(0);
  });

  it('refuses items that do not add up to the subject\'s full marks, and a subject the exam does not have', async () => {
    const short = await failureOf(h.as(allianceAdmin)(AssessmentSubjects.paperSave, { examId, body: { subject: '数学', items: PAPER.slice(0, 2) } }));
    expect(short.errors).toEqual([expect.objectContaining({ field: 'items', code: 'assessment.paper.total-mismatch', message: "the items add up to 4, the subject's full marks are 10" })]);
    const unknown = await failureOf(h.as(allianceAdmin)(AssessmentSubjects.paperSave, { examId, body: { subject: '物理', items: PAPER } }));
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'subject', code: 'assessment.paper.subject-unknown' })]);
  });

  it('lets the alliance admin save a draft exam\'s paper, audited, and lists one paper per subject', async () => {
    const saved = await h.as(allianceAdmin)<PaperView>(AssessmentSubjects.paperSave, { examId, body: { subject: '数学', items: PAPER } });
    expect(saved).toMatchObject({ subject: '数学', fullMarks: 10, itemScoreCount: 0, editable: true });
    expect(saved.items.map((i) => [i.no, i.key, i.options])).toEqual([['1', 'B', 4], ['2', 'AC', 4], ['3', null, null]]);
    const list = await h.as(allianceAdmin)<PaperListView>(AssessmentSubjects.paperList, { id: examId });
    expect(list.papers.map((p) => [p.subject, p.items.length])).toEqual([['数学', 3], ['语文', 0]]);
    const audit = await h.db.query("SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'paper.%'", [examId]);
    expect(audit.rows).toEqual([{ action: 'paper.created' }]);
  });

  it('refuses a school admin (403) and hides the exam from another district (404)', async () => {
    const exam = await h.as(allianceAdmin)<ExamView>(AssessmentSubjects.examTransition, { id: examId, body: { action: 'open' } });
    expect(exam.status).toBe('open');
    await expect(failureOf(h.as(schoolAdminB)(AssessmentSubjects.paperSave, { examId, body: { subject: '数学', items: PAPER } }))).resolves.toMatchObject({ kind: 'forbidden' });
    await expect(failureOf(h.as(otherDistrictAdmin)(AssessmentSubjects.paperList, { id: examId }))).resolves.toMatchObject({ kind: 'not-found' });
  });
});

describe('item score import', () => {
  it('previews without writing anything', async () => {
    const report = await importItems(ROWS, { dryRun: true });
    expect(report).toMatchObject({ importId: null, dryRun: true, blocked: false, rows: 6, acceptedRows: 6, rowCounts: { inserted: 6, rejected: 0 }, errors: [] });
    expect(await written()).toEqual({ rows: [], imports: 0, audit: 0 });
  });

  it('reports every bad row with its row and column and imports nothing in mode all', async () => {
    const bad = [
      ...ROWS,
      ['C001', '王一', A.name, '七(1)班', '9', 'B', 'AC', '4'],
      ['C002', '王二', A.name, '七(3)班', '', 'E', '', '7'],
      ['A001', '张一', A.name, '七(1)班', '8', 'B', 'AC', '4'],
    ];
    const failure = await failureOf(importItems(bad));
    expect(failure.kind).toBe('validation-failed');
    expect(failure.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [8, '数学', 'assessment.item-import.sum-mismatch'],
      [9, '班级', 'assessment.score-import.class-not-taking-part'],
      [9, '1', 'assessment.item-import.option-unknown'],
      [9, '2', 'assessment.item-import.item-missing'],
      [9, '3', 'assessment.score-import.score-over-full-marks'],
      [10, '学号', 'assessment.score-import.student-no-repeated'],
    ]);
    expect(await written()).toEqual({ rows: [], imports: 0, audit: 0 });
  });

  it('checks the items against a stored subject score', async () => {
    const scores = await h.upload('scores.csv', csv(['学号', '姓名', '学校', '班级', '数学', '语文'], [['A001', '张一', A.name, '七(1)班', '7', '90'], ['B003', '李三', B.name, '七(1)班', '缺考', '80']]));
    await h.as(allianceAdmin)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode: 'all', file: scores });
    const failure = await failureOf(importItems(ROWS));
    expect(failure.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, '数学', 'the items add up to 8, the stored subject score is 7'],
      [7, '数学', 'the student is stored as absent in the subject'],
    ]);
    const fixed = await h.upload('scores.csv', csv(['学号', '姓名', '学校', '班级', '数学', '语文'], [['A001', '张一', A.name, '七(1)班', '8', '90'], ['B003', '李三', B.name, '七(1)班', '3', '80']]));
    await h.as(allianceAdmin)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode: 'all', file: fixed });
  });

  it('imports the sheet, scoring options against the key, audited; the same sheet again changes nothing', async () => {
    const report = await importItems(ROWS);
    expect(report).toMatchObject({ dryRun: false, rows: 6, acceptedRows: 6, rowCounts: { inserted: 6, updated: 0, unchanged: 0, rejected: 0 } });
    const stored = await written();
    expect(stored.rows).toEqual([
      { student_no: 'A001', school_id: A.id, class_name: '七(1)班', scores: '{2.00,2.00,4.00}', choices: '{B,AC,NULL}', total: '8.00' },
      { student_no: 'A002', school_id: A.id, class_name: '七(1)班', scores: '{0.00,0.00,5.00}', choices: '{C,A,NULL}', total: '5.00' },
      { student_no: 'A003', school_id: A.id, class_name: '七(2)班', scores: '{2.00,2.00,6.00}', choices: null, total: '10.00' },
      { student_no: 'B001', school_id: B.id, class_name: '七(1)班', scores: '{2.00,2.00,1.00}', choices: '{B,NULL,NULL}', total: '5.00' },
      { student_no: 'B002', school_id: B.id, class_name: '七(1)班', scores: '{0.00,2.00,0.00}', choices: '{D,AC,NULL}', total: '2.00' },
      { student_no: 'B003', school_id: B.id, class_name: '七(1)班', scores: '{0.00,0.00,3.00}', choices: null, total: '3.00' },
    ]);
    expect(stored).toMatchObject({ imports: 1, audit: 1 });
    const again = await importItems(ROWS);
    expect(again.rowCounts).toEqual({ inserted: 0, updated: 0, unchanged: 6, rejected: 0 });
    expect((await written()).rows).toEqual(stored.rows);
  });

  it('lets a school admin import only their own school\'s rows', async () => {
    const failure = await failureOf(importItems([ROWS[0] as string[]], {}, schoolAdminB));
    expect(failure.errors.map((e) => [e.row, e.field, e.code])).toEqual([[2, '学校', 'assessment.score-import.school-not-own']]);
  });

  it('keeps the scoring of a paper with item scores: a new key is refused, new tags are taken', async () => {
    const changed = await failureOf(h.as(allianceAdmin)(AssessmentSubjects.paperSave, { examId, body: { subject: '数学', items: [{ ...PAPER[0], key: 'C' }, PAPER[1], PAPER[2]] } }));
    expect(changed).toMatchObject({ kind: 'conflict', code: 'assessment.paper.has-item-scores' });
    const retagged = await h.as(allianceAdmin)<PaperView>(AssessmentSubjects.paperSave, {
      examId, body: { subject: '数学', items: [PAPER[0], PAPER[1], { ...PAPER[2], knowledgePoints: ['几何', '函数'] }] },
    });
    expect(retagged.itemScoreCount).toBe(6);
    await h.as(allianceAdmin)<PaperView>(AssessmentSubjects.paperSave, { examId, body: { subject: '数学', items: PAPER } });
  });

  it('gives an item score template with the subject\'s items as columns', async () => {
    const file = await h.as(allianceAdmin)<ExamFileView>(AssessmentSubjects.itemScoreTemplate, { examId, subject: '数学' });
    const stored = await h.files.get(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('小题分')?.getRow(1).values).toEqual([undefined, ...HEADER]);
  });
});

describe('item analysis', () => {
  it('gives every figure as computed apart from the matrix, and the hand-worked ones', async () => {
    const sut = await h.as(allianceAdmin)<ItemAnalysisView>(AssessmentSubjects.itemAnalysisGet, { examId, subject: '数学' });
    const expected = analyseMatrix([2, 2, 6], MATRIX);
    // totals 8 5 10 5 2 3: groups of round(0.27 × 6) = 2, A003 and A001 above, B002 and B003 below
    expect(sut).toMatchObject({ students: 6, groupSize: 2, mean: round(33 / 6, 2), alpha: round(expected.alpha as number, 4), limitedToSchools: false });
    expect(sut.items.map((i) => [i.no, i.mean, i.difficulty, i.discrimination, i.upperLower, i.flags])).toEqual(expected.items.map((e, j) => [
      String(j + 1), round(e.mean, 2), round(e.difficulty, 4), e.discrimination === null ? null : round(e.discrimination, 4), round(e.upperLower as number, 4), e.flags,
    ]));
    // item 3 by hand: (4 + 5 + 6 + 1 + 0 + 3) / 6 = 3.1667 of 6 → 0.5278; D = ((6 + 4) / 2 − (0 + 3) / 2) / 6 = 0.5833
    expect(sut.items[2]).toMatchObject({ difficulty: 0.5278, upperLower: 0.5833 });
    // item 1: options given by A001 (B), A002 (C), B001 (B), B002 (D)
    expect(sut.items[0]?.options).toEqual([
      { option: 'B', count: 2, rate: 0.5, isKey: true }, { option: 'C', count: 1, rate: 0.25, isKey: false }, { option: 'D', count: 1, rate: 0.25, isKey: false },
    ]);
    expect(sut.items[0]?.optionsKnown).toBe(4);
  });

  it('gives knowledge-point rates for the alliance, each school and each class', async () => {
    const sut = await h.as(allianceAdmin)<ItemAnalysisView>(AssessmentSubjects.itemAnalysisGet, { examId, subject: '数学' });
    const functions = sut.knowledgePoints.find((k) => k.knowledgePoint === '函数');
    // items 1 and 2 (4 marks): A 4 + 0 + 4, B 4 + 2 + 0 → alliance 14/24, A 8/12, B 6/12, A 七(1)班 4/8, A 七(2)班 4/4
    expect(functions?.rates.map((r) => [r.level, r.schoolName, r.className, r.students, r.rate])).toEqual([
      ['alliance', null, null, 6, 0.5833],
      ['school', A.name, null, 3, 0.6667],
      ['class', A.name, '七(1)班', 2, 0.5],
      ['class', A.name, '七(2)班', 1, 1],
      ['school', B.name, null, 3, 0.5],
      ['class', B.name, '七(1)班', 3, 0.5],
    ]);
  });

  it('shows school staff nothing before publication, then the alliance and their own school only', async () => {
    await expect(failureOf(h.as(schoolAdminB)(AssessmentSubjects.itemAnalysisGet, { examId, subject: '数学' }))).resolves.toMatchObject({ kind: 'forbidden' });
    await h.as(allianceAdmin)(AssessmentSubjects.examTransition, { id: examId, body: { action: 'publish' } });
    const sut = await h.as(schoolAdminB)<ItemAnalysisView>(AssessmentSubjects.itemAnalysisGet, { examId, subject: '数学' });
    expect(sut.limitedToSchools).toBe(true);
    expect(new Set(sut.knowledgePoints.flatMap((k) => k.rates.map((r) => r.schoolId)))).toEqual(new Set([null, B.id]));
    await expect(failureOf(h.as(otherDistrictAdmin)(AssessmentSubjects.itemAnalysisGet, { examId, subject: '数学' }))).resolves.toMatchObject({ kind: 'not-found' });
  });

  it('exports the analysis as a workbook of items, options and knowledge points', async () => {
    const file = await h.as(allianceAdmin)<ExamFileView>(AssessmentSubjects.itemAnalysisExport, { examId, subject: '数学' });
    const stored = await h.files.get(file.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['试题分析', '选项分布', '知识点得分率']);
    expect(workbook.getWorksheet('试题分析')?.getRow(4).getCell(1).value).toBe('1');
  });

  it('refuses to change the paper of a published exam', async () => {
    await expect(failureOf(h.as(allianceAdmin)(AssessmentSubjects.paperSave, { examId, body: { subject: '数学', items: PAPER } })))
      .resolves.toMatchObject({ kind: 'conflict', code: 'assessment.paper.published' });
  });
});
