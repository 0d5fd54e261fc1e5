import type { ExamSubjectView } from '@jiaolian/contracts';
import { aboveMeanRatio, bandIndex, bandsFor, distributionRows, statsOf, subjectAnalysis, type AggregateRow, type DistributionRow } from './analysis.maths.js';

/*
 * Hand-checked data (数学, full marks 100): school A = 90 80 70 | 60 50 (classes 1 | 2), school B = 100 30 40.
 * Alliance mean 520 / 8 = 65; A mean 70; B mean 170 / 3 = 56.667.
 */
const subject: ExamSubjectView = { name: '数学', fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 };
const agg = (r: Partial<AggregateRow>): AggregateRow => ({
  subject: '数学', school_id: null, class_name: null, level: 3, count: 0, mean: 0, stddev: 0, median: 0, max: 0, min: 0, pass: 0, excellent: 0, low: 0,
  alliance_mean: 65, rank: null, rank_in_school: null, ...r,
});
const rows: AggregateRow[] = [
  agg({ level: 3, count: 8, mean: 65, stddev: Math.sqrt(525), median: 65, max: 100, min: 30, pass: 5, excellent: 2, low: 1 }),
  agg({ level: 1, school_id: 'B', count: 3, mean: 170 / 3, stddev: Math.sqrt(2866.6667 / 3), median: 40, max: 100, min: 30, pass: 1, excellent: 1, low: 1, rank: 2 }),
  agg({ level: 1, school_id: 'A', count: 5, mean: 70, stddev: Math.sqrt(200), median: 70, max: 90, min: 50, pass: 4, excellent: 1, low: 0, rank: 1 }),
  agg({ level: 0, school_id: 'A', class_name: '2班', count: 2, mean: 55, rank: 3, rank_in_school: 2 }),
  agg({ level: 0, school_id: 'A', class_name: '1班', count: 3, mean: 80, rank: 1, rank_in_school: 1 }),
  agg({ level: 0, school_id: 'B', class_name: '1班', count: 3, mean: 170 / 3, rank: 2, rank_in_school: 1 }),
];
const names = new Map([['A', '甲校'], ['B', '乙校']]);

describe('analysis maths', () => {
  it('rounds means to 2 decimals and rates to 4', () => {
    expect(statsOf(rows[0]!)).toEqual({ count: 8, mean: 65, stddev: 22.91, median: 65, max: 100, min: 30, passRate: 0.625, excellentRate: 0.25, lowRate: 0.125 });
    expect(statsOf(rows[1]!)).toMatchObject({ mean: 56.67, stddev: 30.91, passRate: 0.3333 });
  });

  it('computes 超均率 against the alliance mean, negative below it', () => {
    expect(aboveMeanRatio(70, 65)).toBe(0.0769);
    expect(aboveMeanRatio(170 / 3, 65)).toBe(-0.1282);
    expect(aboveMeanRatio(50, 0)).toBe(0);
  });

  it('makes 10-point bands whose top band holds full marks', () => {
    expect(bandsFor(100).map((b) => b.label)).toEqual(['0-10', '10-20', '20-30', '30-40', '40-50', '50-60', '60-70', '70-80', '80-90', '90-100']);
    expect(bandsFor(125).at(-1)).toEqual({ lower: 120, upper: 125, label: '120-125' });
    expect([0, 9.99, 10, 89.5, 90, 100].map((s) => bandIndex(s, 100))).toEqual([0, 0, 1, 8, 9, 9]);
    expect(bandIndex(125, 125)).toBe(12);
  });

  it('orders schools and classes by rank and sums bands over schools', () => {
    const sut = subjectAnalysis(subject, rows, [
      { subject: '数学', school_id: 'A', band: 9, count: 1 }, { subject: '数学', school_id: 'B', band: 9, count: 1 }, { subject: '数学', school_id: 'B', band: 3, count: 1 },
    ], names);
    expect(sut.schools.map((s) => [s.schoolName, s.rank, s.aboveMeanRatio])).toEqual([['甲校', 1, 0.0769], ['乙校', 2, -0.1282]]);
    expect(sut.classes.map((c) => [c.schoolName, c.className, c.rank, c.rankInSchool])).toEqual([['甲校', '1班', 1, 1], ['乙校', '1班', 2, 1], ['甲校', '2班', 3, 2]]);
    expect(sut.bands[9]).toEqual({ label: '90-100', lower: 90, upper: 100, count: 2, bySchool: { A: 1, B: 1 } });
    expect(sut.bands[3]?.count).toBe(1);
  });

  it('leaves other schools out for school staff but keeps the alliance figures and real ranks', () => {
    const sut = subjectAnalysis(subject, rows, [{ subject: '数学', school_id: 'A', band: 9, count: 1 }, { subject: '数学', school_id: 'B', band: 9, count: 1 }], names, new Set(['B']));
    expect(sut.alliance?.mean).toBe(65);
    expect(sut.schools.map((s) => [s.schoolId, s.rank])).toEqual([['B', 2]]);
    expect(sut.classes.map((c) => c.schoolId)).toEqual(['B']);
    expect(sut.bands[9]).toMatchObject({ count: 2, bySchool: { B: 1 } });
  });

  it('answers no alliance figures before any score exists', () => {
    const sut = subjectAnalysis(subject, [], [], names);
    expect(sut).toMatchObject({ alliance: null, schools: [], classes: [] });
    expect(sut.bands.every((b) => b.count === 0)).toBe(true);
  });

  describe(distributionRows.name, () => {
    // a school's 3 students in bands 90 (2) and 85 (1) of a 5-point table, among 8 in the alliance
    const bands: DistributionRow[] = [
      { low: 90, high: 95, count: 2, cumulative: 2, total: 3, alliance_cumulative: 4 },
      { low: 85, high: 90, count: 1, cumulative: 3, total: 3, alliance_cumulative: 7 },
    ];

    it('gives the running share of all counted students with 4 decimals, ending at 1', () => {
      const sut = distributionRows(bands, true);
      expect(sut).toEqual([
        { low: 90, high: 95, count: 2, cumulative: 2, cumulativeRate: 0.6667, allianceCumulative: 4 },
        { low: 85, high: 90, count: 1, cumulative: 3, cumulativeRate: 1, allianceCumulative: 7 },
      ]);
    });

    it('leaves the alliance rank out when the whole alliance is counted', () => {
      expect(distributionRows(bands, false).map((r) => r.allianceCumulative)).toEqual([null, null]);
    });

    it('answers no rows and no division by zero before any score exists', () => {
      expect(distributionRows([], false)).toEqual([]);
      expect(distributionRows([{ low: 0, high: 1, count: 0, cumulative: 0, total: 0, alliance_cumulative: 0 }], false)[0]?.cumulativeRate).toBe(0);
    });
  });
});
