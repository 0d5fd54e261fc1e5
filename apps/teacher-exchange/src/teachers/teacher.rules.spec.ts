import { renderMessage, type FieldError } from '@jiaolian/contracts';
import {
  checkHeader, mergeTeacher, parseTeacherRow, repeatedStaffNoError, splitSubjects, storedStaffNoError, teacherChanges, type TeacherFields,
} from './teacher.rules.js';

/** A row error as the console shows it in each language. */
const inBoth = (error: FieldError): { zh?: string; en?: string } => ({ zh: renderMessage(error.code, error.params, 'zh-CN'), en: renderMessage(error.code, error.params, 'en') });

const row = (cells: Partial<Record<string, string>>): Record<string, string> =>
  ({ 工号: 'T01', 姓名: '王丽', 性别: '女', 任教学科: '语文', 职称: '一级', 骨干级别: '骨干教师', 是否中层: '否', ...cells }) as Record<string, string>;

describe('parseTeacherRow', () => {
  it('reads a complete row into codes', () => {
    const sut = parseTeacherRow(2, row({ 任教学科: '语文、道德与法治', 是否中层: '是' }));
    expect(sut).toEqual({ errors: [], teacher: { staffNo: 'T01', name: '王丽', gender: 'female', subjects: ['chinese', 'morality_law'], title: 'first', rank: 'backbone', middleManager: true } });
  });

  it('fills empty title, rank and middle-manager cells with their defaults', () => {
    expect(parseTeacherRow(2, row({ 职称: '', 骨干级别: '', 是否中层: '' })).teacher).toMatchObject({ title: 'unrated', rank: 'none', middleManager: false });
  });

  it.each([
    ['工号', { 工号: '' }, '工号不能为空', 'staff number is required'],
    ['工号', { 工号: '带 空格' }, '工号“带 空格”只能包含字母、数字、- 和 _，最长 32 位', 'the staff number 带 空格 may only hold letters, digits, - and _, at most 32 of them'],
    ['姓名', { 姓名: '' }, '姓名不能为空', 'name is required'],
    ['姓名', { 姓名: '王'.repeat(33) }, '姓名最长 32 个字', 'the name is longer than 32 characters'],
    ['性别', { 性别: '未知' }, '性别“未知”应为 男 或 女', 'the gender 未知 must be 男 or 女 (male or female)'],
    ['任教学科', { 任教学科: '' }, '任教学科不能为空', 'at least one subject is required'],
    ['任教学科', { 任教学科: '语文、书法' }, '未知学科“书法”', 'unknown subject 书法'],
    ['任教学科', { 任教学科: '语文、数学、英语、物理、化学、生物' }, '任教学科最多 5 门', 'at most 5 subjects'],
    ['职称', { 职称: '特级' }, '职称“特级”应为 正高级、高级、一级、二级、三级 或 未定级', 'the title 特级 must be one of 正高级, 高级, 一级, 二级, 三级 or 未定级'],
    ['骨干级别', { 骨干级别: '名师' }, '骨干级别“名师”应为 无、骨干教师 或 学科带头人', 'the backbone rank 名师 must be 无, 骨干教师 or 学科带头人'],
    ['是否中层', { 是否中层: '也许' }, '是否中层“也许”应为 是 或 否', 'middle manager 也许 must be 是 or 否 (yes or no)'],
  ])('names the %s column when it is wrong, in Chinese and English', (field, cells, zh, en) => {
    const sut = parseTeacherRow(7, row(cells));
    expect(sut.teacher).toBeUndefined();
    expect(sut.errors).toEqual([expect.objectContaining({ row: 7, field, message: en, code: expect.stringMatching(/^exchange\.teacher-import\./) })]);
    expect(inBoth(sut.errors[0] as FieldError)).toEqual({ zh, en });
  });

  it('reports every problem of a row, not just the first', () => {
    expect(parseTeacherRow(3, row({ 姓名: '', 性别: 'x', 职称: 'y' })).errors.map((e) => e.field)).toEqual(['姓名', '性别', '职称']);
  });
});

