import { analyseMatrix, cronbachAlpha, flagsOf, groupSize, pearson, round, scoreChoice, upperLowerIndex, variance } from './item-analysis.maths.js';

/*
 * Every figure against cases worked by hand (the working is in the comments), not against the code's
 * own arithmetic.
 */
describe('item analysis formulas', () => {
  describe('a 4-student, 3-item paper of 1-mark items: totals 3, 2, 1, 0', () => {
    // S1 1 1 1 · S2 1 1 0 · S3 1 0 0 · S4 0 0 0
    const sut = analyseMatrix([1, 1, 1], [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]]);

    it('difficulty is the mean over full marks: 3/4, 2/4, 1/4', () => {
      expect(sut.items.map((i) => i.difficulty)).toEqual([0.75, 0.5, 0.25]);
    });

    it('discrimination is r of the item with the total minus the item', () => {
      // item 1: x 1 1 1 0, rest 2 1 0 0: cov 0.1875, var x 0.1875, var rest 0.6875 → 0.1875/√(0.1875·0.6875) = 0.5222
      // item 2: x 1 1 0 0, rest 2 1 1 0: cov 0.25, var x 0.25, var rest 0.5 → 0.25/√0.125 = 0.7071
      // item 3 mirrors item 1
      expect(sut.items.map((i) => round(i.discrimination as number, 4))).toEqual([0.5222, 0.7071, 0.5222]);
    });

    it('groups are round(27% × 4) = 1 student: S1 above, S4 below, so D = 1 for every item', () => {
      expect(sut.groupSize).toBe(1);
      expect(sut.items.map((i) => i.upperLower)).toEqual([1, 1, 1]);
    });

    it("alpha is 3/2 · (1 − (0.1875 + 0.25 + 0.1875) / 1.25) = 0.75", () => {
      expect(round(sut.alpha as number, 4)).toBe(0.75);
    });

    it('flags nothing: every r and D is at least 0.2', () => {
      expect(sut.items.map((i) => i.flags)).toEqual([[], [], []]);
    });
  });

  describe('two items that pull apart: rows (2,0) (2,0) (1,1) (0,1) (0,1)', () => {
    const sut = analyseMatrix([2, 1], [[2, 0], [2, 0], [1, 1], [0, 1], [0, 1]]);

    it('r of each item with the other is −0.4/√(0.24·0.8) = −0.9129', () => {
      expect(sut.items.map((i) => round(i.discrimination as number, 4))).toEqual([-0.9129, -0.9129]);
    });

    it('D: the top student by total (S1, ties by order) against the bottom one (S5): item 1 (2−0)/2 = 1, item 2 (0−1)/1 = −1', () => {
      expect(sut.items.map((i) => i.upperLower)).toEqual([1, -1]);
    });

    it('flags both items negative', () => {
      expect(sut.items.map((i) => i.flags)).toEqual([['negative-discrimination'], ['negative-discrimination']]);
    });

    it('alpha is 2 · (1 − (0.8 + 0.24) / 0.24) = −6.6667, negative as it must be for items that disagree', () => {
      expect(round(sut.alpha as number, 4)).toBe(-6.6667);
    });
  });

  it('r is null when the item or the rest has no spread', () => {
    expect(pearson({ n: 3, sx: 3, sxx: 3, sy: 6, syy: 14, sxy: 6 })).toBeNull();
    expect(pearson({ n: 1, sx: 1, sxx: 1, sy: 1, syy: 1, sxy: 1 })).toBeNull();
  });

  it('r from sums matches the definition: x 1 2 3, y 2 4 7 → 0.9934', () => {
    // (3·31 − 6·13) / √((3·14 − 6²)(3·69 − 13²)) = 15/√228 = 0.9934
    expect(round(pearson({ n: 3, sx: 6, sxx: 14, sy: 13, syy: 69, sxy: 31 }) as number, 4)).toBe(0.9934);
  });

  it.each([[0, 0], [1, 0], [2, 1], [3, 1], [4, 1], [10, 3], [100, 27], [200000, 54000]])('groups of %i students hold %i each', (n, g) => {
    expect(groupSize(n)).toBe(g);
  });

  it('variance is the population variance: 2, 4, 4, 4, 5, 5, 7, 9 → 4', () => {
    expect(variance(8, 40, 232)).toBe(4);
  });

  it('alpha needs two items and spread of the totals', () => {
    expect(cronbachAlpha([1], 2)).toBeNull();
    expect(cronbachAlpha([0, 0], 0)).toBeNull();
  });

  it('D is the difference of group means over full marks', () => {
    expect(upperLowerIndex(8, 3, 10)).toBe(0.5);
  });

  it.each([
    [0.35, 0.4, []],
    [0.2, 0.2, []],
    [0.19, 0.3, ['low-discrimination']],
    [0.3, 0.1, ['low-discrimination']],
    [null, 0, ['low-discrimination']],
    [-0.01, 0.3, ['negative-discrimination']],
    [0.25, -0.05, ['negative-discrimination']],
    [null, null, []],
  ])('r %p and D %p flag %p', (r, d, flags) => {
    expect(flagsOf(r, d)).toEqual(flags);
  });

  it.each([['B', 'B', 3, 3], ['C', 'B', 3, 0], ['CA', 'AC', 5, 5], ['A', 'AC', 5, 0], ['ACD', 'AC', 5, 0]])('option %s against key %s of %i marks scores %i', (choice, key, full, expected) => {
    expect(scoreChoice(choice, key, full)).toBe(expected);
  });
});
