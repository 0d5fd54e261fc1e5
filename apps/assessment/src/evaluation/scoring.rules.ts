import { TERM_FACT_CATALOGUE, isTermFactKey, type TermFact } from '@jiaolian/contracts';
import type { IndicatorDef } from './framework/framework.rules.js';

/*
 * How a term fact becomes a score (0–100) and scores become a total. Pure functions: the service
 * gathers facts and stores what these return.
 */

const round2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number): number => Math.min(100, Math.max(0, x));

/** 0 at or below the floor, 100 at or above the target, in proportion between. */
export const linearScore = (value: number, floor: number, target: number): number => round2(clamp(((value - floor) / (target - floor)) * 100));

/** A 0–1 rate as a percent, capped at 100 (a quota over-fulfilled is not worth more than fulfilled). */
export const ratioScore = (value: number): number => round2(clamp(value * 100));

/**
 * Competition ranking (1, 1, 3): equal values share the better rank and the next rank skips, so that a
 * tie never pushes anyone up. Values are compared at 4 decimals so that float noise makes no rank.
 */
export function competitionRanks<K>(values: Map<K, number>, descending = true): Map<K, number> {
  const key = (v: number): number => Math.round(v * 10_000);
  const sorted = [...values.values()].map(key).sort((a, b) => (descending ? b - a : a - b));
  const ranks = new Map<K, number>();
  for (const [id, value] of values) ranks.set(id, sorted.indexOf(key(value)) + 1);
  return ranks;
}

/** By rank among the peers with data: the first 100, the last 0, evenly between; alone, 100. */
export function rankScores<K>(values: Map<K, number>): Map<K, number> {
  const ranks = competitionRanks(values);
  const n = values.size;
  return new Map([...ranks].map(([id, rank]) => [id, n <= 1 ? 100 : round2(((n - rank) / (n - 1)) * 100)]));
}

/** The score of a computed indicator from its figure (rank is scored across peers by rankScores). */
export function computedScore(indicator: Pick<IndicatorDef, 'rule' | 'floor' | 'target'>, value: number): number {
  switch (indicator.rule) {
    case 'linear': return linearScore(value, indicator.floor ?? 0, indicator.target ?? 1);
    case 'ratio': return ratioScore(value);
    case 'rank':
    case null: throw new Error('rank scores need the peers: use rankScores');
  }
}

/** An evaluator's score as a share of the indicator's maximum. */
export const evaluatorScore = (score: number, maxScore: number): number => round2(clamp((score / maxScore) * 100));

/**
 * The weighted mean of the parts with a score. Parts without data are left out and their weight goes to
 * the others (never counted as 0); nothing with data gives null.
 */
export function weightedScore(parts: { weight: number; score: number | null }[]): number | null {
  const scored = parts.filter((p): p is { weight: number; score: number } => p.score !== null && p.weight > 0);
  const weight = scored.reduce((sum, p) => sum + p.weight, 0);
  return weight > 0 ? round2(scored.reduce((sum, p) => sum + p.weight * p.score, 0) / weight) : null;
}

/** A figure with the parts that explain it. */
export interface Figure {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/**
 * A school's figure for a fact from its own fact: for a count a school without a fact did none (0), for
 * a rate or a ratio it has no data (null). A service that did not answer gives no data for everyone.
 */
export function schoolFigure(key: string, fact: TermFact | undefined, answered: boolean): Figure | null {
  if (!answered) return null;
  if (fact) return { value: fact.value, numerator: fact.numerator ?? null, denominator: fact.denominator ?? null };
  return isTermFactKey(key) && TERM_FACT_CATALOGUE[key].kind === 'count' ? { value: 0, numerator: null, denominator: null } : null;
}

/**
 * An alliance's figure for a fact: the alliance's own fact when its service gives one (e.g. the
 * alliance plan's milestones); else from its member schools: a rate as the sum of numerators over the
 * sum of denominators, a count as the mean per member school (so that one scale serves schools and
 * alliances, whatever an alliance's size), a ratio as the mean over the schools with data.
 */
export function allianceFigure(key: string, fact: TermFact | undefined, members: (Figure | null)[]): Figure | null {
  if (fact) return { value: fact.value, numerator: fact.numerator ?? null, denominator: fact.denominator ?? null };
  const withData = members.filter((m): m is Figure => m !== null);
  if (!withData.length) return null;
  const kind = isTermFactKey(key) ? TERM_FACT_CATALOGUE[key].kind : 'ratio';
  if (kind === 'rate' && withData.every((m) => m.denominator !== null)) {
    const numerator = withData.reduce((s, m) => s + (m.numerator ?? 0), 0);
    const denominator = withData.reduce((s, m) => s + (m.denominator ?? 0), 0);
    return denominator > 0 ? { value: Math.round((numerator / denominator) * 10_000) / 10_000, numerator, denominator } : null;
  }
  return { value: Math.round((withData.reduce((s, m) => s + m.value, 0) / withData.length) * 10_000) / 10_000, numerator: null, denominator: null };
}
