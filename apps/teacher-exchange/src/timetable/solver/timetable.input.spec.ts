import { renderMessage } from '@jiaolian/contracts';
import { checkTimetableInput } from './timetable.input.js';
import { TIMETABLE_DEFAULTS, type TimetableInput } from './timetable.model.js';

/** 清水小学 and 石桥小学 with 李老师 teaching music at both: an input without a mistake. */
const valid = (): TimetableInput => ({
  schools: [
    { id: 'qingshui', lat: 28, lng: 112, periods: [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:50', endsAt: '09:30' }] },
    { id: 'shiqiao', lat: 28.05, lng: 112.05, periods: [{ startsAt: '08:10', endsAt: '08:55' }], weekdays: [1, 3, 5] },
  ],
  teachers: [{ id: 'li', subjects: ['music'], schoolIds: ['qingshui', 'shiqiao'], homeSchoolId: 'qingshui', unavailable: [], maxTravelMinutesPerDay: 90 }],
  lessons: [
    { id: 'qs', schoolId: 'qingshui', subject: 'music', className: '三年级1班', periodsPerWeek: 2 },
    { id: 'sq', schoolId: 'shiqiao', subject: 'music', className: '四年级1班', periodsPerWeek: 1 },
  ],
  params: { ...TIMETABLE_DEFAULTS },
  travelOverrides: new Map([['qingshui|shiqiao', 25]]),
});

describe(checkTimetableInput.name, () => {
  it('accepts an input without mistakes', () => {
    expect(checkTimetableInput(valid())).toEqual([]);
  });

  it.each<[string, (input: TimetableInput) => void, string, string]>([
    ['a bell schedule without periods', (i) => (i.schools[0]!.periods = []), 'schools[0].periods', 'exchange.timetable-solver.bell-empty'],
    ['a period that starts before the previous one ends', (i) => (i.schools[0]!.periods[1]!.startsAt = '08:30'), 'schools[0].periods[1].startsAt', 'exchange.timetable-solver.bell-order'],
    ['a period that ends before it starts', (i) => (i.schools[1]!.periods[0]!.endsAt = '08:00'), 'schools[1].periods[0].endsAt', 'exchange.slot.ends-before-start'],
    ['weekday 8', (i) => (i.schools[1]!.weekdays = [1, 8]), 'schools[1].weekdays', 'exchange.timetable-solver.weekday-invalid'],
    ['a host school outside the timetable', (i) => i.teachers[0]!.schoolIds.push('elsewhere'), 'teachers[0].schoolIds[2]', 'exchange.timetable-solver.unknown-school'],
    ['a negative travel limit', (i) => (i.teachers[0]!.maxTravelMinutesPerDay = -5), 'teachers[0].maxTravelMinutesPerDay', 'exchange.timetable-solver.travel-limit-invalid'],
    ['unavailable time that ends before it starts', (i) => i.teachers[0]!.unavailable.push({ weekday: 2, startsAt: '14:00', endsAt: '12:00' }), 'teachers[0].unavailable[0].endsAt', 'exchange.slot.ends-before-start'],
    ['more periods a week than two a school day', (i) => (i.lessons[1]!.periodsPerWeek = 7), 'lessons[1].periodsPerWeek', 'exchange.timetable-solver.lesson-periods'],
    ['zero periods a week', (i) => (i.lessons[0]!.periodsPerWeek = 0), 'lessons[0].periodsPerWeek', 'exchange.timetable-solver.lesson-periods'],
    ['a lesson no teacher of its subject may take', (i) => (i.lessons[0]!.subject = 'science'), 'lessons[0].subject', 'exchange.timetable-solver.no-teacher'],
    ['a lesson fixed to a teacher outside the timetable', (i) => (i.lessons[0]!.teacherId = 'zhang'), 'lessons[0].teacherId', 'exchange.timetable-solver.unknown-teacher'],
    ['a negative travel time', (i) => i.travelOverrides!.set('qingshui|shiqiao', -1), 'travel[qingshui|shiqiao]', 'exchange.timetable-solver.travel-invalid'],
  ])('names the field of %s', (_, spoil, field, code) => {
    const input = valid();
    spoil(input);
    const sut = checkTimetableInput(input);
    expect(sut).toEqual([expect.objectContaining({ field, code })]);
    // every code has its Chinese text
    expect(renderMessage(sut[0]!.code, sut[0]!.params, 'zh-CN')).toBeTruthy();
  });
});
