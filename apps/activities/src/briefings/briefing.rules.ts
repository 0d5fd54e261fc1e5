import {
  QUARTER_PATTERN, termOf, termRange, type BriefingFigure, type BriefingHighlight, type BriefingPeriodKind, type BriefingSchoolRow,
  type CreateBriefingDto, type TermFact, isTermFactKey, TERM_FACT_CATALOGUE,
} from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import { DAY_MS } from '../common/time.js';
import { assertTerm } from '../plans/plan.rules.js';

/*
 * The rules of briefings as pure functions: which days a period covers, how per-school facts add up to
 * a scope's figures, and which facts are worth a highlight.
 */

/** A year and a day: a briefing is quarterly or per term; a school year is the longest span worth one. */
export const MAX_PERIOD_DAYS = 366;

export interface BriefingPeriod {
  kind: BriefingPeriodKind;
  /** how the period is named: 2026-Q4, 2026-2027-1 or 2026-09-01~2026-11-30 */
  label: string;
  /** first day, included (Asia/Shanghai) */
  from: string;
  /** last day, included */
  to: string;
  /** the term of the last day: the term whose per-school facts the briefing shows */
  term: string;
}

const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The period a request names: exactly one of a quarter (calendar quarter), a term (its days from
 * termRange) or two days (both included). `today` (Asia/Shanghai) refuses a period that has not begun:
 * a briefing reports what happened.
 */
export function resolvePeriod(dto: Pick<CreateBriefingDto, 'quarter' | 'term' | 'from' | 'to'>, today: string): BriefingPeriod {
  const named = [dto.quarter !== undefined, dto.term !== undefined, dto.from !== undefined || dto.to !== undefined].filter(Boolean).length;
  if (named !== 1) throw ValidationError.of('quarter', 'activities.briefing.period-one');
  let period: Omit<BriefingPeriod, 'term'>;
  if (dto.quarter !== undefined) {
    const match = QUARTER_PATTERN.exec(dto.quarter);
    if (!match) throw ValidationError.of('quarter', 'activities.briefing.period-one');
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
    period = { kind: 'quarter', label: dto.quarter, from, to: addDays(next, -1) };
  } else if (dto.term !== undefined) {
    assertTerm(dto.term);
    const range = termRange(dto.term);
    period = { kind: 'term', label: dto.term, from: range.from, to: addDays(range.to, -1) };
  } else {
    if (dto.from === undefined) throw ValidationError.of('from', 'activities.briefing.period-one');
    if (dto.to === undefined) throw ValidationError.of('to', 'activities.briefing.period-one');
    if (dto.to < dto.from) throw ValidationError.of('to', 'activities.briefing.period-order');
    if (daysBetween(dto.from, dto.to) + 1 > MAX_PERIOD_DAYS) throw ValidationError.of('to', 'activities.briefing.period-too-long', { maxDays: MAX_PERIOD_DAYS });
    period = { kind: 'range', label: `${dto.from}~${dto.to}`, from: dto.from, to: dto.to };
  }
  if (period.from > today) throw ValidationError.of(period.kind === 'range' ? 'from' : period.kind, 'activities.briefing.period-in-future');
  return { ...period, term: termOf(period.to) };
}

/** The Chinese name of a period for titles: 2026年第四季度, 2026-2027学年第一学期, 2026-09-01至2026-11-30. */
export function periodTitle(period: Pick<BriefingPeriod, 'kind' | 'label' | 'from' | 'to'>): string {
  switch (period.kind) {
    case 'quarter': {
      const [year, q] = period.label.split('-Q');
      return `${year}年第${['一', '二', '三', '四'][Number(q) - 1]}季度`;
    }
    case 'term': {
      const [first, second, half] = period.label.split('-');
      return `${first}-${second}学年第${half === '1' ? '一' : '二'}学期`;
    }
    case 'range':
      return `${period.from}至${period.to}`;
    default: {
      const never: never = period.kind;
      return String(never);
    }
  }
}

const ratio = (numerator: number, denominator: number): number => Math.round((numerator / denominator) * 10_000) / 10_000;

/**
 * Per-school (and per-alliance) facts of one service added up to the scope's figures: counts are
 * summed; a rate is recomputed from the summed numerators and denominators (the mean of the schools'
 * rates would weigh a village school of 10 like a town school of 300). Facts of schools and alliances
 * outside the scope are left out, and so are signed per-school figures (a school's 超均率, kind `ratio` in
 * the term fact catalogue), which neither add up nor average into a scope's figure; they stay in the
 * per-school rows. Keys keep the order they first appear in.
 */
