import { checkSlot, travelWarnings, weekStart, type TimedSlot } from './timetable.rules.js';

const slot = (id: string, schoolId: string, startsAt: string, endsAt: string, extra: Partial<TimedSlot> = {}): TimedSlot => ({
  id, teacherId: 't1', schoolId, weekday: 2, startsAt, endsAt, startsOn: '2026-09-01', endsOn: '2027-01-31', ...extra,
});

describe('timetable rules', () => {
  it.each([
    ['14:00', '14:40', []],
    ['14:40', '14:00', ['endsAt']],
    ['14:00', '14:00', ['endsAt']],
    ['08:00', '12:30', ['endsAt']],
  ])('checks %s–%s', (startsAt, endsAt, fields) => {
    expect(checkSlot({ startsAt, endsAt }).map((e) => e.field)).toEqual(fields);
  });

  it('warns about a transfer between schools with less than 30 minutes, and not about the same school', () => {
    const sut = travelWarnings([
      slot('a', 's1', '13:30', '14:10'),
      slot('b', 's1', '14:20', '15:00'),
      slot('c', 's2', '15:10', '15:50'),
      slot('d', 's1', '16:30', '17:10'),
    ]);
    expect(sut).toEqual([{ fromSlotId: 'b', toSlotId: 'c', teacherId: 't1', weekday: 2, gapMinutes: 10, neededMinutes: 30 }]);
  });

  it('ignores other weekdays, other teachers and placements that never run at the same time', () => {
    expect(travelWarnings([slot('a', 's1', '14:00', '14:40'), slot('b', 's2', '14:50', '15:30', { weekday: 4 })])).toEqual([]);
    expect(travelWarnings([slot('a', 's1', '14:00', '14:40'), slot('b', 's2', '14:50', '15:30', { teacherId: 't2' })])).toEqual([]);
    expect(travelWarnings([slot('a', 's1', '14:00', '14:40'), slot('b', 's2', '14:50', '15:30', { startsOn: '2027-02-01', endsOn: '2027-06-30' })])).toEqual([]);
  });

  it('takes a custom travel time', () => {
    expect(travelWarnings([slot('a', 's1', '14:00', '14:40'), slot('b', 's2', '14:50', '15:30')], 5)).toEqual([]);
  });

  it.each([['2026-12-03', '2026-11-30'], ['2026-11-30', '2026-11-30'], ['2026-12-06', '2026-11-30']])('finds the Monday of %s', (day, monday) => {
    expect(weekStart(day)).toBe(monday);
  });
});
