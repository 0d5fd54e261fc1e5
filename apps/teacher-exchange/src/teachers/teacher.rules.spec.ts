import { checkHeader, mergeTeacher, parseTeacherRow, repeatedStaffNoError, splitSubjects, teacherChanges, type TeacherFields } from './teacher.rules.js';

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
    ['工号', { 工号: '' }],
    ['工号', { 工号: '带 空格' }],
    ['姓名', { 姓名: '' }],
    ['性别', { 性别: '未知' }],
    ['任教学科', { 任教学科: '' }],
    ['任教学科', { 任教学科: '语文、书法' }],
    ['职称', { 职称: '特级' }],
    ['骨干级别', { 骨干级别: '名师' }],
    ['是否中层', { 是否中层: '也许' }],
  ])('names the %s column when it is wrong', (field, cells) => {
    const sut = parseTeacherRow(7, row(cells));
    expect(sut.teacher).toBeUndefined();
    expect(sut.errors).toEqual([expect.objectContaining({ row: 7, field })]);
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
    expect(checkHeader(['工号', '姓名'])).toEqual([
      expect.objectContaining({ row: 1, field: '性别' }), expect.objectContaining({ row: 1, field: '任教学科' }),
    ]);
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
    ['李明', '工号“T1”与第 2 行重复 (duplicate staff number)'],
    ['李敏', '工号“T1”在第 2 行是“李明”，本行是“李敏” (conflict: row 2 gives the staff number to 李明, this row to 李敏)'],
  ])('calls a later row named %s: %s', (name, message) => {
    expect(repeatedStaffNoError(6, 'T1', name, { row: 2, name: '李明' })).toEqual({ row: 6, field: '工号', message });
  });
});
