import { TERM_FACT_KEYS } from '@jiaolian/contracts';
import {
  allianceFigure, competitionRanks, computedScore, evaluatorScore, linearScore, rankScores, ratioScore, schoolFigure, weightedScore,
} from './scoring.rules.js';

describe('scoring rules', () => {
  it.each([
    [-0.2, -0.1, 0.1, 0],
    [-0.1, -0.1, 0.1, 0],
    [0, -0.1, 0.1, 50],
    [0.05, -0.1, 0.1, 75],
    [0.3, -0.1, 0.1, 100],
    [2, 0, 3, 66.67],
  ])('scores %p linearly between %p and %p as %p', (value, floor, target, expected) => {
    expect(linearScore(value, floor, target)).toBe(expected);
  });

  it('scores a rate as a percent, an over-fulfilled quota no higher than 100', () => {
    expect(ratioScore(0.8734)).toBe(87.34);
    expect(ratioScore(1.5)).toBe(100);
    expect(computedScore({ rule: 'ratio', floor: null, target: null }, 0.5)).toBe(50);
  });

  it('refuses to score a rank without its peers', () => {
    expect(() => computedScore({ rule: 'rank', floor: null, target: null }, 3)).toThrow();
  });

  it('ranks ties together and skips the next rank', () => {
    const sut = competitionRanks(new Map([['甲', 90], ['乙', 85.5], ['丙', 90], ['丁', 70]]));
    expect(Object.fromEntries(sut)).toEqual({ 甲: 1, 丙: 1, 乙: 3, 丁: 4 });
  });

  it('does not let float noise split a tie', () => {
    const sut = competitionRanks(new Map([['a', 0.1 + 0.2], ['b', 0.3]]));
    expect([...sut.values()]).toEqual([1, 1]);
  });

  it('scores by rank: first 100, last 0, ties share; alone 100', () => {
    expect(Object.fromEntries(rankScores(new Map([['a', 5], ['b', 5], ['c', 1]])))).toEqual({ a: 100, b: 100, c: 0 });
    expect(Object.fromEntries(rankScores(new Map([['a', 4], ['b', 3], ['c', 2], ['d', 1]])))).toEqual({ a: 100, b: 66.67, c: 33.33, d: 0 });
    expect(Object.fromEntries(rankScores(new Map([['a', 0]])))).toEqual({ a: 100 });
  });

  it('scores an evaluator score against the maximum', () => {
    expect(evaluatorScore(8.5, 10)).toBe(85);
  });

  it('leaves parts without data out and gives their weight to the others, never scoring them 0', () => {
    expect(weightedScore([{ weight: 50, score: 80 }, { weight: 30, score: null }, { weight: 20, score: 30 }])).toBe(65.71);
    expect(weightedScore([{ weight: 50, score: null }])).toBeNull();
    expect(weightedScore([{ weight: 60, score: 100 }, { weight: 40, score: 0 }])).toBe(60);
  });

  describe('figures', () => {
    const facts = [
      { key: TERM_FACT_KEYS.checkInRate, schoolId: 's1', value: 0.75, numerator: 3, denominator: 4 },
      { key: TERM_FACT_KEYS.placementsCompleted, schoolId: 's1', value: 2 },
    ];

    it('counts a school without a count fact as none, and a school without a rate as no data', () => {
      expect(schoolFigure(TERM_FACT_KEYS.placementsCompleted, undefined, true)).toEqual({ value: 0, numerator: null, denominator: null });
      expect(schoolFigure(TERM_FACT_KEYS.checkInRate, undefined, true)).toBeNull();
      expect(schoolFigure(TERM_FACT_KEYS.satisfaction, undefined, true)).toBeNull();
      expect(schoolFigure(TERM_FACT_KEYS.checkInRate, facts[0], true)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    });

    it('gives no data for any fact of a service that did not answer, counts included', () => {
      expect(schoolFigure(TERM_FACT_KEYS.placementsCompleted, facts[1], false)).toBeNull();
    });

    it('pools an alliance\'s rates, averages its counts per member school, and prefers its own fact', () => {
      const rate = allianceFigure(TERM_FACT_KEYS.checkInRate, undefined, [{ value: 0.75, numerator: 3, denominator: 4 }, { value: 0, numerator: 0, denominator: 6 }, null]);
      expect(rate).toEqual({ value: 0.3, numerator: 3, denominator: 10 });
      expect(allianceFigure(TERM_FACT_KEYS.placementsCompleted, undefined, [{ value: 3, numerator: null, denominator: null }, { value: 0, numerator: null, denominator: null }])?.value).toBe(1.5);
      const own = [{ key: TERM_FACT_KEYS.milestonesOnTime, allianceId: 'a1', value: 0.5, numerator: 1, denominator: 2 }];
      expect(allianceFigure(TERM_FACT_KEYS.milestonesOnTime, own[0], [{ value: 1, numerator: 4, denominator: 4 }])?.value).toBe(0.5);
      expect(allianceFigure(TERM_FACT_KEYS.satisfaction, undefined, [null, null])).toBeNull();
    });
  });
});
