import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What one kill did to the stack, as the note on durability quotes it. */
export interface RoundFigures {
  killed: string;
  /** writes sent during the round (from the load's start to its stop) */
  sent: number;
  /** of those, answered 2xx */
  acknowledged: number;
  /** acknowledged writes whose row is missing */
  lost: number;
  /** keys sent this round with more than one row or event */
  duplicated: number;
  /** from the SIGKILL until every kind of write was acknowledged again (the process is restarted at once) */
  recoveryMs: number | null;
  /** from the load's stop until the outboxes were empty, every consumer had applied every event and every directory equalled membership */
  caughtUpMs: number | null;
  /** commit → consumer delay of the membership events written during the round */
  delay: DelayFigures;
}

export interface DelayFigures {
  events: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface ChaosReport {
  at: string;
  rounds: RoundFigures[];
  /** commit → consumer delay right before PostgreSQL is killed, and once the relays could have re-listened after its restart */
  delayBeforeDatabaseRestart: DelayFigures | null;
  delayAfterDatabaseRestart: DelayFigures | null;
}

/** Nearest-rank percentile (a dozen lines do not warrant a statistics package). */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function delayFigures(delays: number[]): DelayFigures {
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v));
  return { events: delays.length, p50Ms: round(percentile(delays, 50)), p99Ms: round(percentile(delays, 99)) };
}

const ms = (value: number | null): string => (value === null ? '-' : `${value}`);
const delay = (d: DelayFigures | null): string => (d && d.events ? `${ms(d.p50Ms)} / ${ms(d.p99Ms)} (${d.events})` : '-');

/** The report as a plain-text table. */
export function formatReport(report: ChaosReport): string {
  const header = ['process killed', 'sent', 'acked', 'lost', 'dup', 'recovery ms', 'caught up ms', 'delay p50 / p99 ms (n)'];
  const rows = report.rounds.map((r) => [r.killed, `${r.sent}`, `${r.acknowledged}`, `${r.lost}`, `${r.duplicated}`, ms(r.recoveryMs), ms(r.caughtUpMs), delay(r.delay)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map(line),
    '',
    `commit → consumer delay before the PostgreSQL restart: p50 / p99 ms (events × consumers) ${delay(report.delayBeforeDatabaseRestart)}`,
    `commit → consumer delay after the PostgreSQL restart:  p50 / p99 ms (events × consumers) ${delay(report.delayAfterDatabaseRestart)}`,
  ].join('\n');
}

/** Writes the report as JSON (creating the folder) and returns the table. */
export function writeReport(report: ChaosReport, file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return formatReport(report);
}