describe('splitSubjects', () => {
  it('accepts the separators clerks use', () => {
    expect(splitSubjects('语文、数学,英语，科学/音乐；体育')).toEqual(['语文', '数学', '英语', '科学', '音乐', '体育']);
  });
});

describe('checkHeader', () => {
  it('names each missing required column on row 1', () => {
    const sut = checkHeader(['工号', '姓名']);
    expect(sut).toEqual([
      expect.objectContaining({ row: 1, field: '性别', code: 'import.column-missing' }), expect.objectContaining({ row: 1, field: '任教学科' }),
    ]);
    expect(inBoth(sut[0] as FieldError)).toEqual({ zh: '缺少列“性别”', en: 'the column 性别 is missing' });
    expect(checkHeader(['工号', '姓名', '性别', '任教学科'])).toEqual([]);
  });
});

describe(mergeTeacher.name, () => {
  const stored: TeacherFields = { staffNo: 'T1', name: '王丽', gender: 'female', subjects: ['chinese'], title: 'senior', rank: 'backbone', middleManager: true };
  const row: TeacherFields = { ...stored, title: 'unrated', rank: 'none', middleManager: false };
  const blank = { 职称: '', 骨干级别: '', 是否中层: '' };

  it.each([
    ['keep', blank, { title: 'senior', rank: 'backbone', middleManager: true }],
    ['clear', blank, { title: 'unrated', rank: 'none', middleManager: false }],
    ['keep', { 职称: '未定级', 骨干级别: '无', 是否中层: '否' }, { title: 'unrated', rank: 'none', middleManager: false }],
  ] as const)('with empty=%s and cells %j gives %j', (empty, cells, expected) => {
    expect(mergeTeacher(row, cells, stored, empty)).toEqual({ ...row, ...expected });
  });

  it('gives a new teacher the row as parsed', () => {
    expect(mergeTeacher(row, blank, undefined, 'keep')).toEqual(row);
  });

  it.each([
    [{}, false],
    [{ name: '王莉' }, true],
    [{ subjects: ['chinese', 'math'] }, true],
    [{ middleManager: false }, true],
  ] as const)('teacherChanges(%j) is %s', (change, changes) => {
    expect(teacherChanges({ ...stored, ...change } as TeacherFields, stored)).toBe(changes);
  });
});

describe(repeatedStaffNoError.name, () => {
  it.each([
    ['李明', 'exchange.teacher-import.staff-no-repeated', '工号“T1”与第 2 行重复', 'duplicate staff number T1: also in row 2'],
    ['李敏', 'exchange.teacher-import.staff-no-conflict', '工号“T1”在第 2 行是“李明”，本行是“李敏”', 'conflict: row 2 gives the staff number T1 to 李明, this row to 李敏'],
  ])('calls a later row named %s %s: %s', (name, code, zh, en) => {
    const sut = repeatedStaffNoError(6, 'T1', name, { row: 2, name: '李明' });
    expect(sut).toMatchObject({ row: 6, field: '工号', code, message: en, params: expect.objectContaining({ staffNo: 'T1', firstRow: 2 }) });
    expect(inBoth(sut)).toEqual({ zh, en });
  });
});

describe('storedStaffNoError', () => {
  it('names the teacher on the roster and the name the row gives', () => {
    const sut = storedStaffNoError(4, 'F003', '赵陆', '赵六');
    expect(sut).toMatchObject({ row: 4, field: '工号', code: 'exchange.teacher-import.staff-no-stored' });
    expect(inBoth(sut)).toEqual({ zh: '工号“F003”已是本校教师“赵六”，本行是“赵陆”', en: 'conflict: the staff number F003 belongs to 赵六 on the roster, this row names 赵陆' });
  });
});
