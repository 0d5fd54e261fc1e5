/*
 * Activities are shown and repeated in Asia/Shanghai. China has kept UTC+8 without daylight saving
 * since 1991, so local wall time is UTC shifted by eight hours: no time-zone database is needed.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 24 * 3600_000;

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant after the given Asia/Shanghai date (its local midnight at the end), in UTC. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - SHANGHAI_OFFSET_MS);
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
export const isoOrNull = (value: Date | string | null | undefined): string | null => (value ? iso(value) : null);

/** A date column as YYYY-MM-DD whether the driver hands it out as a string or a Date. */
export const dateOnly = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : shanghaiDate(value));
