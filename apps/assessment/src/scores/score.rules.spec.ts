import { NO_SCHOOL, renderMessage, type ExamSubjectView, type FieldError } from '@jiaolian/contracts';
import {
  checkRow, copyLines, headerErrors, parseScoreCell, repeatedRowError, storedConflictError, toHalfWidth, type RepeatedRow, type RowContext,
} from './score.rules.js';

/** A row error as the console shows it in each language. */
const inBoth = (error: FieldError | undefined): { zh?: string; en?: string } =>
  ({ zh: renderMessage(error?.code, error?.params, 'zh-CN'), en: renderMessage(error?.code, error?.params, 'en') });

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
  empty: 'keep',
  ...overrides,
});
const row = (row: number, cells: Record<string, string>) => ({ row, cells: { 学号: 'S1', 姓名: '张三', 学校: '城关中学', 班级: '七(1)班', 语文: '98.5', 数学: '', ...cells } });

describe(toHalfWidth.name, () => {
  it('turns full-width digits, point and signs into ASCII and leaves other text alone', () => {
    expect(toHalfWidth('０１２３４５６７８９．＋－')).toBe('0123456789.+-');
    expect(toHalfWidth('缺考 八十 ７２ａ')).toBe('缺考 八十 72ａ');
  });
});

describe(parseScoreCell.name, () => {
  it.each([
    ['85', 85],
    ['0', 0],
    ['100', 100],
    ['72.5', 72.5],
    ['72.25', 72.25],
    ['72.50', 72.5],
    ['72.500', 72.5],
    ['８５', 85],
    ['７２．５', 72.5],
    ['＋９０', 90],
    ['-0', 0],
    ['085', 85],
    [' 60 ', 60],
  ])('reads %j as the score %d', (text, score) => {
    expect(parseScoreCell(text, 100)).toEqual({ kind: 'score', score });
  });

  it.each([
    ['缺考', 'absent'],
    ['缺', 'absent'],
    ['absent', 'absent'],
    ['Absent', 'absent'],
    ['免考', 'exempt'],
    ['免', 'exempt'],
    ['EXEMPT', 'exempt'],
  ])('reads %j as the mark %s', (text, status) => {
    expect(parseScoreCell(text, 100)).toEqual({ kind: 'mark', status });
  });

  it.each(['', '   ', '\u3000'])('reads %j as empty', (text) => {
    expect(parseScoreCell(text, 100)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['-1', 'the score -1 must be 0 or more'],
    ['-0.5', 'the score -0.5 must be 0 or more'],
    ['－５', 'the score －５ must be 0 or more'],
    ['101', 'the score 101 is over the full marks of 100'],
    ['１００．５', 'the score １００．５ is over the full marks of 100'],
    ['99999999', 'the score 99999999 is over the full marks of 100'],
    ['9.999', 'the score 9.999 has more than 2 decimals'],
    ['72.300000000000011', 'the score 72.300000000000011 has more than 2 decimals'],
    ['八十', 'the score 八十 is not a number (up to 2 decimals)'],
    ['abc', 'the score abc is not a number (up to 2 decimals)'],
    ['1e2', 'the score 1e2 is not a number (up to 2 decimals)'],
    ['85分', 'the score 85分 is not a number (up to 2 decimals)'],
    ['.5', 'the score .5 is not a number (up to 2 decimals)'],
    ['1,000', 'the score 1,000 is not a number (up to 2 decimals)'],
    ['缺考了', 'the score 缺考了 is not a number (up to 2 decimals)'],
  ])('refuses %j: %s', (text, message) => {
    const sut = parseScoreCell(text, 100);
    expect(sut).toMatchObject({ kind: 'error', code: expect.stringMatching(/^assessment\.score-import\.score-/) });
    expect(sut.kind === 'error' && renderMessage(sut.code, sut.params, 'en')).toBe(message);
  });

  it.each([
    ['-1', '成绩“-1”不能是负数'],
    ['101', '成绩“101”超过满分 100 分'],
    ['9.999', '成绩“9.999”超过 2 位小数'],
    ['八十', '成绩“八十”不是数字（最多 2 位小数）'],
  ])('says in Chinese why %j is refused: %s', (text, zh) => {
    const sut = parseScoreCell(text, 100);
    expect(sut.kind === 'error' && renderMessage(sut.code, sut.params, 'zh-CN')).toBe(zh);
  });
});

describe(checkRow.name, () => {
  it('turns a good row into one score per filled subject, by school name or code', () => {
    const sut = checkRow(row(2, { 学校: '3301000001' }), context());
    expect(sut.errors).toEqual([]);
    expect(sut.student).toEqual({ row: 2, studentNo: 'S1', studentName: '张三', schoolId: 's1', className: '七(1)班' });
    expect(sut.scores).toEqual([{ subject: '语文', status: 'present', score: 98.5 }]);
  });

  it.each([
    [{ 学校: '青山中学' }, '学校', '青山中学 does not take part in this exam', '“青山中学”未参加本次检测'],
    [{ 学校: '火星中学' }, '学校', 'unknown school 火星中学', '未知的学校“火星中学”'],
    [{ 学校: '' }, '学校', 'the school is missing', '学校不能为空'],
    [{ 姓名: '' }, '姓名', 'the name is missing', '姓名不能为空'],
    [{ 姓名: '张'.repeat(33) }, '姓名', 'the name is longer than 32 characters', '姓名不能超过 32 个字符'],
    [{ 学号: '' }, '学号', 'the student number is missing', '学号不能为空'],
    [{ 学号: 'S'.repeat(33) }, '学号', 'the student number is longer than 32 characters', '学号不能超过 32 个字符'],
    [{ 班级: '' }, '班级', 'the class is missing', '班级不能为空'],
    [{ 班级: '七(3)班' }, '班级', 'the class 七(3)班 does not take part in this exam', '“七(3)班”未参加本次检测'],
    [{ 语文: '-1' }, '语文', 'the score -1 must be 0 or more', '成绩“-1”不能是负数'],
    [{ 语文: '9.999' }, '语文', 'the score 9.999 has more than 2 decimals', '成绩“9.999”超过 2 位小数'],
    [{ 语文: '120.5' }, '语文', 'the score 120.5 is over the full marks of 120', '成绩“120.5”超过满分 120 分'],
    [{ 语文: '' }, '语文', 'the row has no score', '本行没有任何学科的成绩'],
  ])('reports %j as a %s error and yields no scores', (cells, field, en, zh) => {
    const sut = checkRow(row(7, cells), context());
    expect(sut.errors).toEqual([expect.objectContaining({ row: 7, field, message: en, code: expect.stringMatching(/^assessment\.score-import\./) })]);
    expect(inBoth(sut.errors[0])).toEqual({ zh, en });
    expect(sut.scores).toEqual([]);
  });

  it('still says who a bad row is about, so a later row with its student number is found', () => {
    const sut = checkRow(row(4, { 学校: '火星中学', 语文: 'x' }), context());
    expect(sut.student).toEqual({ row: 4, studentNo: 'S1', studentName: '张三', schoolId: null, className: '七(1)班' });
  });

  it('accepts any class where the exam lists none for the school, and full marks exactly', () => {
    const sut = checkRow(row(3, { 学校: '临溪中学', 班级: '九(9)班', 语文: '120', 数学: '0' }), context());
    expect(sut.errors).toEqual([]);
    expect(sut.scores.map((s) => s.score)).toEqual([120, 0]);
  });

  it('stages absent and exempt marks without a score', () => {
    const sut = checkRow(row(3, { 语文: '缺考', 数学: '免考' }), context());
    expect(sut.errors).toEqual([]);
    expect(sut.scores).toEqual([{ subject: '语文', status: 'absent', score: null }, { subject: '数学', status: 'exempt', score: null }]);
  });

  it.each([
    ['keep', [{ subject: '语文', status: 'present', score: 98.5 }]],
    ['clear', [{ subject: '语文', status: 'present', score: 98.5 }, { subject: '数学', status: 'clear', score: null }]],
    ['absent', [{ subject: '语文', status: 'present', score: 98.5 }, { subject: '数学', status: 'absent', score: null }]],
  ] as const)('with empty=%s stages an empty cell as %j', (empty, scores) => {
    expect(checkRow(row(2, {}), context({ empty })).scores).toEqual(scores);
  });

  it.each([
    ['keep', ['the row has no score']],
    ['clear', ['the row has no score']],
    ['absent', []],
  ] as const)('with empty=%s a row without any score cell is %j', (empty, messages) => {
    expect(checkRow(row(2, { 语文: '' }), context({ empty })).errors.map((e) => e.message)).toEqual(messages);
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
    expect(sut.errors).toEqual([expect.objectContaining({ row: 4, field: '学校', message: 'you may only import scores of your own school, not 临溪中学' })]);
    expect(inBoth(sut.errors[0]).zh).toBe('只能导入本校学生的成绩，不能导入“临溪中学”的');
  });

  it('reports every problem of one row', () => {
    expect(checkRow(row(9, { 姓名: '', 数学: 'abc' }), context()).errors.map((e) => e.field)).toEqual(['姓名', '数学']);
  });
});

describe(headerErrors.name, () => {
  it('names each missing column on row 1', () => {
    const sut = headerErrors(['学号', '姓名', '学校', '语文'], subjects);
    expect(sut).toEqual([
      expect.objectContaining({ row: 1, field: '班级', message: 'the column 班级 is missing', code: 'import.column-missing' }),
      expect.objectContaining({ row: 1, field: '数学', message: 'the column 数学 is missing' }),
    ]);
    expect(inBoth(sut[1]).zh).toBe('缺少列“数学”');
  });
});

describe(copyLines.name, () => {
  const student = { row: 2, studentNo: 'a\tb', studentName: 'x\\y', schoolId: 's1', className: 'c\n' };

  it('escapes tabs, newlines and backslashes for COPY text format and marks the row\'s first line', () => {
    expect(copyLines(student, [{ subject: '数学', status: 'present', score: 9.5 }, { subject: '语文', status: 'absent', score: null }]))
      .toBe('2\ta\\tb\tx\\\\y\ts1\tc\\n\tt\tt\t数学\tpresent\t9.5\n2\ta\\tb\tx\\\\y\ts1\tc\\n\tt\tf\t语文\tabsent\t\\N\n');
  });

  it('writes a rejected row as one line without a subject, its school NULL when unknown', () => {
    expect(copyLines({ ...student, schoolId: null }, [])).toBe('2\ta\\tb\tx\\\\y\t\\N\tc\\n\tf\tt\t\\N\t\\N\t\\N\n');
  });
});

describe(repeatedRowError.name, () => {
  const names = (id: string | null): string => ({ s1: '城关中学', s2: '临溪中学' } as Record<string, string>)[id ?? ''] ?? NO_SCHOOL;
  const repeated = (overrides: Partial<RepeatedRow> = {}): RepeatedRow => ({
    row: 5, studentNo: 'S1', studentName: '张三', schoolId: 's1', firstRow: 2, firstName: '张三', firstSchoolId: 's1', ...overrides,
  });

  it('calls the same student on a later row a duplicate of the first row', () => {
    const sut = repeatedRowError(repeated(), names);
    expect(sut).toMatchObject({ row: 5, field: '学号', message: 'duplicate student number: also in row 2', code: 'assessment.score-import.student-no-repeated' });
    expect(inBoth(sut).zh).toBe('学号与第 2 行重复');
  });

  it.each<[string, Partial<RepeatedRow>, string, string, string]>([
    ['another name', { studentName: '李四' }, '张三（城关中学）', '李四（城关中学）', '张三（城关中学）'],
    ['another school', { schoolId: 's2' }, '张三（城关中学）', '张三（临溪中学）', '张三（城关中学）'],
    ['a school the first row did not name', { firstSchoolId: null }, '张三（no school）', '张三（城关中学）', '张三（学校未识别）'],
  ])('calls %s under the same number a conflict naming the first row and both students', (_, change, first, later, firstZh) => {
    const sut = repeatedRowError(repeated(change), names);
    expect(sut).toMatchObject({ row: 5, field: '学号', code: 'assessment.score-import.student-no-conflict' });
    expect(inBoth(sut)).toEqual({
      en: `conflict: row 2 gives the student number S1 to ${first}, this row to ${later}`, zh: `学号“S1”在第 2 行是${firstZh}，本行是${later}`,
    });
  });
});

describe(storedConflictError.name, () => {
  const names = (id: string | null): string => (id === 's2' ? '临溪中学' : '?');

  it('names the stored student to a caller who may read their school', () => {
    const sut = storedConflictError(3, 'S1', { studentName: '李四', schoolId: 's2' }, true, names);
    expect(sut).toMatchObject({
      row: 3, field: '学号', message: 'conflict: the student number S1 is stored for 李四（临溪中学）in this exam; correct the row, or the stored student first',
    });
    expect(inBoth(sut).zh).toBe('学号“S1”在本次检测中已登记为李四（临溪中学），请先更正本行或已登记的学生');
  });

  it('says only that the number is taken to a caller who may not', () => {
    const sut = storedConflictError(3, 'S1', { studentName: '李四', schoolId: 's2' }, false, names);
    expect(sut).toEqual({
      row: 3, field: '学号', message: 'the student number S1 belongs to another school\'s student', code: 'assessment.score-import.student-no-other-school',
      params: { field: '学号', studentNo: 'S1' },
    });
    expect(inBoth(sut).zh).toBe('学号“S1”已属于其他学校的学生');
  });
});
