/*
 * Growth and value-added (增值评价) as pure functions; docs/assessment-growth.md states each formula.
 * Scores of two exams are put on one scale by T scores (T = 50 + 10z, z within the exam and subject);
 * value-added is the residual of an OLS regression of the current T on the prior T, averaged per
 * group and shrunk toward zero by empirical Bayes so that a small class cannot top or bottom the list
 * by chance alone.
 */

/** The two-sided 95% normal quantile used for every interval. */
export const Z95 = 1.959963984540054;

export const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
};

/**
 * T score of a raw score: z = (x − mean) / sd with the population sd of the exam's subject, T = 50 + 10z.
 * An exam in which everybody scored the same has no spread: every student is at the mean (T = 50).
 */
export const tScore = (score: number, mean: number, sd: number): number => (sd > 0 ? 50 + 10 * ((score - mean) / sd) : 50);

export interface Regression {
  n: number;
  intercept: number;
  slope: number;
  /** share of the current scores' variance the prior scores explain */
  rSquared: number;
}

/**
 * Ordinary least squares of y on x: slope b = Sxy / Sxx, intercept a = ȳ − b·x̄. With no spread in x
 * (or a single student) the prior score predicts nothing: b = 0 and everybody is expected at ȳ.
 */
export function ols(x: readonly number[], y: readonly number[]): Regression {
  const n = x.length;
  if (!n) return { n: 0, intercept: 0, slope: 0, rSquared: 0 };
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { n, intercept: my - slope * mx, slope, rSquared: sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0 };
}

export interface ShrinkageModel {
  /** groups with at least one student */
  groups: number;
  students: number;
  /** σ²: residual variance within groups (MSW) */
  withinVariance: number;
  /** τ²: variance of the true group effects, method of moments, never below 0 */
  betweenVariance: number;
}

export interface GroupEffect<K> {
  key: K;
  n: number;
  /** mean residual of the group's students */
  raw: number;
  rawLow: number;
  rawHigh: number;
  /** λ = τ² / (τ² + σ²/n): the weight the group's own mean keeps */
  weight: number;
  /** λ · raw: the empirical Bayes estimate, pulled toward 0 */
  shrunk: number;
  low: number;
  high: number;
}

/**
 * Empirical Bayes shrinkage of group mean residuals (one-way random effects, method of moments):
 *   MSW = Σ_j Σ_i (e_ij − ē_j)² / (N − J),  MSB = Σ_j n_j (ē_j − ē)² / (J − 1),
 *   n₀ = (N − Σ_j n_j² / N) / (J − 1),       τ² = max(0, (MSB − MSW) / n₀),
 *   λ_j = τ² / (τ² + σ²/n_j) with σ² = MSW, shrunk_j = λ_j · ē_j,
 *   raw interval ē_j ± z·√(σ²/n_j), shrunk interval shrunk_j ± z·√(λ_j·σ²/n_j) (the posterior sd).
 * Residuals of an OLS fit average 0, so the effects are shrunk toward 0, the expected value-added.
 * With one group, or no students left over for MSW, nothing can be told apart: τ² = 0 and every
 * group is shrunk to 0 with an empty interval, rather than reporting noise.
 */
