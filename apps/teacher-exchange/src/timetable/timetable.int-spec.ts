import {
  TeacherExchangeEvents as E, TeacherExchangeSubjects as S, type Page, type PlacementView, type SlotSavedView, type SlotView, type SlotWeekView,
  type TeacherView,
} from '@jiaolian/contracts';
import { startHarness, type Harness, type World } from '../test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

describe('itinerant timetable (service over NATS and PostgreSQL)', () => {
  let h: Harness;
  let w: World;
  let homeAdmin: Call;
  let hostAdmin: Call;
  let otherHostAdmin: Call;
  let teacherRole: Call;
  let outsider: Call;
  let placement: PlacementView;
  let music: TeacherView;

  const slotCount = async (): Promise<number> => Number((await h.db.query('SELECT count(*) FROM timetable_slot')).rows[0].count);
  const outboxCount = async (subject: string): Promise<number> =>
    Number((await h.db.query('SELECT count(*) FROM outbox_event WHERE subject = $1', [subject])).rows[0].count);
  const slot = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    placementId: placement.id, weekday: 2, startsAt: '14:00', endsAt: '14:40', schoolId: w.school['下湾村小'], subject: 'music', grade: 3, className: '1班', ...extra,
  });

  const changes = (extra: Record<string, unknown> = {}): Record<string, unknown> => {
    const { placementId: _placement, ...fields } = slot(extra);
    return fields;
  };

  beforeAll(async () => {
    h = await startHarness('teacher_exchange_timetable_it');
    w = await h.district({
      schools: ['实验小学', '下湾村小', '枫岭村小', '二中'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }],
    });
    const other = await h.district({ schools: ['外县小学'], alliances: [] });
    homeAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    hostAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['下湾村小'] as string }]);
    otherHostAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['枫岭村小'] as string }]);
    teacherRole = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学'] as string }]);
    outsider = await h.as([{ role: 'district_admin', districtId: other.districtId }]);
    music = await homeAdmin<TeacherView>(S.teacherCreate, {
      schoolId: w.school['实验小学'], staffNo: 'M001', name: '陈音', gender: 'female', subjects: ['music'], title: 'first', rank: 'backbone', middleManager: false,
    });
    placement = await homeAdmin<PlacementView>(S.placementPropose, {
      teacherId: music.id, kind: 'itinerant', startsOn: '2026-09-01', endsOn: '2027-01-31',
      hosts: [{ schoolId: w.school['下湾村小'], weeklyPeriods: 2 }, { schoolId: w.school['枫岭村小'], weeklyPeriods: 2 }],
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets the home school admin add a slot, audited and announced', async () => {
    const created = await homeAdmin<SlotSavedView>(S.slotCreate, slot());
    expect(created).toMatchObject({ teacherName: '陈音', schoolName: '下湾村小', weekday: 2, startsAt: '14:00', endsAt: '14:40', travelWarnings: [] });
    const audit = await h.db.query('SELECT action FROM audit_log WHERE entity_id = $1', [created.id]);
    expect(audit.rows).toEqual([{ action: 'slot.created' }]);
    expect(await outboxCount(E.slotCreated)).toBe(1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await slotCount();
    await expect(homeAdmin(S.slotCreate, slot({ endsAt: '13:00' }))).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'endsAt' })] });
    await expect(homeAdmin(S.slotCreate, slot({ weekday: 8 }))).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'weekday' })] });
    await expect(homeAdmin(S.slotCreate, slot({ startsAt: '2pm' }))).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'startsAt' })] });
    await expect(homeAdmin(S.slotCreate, slot({ schoolId: w.school['二中'] }))).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'schoolId' })] });
    expect(await slotCount()).toBe(before);
    expect(await outboxCount(E.slotCreated)).toBe(1);
  });

  it('lets the database refuse a clash, naming the slot it clashes with; back-to-back lessons fit', async () => {
    const clash = homeAdmin(S.slotCreate, slot({ startsAt: '14:20', endsAt: '15:00', schoolId: w.school['枫岭村小'] }));
    await expect(clash).rejects.toMatchObject({ kind: 'conflict', errors: [expect.objectContaining({ field: 'startsAt', message: expect.stringContaining('14:00–14:40') })] });
    const next = await homeAdmin<SlotSavedView>(S.slotCreate, slot({ startsAt: '14:40', endsAt: '15:20', className: '2班' }));
    expect(next.travelWarnings).toEqual([]);
  });

  it('warns, without refusing, about a transfer to another school in less than 30 minutes', async () => {
    const tight = await otherHostAdmin<SlotSavedView>(S.slotCreate, slot({ startsAt: '15:35', endsAt: '16:15', schoolId: w.school['枫岭村小'], grade: 4 }));
    expect(tight.travelWarnings).toEqual([expect.objectContaining({ toSlotId: tight.id, gapMinutes: 15, neededMinutes: 30 })]);
  });

  it('lets exactly one of two racing clashing slots in', async () => {
    const racers = await Promise.allSettled([
      homeAdmin(S.slotCreate, slot({ weekday: 4, startsAt: '14:00', endsAt: '14:40' })),
      hostAdmin(S.slotCreate, slot({ weekday: 4, startsAt: '14:10', endsAt: '14:50' })),
    ]);
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(racers.find((r) => r.status === 'rejected')).toMatchObject({ reason: { kind: 'conflict' } });
    expect(Number((await h.db.query('SELECT count(*) FROM timetable_slot WHERE weekday = 4')).rows[0].count)).toBe(1);
  });

  it('keeps a host school admin to their own school, other roles out and other districts blind', async () => {
    await expect(otherHostAdmin(S.slotCreate, slot({ weekday: 5 }))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(teacherRole(S.slotCreate, slot({ weekday: 5 }))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(outsider(S.slotCreate, slot({ weekday: 5 }))).rejects.toMatchObject({ kind: 'not-found' });
    const [first] = (await homeAdmin<Page<SlotView>>(S.slotList, { placementId: placement.id })).items as [SlotView];
    await expect(outsider(S.slotUpdate, { id: first.id, changes: changes({ weekday: 5 }) })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.slotDelete, { id: first.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(otherHostAdmin(S.slotDelete, { id: first.id })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await outsider<Page<SlotView>>(S.slotList, {})).total).toBe(0);
  });

  it('moves a slot, refusing a move onto another lesson', async () => {
    const [first] = (await homeAdmin<Page<SlotView>>(S.slotList, { placementId: placement.id, weekday: 2, sort: 'startsAt' })).items as [SlotView];
    await expect(hostAdmin(S.slotUpdate, { id: first.id, changes: changes({ startsAt: '14:30', endsAt: '15:10' }) })).rejects.toMatchObject({ kind: 'conflict' });
    const moved = await hostAdmin<SlotSavedView>(S.slotUpdate, { id: first.id, changes: changes({ startsAt: '13:50', endsAt: '14:30' }) });
    expect(moved).toMatchObject({ startsAt: '13:50', endsAt: '14:30' });
    expect(await outboxCount(E.slotUpdated)).toBe(1);
  });

  it('shows the teacher\'s week and each school\'s week for a day in the placement', async () => {
    const week = await homeAdmin<SlotWeekView>(S.slotWeek, { teacherId: music.id, on: '2026-12-03' });
    expect(week).toMatchObject({ on: '2026-12-03', weekStart: '2026-11-30' });
    expect(week.slots.map((s) => `${s.weekday} ${s.startsAt} ${s.schoolName}`)).toEqual(['2 13:50 下湾村小', '2 14:40 下湾村小', '2 15:35 枫岭村小', '4 14:00 下湾村小']);
    expect(week.travelWarnings).toHaveLength(1);
    const hosted = await otherHostAdmin<SlotWeekView>(S.slotWeek, { schoolId: w.school['枫岭村小'], on: '2026-12-03' });
    expect(hosted.slots.map((s) => s.startsAt)).toEqual(['15:35']);
    expect((await homeAdmin<SlotWeekView>(S.slotWeek, { schoolId: w.school['实验小学'], on: '2026-12-03' })).slots).toHaveLength(4);
    expect((await homeAdmin<SlotWeekView>(S.slotWeek, { teacherId: music.id, on: '2027-03-01' })).slots).toEqual([]);
    await expect(homeAdmin(S.slotWeek, { on: '2026-12-03' })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'teacherId' })] });
    await expect(outsider(S.slotWeek, { teacherId: music.id })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('frees the teacher\'s time once the placement is cancelled, and closes its timetable', async () => {
    const [first] = (await homeAdmin<Page<SlotView>>(S.slotList, { placementId: placement.id })).items as [SlotView];
    await homeAdmin(S.slotDelete, { id: first.id });
    expect(await outboxCount(E.slotDeleted)).toBe(1);
    await homeAdmin(S.placementCancel, { id: placement.id, body: { reason: '课程调整' } });
    await expect(homeAdmin(S.slotCreate, slot({ weekday: 1 }))).rejects.toMatchObject({ kind: 'conflict' });
    expect(Number((await h.db.query('SELECT count(*) FROM timetable_slot WHERE live')).rows[0].count)).toBe(0);
    const again = await homeAdmin<PlacementView>(S.placementPropose, {
      teacherId: music.id, kind: 'itinerant', startsOn: '2026-09-01', endsOn: '2027-01-31', hosts: [{ schoolId: w.school['枫岭村小'], weeklyPeriods: 2 }],
    });
    const reused = await homeAdmin<SlotSavedView>(S.slotCreate, slot({ placementId: again.id, schoolId: w.school['枫岭村小'] }));
    expect(reused.startsAt).toBe('14:00');
  });

  it('never deadlocks when lessons are deleted while their placement is cancelled', async () => {
    const art = await homeAdmin<TeacherView>(S.teacherCreate, {
      schoolId: w.school['实验小学'], staffNo: 'A001', name: '林画', gender: 'male', subjects: ['art'], title: 'first', rank: 'none', middleManager: false,
    });
    for (const round of [1, 2, 3]) {
      const racing = await homeAdmin<PlacementView>(S.placementPropose, {
        teacherId: art.id, kind: 'itinerant', startsOn: `${2026 + round}-09-01`, endsOn: `${2027 + round}-01-31`, hosts: [{ schoolId: w.school['枫岭村小'], weeklyPeriods: 6 }],
      });
      const lessons = await Promise.all([1, 2, 3, 4, 5, 6].map((weekday) =>
        homeAdmin<SlotSavedView>(S.slotCreate, slot({ placementId: racing.id, schoolId: w.school['枫岭村小'], subject: 'art', weekday }))));
      const outcomes = await Promise.allSettled([
        ...lessons.slice(0, 3).map((lesson) => homeAdmin(S.slotDelete, { id: lesson.id })),
        homeAdmin(S.placementCancel, { id: racing.id, body: { reason: '课程调整' } }),
        ...lessons.slice(3).map((lesson) => homeAdmin(S.slotDelete, { id: lesson.id })),
      ]);
      expect([round, outcomes[3]]).toEqual([round, expect.objectContaining({ status: 'fulfilled' })]);
      for (const refused of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
        expect([round, refused.reason]).toEqual([round, expect.objectContaining({ kind: 'conflict' })]);
      }
      const live = await h.db.query('SELECT count(*)::int AS n FROM timetable_slot WHERE placement_id = $1 AND live', [racing.id]);
      expect(live.rows).toEqual([{ n: 0 }]);
    }
  });
});
