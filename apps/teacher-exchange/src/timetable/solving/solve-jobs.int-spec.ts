import {
  TeacherExchangeSubjects as S, type PlacementView, type SolveAcceptedView, type SolveJobCreatedView, type SolveJobView, type TeacherView,
} from '@jiaolian/contracts';
import { startHarness, type Harness, type World } from '../../test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

// the compiled worker thread runs the solve: build teacher-exchange before this spec
describe('timetable solve jobs (service over NATS and PostgreSQL, solving in a worker thread)', () => {
  let h: Harness;
  let w: World;
  let homeAdmin: Call;
  let hostAdmin: Call;
  let allianceAdmin: Call;
  let outsider: Call;
  let music: TeacherView;
  let placement: PlacementView;
  let allianceId: string;
  let home: string;
  let hostB: string;
  let hostC: string;
  let solved: SolveJobView;

  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await h.db.query(sql, params)).rows[0].count);
  const bells = { weekdays: [1, 2, 3, 4, 5], periods: [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:50', endsAt: '09:30' }, { startsAt: '14:00', endsAt: '14:40' }] };
  const finished = async (id: string): Promise<SolveJobView> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await allianceAdmin<SolveJobView>(S.solveGet, { id });
      if (!['queued', 'running'].includes(job.status) || Date.now() > deadline) return job;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    process.env['SOLVE_POLL_MS'] = '300';
    process.env['SOLVE_STALE_SECONDS'] = '2';
    h = await startHarness('teacher_exchange_solve_jobs_it');
    w = await h.district({
      schools: ['实验小学', '下湾村小', '枫岭村小'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小', '枫岭村小'] }],
    });
    const other = await h.district({ schools: ['外县小学'], alliances: [] });
    [home, hostB, hostC] = [w.school['实验小学'] as string, w.school['下湾村小'] as string, w.school['枫岭村小'] as string];
    allianceId = w.alliance['实验小学教联体'] as string;
    homeAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: home }]);
    hostAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: hostB }]);
    allianceAdmin = await h.as([{ role: 'alliance_admin', districtId: w.districtId, allianceId }]);
    outsider = await h.as([{ role: 'district_admin', districtId: other.districtId }]);
    music = await homeAdmin<TeacherView>(S.teacherCreate, {
      schoolId: home, staffNo: 'M001', name: '陈音', gender: 'female', subjects: ['music'], title: 'first', rank: 'backbone', middleManager: false,
    });
    placement = await homeAdmin<PlacementView>(S.placementPropose, {
      teacherId: music.id, kind: 'itinerant', startsOn: '2026-09-01', endsOn: '2027-01-31', hosts: [{ schoolId: hostB, weeklyPeriods: 2 }, { schoolId: hostC, weeklyPeriods: 2 }],
    });
    await homeAdmin(S.solverBellsSet, { schoolId: home, ...bells });
    await hostAdmin(S.solverBellsSet, { schoolId: hostB, ...bells });
    await hostAdmin(S.solverNeedsSet, { schoolId: hostB, lessons: [{ subject: 'music', grade: 3, className: '1班', periodsPerWeek: 2 }] });
    const hostCAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: hostC }]);
    await hostCAdmin(S.solverNeedsSet, { schoolId: hostC, lessons: [{ subject: 'music', grade: 2, className: '1班', periodsPerWeek: 2 }] });
    for (const [a, b, minutes] of [[home, hostB, 20], [home, hostC, 30], [hostB, hostC, 15]] as const) {
      await allianceAdmin(S.solverTravelSet, { schoolAId: a, schoolBId: b, minutes });
    }
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('refuses to solve while a school that needs lessons has no bell schedule, naming it, and queues nothing', async () => {
    await expect(allianceAdmin(S.solveCreate, { allianceId })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: `bells[${hostC}].periods` })],
    });
    expect(await count('SELECT count(*) FROM solver_job')).toBe(0);
  });

  it('lets only the alliance\'s admins start a solve; other districts do not see the alliance', async () => {
    await expect(hostAdmin(S.solveCreate, { allianceId })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(outsider(S.solveCreate, { allianceId })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(outsider(S.solverTravelSet, { schoolAId: hostB, schoolBId: hostC, minutes: 5 })).rejects.toMatchObject({ kind: 'not-found' });
    const bothHosts = await h.as([
      { role: 'school_admin', districtId: w.districtId, schoolId: hostB }, { role: 'school_admin', districtId: w.districtId, schoolId: hostC },
    ]);
    await expect(bothHosts(S.solverTravelSet, { schoolAId: hostB, schoolBId: hostC, minutes: 5 })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await allianceAdmin<{ entries: { minutes: number }[] }>(S.solverTravelList, { allianceId })).entries.map((e) => e.minutes).sort()).toEqual([15, 20, 30]);
    expect(await count('SELECT count(*) FROM solver_job')).toBe(0);
  });

  it('solves a queued job in a worker thread and shows the proposal with travel per teacher', async () => {
    const hostCAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: hostC }]);
    await hostCAdmin(S.solverBellsSet, { schoolId: hostC, ...bells });
    const { id } = await allianceAdmin<SolveJobCreatedView>(S.solveCreate, { allianceId, timeLimitSeconds: 20 });
    solved = await finished(id);
    expect(solved).toMatchObject({ id, allianceId, status: 'done', error: null, proposal: { outcome: 'optimal', gap: 0, breaks: [] } });
    expect(solved.proposal!.lessons).toHaveLength(4);
    expect(new Set(solved.proposal!.lessons.map((l) => l.teacherId))).toEqual(new Set([music.id]));
    // both host schools on one day (home → 下湾 → 枫岭 → home: 20 + 15 + 30) beats one school a day (2 × 40 + 2 × 60)
    expect(solved.proposal!.teachers).toEqual([expect.objectContaining({ teacherId: music.id, travelMinutes: 2 * (20 + 15 + 30) })]);
    expect(new Set(solved.proposal!.lessons.map((l) => l.weekday)).size).toBe(2);
    expect(await outsider(S.solveGet, { id }).catch((e: unknown) => e)).toMatchObject({ kind: 'not-found' });
    const row = (await h.db.query('SELECT outcome, gap, started_at IS NOT NULL AS started, finished_at IS NOT NULL AS finished FROM solver_job WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ outcome: 'optimal', gap: 0, started: true, finished: true });
  }, 90_000);

  it('moves a lesson of the proposal and says which rule it now breaks; refuses to accept it until it breaks none', async () => {
    const [first, second] = solved.proposal!.lessons.filter((l) => l.schoolId === hostB);
    const move = { lessonId: first!.lessonId, teacherId: music.id, weekday: first!.weekday, period: first!.period };
    const moved = await allianceAdmin<SolveJobView>(S.solveMove, { id: solved.id, ...move, to: { weekday: second!.weekday, period: (second!.period + 1) % 3 } });
    expect(moved.proposal!.breaks).toContainEqual(expect.objectContaining({ code: 'spread', lessonId: first!.lessonId }));
    await expect(allianceAdmin(S.solveAccept, { id: solved.id })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(allianceAdmin(S.solveMove, { id: solved.id, ...move, to: { weekday: 1, period: 0 } })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: 'lessonId' })],
    });
    const back = await allianceAdmin<SolveJobView>(S.solveMove, {
      id: solved.id, ...move, weekday: second!.weekday, period: (second!.period + 1) % 3, to: { weekday: first!.weekday, period: first!.period },
    });
    expect(back.proposal!.breaks).toEqual([]);
    expect(back.proposal!.travelMinutes).toBe(solved.proposal!.travelMinutes);
  });

  it('accepts all or nothing: one error per lesson clashing with the current timetable, and nothing written', async () => {
    const lesson = solved.proposal!.lessons.find((l) => l.schoolId === hostB)!;
    const existing = await homeAdmin<{ id: string }>(S.slotCreate, {
      placementId: placement.id, schoolId: hostB, weekday: lesson.weekday, startsAt: lesson.startsAt, endsAt: lesson.endsAt, subject: 'music', grade: 5,
    });
    const error = await allianceAdmin(S.solveAccept, { id: solved.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'conflict', errors: [expect.objectContaining({ field: expect.stringMatching(/^lessons\[\d\]$/) })] });
    expect((error as { errors: unknown[] }).errors).toHaveLength(1);
    expect(await count('SELECT count(*) FROM timetable_slot')).toBe(1);
    expect((await allianceAdmin<SolveJobView>(S.solveGet, { id: solved.id })).status).toBe('done');
    await homeAdmin(S.slotDelete, { id: existing.id });
  });

  it('writes the accepted proposal as timetable slots of the placement, once', async () => {
    await expect(hostAdmin(S.solveAccept, { id: solved.id })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(outsider(S.solveAccept, { id: solved.id })).rejects.toMatchObject({ kind: 'not-found' });
    const accepted = await allianceAdmin<SolveAcceptedView>(S.solveAccept, { id: solved.id });
    expect(accepted).toEqual({ id: solved.id, slots: 4 });
    const slots = await h.db.query('SELECT school_id, grade, class_name, placement_id FROM timetable_slot ORDER BY school_id, grade');
    expect(slots.rows).toHaveLength(4);
    expect(new Set(slots.rows.map((r: { placement_id: string }) => r.placement_id))).toEqual(new Set([placement.id]));
    expect(slots.rows.map((r: { grade: number; class_name: string }) => `${r.grade}${r.class_name}`).sort()).toEqual(['21班', '21班', '31班', '31班']);
    expect((await allianceAdmin<SolveJobView>(S.solveGet, { id: solved.id })).status).toBe('accepted');
    await expect(allianceAdmin(S.solveAccept, { id: solved.id })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await count('SELECT count(*) FROM timetable_slot')).toBe(4);
  });

  it('takes over a job whose service copy stopped renewing its claim', async () => {
    const { rows: [dead] } = await h.db.query(
      `INSERT INTO solver_job (district_id, alliance_id, status, input, created_by, claimed_by, heartbeat_at, started_at, attempts)
       SELECT district_id, alliance_id, 'running', input, created_by, 'a-stopped-copy', now() - interval '1 hour', now() - interval '1 hour', 1
         FROM solver_job WHERE id = $1 RETURNING id`, [solved.id],
    );
    const job = await finished(dead.id);
    expect(job).toMatchObject({ status: 'done', proposal: { outcome: 'optimal' } });
    const row = (await h.db.query('SELECT claimed_by, attempts FROM solver_job WHERE id = $1', [dead.id])).rows[0];
    expect(row.claimed_by).not.toBe('a-stopped-copy');
    expect(row.attempts).toBe(2);
  }, 90_000);
});
