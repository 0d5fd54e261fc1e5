import type { ExamSubjectView } from '@jiaolian/contracts';
import { checkRow, copyLine, copyLines, headerErrors, type RowContext } from './score-rows.js';

const subjects: ExamSubjectView[] = [
  { name: '语文', fullMarks: 120, passLine: 72, excellentLine: 102, lowLine: 48 },
  { name: '数学', fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 },
];
const context = (overrides: Partial<RowContext> = {}): RowContext => ({
  subjects,
  participating: new Map([['城关中学', 's1'], ['3301000001', 's1'], ['临溪中学', 's2']]),
  known: new Set(['城关中学', '3301000001', '临溪中学', '青山中学']),
  classes: new Map([['s1', new Set(['七(1)班'])], ['s2', new Set()]]),
  writable: new Set(['s1', 's2']),
  ...overrides,
});
const row = (row: number, cells: Record<string, string>) => ({ row, cells: { 学号: 'S1', 姓名: '张三', 学校: '城关中学', 班级: '七(1)班', 语文: '98.5', 数学: '', ...cells } });

describe(checkRow.name, () => {
  it('turns a good row into one score per filled subject, by school name or code', () => {
    const sut = checkRow(row(2, { 学校: '3301000001' }), context());
    expect(sut.errors).toEqual([]);
    expect(sut.scores).toEqual([{ row: 2, studentNo: 'S1', studentName: '张三', schoolId: 's1', className: '七(1)班', subject: '语文', score: 98.5 }]);
  });

  it.each([
    [{ 学校: '青山中学' }, '学校', '青山中学 does not take part in this exam'],
    [{ 学校: '火星中学' }, '学校', 'unknown school 火星中学'],
    [{ 学校: '' }, '学校', 'the school is missing'],
    [{ 姓名: '' }, '姓名', 'the name is missing'],
    [{ 学号: '' }, '学号', 'the student number is missing'],
    [{ 班级: '七(3)班' }, '班级', 'the class 七(3)班 does not take part in this exam'],
    [{ 语文: '-1' }, '语文', 'the score -1 is not a number (up to 2 decimals)'],
    [{ 语文: '9.999' }, '语文', 'the score 9.999 is not a number (up to 2 decimals)'],
    [{ 语文: '120.5' }, '语文', 'the score 120.5 is over the full marks of 120'],
    [{ 语文: '' }, '语文', 'the row has no score'],
  ])('reports %j as a %s error and yields no scores', (cells, field, message) => {
    const sut = checkRow(row(7, cells), context());
    expect(sut.errors).toEqual([{ row: 7, field, message }]);
    expect(sut.scores).toEqual([]);
  });

  it('accepts any class where the exam lists none for the school, and full marks exactly', () => {
    const sut = checkRow(row(3, { 学校: '临溪中学', 班级: '九(9)班', 语文: '120', 数学: '0' }), context());
    expect(sut.errors).toEqual([]);
    expect(sut.scores.map((s) => s.score)).toEqual([120, 0]);
  });

  it('keeps nothing per student between rows: a repeated student number is left to the import to find', () => {
    const ctx = context();
    const before = JSON.stringify([...Object.entries(ctx)].map(([k, v]) => [k, v instanceof Map || v instanceof Set ? [...v] : v]));
    checkRow(row(2, {}), ctx);
    expect(checkRow(row(5, {}), ctx).errors).toEqual([]);
    expect(JSON.stringify([...Object.entries(ctx)].map(([k, v]) => [k, v instanceof Map || v instanceof Set ? [...v] : v]))).toBe(before);
  });

  it('refuses a school the caller may not write for', () => {
    const sut = checkRow(row(4, { 学校: '临溪中学' }), context({ writable: new Set(['s1']) }));
    expect(sut.errors).toEqual([{ row: 4, field: '学校', message: 'you may only import scores of your own school, not 临溪中学' }]);
  });

  it('reports every problem of one row', () => {
    expect(checkRow(row(9, { 姓名: '', 数学: 'abc' }), context()).errors.map((e) => e.field)).toEqual(['姓名', '数学']);
  });
});

describe(headerErrors.name, () => {
  it('names each missing column on row 1', () => {
    expect(headerErrors(['学号', '姓名', '学校', '语文'], subjects)).toEqual([
      { row: 1, field: '班级', message: 'the column 班级 is missing' },
      { row: 1, field: '数学', message: 'the column 数学 is missing' },
    ]);
  });
});

describe(copyLine.name, () => {
  it('escapes tabs, newlines and backslashes for COPY text format', () => {
    expect(copyLine({ row: 2, studentNo: 'a\tb', studentName: 'x\\y', schoolId: 's1', className: 'c\n', subject: '数学', score: 9.5 }))
      .toBe('2\ta\\tb\t数学\ts1\tc\\n\tx\\\\y\t9.5\n');
  });
});

describe(copyLines.name, () => {
  it('writes one line per score of a row, each the same as copyLine writes it', () => {
    const sut = checkRow(row(7, { 学号: 'B\\7', 数学: '60' }), context());
    expect(sut.scores).toHaveLength(2);
    expect(copyLines(sut.scores)).toBe(sut.scores.map(copyLine).join(''));
    expect(copyLines(sut.scores).split('\n')[0]).toMatch(/^7\tB\\\\7\t/);
    expect(copyLines([])).toBe('');
  });
});
