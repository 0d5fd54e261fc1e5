import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  ActivitiesSubjects, dashboardSubject, EVENTS_STREAM, type DashboardFiguresView, MembershipEvents, type ActionItemView, type ActivityView, type AttendanceView, type CalendarFeedView, type DomainEvent,
  type FeedTokenView, type MinutesView, type OccurrencesView, type OccurrenceView, type Page, type RegistrationView, type RoleAssignment,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/*
 * The activities service against real PostgreSQL and NATS: its directory fed by membership events,
 * then activities, registrations under capacity, check-in, minutes and the calendar feed over the bus.
 */
describe('activities over the bus', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;
  let db: DataSource;

  const districtA = randomUUID();
  const districtB = randomUUID();
  const allianceA = randomUUID();
  const allianceB = randomUUID();
  const core = randomUUID();
  const village = randomUUID();
  const township = randomUUID();
  const foreignSchool = randomUUID();
  const ownerUserId = randomUUID();

  type Who = { id: string; assignments: RoleAssignment[] };
  const who = {
    allianceAdmin: { id: randomUUID(), assignments: [{ role: 'alliance_admin', districtId: districtA, allianceId: allianceA }] },
    villageAdmin: { id: randomUUID(), assignments: [{ role: 'school_admin', districtId: districtA, schoolId: village }] },
    townshipAdmin: { id: randomUUID(), assignments: [{ role: 'school_admin', districtId: districtA, schoolId: township }] },
    villageTeacher: { id: ownerUserId, assignments: [{ role: 'teacher', districtId: districtA, schoolId: village }] },
    foreignAdmin: { id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtB }] },
  } satisfies Record<string, Who>;

  const ask = async <T>(as: Who, subject: string, data: unknown): Promise<T> =>
    bus.request<T>(subject, data, { callerToken: await tokens.sign({ kind: 'user', id: as.id, displayName: as.id.slice(0, 8), assignments: as.assignments }, 300) });
  const event = (subject: string, districtId: string, data: object): DomainEvent => ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });
  const joined = (allianceId: string, districtId: string, schoolId: string, schoolName: string): DomainEvent =>
    event(MembershipEvents.memberJoined, districtId, { membershipId: randomUUID(), allianceId, districtId, schoolId, schoolName, role: 'member', joinedAt: new Date().toISOString() });

  const weekly = (startsAt: Date, over: Record<string, unknown> = {}): Record<string, unknown> => ({
    allianceId: allianceA, organiserSchoolId: core, kind: 'online_session', title: '每周线上教研：四年级数学',
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
    place: { kind: 'online', url: 'https://meeting.example.org/j/42' }, audience: { teachers: true, studentGrades: [], parents: false },
    capacityPerSchool: 2, recurrence: { freq: 'weekly', interval: 1, count: 8 }, ...over,
  });

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'activities_domain_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    const { AppModule } = await import('./app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'activities' }, logger: false,
    });
    await app.listen();
    db = app.get(DataSource);
    nc = await connect({ servers: servers.natsUrl });
    bus = new BusClient(nc, 10_000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);

    const js = jetstream(nc);
    for (const e of [
      event(MembershipEvents.allianceCreated, districtA, { allianceId: allianceA, districtId: districtA, name: '城东教联体', kind: 'integrated', coreSchoolId: core }),
      joined(allianceA, districtA, core, '城东实验小学'), joined(allianceA, districtA, village, '下湾村小学'), joined(allianceA, districtA, township, '临溪镇中心小学'),
      event(MembershipEvents.allianceActivated, districtA, { allianceId: allianceA, districtId: districtA }),
      event(MembershipEvents.allianceCreated, districtB, { allianceId: allianceB, districtId: districtB, name: '外县联盟', kind: 'alliance', coreSchoolId: foreignSchool }),
      joined(allianceB, districtB, foreignSchool, '外县小学'),
      event(MembershipEvents.allianceActivated, districtB, { allianceId: allianceB, districtId: districtB }),
    ]) await js.publish(e.subject, JSON.stringify(e), { msgID: e.id });
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const info = await jsm.consumers.info(EVENTS_STREAM, 'activities-directory').catch(() => undefined);
      if (info && info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > deadline) throw new Error('the directory did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
  });

  let activity: ActivityView;

  it('schedules a weekly online session for the alliance admin, with its RRULE, audited and announced', async () => {
    activity = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 2 * 86400_000)));
    expect(activity).toMatchObject({
      alliance: { id: allianceA, name: '城东教联体' }, organiserSchool: { id: core, name: '城东实验小学' }, rrule: 'FREQ=WEEKLY;INTERVAL=1;COUNT=8',
      timeZone: 'Asia/Shanghai', status: 'scheduled', canManage: true, capacityPerSchool: 2,
    });
    const audit = await db.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [activity.id]);
    expect(audit).toEqual([{ action: 'activity.scheduled' }]);
    const outbox = await db.query(`SELECT subject FROM outbox_event WHERE envelope->'data'->>'activityId' = $1`, [activity.id]);
    expect(outbox).toEqual([{ subject: 'evt.activities.activity.scheduled.v1' }]);
  });

  it('refuses an organiser that is not a member, and a teacher scheduling, without writing anything', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM activity');
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 86400_000), { organiserSchoolId: foreignSchool })))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'organiserSchoolId' })] });
    await expect(ask(who.villageTeacher, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 86400_000), { organiserSchoolId: village })))
      .rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.foreignAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 86400_000))))
      .rejects.toMatchObject({ kind: 'not-found' });
    expect(await db.query('SELECT count(*)::int AS n FROM activity')).toEqual(before);
  });

  it('answers 404 for the activity to another district and leaves it out of their lists and calendars', async () => {
    await expect(ask(who.foreignAdmin, ActivitiesSubjects.activityGet, { id: activity.id })).rejects.toMatchObject({ kind: 'not-found' });
    const list = await ask<Page<ActivityView>>(who.foreignAdmin, ActivitiesSubjects.activityList, {});
    expect(list.items.map((a) => a.id)).not.toContain(activity.id);
    const teacherView = await ask<ActivityView>(who.villageTeacher, ActivitiesSubjects.activityGet, { id: activity.id });
    expect(teacherView.canManage).toBe(false);
  });

  it('expands the weekly repetition into occurrences within a range', async () => {
    const from = new Date(activity.startsAt);
    const to = new Date(from.getTime() + 21 * 86400_000);
    const answer = await ask<OccurrencesView>(who.villageTeacher, ActivitiesSubjects.occurrenceList, { from: from.toISOString(), to: to.toISOString() });
    expect(answer.items.filter((o) => o.activityId === activity.id).map((o) => o.startsAt)).toEqual(
      [0, 7, 14].map((d) => new Date(from.getTime() + d * 86400_000).toISOString()),
    );
  });

  it('lets concurrent registrations of one school fill exactly its capacity while another school registers too', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => ask<RegistrationView>(who.villageAdmin, ActivitiesSubjects.registrationCreate, {
      id: activity.id, body: { schoolId: village, participantKind: 'teacher', participantName: `教师${i}` },
    })));
    const township1 = await ask<RegistrationView>(who.townshipAdmin, ActivitiesSubjects.registrationCreate, {
      id: activity.id, body: { schoolId: township, participantKind: 'teacher', participantName: '临溪教师' },
    });
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.reason).toMatchObject({ kind: 'conflict' });
    expect(township1.school).toEqual({ id: township, name: '临溪镇中心小学' });
    const rows = await db.query(`SELECT school_id, count(*)::int AS n FROM registration WHERE activity_id = $1 AND status = 'registered' GROUP BY school_id ORDER BY n DESC`, [activity.id]);
    expect(rows).toEqual([{ school_id: village, n: 2 }, { school_id: township, n: 1 }]);
  });

  it('registers the next occurrence separately: its places are its own', async () => {
    const next = new Date(new Date(activity.startsAt).getTime() + 7 * 86400_000).toISOString();
    const answer = await ask<RegistrationView>(who.villageAdmin, ActivitiesSubjects.registrationCreate, {
      id: activity.id, body: { occurrenceStart: next, schoolId: village, participantKind: 'teacher', participantName: '下周教师' },
    });
    expect(answer.occurrenceStart).toBe(next);
    await expect(ask(who.villageAdmin, ActivitiesSubjects.registrationCreate, {
      id: activity.id, body: { occurrenceStart: new Date(new Date(activity.startsAt).getTime() + 3 * 86400_000).toISOString(), schoolId: village, participantKind: 'teacher', participantName: 'x' },
    })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'occurrenceStart' })] });
  });

  it('refuses a teacher registering another school, and a parent where only teachers may come', async () => {
    await expect(ask(who.villageTeacher, ActivitiesSubjects.registrationCreate, {
      id: activity.id, body: { schoolId: township, participantKind: 'teacher', participantName: '张晓燕' },
    })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.townshipAdmin, ActivitiesSubjects.registrationCreate, {
      id: activity.id, body: { schoolId: township, participantKind: 'parent', participantName: '家长' },
    })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'participantKind' })] });
  });

  it('shows each school only its own participants, the organiser all of them, and everyone the counts per school', async () => {
    const own = await ask<Page<RegistrationView>>(who.townshipAdmin, ActivitiesSubjects.registrationList, { id: activity.id, query: {} });
    expect(own.items.map((r) => r.school.id)).toEqual([township]);
    const all = await ask<Page<RegistrationView>>(who.allianceAdmin, ActivitiesSubjects.registrationList, { id: activity.id, query: {} });
    expect(all.total).toBe(4);
    const attendance = await ask<AttendanceView>(who.townshipAdmin, ActivitiesSubjects.attendance, { id: activity.id, query: { occurrenceStart: activity.startsAt } });
    expect(attendance.schools).toEqual(expect.arrayContaining([
      { school: { id: village, name: '下湾村小学' }, registered: 2, checkedIn: 0, capacity: 2 },
      { school: { id: township, name: '临溪镇中心小学' }, registered: 1, checkedIn: 0, capacity: 2 },
      { school: { id: core, name: '城东实验小学' }, registered: 0, checkedIn: 0, capacity: 2 },
    ]));
  });

  it('checks in on the day only, by the participant\'s school admin; another school\'s admin gets 404', async () => {
    const soon = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 60_000), { recurrence: null, title: '今日展示课', kind: 'demo' }));
    const reg = await ask<RegistrationView>(who.villageAdmin, ActivitiesSubjects.registrationCreate, { id: soon.id, body: { schoolId: village, participantKind: 'teacher', participantName: '王老师' } });
    await expect(ask(who.townshipAdmin, ActivitiesSubjects.registrationCheckIn, { id: reg.id })).rejects.toMatchObject({ kind: 'not-found' });
    const checked = await ask<RegistrationView>(who.villageAdmin, ActivitiesSubjects.registrationCheckIn, { id: reg.id });
    expect(checked.checkedInAt).toEqual(expect.any(String));
    await expect(ask(who.villageAdmin, ActivitiesSubjects.registrationCheckIn, { id: reg.id })).rejects.toMatchObject({ kind: 'conflict' });
    const [later] = (await ask<Page<RegistrationView>>(who.villageAdmin, ActivitiesSubjects.registrationList, { id: activity.id, query: {} })).items;
    await expect(ask(who.villageAdmin, ActivitiesSubjects.registrationCheckIn, { id: later!.id })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('keeps minutes with action items; the owner sees them as theirs and marks one done, audited', async () => {
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    const minutes = await ask<MinutesView>(who.allianceAdmin, ActivitiesSubjects.minutesSave, {
      id: activity.id,
      body: {
        summary: '研讨了四年级数学单元整体教学。', decisions: ['下次教研由下湾村小学主备'],
        actionItems: [
          { title: '整理单元教学设计', ownerUserId, ownerName: '张晓燕', ownerSchoolId: village, dueOn: yesterday },
          { title: '上传课例视频', ownerName: '李老师', ownerSchoolId: township, dueOn: '2099-01-01' },
        ],
      },
    });
    expect(minutes.actionItems.map((i) => [i.title, i.status])).toEqual([['整理单元教学设计', 'overdue'], ['上传课例视频', 'open']]);
    const mine = await ask<Page<ActionItemView>>(who.villageTeacher, ActivitiesSubjects.actionItemList, { mine: true });
    expect(mine.items.map((i) => i.title)).toEqual(['整理单元教学设计']);
    await expect(ask(who.foreignAdmin, ActivitiesSubjects.actionItemComplete, { id: mine.items[0]!.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.townshipAdmin, ActivitiesSubjects.actionItemComplete, { id: mine.items[0]!.id })).rejects.toMatchObject({ kind: 'forbidden' });
    const done = await ask<ActionItemView>(who.villageTeacher, ActivitiesSubjects.actionItemComplete, { id: mine.items[0]!.id });
    expect(done.status).toBe('done');
    const audit = await db.query(`SELECT action, actor_id FROM audit_log WHERE entity_id = $1`, [done.id]);
    expect(audit).toEqual([{ action: 'action_item.completed', actor_id: ownerUserId }]);
    const open = await ask<Page<ActionItemView>>(who.allianceAdmin, ActivitiesSubjects.actionItemList, { allianceId: allianceA, status: 'pending' });
    expect(open.items.map((i) => i.title)).toEqual(['上传课例视频']);
  });

  it('serves a calendar feed for the feed token, scoped to its user; wrong and rotated tokens get 404', async () => {
    const first = await ask<FeedTokenView>(who.villageTeacher, ActivitiesSubjects.feedTokenRotate, {});
    expect(first.feedPath).toBe(`/api/v1/activities/calendar/feeds/${first.token}.ics`);
    const feed = await bus.request<CalendarFeedView>(ActivitiesSubjects.calendarFeed, { token: `${first.token}.ics` }, { callerToken: '' });
    expect(feed.ics).toContain(`UID:${activity.id}@jiaolian`);
    expect(feed.ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=8');
    const foreign = await ask<FeedTokenView>(who.foreignAdmin, ActivitiesSubjects.feedTokenRotate, {});
    const foreignFeed = await bus.request<CalendarFeedView>(ActivitiesSubjects.calendarFeed, { token: foreign.token }, { callerToken: '' });
    expect(foreignFeed.ics).not.toContain(activity.id);
    await expect(bus.request(ActivitiesSubjects.calendarFeed, { token: foreign.token, allianceId: allianceA }, { callerToken: '' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(bus.request(ActivitiesSubjects.calendarFeed, { token: 'x'.repeat(32) }, { callerToken: '' })).rejects.toMatchObject({ kind: 'not-found' });
    const second = await ask<FeedTokenView>(who.villageTeacher, ActivitiesSubjects.feedTokenRotate, {});
    expect(second.token).not.toBe(first.token);
    await expect(bus.request(ActivitiesSubjects.calendarFeed, { token: first.token }, { callerToken: '' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses a new schedule that drops a registered occurrence, then cancels: audited, announced, CANCELLED in the feed', async () => {
    const shifted = new Date(new Date(activity.startsAt).getTime() + 3600_000).toISOString();
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.activityUpdate, { id: activity.id, changes: { startsAt: shifted, endsAt: new Date(Date.parse(shifted) + 3600_000).toISOString() } }))
      .rejects.toMatchObject({ kind: 'conflict' });
    const renamed = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityUpdate, { id: activity.id, changes: { title: '每周线上教研（四年级数学）', recurrence: { freq: 'weekly', interval: 1, count: 10 } } });
    expect(renamed).toMatchObject({ title: '每周线上教研（四年级数学）', rrule: 'FREQ=WEEKLY;INTERVAL=1;COUNT=10', startsAt: activity.startsAt });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.activityCancel, { id: activity.id, body: { reason: '教研员外出' } })).rejects.toMatchObject({ kind: 'forbidden' });
    const cancelled = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityCancel, { id: activity.id, body: { reason: '教研员外出' } });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '教研员外出' });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.registrationCreate, { id: activity.id, body: { schoolId: village, participantKind: 'teacher', participantName: 'x' } }))
      .rejects.toMatchObject({ kind: 'conflict' });
    const audit = await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`, [activity.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['activity.scheduled', 'activity.updated', 'activity.cancelled']);
    const token = await ask<FeedTokenView>(who.villageTeacher, ActivitiesSubjects.feedTokenGet, {});
    const feed = await bus.request<CalendarFeedView>(ActivitiesSubjects.calendarFeed, { token: token.token }, { callerToken: '' });
    expect(feed.ics).toMatch(new RegExp(`UID:${activity.id}@jiaolian[\\s\\S]*?STATUS:CANCELLED`));
  });

  it('answers its dashboard figures for the caller\'s scope, and nothing of this alliance to another district', async () => {
    const own = await ask<DashboardFiguresView>(who.allianceAdmin, dashboardSubject('activities'), {});
    const figure = (view: DashboardFiguresView, key: string): number | undefined => view.figures.find((f) => f.key === key)?.value;
    expect(own.figures.map((f) => f.key)).toEqual(['activities.upcoming', 'activities.registrations', 'activities.attendanceRate', 'actionItems.open', 'actionItems.overdue']);
    expect(figure(own, 'actionItems.open')).toBe(1);
    expect(figure(own, 'activities.registrations')).toBeGreaterThan(0);
    const foreign = await ask<DashboardFiguresView>(who.foreignAdmin, dashboardSubject('activities'), {});
    expect(foreign.figures.every((f) => f.value === 0)).toBe(true);
  });

  it('cancels one occurrence of a series: its registrations go with it, no one registers again, the others go on', async () => {
    const series = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 3 * 86400_000), { title: '每周送教：英语' }));
    const week = (n: number): string => new Date(Date.parse(series.startsAt) + n * 7 * 86400_000).toISOString();
    const registered = await ask<RegistrationView>(who.villageAdmin, ActivitiesSubjects.registrationCreate, {
      id: series.id, body: { occurrenceStart: week(1), schoolId: village, participantKind: 'teacher', participantName: '李老师' },
    });
    const cancelOf = (start: string, reason = '期中考试周') => ({ id: series.id, body: { occurrenceStart: start, reason } });

    await expect(ask(who.villageAdmin, ActivitiesSubjects.occurrenceCancel, cancelOf(week(1)))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.foreignAdmin, ActivitiesSubjects.occurrenceCancel, cancelOf(week(1)))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.occurrenceCancel, cancelOf(new Date(Date.parse(week(1)) + 86400_000).toISOString())))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'body.occurrenceStart' })] });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.occurrenceCancel, cancelOf(week(1), '')))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'body.reason' })] });
    expect(await db.query('SELECT count(*)::int AS n FROM occurrence_cancellation WHERE activity_id = $1', [series.id])).toEqual([{ n: 0 }]);

    const cancelled = await ask<OccurrenceView>(who.allianceAdmin, ActivitiesSubjects.occurrenceCancel, cancelOf(week(1)));
    expect(cancelled).toMatchObject({ activityId: series.id, occurrenceStart: week(1), status: 'cancelled', cancelled: true, cancelReason: '期中考试周' });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.occurrenceCancel, cancelOf(week(1)))).rejects.toMatchObject({ kind: 'conflict' });

    const [registration] = await db.query('SELECT status FROM registration WHERE id = $1', [registered.id]);
    expect(registration).toEqual({ status: 'cancelled' });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.registrationCreate, {
      id: series.id, body: { occurrenceStart: week(1), schoolId: village, participantKind: 'teacher', participantName: '王老师' },
    })).rejects.toMatchObject({ kind: 'conflict' });
    const nextWeek = await ask<RegistrationView>(who.villageAdmin, ActivitiesSubjects.registrationCreate, {
      id: series.id, body: { occurrenceStart: week(2), schoolId: village, participantKind: 'teacher', participantName: '王老师' },
    });
    expect(nextWeek.status).toBe('registered');

    const listed = await ask<OccurrencesView>(who.villageTeacher, ActivitiesSubjects.occurrenceList, { from: series.startsAt, to: week(3) });
    expect(listed.items.filter((o) => o.activityId === series.id).map((o) => [o.startsAt, o.status, o.cancelled])).toEqual([
      [week(0), 'scheduled', false], [week(1), 'cancelled', true], [week(2), 'scheduled', false],
    ]);
    const view = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityGet, { id: series.id });
    expect(view.status).toBe('scheduled');

    const audit = await db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1 ORDER BY at`, [series.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['activity.scheduled', 'activity.occurrence_cancelled']);
    expect(audit[1].after).toMatchObject({ occurrenceStart: week(1), reason: '期中考试周', registrationsCancelled: 1 });
    const outbox = await db.query(`SELECT envelope->'data' AS data FROM outbox_event WHERE subject = $1 AND envelope->'data'->>'activityId' = $2`, ['evt.activities.occurrence.cancelled.v1', series.id]);
    expect(outbox).toEqual([{ data: expect.objectContaining({ occurrenceStart: week(1), registrationsCancelled: 1 }) }]);

    const token = await ask<FeedTokenView>(who.villageTeacher, ActivitiesSubjects.feedTokenGet, {});
    const feed = await bus.request<CalendarFeedView>(ActivitiesSubjects.calendarFeed, { token: token.token }, { callerToken: '' });
    const exdate = week(1).replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(feed.ics).toMatch(new RegExp(`UID:${series.id}@jiaolian[\\s\\S]*?EXDATE:${exdate}`));
  });

  it('never leaves a registration on an occurrence cancelled while schools were registering for it, and never deadlocks', async () => {
    const series = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 5 * 86400_000), { title: '每周送教：美术', capacityPerSchool: 10 }));
    for (const week of [1, 2, 3]) {
      const start = new Date(Date.parse(series.startsAt) + week * 7 * 86400_000).toISOString();
      const register = (i: number) => ask<RegistrationView>(i % 2 ? who.villageAdmin : who.townshipAdmin, ActivitiesSubjects.registrationCreate, {
        id: series.id, body: { occurrenceStart: start, schoolId: i % 2 ? village : township, participantKind: 'teacher', participantName: `教师${week}-${i}` },
      });
      const outcomes = await Promise.allSettled([
        ...[0, 1, 2, 3].map(register),
        ask(who.allianceAdmin, ActivitiesSubjects.occurrenceCancel, { id: series.id, body: { occurrenceStart: start, reason: '运动会' } }),
        ...[4, 5, 6, 7].map(register),
      ]);
      expect([week, outcomes[4]]).toEqual([week, expect.objectContaining({ status: 'fulfilled' })]);
      for (const refused of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) expect(refused.reason).toMatchObject({ kind: 'conflict' });
      const rows = await db.query(`SELECT count(*)::int AS n FROM registration WHERE activity_id = $1 AND occurrence_start = $2 AND status = 'registered'`, [series.id, start]);
      expect([week, rows]).toEqual([week, [{ n: 0 }]]);
    }
  });

  it('refuses to cancel a single occurrence of a one-off activity: the activity is cancelled as a whole', async () => {
    const once = await ask<ActivityView>(who.allianceAdmin, ActivitiesSubjects.activityCreate, weekly(new Date(Date.now() + 4 * 86400_000), { recurrence: null, title: '一次性展示课' }));
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.occurrenceCancel, { id: once.id, body: { occurrenceStart: once.startsAt, reason: '调整' } }))
      .rejects.toMatchObject({ kind: 'conflict' });
  });
});