export function shrinkGroups<K>(groups: readonly { key: K; residuals: readonly number[] }[]): { model: ShrinkageModel; effects: GroupEffect<K>[] } {
  const used = groups.filter((g) => g.residuals.length > 0);
  const J = used.length;
  const N = used.reduce((s, g) => s + g.residuals.length, 0);
  const means = used.map((g) => g.residuals.reduce((s, e) => s + e, 0) / g.residuals.length);
  const grand = N ? used.reduce((s, g) => s + g.residuals.reduce((t, e) => t + e, 0), 0) / N : 0;
  let ssw = 0;
  let ssb = 0;
  used.forEach((g, j) => {
    const mean = means[j] as number;
    for (const e of g.residuals) ssw += (e - mean) ** 2;
    ssb += g.residuals.length * (mean - grand) ** 2;
  });
  const sigma2 = N > J ? ssw / (N - J) : 0;
  let tau2 = 0;
  if (J > 1 && N > J) {
    const n0 = (N - used.reduce((s, g) => s + g.residuals.length ** 2, 0) / N) / (J - 1);
    tau2 = Math.max(0, (ssb / (J - 1) - sigma2) / n0);
  }
  const effects = used.map((g, j): GroupEffect<K> => {
    const n = g.residuals.length;
    const raw = means[j] as number;
    const rawHalf = Z95 * Math.sqrt(sigma2 / n);
    const weight = tau2 > 0 ? tau2 / (tau2 + sigma2 / n) : 0;
    // no weight: the estimate is exactly 0 (never −0) with an empty interval
    const shrunk = weight ? weight * raw : 0;
    const half = Z95 * Math.sqrt((weight * sigma2) / n);
    return { key: g.key, n, raw, rawLow: raw - rawHalf, rawHigh: raw + rawHalf, weight, shrunk, low: weight ? shrunk - half : 0, high: weight ? shrunk + half : 0 };
  });
  return { model: { groups: J, students: N, withinVariance: sigma2, betweenVariance: tau2 }, effects };
}

/** One student linked across the two exams, with both scores already on the T scale. */
export interface LinkedStudent {
  schoolId: string;
  className: string;
  prior: number;
  current: number;
}

export interface GroupFigures<K> extends GroupEffect<K> {
  priorMean: number;
  currentMean: number;
  /** currentMean − priorMean: the group's move on the T scale, the same for the whole population at 0 */
  growth: number;
}

export interface ValueAdded {
  regression: Regression;
  classModel: ShrinkageModel;
  schoolModel: ShrinkageModel;
  classes: GroupFigures<{ schoolId: string; className: string }>[];
  schools: GroupFigures<{ schoolId: string }>[];
}

/**
 * Fits current on prior over all linked students, then gives each class and each school its growth
 * (mean T now minus mean T before) and its value-added (mean residual, raw and shrunk).
 */
export function valueAdded(students: readonly LinkedStudent[]): ValueAdded {
  const regression = ols(students.map((s) => s.prior), students.map((s) => s.current));
  const residuals = students.map((s) => s.current - (regression.intercept + regression.slope * s.prior));
  const figures = <K>(keyOf: (s: LinkedStudent) => string, make: (s: LinkedStudent) => K) => {
    const byKey = new Map<string, { key: K; members: number[] }>();
    students.forEach((s, i) => {
      const k = keyOf(s);
      const group = byKey.get(k) ?? { key: make(s), members: [] };
      group.members.push(i);
      byKey.set(k, group);
    });
    const groups = [...byKey.values()];
    const { model, effects } = shrinkGroups(groups.map((g) => ({ key: g, residuals: g.members.map((i) => residuals[i] as number) })));
    const rows = effects.map((effect): GroupFigures<K> => {
      const members = effect.key.members.map((i) => students[i] as LinkedStudent);
      const priorMean = members.reduce((s, m) => s + m.prior, 0) / members.length;
      const currentMean = members.reduce((s, m) => s + m.current, 0) / members.length;
      return { ...effect, key: effect.key.key, priorMean, currentMean, growth: currentMean - priorMean };
    });
    return { model, rows };
  };
  const classes = figures((s) => `${s.schoolId}\u0000${s.className}`, (s) => ({ schoolId: s.schoolId, className: s.className }));
  const schools = figures((s) => s.schoolId, (s) => ({ schoolId: s.schoolId }));
  return { regression, classModel: classes.model, schoolModel: schools.model, classes: classes.rows, schools: schools.rows };
}

/** Ranks by the shrunk value-added, highest first; ties share a rank (1, 1, 3). */
export function rankByShrunk<T extends { shrunk: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.shrunk - a.shrunk);
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((r) => round(r.shrunk, 6) === round(row.shrunk, 6)) + 1 }));
}
