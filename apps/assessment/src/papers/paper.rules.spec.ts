import type { PaperItemDto, PaperItemView } from '@jiaolian/contracts';
import { ConflictError, type ValidationError } from '@jiaolian/service-kit';
import { assertKeepsScoring, checkItemCells, itemCopyLine, normalizePaper, parseItemCell } from './paper.rules.js';

const objective = (no: string, key: string, fullMarks = 3): PaperItemDto => ({ no, fullMarks, type: 'objective', key, section: '一、选择题', knowledgePoints: ['函数'] });
const subjective = (no: string, fullMarks: number): PaperItemDto => ({ no, fullMarks, type: 'subjective', section: '二、解答题', knowledgePoints: ['几何', '几何 '] });
const codesOf = (fn: () => unknown): string[] => {
  try { fn(); } catch (error) { return (error as ValidationError).errors?.map((e) => `${e.field} ${e.code}`) ?? []; }
  return [];
};

describe('normalizePaper', () => {
  it('keeps the items in order, sorts a multiple key, gives objective items 4 options and de-duplicates tags', () => {
    const sut = normalizePaper([objective('1', 'CA', 4), subjective('2', 6)], '数学', 10);
    expect(sut).toEqual([
      { no: '1', section: '一、选择题', fullMarks: 4, type: 'objective', key: 'AC', options: 4, knowledgePoints: ['函数'], abilities: [] },
      { no: '2', section: '二、解答题', fullMarks: 6, type: 'subjective', key: null, options: null, knowledgePoints: ['几何'], abilities: [] },
    ]);
  });

  it('reports every problem: a repeated number, a fixed column, a missing key, a key beyond the options, a key on a subjective item, the total', () => {
    expect(codesOf(() => normalizePaper([
      objective('1', 'A'), objective('1', 'B'), { no: '学号', fullMarks: 1, type: 'objective' }, { ...objective('3', 'E'), options: 4 },
      { ...subjective('数学', 2), key: 'A' },
    ], '数学', 100))).toEqual([
      'items.1.no assessment.paper.item-repeated',
      'items.2.no assessment.paper.item-is-fixed-column',
      'items.2.key assessment.paper.key-missing',
      'items.3.key assessment.paper.key-beyond-options',
      'items.4.no assessment.paper.item-is-fixed-column',
      'items.4.key assessment.paper.key-on-subjective',
      'items assessment.paper.total-mismatch',
    ]);
  });

  it('adds half and tenth marks exactly: 0.1 + 0.2 + 99.7 is 100', () => {
    expect(() => normalizePaper([subjective('1', 0.1), subjective('2', 0.2), subjective('3', 99.7)], '数学', 100)).not.toThrow();
  });
});

describe('assertKeepsScoring', () => {
  const stored = normalizePaper([objective('1', 'A', 4), subjective('2', 6)], '数学', 10);
  it('lets sections and tags change once item scores exist', () => {
    const next = stored.map((i) => ({ ...i, section: '新', knowledgePoints: ['新知识点'] }));
    expect(() => assertKeepsScoring(stored, next, 5)).not.toThrow();
  });
  it.each([
    ['the key', (i: PaperItemView[]) => [{ ...i[0]!, key: 'B' }, i[1]!]],
    ['full marks', (i: PaperItemView[]) => [{ ...i[0]!, fullMarks: 5 }, { ...i[1]!, fullMarks: 5 }]],
    ['the order', (i: PaperItemView[]) => [i[1]!, i[0]!]],
  ])('refuses a change of %s once item scores exist, and allows it before', (_what, change) => {
    expect(() => assertKeepsScoring(stored, change(stored), 5)).toThrow(ConflictError);
    expect(() => assertKeepsScoring(stored, change(stored), 0)).not.toThrow();
  });
});

describe('parseItemCell', () => {
  const [choice, open] = normalizePaper([objective('1', 'AC', 4), subjective('2', 6)], '数学', 10) as [PaperItemView, PaperItemView];
  it.each([
    ['ca', choice, { kind: 'score', score: 4, choice: 'AC' }],
    ['Ａ', choice, { kind: 'score', score: 0, choice: 'A' }],
    ['4', choice, { kind: 'score', score: 4, choice: null }],
    ['５．５', open, { kind: 'score', score: 5.5, choice: null }],
  ])('%s reads as %p', (raw, item, expected) => {
    expect(parseItemCell(raw, item)).toEqual(expected);
  });
  it.each([
    ['', choice, 'assessment.item-import.item-missing'],
    ['E', choice, 'assessment.item-import.option-unknown'],
    ['B', open, 'assessment.item-import.option-on-subjective'],
    ['缺考', open, 'assessment.item-import.item-mark'],
    ['7', open, 'assessment.score-import.score-over-full-marks'],
    ['-1', open, 'assessment.score-import.score-negative'],
  ])('%s is refused with %s', (raw, item, code) => {
    expect(parseItemCell(raw, item)).toMatchObject({ kind: 'error', code });
  });
});

describe('checkItemCells', () => {
  const items = normalizePaper([objective('1', 'B', 4), subjective('2', 6)], '数学', 10);
  it('sums the items and accepts a subject score that agrees', () => {
    expect(checkItemCells({ row: 2, cells: { '1': 'B', '2': '3.5', 数学: '7.5' } }, '数学', items)).toEqual({ errors: [], scores: [4, 3.5], choices: ['B', null], total: 7.5 });
  });
  it('names the row and the subject column when the subject score disagrees', () => {
    expect(checkItemCells({ row: 7, cells: { '1': 'C', '2': '3.5', 数学: '7.5' } }, '数学', items).errors)
      .toEqual([expect.objectContaining({ row: 7, field: '数学', code: 'assessment.item-import.sum-mismatch', message: 'the items add up to 3.5, the subject score is 7.5' })]);
  });
  it('names every bad item column of the row', () => {
    expect(checkItemCells({ row: 3, cells: { '1': 'X', '2': '' } }, '数学', items).errors.map((e) => [e.row, e.field])).toEqual([[3, '1'], [3, '2']]);
  });
  it('writes a COPY line with array literals', () => {
    const checked = checkItemCells({ row: 2, cells: { '1': 'B', '2': '3.5' } }, '数学', items);
    expect(itemCopyLine({ row: 2, studentNo: 'A1', studentName: '张一', schoolId: null, className: '七(1)班' }, true, checked))
      .toBe('2\tA1\t张一\t\\N\t七(1)班\tt\t{4,3.5}\t{B,NULL}\t7.5\n');
  });
});
