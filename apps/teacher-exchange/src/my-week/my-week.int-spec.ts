import {
  ActivitiesSubjects, MembershipSubjects, TeacherExchangeSubjects as S, type MyWeekView, type PersonalEntryView, type PlacementView,
  type MentorshipView, type ProvisionTeacherAccountsRequest, type TeacherAccountsResultView, type TeacherView, type WeekFeedTokenView, type WeekFeedView,
} from '@jiaolian/contracts';
import { testServers } from '@jiaolian/testing';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness, type World } from '../test-support/harness.js';

type Call = <T>(subject: string, data: unknown) => Promise<T>;

/**
 * A teacher's week and the accounts of roster teachers, with the other services played by stand-ins
 * on the bus: membership (which account is which teacher; creating accounts) and activities (the
 * teacher's registrations). Curriculum does not answer at all: its part of the week is reported missing.
 */
describe('my week and teacher accounts (service over NATS and PostgreSQL)', () => {
  let h: Harness;
  let nc: NatsConnection;
  let w: World;
  let homeAdmin: Call;
  let chen: TeacherView;
  let other: TeacherView;
  const subscriptions: Subscription[] = [];
  const teacherOfUser = new Map<string, string>();
  const provisioned: ProvisionTeacherAccountsRequest[] = [];
  const chenUser = randomUUID();

  const subjectOfToken = (token: string | undefined): string => JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()).sub;
  function standIn(subject: string, answer: (data: unknown, userId: string) => unknown): void {
    const sub = nc.subscribe(subject);
    void (async () => {
      for await (const msg of sub) {
        const packet = msg.json<{ id: string; data: unknown }>();
        msg.respond(JSON.stringify({ id: packet.id, isDisposed: true, response: answer(packet.data, subjectOfToken(msg.headers?.get('jl-caller'))) }));
      }
    })();
    subscriptions.push(sub);
  }

  beforeAll(async () => {
    h = await startHarness('teacher_exchange_my_week_it');
    nc = await connect({ servers: testServers().natsUrl });
    w = await h.district({
      schools: ['实验小学', '下湾村小', '外校'],
      alliances: [{ name: '实验小学教联体', core: '实验小学', members: ['下湾村小'] }],
    });
    homeAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['实验小学']! }]);
    const outsideAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['外校']! }]);
    chen = await homeAdmin<TeacherView>(S.teacherCreate, {
      schoolId: w.school['实验小学'], staffNo: 'M001', name: '陈音', gender: 'female', subjects: ['music'], title: 'first', rank: 'backbone', middleManager: false,
    });
    other = await outsideAdmin<TeacherView>(S.teacherCreate, {
      schoolId: w.school['外校'], staffNo: 'X001', name: '孙其', gender: 'male', subjects: ['math'], title: 'first', rank: 'none', middleManager: false,
    });
    const placement = await homeAdmin<PlacementView>(S.placementPropose, {
      teacherId: chen.id, kind: 'itinerant', startsOn: '2026-09-01', endsOn: '2027-01-31', hosts: [{ schoolId: w.school['下湾村小'], weeklyPeriods: 2 }],
    });
    await homeAdmin(S.slotCreate, {
      placementId: placement.id, weekday: 2, startsAt: '14:00', endsAt: '14:40', schoolId: w.school['下湾村小'], subject: 'music', grade: 3, className: '1班',
    });
    // approving takes both schools' admins; the approval flow has its own tests (placements)
    await h.db.query("UPDATE placement SET status = 'approved' WHERE id = $1", [placement.id]);

    teacherOfUser.set(chenUser, chen.id);
    standIn(MembershipSubjects.authMe, (_data, userId) => ({ id: userId, teacherId: teacherOfUser.get(userId) ?? null, mustChangePassword: false }));
    standIn(ActivitiesSubjects.registrationMine, (data, userId): PersonalEntryView[] => {
      const range = data as { from: string; to: string };
      const start = '2026-12-10T01:00:00.000Z';
      return userId === chenUser && range.from <= start && start < range.to
        ? [{ id: 'r1', refId: randomUUID(), title: '音乐展示课', startsAt: start, endsAt: '2026-12-10T02:30:00.000Z', place: '下湾村小 · 音乐室', detail: null }]
        : [];
    });
    standIn(MembershipSubjects.teacherAccountsProvision, (data) => {
      const request = data as ProvisionTeacherAccountsRequest;
      provisioned.push(request);
      return { accounts: [], created: request.teachers.length, existing: 0 } satisfies TeacherAccountsResultView;
    });
    await nc.flush();
  }, 90_000);

  afterAll(async () => {
    for (const sub of subscriptions) sub.unsubscribe();
    await nc?.close();
    await h?.close();
  });

  it("composes the teacher's week: the itinerant lesson and the registered activity in order; curriculum missing is reported, not fatal", async () => {
    const teacher = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学']! }], chenUser);
    const week = await teacher<MyWeekView>(S.myWeek, { from: '2026-12-09' });
    expect(week).toMatchObject({ from: '2026-12-07', to: '2026-12-13', timeZone: 'Asia/Shanghai', teacherId: chen.id });
    expect(week.entries.map((e) => [e.kind, e.title, e.startsAt, e.place])).toEqual([
      ['lesson', '音乐 · 3年级 · 1班', '2026-12-08T06:00:00.000Z', '下湾村小'],
      ['activity', '音乐展示课', '2026-12-10T01:00:00.000Z', '下湾村小 · 音乐室'],
    ]);
    expect(week.sources).toEqual([{ kind: 'lesson', available: true }, { kind: 'activity', available: true }, { kind: 'booking', available: false }, { kind: 'mentorship', available: true }]);
  }, 30_000);

  it('shows no lessons to a user whose account has no roster teacher, and none outside the placement', async () => {
    const stranger = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学']! }]);
    expect((await stranger<MyWeekView>(S.myWeek, { from: '2026-12-09' })).entries).toEqual([]);
    const teacher = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学']! }], chenUser);
    expect((await teacher<MyWeekView>(S.myWeek, { from: '2027-02-02' })).entries).toEqual([]);
  }, 30_000);

  it('serves the week as an iCalendar feed behind a rotating token; an old or unknown token is not found', async () => {
    const teacher = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学']! }], chenUser);
    expect(await teacher<WeekFeedTokenView>(S.weekFeedTokenGet, {})).toEqual({ token: null, feedPath: null, createdAt: null });
    const first = await teacher<WeekFeedTokenView>(S.weekFeedTokenRotate, {});
    expect(first.feedPath).toBe(`/api/v1/me/week/feeds/${first.token}.ics`);
    const { ics } = await h.bus.request<WeekFeedView>(S.weekFeed, { token: `${first.token}.ics` }, { callerToken: '' });
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('X-WR-CALNAME:');
    const second = await teacher<WeekFeedTokenView>(S.weekFeedTokenRotate, {});
    expect(second.token).not.toBe(first.token);
    await expect(h.bus.request(S.weekFeed, { token: first.token }, { callerToken: '' })).rejects.toMatchObject({ kind: 'not-found' });
    const audit = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'week_feed_token.rotated' AND entity_id = $1", [chenUser]);
    expect(audit.rows[0].n).toBe(2);
  }, 30_000);

  it('asks membership for accounts of its own roster teachers only; a foreign teacher is not found, and nothing is asked', async () => {
    await homeAdmin(S.teacherAccountsCreate, { schoolId: w.school['实验小学'], teacherIds: [chen.id] });
    expect(provisioned).toEqual([{ districtId: w.districtId, schoolId: w.school['实验小学'], teachers: [{ teacherId: chen.id, staffNo: 'M001', displayName: '陈音' }] }]);

    await expect(homeAdmin(S.teacherAccountsCreate, { schoolId: w.school['实验小学'], teacherIds: [chen.id, other.id] })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(homeAdmin(S.teacherAccountsCreate, { schoolId: w.school['外校'], teacherIds: [other.id] })).rejects.toMatchObject({ kind: 'not-found' });
    const district = await h.as([{ role: 'district_admin', districtId: w.districtId }]);
    await expect(district(S.teacherAccountsCreate, { schoolId: w.school['实验小学'], teacherIds: [chen.id, other.id] })).rejects.toMatchObject({
      kind: 'validation-failed', errors: [expect.objectContaining({ field: 'teacherIds.1' })],
    });
    const teacher = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学']! }], chenUser);
    await expect(teacher(S.teacherAccountsCreate, { schoolId: w.school['实验小学'], teacherIds: [chen.id] })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(provisioned).toHaveLength(1);
  }, 30_000);

  it("adds the mentorship lessons the teacher gives in the week, as one class period from their start; another week has none", async () => {
    const villageAdmin = await h.as([{ role: 'school_admin', districtId: w.districtId, schoolId: w.school['下湾村小']! }]);
    const apprentice = await villageAdmin<TeacherView>(S.teacherCreate, {
      schoolId: w.school['下湾村小'], staffNo: 'V001', name: '李想', gender: 'female', subjects: ['music'], title: 'first', rank: 'none', middleManager: false,
    });
    const pair = await homeAdmin<MentorshipView>(S.mentorshipCreate, { mentorId: chen.id, apprenticeId: apprentice.id, term: '2026-2027-1', goals: '每月一节示范课、一节汇报课' });
    await homeAdmin(S.mentorshipLessonRecord, {
      id: pair.id, body: { month: '2026-12', kind: 'demo', scheduledOn: '2026-12-09', startsAt: '10:00', place: '实验小学 录播教室' },
    });
    const teacher = await h.as([{ role: 'teacher', districtId: w.districtId, schoolId: w.school['实验小学']! }], chenUser);
    const week = await teacher<MyWeekView>(S.myWeek, { from: '2026-12-09' });
    expect(week.entries.filter((e) => e.kind === 'mentorship').map((e) => [e.title, e.startsAt, e.endsAt, e.place, e.refId])).toEqual([
      ['示范课 · 陈音 — 李想', '2026-12-09T02:00:00.000Z', '2026-12-09T02:45:00.000Z', '实验小学 录播教室', pair.id],
    ]);
    expect((await teacher<MyWeekView>(S.myWeek, { from: '2026-12-16' })).entries.filter((e) => e.kind === 'mentorship')).toEqual([]);
  }, 30_000);
});
