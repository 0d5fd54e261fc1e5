import { checkHeader, parseTeacherRow, splitSubjects } from './teacher.rules.js';

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
