import { AssessmentSubjects, type ExamView, type ScoreImportReportView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { allianceEvents, startHarness, type Harness } from '../test-support/harness.js';

/*
 * The files Chinese schools really send, imported through the score import as it runs in production
 * and compared cell by cell with what is stored: a 50,000-row .xlsx workbook full of Chinese names,
 * schools and classes (the kind the old streaming reader garbled at chunk edges), and a CSV that Excel
 * on Chinese Windows saves in GBK, rare characters included.
 */
const district = randomUUID();
const alliance = randomUUID();
const A = { id: randomUUID(), name: '临溪镇中心小学', code: '3301000031', member: true };
const B = { id: randomUUID(), name: '青石村小学', code: '3301000032', member: true };
const admin = [{ role: 'alliance_admin' as const, districtId: district, allianceId: alliance }];
const HEADER = ['学号', '姓名', '学校', '班级', '语文', '数学'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '子涵欣怡梓萱诗涵雨桐一诺依诺佳怡梓涵浩宇宇轩子轩浩然博文俊熙思远雅琪嘉怡晨曦语桐沐阳梓睿皓轩';
const CLASSES = ['一(1)班', '二(3)班', '三年级四班', '四(2)班', '五年级（1）班', '六(5)班'];

interface Student { no: string; name: string; school: string; schoolId: string; className: string; chinese: string; maths: string }

/** Deterministic students whose names, schools and classes are all multi-byte UTF-8. */
function students(count: number): Student[] {
  return Array.from({ length: count }, (_, i) => {
    const school = i % 3 === 0 ? B : A;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 5) % GIVEN.length]}${i % 11 === 0 ? '䶮' : ''}`;
    return {
      no: `S${String(i + 1).padStart(6, '0')}`, name, school: school.name, schoolId: school.id, className: CLASSES[i % CLASSES.length] as string,
      chinese: String((i * 37) % 101), maths: (i % 4 === 0 ? `${(i * 53) % 100}.5` : String((i * 53) % 101)),
    };
  });
}

let h: Harness;

async function openExam(name: string): Promise<string> {
  const exam = await h.as(admin)<ExamView>(AssessmentSubjects.examCreate, {
    allianceId: alliance, term: '2026-2027-2', grade: '三年级', name, subjects: [{ name: '语文', fullMarks: 100 }, { name: '数学', fullMarks: 100 }],
    schools: [{ schoolId: A.id }, { schoolId: B.id }],
  });
  await h.as(admin)(AssessmentSubjects.examTransition, { id: exam.id, body: { action: 'open' } });
  return exam.id;
}

/** What is stored, as the sheet said it: one line per student and subject, sorted. */
async function stored(examId: string): Promise<string[]> {
  const rows = (await h.db.query(
    `SELECT student_no, student_name, school_id, class_name, subject, status, score::text AS score FROM score WHERE exam_id = $1`, [examId],
  )).rows as { student_no: string; student_name: string; school_id: string; class_name: string; subject: string; status: string; score: string }[];
  return rows.map((r) => [r.student_no, r.student_name, r.school_id, r.class_name, r.subject, r.status, Number(r.score)].join('|')).sort();
}

const expected = (list: Student[]): string[] => list.flatMap((s) => [
  [s.no, s.name, s.schoolId, s.className, '语文', 'present', Number(s.chinese)].join('|'),
  [s.no, s.name, s.schoolId, s.className, '数学', 'present', Number(s.maths)].join('|'),
]).sort();

beforeAll(async () => {
  h = await startHarness('assessment_score_files_it');
  await h.announce(allianceEvents(district, alliance, [A, B]));
}, 60_000);

afterAll(async () => {
  await h?.close();
});

it('imports a 50,000-row Chinese workbook exactly: every name, school, class and score as written', async () => {
  const list = students(50_000);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  // shared strings, as Excel and WPS save a sheet
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = writer.addWorksheet('成绩');
  sheet.addRow(HEADER).commit();
  for (const s of list) sheet.addRow([s.no, s.name, s.school, s.className, Number(s.chinese), Number(s.maths)]).commit();
  sheet.commit();
  await writer.commit();
  const examId = await openExam('期末统一检测（大表）');

  const file = await h.upload('成绩.xlsx', Buffer.concat(chunks));
  const report = await h.as(admin)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode: 'all', file }, 300_000);

  expect(report).toMatchObject({ rows: 50_000, acceptedRows: 50_000, skippedRows: 0, inserted: 100_000, errors: [] });
  const got = await stored(examId);
  const want = expected(list);
  expect(got.length).toBe(want.length);
  const different = got.filter((line, i) => line !== want[i]);
  expect(different.slice(0, 5)).toEqual([]);
  expect(got.some((line) => line.includes('\uFFFD'))).toBe(false);
}, 300_000);

it('imports a GBK CSV (Excel on Chinese Windows) exactly, rare characters included', async () => {
  const list = students(400).map((s, i) => (i === 7 ? { ...s, name: '𠮷野家' } : s));
  const text = [HEADER, ...list.map((s) => [s.no, s.name, s.school, s.className, s.chinese, s.maths])].map((r) => r.join(',')).join('\r\n');
  const gbk = iconv.encode(text, 'gb18030');
  expect(gbk.includes(Buffer.from('临溪镇', 'utf8'))).toBe(false); // really not UTF-8
  const examId = await openExam('期中统一检测（GBK）');

  const file = await h.upload('成绩.csv', gbk);
  const report = await h.as(admin)<ScoreImportReportView>(AssessmentSubjects.scoreImport, { examId, mode: 'all', file });

  expect(report).toMatchObject({ rows: 400, acceptedRows: 400, inserted: 800, errors: [] });
  expect(await stored(examId)).toEqual(expected(list));
});
