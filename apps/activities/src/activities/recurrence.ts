import type { RecurrenceFreq } from '@jiaolian/contracts';
import { DAY_MS, endOfShanghaiDay, SHANGHAI_OFFSET_MS } from '../common/time.js';

/** A stored repetition: every `interval` weeks or months from the first start, bounded by `until` (local date) or `count`. */
export interface Recurrence {
  freq: RecurrenceFreq;
  interval: number;
  until: string | null;
  count: number | null;
}

/** No series runs longer than this: it keeps calendars and feeds finite. */
export const MAX_OCCURRENCES = 400;

/**
 * The k-th candidate start of a series, in local (Asia/Shanghai) wall time. Monthly candidates on a day
 * the month lacks (the 31st in April) do not exist, as RFC 5545 says, and answer undefined.
 */
function candidate(first: Date, rule: Recurrence, k: number): Date | undefined {
  if (rule.freq === 'weekly') return new Date(first.getTime() + k * rule.interval * 7 * DAY_MS);
  const local = new Date(first.getTime() + SHANGHAI_OFFSET_MS);
  const monthIndex = local.getUTCMonth() + k * rule.interval;
  const shifted = new Date(Date.UTC(local.getUTCFullYear(), monthIndex, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()));
  if (shifted.getUTCDate() !== local.getUTCDate()) return undefined;
  return new Date(shifted.getTime() - SHANGHAI_OFFSET_MS);
}

/** Calls `visit` with each start of the series in order until it answers false or the series ends. */
function walk(first: Date, rule: Recurrence | null, visit: (start: Date) => boolean): void {
  if (!rule) { visit(first); return; }
  const until = rule.until ? endOfShanghaiDay(rule.until).getTime() : Number.POSITIVE_INFINITY;
  const count = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  let seen = 0;
  // monthly candidates may be skipped (no 31 April), so allow more candidates than occurrences
  for (let k = 0; seen < count && k < count * 2 + 12; k++) {
    const start = candidate(first, rule, k);
    if (!start) continue;
    if (start.getTime() >= until) return;
    seen++;
    if (!visit(start)) return;
  }
}

/** Starts of the occurrences that begin within [from, to), in order. */
export function occurrencesBetween(first: Date, rule: Recurrence | null, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  walk(first, rule, (start) => {
    if (start.getTime() >= to.getTime()) return false;
    if (start.getTime() >= from.getTime()) out.push(start);
    return true;
  });
  return out;
}

/** Start of the last occurrence of the series. */
export function lastOccurrence(first: Date, rule: Recurrence | null): Date {
  let last = first;
  walk(first, rule, (start) => { last = start; return true; });
  return last;
}

/** Whether `at` is the start of one of the series' occurrences. */
export function isOccurrence(first: Date, rule: Recurrence | null, at: Date): boolean {
  let found = false;
  walk(first, rule, (start) => {
    if (start.getTime() === at.getTime()) found = true;
    return !found && start.getTime() < at.getTime();
  });
  return found;
}

/** The number of occurrences of the series. */
export function occurrenceCount(first: Date, rule: Recurrence | null): number {
  let n = 0;
  walk(first, rule, () => { n++; return true; });
  return n;
}

const icsUtc = (at: Date): string => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The RFC 5545 RRULE of the repetition (UNTIL as the last UTC instant of the local day). */
export function toRRule(rule: Recurrence | null): string | null {
  if (!rule) return null;
  const parts = [`FREQ=${rule.freq === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`, `INTERVAL=${rule.interval}`];
  if (rule.count) parts.push(`COUNT=${rule.count}`);
  else if (rule.until) parts.push(`UNTIL=${icsUtc(new Date(endOfShanghaiDay(rule.until).getTime() - 1000))}`);
  return parts.join(';');
}
