import type { DimensionInputDto, IndicatorInputDto } from './api';

/*
 * The framework editor's tree operations as pure functions: each takes the tree and returns a new one,
 * so the page keeps one piece of state and the rules are tested without a browser.
 */

export type IndicatorKind = IndicatorInputDto['kind'];

/** The sum of sibling weights, at 2 decimals; siblings must sum to 100. */
export const weightSum = (weights: number[]): number => Math.round(weights.reduce((a, b) => a + (Number(b) || 0), 0) * 100) / 100;

/** Codes are unique across the whole tree (an evaluator's score names its indicator by code). */
const codesOf = (tree: DimensionInputDto[]): Set<string> => new Set(tree.flatMap((d) => [d.code, ...d.indicators.map((i) => i.code)]));

/** The first `prefix-N` not yet used in the tree; the service accepts a–z, 0–9, `.`, `_`, `-` up to 40 characters. */
export function freeCode(tree: DimensionInputDto[], prefix: string): string {
  const used = codesOf(tree);
  const base = prefix.slice(0, 34);
  for (let n = 1; ; n += 1) {
    const code = `${base}-${n}`;
    if (!used.has(code)) return code;
  }
}

/** A new dimension at the end: no weight yet (the user rebalances) and no indicators yet (it needs one before saving). */
export function addDimension(tree: DimensionInputDto[], name = ''): DimensionInputDto[] {
  return [...tree, { code: freeCode(tree, 'dim'), name, weight: 0, indicators: [] }];
}

/** A blank indicator of a kind: evaluator-scored out of 10, or computed by ratio until a fact is chosen. */
export function blankIndicator(code: string, kind: IndicatorKind): IndicatorInputDto {
  return kind === 'evaluator'
    ? { code, name: '', weight: 0, kind, appliesTo: 'both', maxScore: 10, guidance: '' }
    : { code, name: '', weight: 0, kind, appliesTo: 'both', rule: 'ratio' };
}

/** A new indicator at the end of a dimension, with a code free in the whole tree. */
export function addIndicator(tree: DimensionInputDto[], dimension: number, kind: IndicatorKind): DimensionInputDto[] {
  const parent = tree[dimension];
  if (!parent) return tree;
  const indicator = blankIndicator(freeCode(tree, parent.code), kind);
  return tree.map((d, i) => (i === dimension ? { ...d, indicators: [...d.indicators, indicator] } : d));
}

export const removeDimension = (tree: DimensionInputDto[], dimension: number): DimensionInputDto[] => tree.filter((_, i) => i !== dimension);

export const removeIndicator = (tree: DimensionInputDto[], dimension: number, indicator: number): DimensionInputDto[] =>
  tree.map((d, i) => (i === dimension ? { ...d, indicators: d.indicators.filter((_, j) => j !== indicator) } : d));

export const updateDimension = (tree: DimensionInputDto[], dimension: number, change: Partial<DimensionInputDto>): DimensionInputDto[] =>
  tree.map((d, i) => (i === dimension ? { ...d, ...change } : d));

/** Changes an indicator; switching its kind drops what only the other kind uses (the service would ignore it anyway). */
export function updateIndicator(tree: DimensionInputDto[], dimension: number, indicator: number, change: Partial<IndicatorInputDto>): DimensionInputDto[] {
  return tree.map((d, i) => (i !== dimension ? d : {
    ...d,
    indicators: d.indicators.map((x, j) => {
      if (j !== indicator) return x;
      if (change.kind && change.kind !== x.kind) return { ...blankIndicator(x.code, change.kind), name: x.name, nameEn: x.nameEn, weight: x.weight, appliesTo: x.appliesTo, ...change };
      return { ...x, ...change };
    }),
  }));
}

/** A group of siblings whose weights do not sum to 100: the dimensions (dimension undefined) or one dimension's indicators. */
export interface WeightProblem {
  /** the field the service names for it: `dimensions` or `dimensions.N.indicators` */
  path: string;
  dimension?: number;
  sum: number;
}

/** Every sibling group whose weights do not sum to 100; a dimension without indicators is left to {@link emptyDimensions}. */
export function weightProblems(tree: DimensionInputDto[]): WeightProblem[] {
  const problems: WeightProblem[] = [];
  const top = weightSum(tree.map((d) => d.weight));
  if (top !== 100) problems.push({ path: 'dimensions', sum: top });
  tree.forEach((d, i) => {
    if (d.indicators.length === 0) return;
    const sum = weightSum(d.indicators.map((x) => x.weight));
    if (sum !== 100) problems.push({ path: `dimensions.${i}.indicators`, dimension: i, sum });
  });
  return problems;
}

/** Dimensions that have no indicator yet (a dimension needs at least one). */
export const emptyDimensions = (tree: DimensionInputDto[]): number[] => tree.flatMap((d, i) => (d.indicators.length === 0 ? [i] : []));
