import { LOW_DISCRIMINATION, type ItemFlag } from '@jiaolian/contracts';

/*
 * The formulas of the item analysis (docs/assessment-items.md says the same in words). PostgreSQL sums
 * the moments over a district's 1.2 M rows; these functions turn the sums into figures, and
 * `analyseMatrix` computes every figure from a small matrix of scores the same way, for tests.
 */

/** The share of the students put in each of the upper and lower groups (Kelley's 27%). */
export const GROUP_SHARE = 0.27;

/** Sums over the students of an item score x and a criterion y (the total minus the item). */
export interface Moments {
  n: number;
  sx: number;
  sxx: number;
  sy: number;
  syy: number;
  sxy: number;
}

export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f + (value >= 0 ? 1e-9 : -1e-9)) / f;
};

/** Pearson r from sums: (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)); null when x or y has no spread. */
export function pearson(m: Moments): number | null {
  if (m.n < 2) return null;
  const cov = m.n * m.sxy - m.sx * m.sy;
  const vx = m.n * m.sxx - m.sx * m.sx;
  const vy = m.n * m.syy - m.sy * m.sy;
  // sums of scores with 2 decimals: a variance under 1e-9 of n² is rounding noise, not spread
  if (vx <= 1e-9 || vy <= 1e-9) return null;
  return cov / Math.sqrt(vx * vy);
}

/** Population variance from n, Σx and Σx². */
export const variance = (n: number, sx: number, sxx: number): number => (n ? Math.max(0, sxx / n - (sx / n) ** 2) : 0);

/** Difficulty (得分率): mean / full marks. */
export const difficulty = (mean: number, fullMarks: number): number => mean / fullMarks;

/** Students in each of the upper and lower groups: 27% of n, rounded, at least 1 when n ≥ 2. */
export const groupSize = (n: number): number => (n < 2 ? 0 : Math.max(1, Math.round(GROUP_SHARE * n)));

/** Upper-lower index D: (mean of the upper group − mean of the lower group) / full marks. */
export const upperLowerIndex = (upperMean: number, lowerMean: number, fullMarks: number): number => (upperMean - lowerMean) / fullMarks;

/**
 * Cronbach's alpha: k/(k−1) · (1 − Σσ²ᵢ / σ²_total), with population variances throughout (the n/(n−1)
 * of sample variances cancels). Null under 2 items or when the totals have no spread.
 */
export function cronbachAlpha(itemVariances: number[], totalVariance: number): number | null {
  const k = itemVariances.length;
  if (k < 2 || totalVariance <= 1e-12) return null;
  const sum = itemVariances.reduce((a, b) => a + b, 0);
  return (k / (k - 1)) * (1 - sum / totalVariance);
}

/**
 * Flags: negative when either discrimination (r or D) is below 0, low when either is below
 * LOW_DISCRIMINATION (0.2). An item nobody tells apart (no spread: r null) is flagged low by D = 0.
 */
export function flagsOf(r: number | null, d: number | null): ItemFlag[] {
  const values = [r, d].filter((v): v is number => v !== null);
  if (values.some((v) => v < 0)) return ['negative-discrimination'];
  if (values.some((v) => v < LOW_DISCRIMINATION)) return ['low-discrimination'];
  return [];
}

/** An objective item's score from the chosen option: full marks when it is the key exactly (letters in any order), else 0. */
export const scoreChoice = (choice: string, key: string, fullMarks: number): number =>
  [...choice].sort().join('') === [...key].sort().join('') ? fullMarks : 0;

export interface ItemFigures {
  mean: number;
  difficulty: number;
  discrimination: number | null;
  upperLower: number | null;
  flags: ItemFlag[];
}

export interface MatrixFigures {
  students: number;
  groupSize: number;
  alpha: number | null;
  items: ItemFigures[];
}

/**
 * Every figure from a matrix (one row per student, one column per item), computed directly: students
 * ranked by total (ties by their order in the matrix, as the service ties by student number), the first
 * and last groupSize(n) of them the upper and lower groups.
 */
export function analyseMatrix(fullMarks: number[], rows: number[][]): MatrixFigures {
  const n = rows.length;
  const totals = rows.map((r) => r.reduce((a, b) => a + b, 0));
  const g = groupSize(n);
  const order = rows.map((_, i) => i).sort((a, b) => (totals[b] as number) - (totals[a] as number) || a - b);
  const upper = order.slice(0, g);
  const lower = [...order].reverse().slice(0, g);
  const items = fullMarks.map((full, j) => {
    const m: Moments = { n, sx: 0, sxx: 0, sy: 0, syy: 0, sxy: 0 };
    rows.forEach((r, i) => {
      const x = r[j] as number;
      const y = (totals[i] as number) - x;
      m.sx += x; m.sxx += x * x; m.sy += y; m.syy += y * y; m.sxy += x * y;
    });
    const mean = n ? m.sx / n : 0;
    const meanOf = (group: number[]): number => group.reduce((a, i) => a + ((rows[i] as number[])[j] as number), 0) / group.length;
    const r = pearson(m);
    const d = g ? upperLowerIndex(meanOf(upper), meanOf(lower), full) : null;
    return { mean, difficulty: difficulty(mean, full), discrimination: r, upperLower: d, flags: flagsOf(r, d), m };
  });
  const tn = totals.reduce((a, b) => a + b, 0);
  const tt = totals.reduce((a, b) => a + b * b, 0);
  const alpha = cronbachAlpha(items.map((it) => variance(n, it.m.sx, it.m.sxx)), variance(n, tn, tt));
  return { students: n, groupSize: g, alpha, items: items.map(({ m: _m, ...figures }) => figures) };
}
