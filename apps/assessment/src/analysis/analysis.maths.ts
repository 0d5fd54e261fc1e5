import type {
  ClassStatsView, ExamSubjectView, SchoolStatsView, ScoreBandView, ScoreDistributionRowView, ScoreDistributionView, ScoreStatsView, SubjectAnalysisView,
} from '@jiaolian/contracts';

/** One aggregate row as the analysis query answers it (level 3 = alliance, 1 = school, 0 = class). */
export interface AggregateRow {
  subject: string;
  school_id: string | null;
  class_name: string | null;
  level: number;
  count: number;
  mean: number;
  stddev: number;
  median: number;
  max: number;
  min: number;
  pass: number;
  excellent: number;
  low: number;
  /** absent and exempt students of the group (0 when the row comes from a release without marks) */
  absent?: number;
  exempt?: number;
  alliance_mean: number | null;
  rank: number | null;
  rank_in_school: number | null;
}

export interface BandRow {
  subject: string;
  school_id: string;
  band: number;
  count: number;
}

export const BAND_WIDTH = 10;

export const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
};

/**
 * 10-point bands from 0 to full marks; the top band includes full marks (90–100 holds 100). A full
 * mark that is not a multiple of the width ends in a narrower top band (e.g. 120–125).
 */
export function bandsFor(fullMarks: number, width = BAND_WIDTH): { lower: number; upper: number; label: string }[] {
  const count = Math.max(1, Math.ceil(fullMarks / width));
  return Array.from({ length: count }, (_, i) => {
    const lower = i * width;
    const upper = Math.min(fullMarks, (i + 1) * width);
    return { lower, upper, label: `${lower}-${upper}` };
  });
}

/** The band index of a score (the SQL computes the same: least(floor(score / width), bands - 1)). */
export const bandIndex = (score: number, fullMarks: number, width = BAND_WIDTH): number =>
  Math.min(Math.floor(score / width), Math.max(1, Math.ceil(fullMarks / width)) - 1);

/** 超均率: how far a mean lies above (or below, negative) the alliance mean, as a share of it. */
export const aboveMeanRatio = (mean: number, allianceMean: number): number =>
  allianceMean === 0 ? 0 : round((mean - allianceMean) / allianceMean, 4);

export function statsOf(row: AggregateRow): ScoreStatsView {
  const rate = (n: number): number => (row.count ? round(n / row.count, 4) : 0);
  return {
    count: row.count,
    mean: round(row.mean, 2),
    stddev: round(row.stddev, 2),
    median: round(row.median, 2),
    max: round(row.max, 2),
    min: round(row.min, 2),
    passRate: rate(row.pass),
    excellentRate: rate(row.excellent),
    lowRate: rate(row.low),
    ...marks(row.absent ?? 0, row.exempt ?? 0),
  };
}

/** The absent and exempt counts as the views carry them: only those that are not zero. */
export const marks = (absent: number, exempt: number): { absent?: number; exempt?: number } =>
  ({ ...(absent ? { absent } : {}), ...(exempt ? { exempt } : {}) });

/**
 * One subject's analysis from the aggregate and band rows. `visibleSchools` leaves out other schools'
 * rows for school staff (ranks and ratios still compare against the whole alliance).
 */
export function subjectAnalysis(
  subject: ExamSubjectView, rows: AggregateRow[], bandRows: BandRow[], names: Map<string, string>, visibleSchools?: Set<string>,
): SubjectAnalysisView {
  const own = rows.filter((r) => r.subject === subject.name);
  const allianceRow = own.find((r) => r.level === 3);
  const allianceMean = allianceRow?.mean ?? 0;
  const shown = (schoolId: string | null): boolean => !!schoolId && (!visibleSchools || visibleSchools.has(schoolId));
  const schools: SchoolStatsView[] = own
    .filter((r) => r.level === 1 && shown(r.school_id))
    .map((r) => ({
      schoolId: r.school_id as string, schoolName: names.get(r.school_id as string) ?? null, ...statsOf(r),
      rank: r.rank ?? 0, aboveMeanRatio: aboveMeanRatio(r.mean, allianceMean),
    }))
    .sort((a, b) => a.rank - b.rank || (a.schoolName ?? '').localeCompare(b.schoolName ?? ''));
  const classes: ClassStatsView[] = own
    .filter((r) => r.level === 0 && shown(r.school_id))
    .map((r) => ({
      schoolId: r.school_id as string, schoolName: names.get(r.school_id as string) ?? null, className: r.class_name as string, ...statsOf(r),
      rank: r.rank ?? 0, rankInSchool: r.rank_in_school ?? 0, aboveMeanRatio: aboveMeanRatio(r.mean, allianceMean),
    }))
    .sort((a, b) => a.rank - b.rank || a.className.localeCompare(b.className));
  const bands: ScoreBandView[] = bandsFor(subject.fullMarks).map((band, index) => {
    const inBand = bandRows.filter((b) => b.subject === subject.name && b.band === index);
    const bySchool: Record<string, number> = {};
    for (const b of inBand) if (shown(b.school_id)) bySchool[b.school_id] = b.count;
    return { ...band, count: inBand.reduce((sum, b) => sum + b.count, 0), bySchool };
  });
  return {
    subject: subject.name, fullMarks: subject.fullMarks, passLine: subject.passLine, excellentLine: subject.excellentLine, lowLine: subject.lowLine,
    alliance: allianceRow ? statsOf(allianceRow) : null, schools, classes, bands,
  };
}

/** One 一分一段表 without the caller's school choices (what the export writes). */
export type SubjectDistribution = Omit<ScoreDistributionView, 'schools' | 'limitedToSchools'>;

/** One band as the distribution query answers it. */
export interface DistributionRow {
  low: number;
  high: number;
  count: number;
  cumulative: number;
  total: number;
  alliance_cumulative: number;
}

/**
 * The 一分一段表's rows from the query's bands (already top down, empty ones left out). The alliance's
 * running count is kept only when one school is counted: for the alliance it equals `cumulative`.
 */
export function distributionRows(rows: DistributionRow[], forSchool: boolean): ScoreDistributionRowView[] {
  return rows.map((r) => ({
    low: r.low, high: r.high, count: r.count, cumulative: r.cumulative,
    cumulativeRate: r.total ? round(r.cumulative / r.total, 4) : 0,
    allianceCumulative: forSchool ? r.alliance_cumulative : null,
  }));
}
