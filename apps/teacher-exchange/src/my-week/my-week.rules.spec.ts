import { inStartOrder, isoWeekday, lessonsBetween, localInstant, localToday, weekOf, type WeeklyLesson } from './my-week.rules.js';

describe(weekOf.name, () => {
  it.each([
    ['2026-12-07', '2026-12-07', '2026-12-13'],
    ['2026-12-13', '2026-12-07', '2026-12-13'],
    ['2027-01-01', '2026-12-28', '2027-01-03'],
  ])('puts %s in the week %s – %s', (day, monday, sunday) => {
    expect(weekOf(day)).toMatchObject({ monday, sunday });
  });

  it('bounds the week by midnight in Shanghai, which is 16:00 UTC the day before', () => {
    const week = weekOf('2026-12-09');
    expect(week.fromInstant.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(week.toInstant.toISOString()).toBe('2026-12-13T16:00:00.000Z');
  });
});

describe(localToday.name, () => {
  it('is already tomorrow in Shanghai after 16:00 UTC', () => {
    expect(localToday(new Date('2026-12-07T15:59:00Z'))).toBe('2026-12-07');
    expect(localToday(new Date('2026-12-07T16:00:00Z'))).toBe('2026-12-08');
  });
});

describe(lessonsBetween.name, () => {
  const slot = (over: Partial<WeeklyLesson>): WeeklyLesson => ({
    slotId: 's1', weekday: 2, startsAt: '08:00', endsAt: '08:40', startsOn: '2026-09-01', endsOn: '2027-01-20', title: '数学 · 三年级', place: '青山镇中心小学', ...over,
  });

  it('places a Tuesday slot on the Tuesday of the week, in Shanghai time', () => {
    const [lesson, ...rest] = lessonsBetween([slot({})], '2026-12-07', '2026-12-13');
    expect(rest).toEqual([]);
    expect(lesson).toEqual({
      kind: 'lesson', id: 's1:2026-12-08', refId: 's1', title: '数学 · 三年级', startsAt: '2026-12-08T00:00:00.000Z', endsAt: '2026-12-08T00:40:00.000Z',
      place: '青山镇中心小学', detail: null,
    });
    expect(isoWeekday('2026-12-08')).toBe(2);
  });

  it('shows no lesson before the slot starts or after it ends, counting both end days', () => {
    expect(lessonsBetween([slot({ startsOn: '2026-12-09' })], '2026-12-07', '2026-12-13')).toEqual([]);
    expect(lessonsBetween([slot({ endsOn: '2026-12-07' })], '2026-12-07', '2026-12-13')).toEqual([]);
    expect(lessonsBetween([slot({ startsOn: '2026-12-08', endsOn: '2026-12-08' })], '2026-12-07', '2026-12-13')).toHaveLength(1);
  });

  it('repeats weekly over a longer range', () => {
    expect(lessonsBetween([slot({})], '2026-12-07', '2026-12-27').map((l) => l.id)).toEqual(['s1:2026-12-08', 's1:2026-12-15', 's1:2026-12-22']);
  });
});

describe(inStartOrder.name, () => {
  it('orders by start, then kind and id', () => {
    const at = (id: string, kind: 'lesson' | 'activity', startsAt: string) => ({ kind, id, refId: id, title: id, startsAt, endsAt: startsAt, place: null, detail: null });
    const sorted = inStartOrder([at('b', 'lesson', localInstant('2026-12-08', '09:00').toISOString()), at('a', 'lesson', localInstant('2026-12-08', '08:00').toISOString()), at('c', 'activity', localInstant('2026-12-08', '09:00').toISOString())]);
    expect(sorted.map((e) => e.id)).toEqual(['a', 'c', 'b']);
  });
});
