import { TIMETABLE_DEFAULTS, type BellPeriod, type TimetableInput } from './timetable.model.js';
import { moveLesson } from './timetable.proposal.js';
import { solveTimetable } from './timetable.solver.js';

const bell: BellPeriod[] = [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:50', endsAt: '09:30' }, { startsAt: '09:40', endsAt: '10:20' }];

/** 清水小学 and 石桥小学, 15 minutes apart; 李老师 (music) lives at 清水, 王老师 (music) at 石桥. */
const world = (): TimetableInput => ({
  schools: [
    { id: 'qingshui', lat: 28, lng: 112, periods: bell, weekdays: [1, 2] },
    { id: 'shiqiao', lat: 28.05, lng: 112.05, periods: bell, weekdays: [1, 2] },
  ],
  teachers: [
    { id: 'li', subjects: ['music'], schoolIds: ['qingshui', 'shiqiao'], homeSchoolId: 'qingshui', unavailable: [], maxTravelMinutesPerDay: null },
    { id: 'wang', subjects: ['music'], schoolIds: ['shiqiao'], homeSchoolId: 'shiqiao', unavailable: [], maxTravelMinutesPerDay: null },
  ],
  lessons: [
    { id: 'qs-3-1', schoolId: 'qingshui', subject: 'music', className: '三年级1班', periodsPerWeek: 2, teacherId: 'li' },
    { id: 'sq-4-1', schoolId: 'shiqiao', subject: 'music', className: '四年级1班', periodsPerWeek: 1 },
  ],
  params: { ...TIMETABLE_DEFAULTS, timeLimitSeconds: 10 },
});

describe(moveLesson.name, () => {
  it('moves a period and shows what it now costs and which rule it breaks', async () => {
    const input = world();
    const proposal = await solveTimetable(input);
    expect(proposal.status).toBe('optimal');
    expect(proposal.travelMinutes).toBe(0); // 王老师 takes 石桥's lesson at home
    const sq = proposal.assignments.find((a) => a.lessonId === 'sq-4-1')!;
    // give 石桥's lesson to 李老师, next to his 清水 lesson: 15 minutes of road, 10 of break
    const qs = proposal.assignments.find((a) => a.lessonId === 'qs-3-1' && a.weekday === 1)!;
    const next = qs.period + 1 < bell.length ? qs.period + 1 : qs.period - 1;
    const sut = moveLesson(input, proposal.assignments, { ...sq, to: { weekday: 1, period: next, teacherId: 'li' } });
    if (!sut.moved) throw new Error('not moved');
    expect(sut.evaluation.violations).toContainEqual(expect.objectContaining({ code: 'teacher-clash', teacherId: 'li', weekday: 1 }));
    expect(sut.evaluation.teachers.find((t) => t.teacherId === 'li')!.travelMinutes).toBeGreaterThan(0);
    // the proposal it was given is unchanged
    expect(proposal.assignments.find((a) => a.lessonId === 'sq-4-1')!.teacherId).toBe('wang');
  });

  it('refuses a period that is not in the proposal or not in the school\'s bell schedule, changing nothing', async () => {
    const input = world();
    const proposal = await solveTimetable(input);
    const qs = proposal.assignments[0]!;
    expect(moveLesson(input, proposal.assignments, { ...qs, weekday: 9, to: { weekday: 1, period: 0 } })).toEqual({ moved: false, reason: 'not-in-proposal' });
    expect(moveLesson(input, proposal.assignments, { ...qs, to: { weekday: 1, period: 7 } })).toEqual({ moved: false, reason: 'no-such-period' });
  });
});
