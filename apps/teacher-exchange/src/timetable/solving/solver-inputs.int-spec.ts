import {
  TeacherExchangeSubjects as S, type BellScheduleView, type LessonNeedsView, type PlacementView, type TeacherLimitsView, type TeacherView,
} from '@jiaolian/contracts';
import { startHarness, type Harness, type World } from '../../test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

describe('the timetable solver\'s stored inputs (service over NATS and PostgreSQL)', () => {
  let h: Harness;
  let w: World;
  let homeAdmin: Call;
  let hostAdmin: Call;
  let otherHostAdmin: Call;
  let allianceAdmin: Call;
  let teacherRole: Call;
  let outsider: Call;
  let music: TeacherView;
  let host: string;

  const count = async (table: string): Promise<number> => Number((await h.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const bells = { weekdays: [1, 2, 3, 4, 5], periods: [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:50', endsAt: '09:30' }, { startsAt: '14:00', endsAt: '14:40' }] };
  const need = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ subject: 'music', grade: 3, className: '1班', periodsPerWeek: 2, ...extra });

  beforeAll(async () => {
    h = await startHarness('teacher_exchange_solver_inputs_it');
    w = await h.district({
      schools: ['实验小学', '下湾村小', '枫岭村小', '二中'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }],
    });
    const other = await h.district({ schools: ['外县小学'], alliances: [] });
    host = w.school['下湾村小'] as string;
    homeAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    hostAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: host }]);
    otherHostAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['枫岭村小'] as string }]);
    allianceAdmin = await h.as([{ role: 'alliance_admin', districtId: w.districtId, allianceId: w.alliance['实验小学教联体'] as string }]);
    teacherRole = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: host }]);
    outsider = await h.as([{ role: 'district_admin', districtId: other.districtId }]);
    music = await homeAdmin<TeacherView>(S.teacherCreate, {
      schoolId: w.school['实验小学'], staffNo: 'M001', name: '陈音', gender: 'female', subjects: ['music'], title: 'first', rank: 'backbone', middleManager: false,
    });
    await homeAdmin<PlacementView>(S.placementPropose, {
      teacherId: music.id, kind: 'itinerant', startsOn: '2026-09-01', endsOn: '2027-01-31', hosts: [{ schoolId: host, weeklyPeriods: 4 }],
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('stores a school\'s bell schedule, entered by its admin, audited', async () => {
    const empty = await hostAdmin<BellScheduleView>(S.solverBellsGet, { schoolId: host });
    expect(empty).toMatchObject({ periods: [], updatedAt: null });
    const saved = await hostAdmin<BellScheduleView>(S.solverBellsSet, { schoolId: host, ...bells, weekdays: [5, 1, 2, 3, 4, 1] });
    expect(saved).toMatchObject({ schoolId: host, weekdays: [1, 2, 3, 4, 5], periods: bells.periods });
    expect(await allianceAdmin<BellScheduleView>(S.solverBellsGet, { schoolId: host })).toEqual(saved);
    const audit = await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1', [host]);
    expect(audit.rows).toEqual([{ action: 'solver.bells.set' }]);
  });

  it('refuses a bell schedule the solver would refuse, naming the period, and keeps the old one', async () => {
    const before = await hostAdmin<BellScheduleView>(S.solverBellsGet, { schoolId: host });
    const overlapping = { ...bells, periods: [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:30', endsAt: '09:10' }] };
    await expect(hostAdmin(S.solverBellsSet, { schoolId: host, ...overlapping })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: 'periods[1].startsAt' })],
    });
    const backwards = { ...bells, periods: [{ startsAt: '09:00', endsAt: '08:40' }] };
    await expect(hostAdmin(S.solverBellsSet, { schoolId: host, ...backwards })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: 'periods[0].endsAt' })],
    });
    await expect(hostAdmin(S.solverBellsSet, { schoolId: host, ...bells, periods: [] })).rejects.toMatchObject({ kind: 'validation-failed' });
    expect(await hostAdmin<BellScheduleView>(S.solverBellsGet, { schoolId: host })).toEqual(before);
  });

  it('lets only the school\'s own admin write its inputs; other schools\' staff are refused, other districts do not see it', async () => {
    await expect(otherHostAdmin(S.solverBellsSet, { schoolId: host, ...bells })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(allianceAdmin(S.solverBellsSet, { schoolId: host, ...bells })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(teacherRole(S.solverNeedsSet, { schoolId: host, lessons: [need()] })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(outsider(S.solverBellsGet, { schoolId: host })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.solverNeedsSet, { schoolId: host, lessons: [need()] })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await count('solver_lesson_need')).toBe(0);
  });

  it('replaces a school\'s lessons needed as a whole, in the order entered', async () => {
    await hostAdmin(S.solverNeedsSet, { schoolId: host, lessons: [need({ className: '2班' })] });
    const saved = await hostAdmin<LessonNeedsView>(S.solverNeedsSet, {
      schoolId: host, lessons: [need({ className: ' 1班 ' }), need({ subject: 'art', periodsPerWeek: 1, teacherId: null }), need({ grade: 4, teacherId: music.id })],
    });
    expect(saved.lessons.map((l) => [l.subject, l.grade, l.className, l.periodsPerWeek, l.teacherId])).toEqual([
      ['music', 3, '1班', 2, null], ['art', 3, '1班', 1, null], ['music', 4, '1班', 2, music.id],
    ]);
    expect(await teacherRole<LessonNeedsView>(S.solverNeedsGet, { schoolId: host })).toEqual(saved);
    expect(await count('solver_lesson_need')).toBe(3);
  });

  it('refuses bad lesson rows naming each row, and keeps the stored list', async () => {
    const error = await hostAdmin(S.solverNeedsSet, {
      schoolId: host,
      lessons: [need(), need(), need({ grade: 5, periodsPerWeek: 11 }), need({ grade: 6, teacherId: '00000000-0000-4000-8000-000000000000' })],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'validation-failed',
      errors: [
        expect.objectContaining({ field: 'lessons[1].className', row: 1 }),
        expect.objectContaining({ field: 'lessons[2].periodsPerWeek', row: 2 }),
        expect.objectContaining({ field: 'lessons[3].teacherId', row: 3 }),
      ],
    });
    await expect(hostAdmin(S.solverNeedsSet, { schoolId: host, lessons: [need({ periodsPerWeek: 0 })] })).rejects.toMatchObject({ kind: 'validation-failed' });
    expect(await count('solver_lesson_need')).toBe(3);
  });

  it('stores an itinerant teacher\'s unavailable times and travel limit, entered by an admin of the teacher\'s alliance', async () => {
    const limits = { teacherId: music.id, unavailable: [{ weekday: 3, startsAt: '13:00', endsAt: '17:00' }], maxTravelMinutesPerDay: 90 };
    const saved = await allianceAdmin<TeacherLimitsView>(S.solverLimitsSet, limits);
    expect(saved).toMatchObject({ teacherId: music.id, unavailable: limits.unavailable, maxTravelMinutesPerDay: 90 });
    expect(await allianceAdmin<TeacherLimitsView>(S.solverLimitsGet, { teacherId: music.id })).toEqual(saved);
    await expect(allianceAdmin(S.solverLimitsSet, { ...limits, unavailable: [{ weekday: 3, startsAt: '17:00', endsAt: '13:00' }] })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: 'unavailable[0].endsAt' })],
    });
    await expect(allianceAdmin(S.solverLimitsSet, { ...limits, maxTravelMinutesPerDay: 601 })).rejects.toMatchObject({ kind: 'validation-failed' });
    await expect(homeAdmin(S.solverLimitsSet, limits)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(hostAdmin(S.solverLimitsSet, limits)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.solverLimitsSet, limits)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.solverLimitsGet, { teacherId: music.id })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await allianceAdmin<TeacherLimitsView>(S.solverLimitsGet, { teacherId: music.id })).toEqual(saved);
  });
});
