import {
  isKnownPattern, isSuccess, matchesAny, matchesEventType, nextAttemptAt, PAUSE_AFTER_FAILURES, retryDelayMs, shouldPause,
} from './delivery.rules.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const middle = (): number => 0.5;

describe('webhook delivery rules', () => {
  describe(retryDelayMs.name, () => {
    it.each([
      [1, 5_000], [2, 30_000], [3, 2 * MIN], [4, 10 * MIN], [5, 30 * MIN], [6, HOUR], [7, HOUR], [30, HOUR],
    ])('waits, after %i failed attempt(s), %i ms without jitter', (failures, expected) => {
      expect(retryDelayMs(failures, middle)).toBe(expected);
    });

    it('spreads the wait by at most 20 % either way', () => {
      expect(retryDelayMs(1, () => 0)).toBe(4_000);
      expect(retryDelayMs(1, () => 0.999_999)).toBe(6_000);
    });
  });

  describe(nextAttemptAt.name, () => {
    const created = new Date('2026-12-07T00:00:00Z');

    it('schedules the next attempt after the wait', () => {
      const now = new Date('2026-12-07T00:00:01Z');

      expect(nextAttemptAt(created, 1, now, middle)).toEqual(new Date('2026-12-07T00:00:06Z'));
    });

    it('gives up once the next attempt would fall after 24 hours from creation', () => {
      expect(nextAttemptAt(created, 25, new Date('2026-12-07T22:30:00Z'), middle)).toEqual(new Date('2026-12-07T23:30:00Z'));
      expect(nextAttemptAt(created, 26, new Date('2026-12-07T23:30:00Z'), middle)).toBeNull();
    });

    it('makes 29 attempts over the day with the planned waits', () => {
      let now = created;
      let attempts = 1;
      for (;;) {
        const next = nextAttemptAt(created, attempts, now, middle);
        if (!next) break;
        now = next;
        attempts += 1;
      }
      expect(attempts).toBe(29);
      expect(now.getTime() - created.getTime()).toBeLessThanOrEqual(24 * HOUR);
    });
  });

  it.each([[200, true], [204, true], [299, true], [301, false], [400, false], [410, false], [500, false], [null, false]])(
    'counts an answer of %p as success: %p',
    (status, expected) => {
      expect(isSuccess(status)).toBe(expected);
    },
  );

  describe(shouldPause.name, () => {
    const now = new Date('2026-12-07T12:00:00Z');

    it('pauses after 20 failures in a row spanning at least an hour', () => {
      expect(shouldPause({ consecutiveFailures: PAUSE_AFTER_FAILURES, failingSince: new Date(now.getTime() - HOUR) }, now)).toBe(true);
    });

    it('does not pause on 20 quick failures of a short outage, nor on 19 failures over a day', () => {
      expect(shouldPause({ consecutiveFailures: 40, failingSince: new Date(now.getTime() - 10 * MIN) }, now)).toBe(false);
      expect(shouldPause({ consecutiveFailures: 19, failingSince: new Date(now.getTime() - 24 * HOUR) }, now)).toBe(false);
      expect(shouldPause({ consecutiveFailures: 0, failingSince: null }, now)).toBe(false);
    });
  });

  describe(matchesEventType.name, () => {
    it.each([
      ['*', 'membership.school.updated', true],
      ['membership.school.updated', 'membership.school.updated', true],
      ['membership.school.updated', 'membership.school.created', false],
      ['membership.*', 'membership.school.created', true],
      ['membership.school.*', 'membership.school.created', true],
      ['membership.school.*', 'membership.schoolyard.created', false],
      ['member.*', 'membership.school.created', false],
    ])('pattern %s matches %s: %p', (pattern, type, expected) => {
      expect(matchesEventType(pattern, type)).toBe(expected);
    });

    it('matches when any of a subscription\'s patterns does', () => {
      expect(matchesAny(['activities.*', 'membership.school.created'], 'membership.school.created')).toBe(true);
      expect(matchesAny([], 'membership.school.created')).toBe(false);
    });
  });

  it('knows a pattern when it names a catalogued type or a prefix that covers one', () => {
    const catalogue = ['membership.school.created', 'activities.plan.approved'];

    expect(isKnownPattern('*', catalogue)).toBe(true);
    expect(isKnownPattern('activities.*', catalogue)).toBe(true);
    expect(isKnownPattern('membership.school.created', catalogue)).toBe(true);
    expect(isKnownPattern('membership.school.deleted', catalogue)).toBe(false);
    expect(isKnownPattern('exams.*', catalogue)).toBe(false);
  });
});
