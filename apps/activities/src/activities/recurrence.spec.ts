import { isOccurrence, lastOccurrence, occurrenceCount, occurrencesBetween, toRRule, type Recurrence } from './recurrence.js';

const at = (s: string): Date => new Date(s);
const isoList = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

describe('recurrence', () => {
  // 2026-10-15 14:00 Asia/Shanghai = 06:00Z
  const first = at('2026-10-15T06:00:00Z');

  it('expands a weekly series every interval weeks, only within [from, to)', () => {
    const sut: Recurrence = { freq: 'weekly', interval: 2, until: null, count: 5 };
    expect(isoList(occurrencesBetween(first, sut, at('2026-10-20T00:00:00Z'), at('2026-11-27T00:00:00Z')))).toEqual([
      '2026-10-29T06:00:00.000Z', '2026-11-12T06:00:00.000Z', '2026-11-26T06:00:00.000Z',
    ]);
    expect(occurrenceCount(first, sut)).toBe(5);
    expect(lastOccurrence(first, sut).toISOString()).toBe('2026-12-10T06:00:00.000Z');
  });

  it('keeps the Asia/Shanghai day of month for monthly series and skips months without that day', () => {
    // 31 January 2027, 09:00 local = 01:00Z
    const sut: Recurrence = { freq: 'monthly', interval: 1, until: '2027-05-31', count: null };
    expect(isoList(occurrencesBetween(at('2027-01-31T01:00:00Z'), sut, at('2027-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z')))).toEqual([
      '2027-01-31T01:00:00.000Z', '2027-03-31T01:00:00.000Z', '2027-05-31T01:00:00.000Z',
    ]);
  });

  it('uses the local date for until: an occurrence early on the until day (still the day before in UTC) counts, the next day does not', () => {
    // 07:30 local on 22 Oct is 23:30Z on 21 Oct
    const start = at('2026-10-14T23:30:00Z');
    const sut: Recurrence = { freq: 'weekly', interval: 1, until: '2026-10-22', count: null };
    expect(isoList(occurrencesBetween(start, sut, at('2026-10-01T00:00:00Z'), at('2026-12-01T00:00:00Z')))).toEqual([
      '2026-10-14T23:30:00.000Z', '2026-10-21T23:30:00.000Z',
    ]);
  });

  it('answers a one-off activity as its single occurrence', () => {
    expect(isoList(occurrencesBetween(first, null, at('2026-10-01T00:00:00Z'), at('2026-11-01T00:00:00Z')))).toEqual([first.toISOString()]);
    expect(occurrencesBetween(first, null, at('2026-10-16T00:00:00Z'), at('2026-11-01T00:00:00Z'))).toEqual([]);
    expect(lastOccurrence(first, null)).toEqual(first);
  });

  it.each([
    ['the first start', '2026-10-15T06:00:00Z', true],
    ['a later start', '2026-10-29T06:00:00Z', true],
    ['a start off the grid', '2026-10-22T06:00:00Z', false],
    ['a start after the series ends', '2026-12-24T06:00:00Z', false],
    ['a start before the series', '2026-10-01T06:00:00Z', false],
  ])('tells whether %s is an occurrence', (_, value, expected) => {
    expect(isOccurrence(first, { freq: 'weekly', interval: 2, until: null, count: 5 }, at(value))).toBe(expected);
  });

  it('writes the RRULE with COUNT, or UNTIL as the last second of the local day in UTC', () => {
    expect(toRRule({ freq: 'weekly', interval: 1, until: null, count: 10 })).toBe('FREQ=WEEKLY;INTERVAL=1;COUNT=10');
    expect(toRRule({ freq: 'monthly', interval: 2, until: '2027-06-30', count: null })).toBe('FREQ=MONTHLY;INTERVAL=2;UNTIL=20270630T155959Z');
    expect(toRRule(null)).toBeNull();
  });
});

describe('recurrence with sub-second starts', () => {
  it('treats the first start of a monthly series as an occurrence even with milliseconds', () => {
    const first = new Date('2026-10-15T06:00:00.123Z');
    expect(isOccurrence(first, { freq: 'monthly', interval: 1, until: null, count: 3 }, first)).toBe(true);
    expect(occurrencesBetween(first, { freq: 'monthly', interval: 1, until: null, count: 3 }, first, new Date('2027-01-01T00:00:00Z'))[1]?.toISOString())
      .toBe('2026-11-15T06:00:00.123Z');
  });
});