export function aggregateFacts(facts: TermFact[], inScope: { schools: Set<string>; alliances: Set<string> }): BriefingFigure[] {
  const sums = new Map<string, { value: number; numerator: number; denominator: number; rate: boolean }>();
  for (const fact of facts) {
    if (isTermFactKey(fact.key) && TERM_FACT_CATALOGUE[fact.key].kind === 'ratio') continue;
    const inside = fact.schoolId ? inScope.schools.has(fact.schoolId) : fact.allianceId ? inScope.alliances.has(fact.allianceId) : false;
    if (!inside) continue;
    const rate = fact.denominator !== undefined;
    const sum = sums.get(fact.key) ?? { value: 0, numerator: 0, denominator: 0, rate };
    sum.value += fact.value;
    sum.numerator += fact.numerator ?? 0;
    sum.denominator += fact.denominator ?? 0;
    sums.set(fact.key, sum);
  }
  return [...sums].map(([key, sum]) => (sum.rate
    ? { key, unit: 'rate', value: sum.denominator ? ratio(sum.numerator, sum.denominator) : 0, numerator: sum.numerator, denominator: sum.denominator }
    : { key, unit: 'count', value: sum.value }));
}

/** Per-school rows: every school of the scope, with the facts that name it (rates as 0–1). */
export function schoolRows(schools: { id: string; name: string }[], facts: TermFact[]): BriefingSchoolRow[] {
  const rows = new Map(schools.map((s) => [s.id, { schoolId: s.id, name: s.name, figures: {} as Record<string, number> }]));
  for (const fact of facts) {
    const row = fact.schoolId ? rows.get(fact.schoolId) : undefined;
    if (row) row.figures[fact.key] = (row.figures[fact.key] ?? 0) + fact.value;
  }
  return [...rows.values()];
}

export interface HighlightInput {
  schools: BriefingSchoolRow[];
  checkInKey: string;
  heldKey: string;
  /** milestones completed within the period */
  milestonesCompleted: number;
  plansClosed: number;
  /** the best published (or latest) evaluation score, when assessment answered */
  topEvaluation?: { name: string; score: number };
}

/** A check-in rate from fewer registrations than this says more about chance than about a school. */
export const MIN_REGISTRATIONS_FOR_BEST_RATE = 5;

/**
 * What is worth a line on the first page: milestones completed and plans closed (when any), the
 * school with the best check-in rate (from at least MIN_REGISTRATIONS_FOR_BEST_RATE registrations;
 * ties go to the larger denominator, then the name), the school that organised the most activities,
 * and the best evaluation score.
 */
export function highlights(input: HighlightInput, rates: TermFact[]): BriefingHighlight[] {
  const out: BriefingHighlight[] = [];
  if (input.milestonesCompleted > 0) out.push({ kind: 'milestones-completed', name: '', value: input.milestonesCompleted });
  if (input.plansClosed > 0) out.push({ kind: 'plans-closed', name: '', value: input.plansClosed });
  const names = new Map(input.schools.map((s) => [s.schoolId, s.name]));
  const best = rates
    .filter((f) => f.key === input.checkInKey && f.schoolId && names.has(f.schoolId) && (f.denominator ?? 0) >= MIN_REGISTRATIONS_FOR_BEST_RATE)
    .sort((a, b) => b.value - a.value || (b.denominator ?? 0) - (a.denominator ?? 0) || names.get(a.schoolId!)!.localeCompare(names.get(b.schoolId!)!, 'zh-CN'))[0];
  if (best) out.push({ kind: 'best-check-in', name: names.get(best.schoolId!)!, value: best.value });
  const most = input.schools
    .filter((s) => (s.figures[input.heldKey] ?? 0) > 0)
    .sort((a, b) => b.figures[input.heldKey]! - a.figures[input.heldKey]! || a.name.localeCompare(b.name, 'zh-CN'))[0];
  if (most) out.push({ kind: 'most-activities', name: most.name, value: most.figures[input.heldKey]! });
  if (input.topEvaluation) out.push({ kind: 'top-evaluation', name: input.topEvaluation.name, value: input.topEvaluation.score });
  return out;
}
