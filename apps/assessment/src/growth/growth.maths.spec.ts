import { ols, rankByShrunk, shrinkGroups, tScore, valueAdded, Z95, type LinkedStudent } from './growth.maths.js';

/** residuals of a group with mean `mean`: mean ± spread alternately (n even), so the within variance is spread² */
const group = (key: string, n: number, mean: number, spread: number) =>
  ({ key, residuals: Array.from({ length: n }, (_, i) => mean + (i % 2 ? -spread : spread)) });

describe('growth maths', () => {
  describe(tScore.name, () => {
    it.each([
      [85, 70, 10, 65],
      [55, 70, 10, 35],
      [70, 70, 10, 50],
      // nobody differs from anybody: everybody is at the mean
      [80, 80, 0, 50],
    ])('puts %f at T %f when the exam has mean %f and sd %f', (score, mean, sd, expected) => {
      expect(tScore(score, mean, sd)).toBeCloseTo(expected, 10);
    });
  });

  describe(ols.name, () => {
    it('fits (1,2) (2,3) (3,5) by hand: b = Sxy/Sxx = 3/2, a = 10/3 − 1.5·2 = 1/3, r² = 9/(2·14/3) = 27/28', () => {
      const sut = ols([1, 2, 3], [2, 3, 5]);
      expect(sut.slope).toBeCloseTo(1.5, 12);
      expect(sut.intercept).toBeCloseTo(1 / 3, 12);
      expect(sut.rSquared).toBeCloseTo(27 / 28, 12);
      expect(sut.n).toBe(3);
    });

    it('predicts the mean for everybody when the prior scores do not differ', () => {
      expect(ols([50, 50], [40, 60])).toEqual({ n: 2, intercept: 50, slope: 0, rSquared: 0 });
      expect(ols([], [])).toEqual({ n: 0, intercept: 0, slope: 0, rSquared: 0 });
    });
  });

  describe(shrinkGroups.name, () => {
    /*
     * Hand computation: A = [2, 4] (ē 3), B = [−1, −3, −2] (ē −2), C = [1, −1] (ē 0); N = 7, J = 3, ē = 0.
     * SSW = 2 + 2 + 2 = 6, MSW = σ² = 6/4 = 1.5; SSB = 2·9 + 3·4 + 0 = 30, MSB = 15;
     * n₀ = (7 − 17/7)/2 = 16/7; τ² = (15 − 1.5)·7/16 = 5.90625.
     * λ_A = 5.90625/(5.90625 + 0.75) = 0.887324, shrunk 2.661972; λ_B = 5.90625/6.40625 = 0.921951, shrunk −1.843902.
     */
    const sut = shrinkGroups([{ key: 'A', residuals: [2, 4] }, { key: 'B', residuals: [-1, -3, -2] }, { key: 'C', residuals: [1, -1] }]);

    it('estimates σ² within groups and τ² between them by the method of moments', () => {
      expect(sut.model).toEqual({ groups: 3, students: 7, withinVariance: 1.5, betweenVariance: 5.90625 });
    });

    it('shrinks each mean by λ = τ²/(τ² + σ²/n), less for the larger group', () => {
      const [a, b, c] = sut.effects;
      expect(a).toMatchObject({ key: 'A', n: 2, raw: 3 });
      expect(a!.weight).toBeCloseTo(0.887324, 6);
      expect(a!.shrunk).toBeCloseTo(2.661972, 6);
      expect(b!.weight).toBeCloseTo(0.921951, 6);
      expect(b!.shrunk).toBeCloseTo(-1.843902, 6);
      expect(c!.shrunk).toBe(0);
    });

    it('gives raw intervals ē ± 1.96·√(σ²/n) and narrower shrunk ones shrunk ± 1.96·√(λσ²/n)', () => {
      const [a, b] = sut.effects;
      expect([a!.rawLow, a!.rawHigh]).toEqual([expect.closeTo(1.302621, 6), expect.closeTo(4.697379, 6)]);
      expect([a!.low, a!.high]).toEqual([expect.closeTo(1.063077, 6), expect.closeTo(4.260866, 6)]);
      expect([b!.low, b!.high]).toEqual([expect.closeTo(-3.174624, 6), expect.closeTo(-0.513181, 6)]);
      expect(Z95).toBeCloseTo(1.96, 2);
    });

    it('shrinks everything to 0 when the groups differ no more than chance would make them', () => {
      // means 1 and −1 with a within spread of 10: MSB = 2·20·1/1 = 40 < MSW ≈ 102.6, so τ² = 0
      const flat = shrinkGroups([group('A', 20, 1, 10), group('B', 20, -1, 10)]);
      expect(flat.model.betweenVariance).toBe(0);
      expect(flat.effects.map((e) => [e.raw, e.shrunk, e.low, e.high])).toEqual([[1, 0, 0, 0], [-1, 0, 0, 0]]);
    });

    it('tells nothing apart with one group', () => {
      const one = shrinkGroups([group('A', 4, 3, 1)]);
      expect(one.model).toMatchObject({ groups: 1, betweenVariance: 0 });
      expect(one.effects[0]).toMatchObject({ raw: 3, shrunk: 0 });
    });

    it('keeps a class of 8 with an extreme raw mean off the top when its mean is mostly noise', () => {
      // six classes of 40 (3, 1, 0, −1, −2, −1) and a class of 8 at +5, all with a within sd of 8
      const classes = [group('c1', 40, 3, 8), group('c2', 40, 1, 8), group('c3', 40, 0, 8), group('c4', 40, -1, 8), group('c5', 40, -2, 8), group('c6', 40, -1, 8), group('small', 8, 5, 8)];
      const { effects } = shrinkGroups(classes);
      const byRaw = [...effects].sort((a, b) => b.raw - a.raw).map((e) => e.key);
      expect(byRaw[0]).toBe('small');
      const ranked = rankByShrunk(effects);
      expect(ranked[0]!.key).toBe('c1');
      const small = ranked.find((e) => e.key === 'small')!;
      expect(small.rank).toBeGreaterThan(1);
      expect(small.weight).toBeLessThan(ranked[0]!.weight);
      // its raw interval is wide; after shrinking it still covers the big class's estimate
      expect(small.rawHigh - small.rawLow).toBeGreaterThan(10);
      expect(small.high).toBeGreaterThan(ranked[0]!.shrunk);
    });

    it('lets the class of 8 top the list when the data say its lead is real', () => {
      // the same means with a within sd of 1: the small class's +5 is far beyond chance
      const classes = [group('c1', 40, 3, 1), group('c2', 40, 1, 1), group('c3', 40, 0, 1), group('c4', 40, -1, 1), group('c5', 40, -2, 1), group('c6', 40, -1, 1), group('small', 8, 5, 1)];
      expect(rankByShrunk(shrinkGroups(classes).effects)[0]!.key).toBe('small');
    });
  });

  describe(valueAdded.name, () => {
    /*
     * Class A moves 40 50 60 → 42 52 62, class B 40 50 60 → 38 48 58 (one school).
     * x̄ = ȳ = 50, Sxx = 400, Sxy = 400: b = 1, a = 0; residuals +2 for A and −2 for B.
     * Within variance 0; MSB = 24, n₀ = 3, τ² = 8, λ = 1: the classes keep their means exactly.
     * One school: nothing to compare it with, so its value-added is shrunk to 0.
     */
    const students: LinkedStudent[] = [
      ...[[40, 42], [50, 52], [60, 62]].map(([prior, current]) => ({ schoolId: 'S', className: 'A', prior: prior!, current: current! })),
      ...[[40, 38], [50, 48], [60, 58]].map(([prior, current]) => ({ schoolId: 'S', className: 'B', prior: prior!, current: current! })),
    ];
    const sut = valueAdded(students);

    it('fits current on prior over all linked students', () => {
      expect(sut.regression.slope).toBeCloseTo(1, 12);
      expect(sut.regression.intercept).toBeCloseTo(0, 10);
    });

    it('gives each class its growth and its raw and shrunk value-added', () => {
      const [a, b] = sut.classes;
      expect(a).toMatchObject({ key: { schoolId: 'S', className: 'A' }, n: 3, priorMean: 50, currentMean: 52, growth: 2 });
      expect(a!.raw).toBeCloseTo(2, 10);
      expect(a!.shrunk).toBeCloseTo(2, 10);
      expect(b!.shrunk).toBeCloseTo(-2, 10);
      expect(sut.classModel.betweenVariance).toBeCloseTo(8, 10);
    });

    it('shrinks a lone school to 0', () => {
      expect(sut.schools).toHaveLength(1);
      expect(sut.schools[0]).toMatchObject({ n: 6, growth: 0, shrunk: 0 });
    });
  });
});
