/*
 * The rules of webhook delivery as pure functions: which subscriptions an event goes to, when a failed
 * attempt is tried again, when a delivery is given up and when an endpoint is paused.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Waits after the 1st, 2nd, … failed attempt. Short at first, because most failures are a restart or
 * a deploy on the receiver's side that is over within a minute; then hourly, so that a receiver that
 * is down for a day is not hammered and still gets every event once it is back.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR];
/** After the listed delays, attempts are an hour apart. */
export const LATER_RETRY_DELAY_MS = HOUR;
/** A delivery is retried for a day from its creation, then marked failed (replay is still possible by hand). */
export const RETRY_WINDOW_MS = 24 * HOUR;
/**
 * ±20 % random spread on every wait, so that deliveries that failed together (a receiver's outage)
 * do not all come back in the same second.
 */
export const JITTER = 0.2;

/**
 * An endpoint is paused after this many failed attempts in a row, and only when the failures span at
 * least PAUSE_MIN_SPAN_MS: 20 quick failures of a short outage must not pause it, while a receiver
 * that has answered nothing for an hour and more is better told than retried forever.
 */
export const PAUSE_AFTER_FAILURES = 20;
export const PAUSE_MIN_SPAN_MS = HOUR;

/** The wait before the next attempt after `failedAttempts` failures (1 = the first attempt failed). */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[failedAttempts - 1] ?? LATER_RETRY_DELAY_MS;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * When to try again, or null when the delivery is given up: the next attempt would fall after the
 * retry window.
 */
export function nextAttemptAt(createdAt: Date, failedAttempts: number, now: Date, random: () => number = Math.random): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(failedAttempts, random));
  return next.getTime() - createdAt.getTime() > RETRY_WINDOW_MS ? null : next;
}

/** An attempt succeeded when the receiver answered 2xx; everything else (3xx included) is a failure. */
export function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

export interface FailureStreak {
  consecutiveFailures: number;
  /** when the first failure of the current streak happened, null without a streak */
  failingSince: Date | null;
}

/** Whether a subscription with this streak of failures is to be paused. */
export function shouldPause(streak: FailureStreak, now: Date): boolean {
  return streak.consecutiveFailures >= PAUSE_AFTER_FAILURES
    && streak.failingSince !== null
    && now.getTime() - streak.failingSince.getTime() >= PAUSE_MIN_SPAN_MS;
}

/**
 * Whether an event type matches a subscription's pattern: the type itself, `*` for every type, or a
 * prefix ending in `.*` for every type under it (`activities.*`, `activities.plan.*`).
 */
export function matchesEventType(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}

export function matchesAny(patterns: readonly string[], eventType: string): boolean {
  return patterns.some((pattern) => matchesEventType(pattern, eventType));
}

/** A pattern is valid when it is `*`, a type of the catalogue, or a prefix that matches at least one. */
export function isKnownPattern(pattern: string, catalogue: readonly string[]): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return catalogue.some((type) => matchesEventType(pattern, type));
  return catalogue.includes(pattern);
}

/** How much of a receiver's answer the attempt log keeps: enough to see an error page's message. */
export const RESPONSE_EXCERPT_CHARS = 1024;
