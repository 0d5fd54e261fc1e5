import {
  ActivitiesSubjects, AssessmentEvents, AssessmentSubjects, MembershipEvents, MembershipSubjects, NotificationSubjects as S, TeacherExchangeEvents, TeacherExchangeSubjects, type DomainEvent,
  type MarkedReadView, type NotificationPreferencesView, type NotificationView, type Page, type PlacementView, type RobotTestView, type RobotView,
  type RoleAssignment, type RoleHolderView, type SurveyDeadlineView, type UnreadCountView,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, DomainError, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, startWeComReceiver, testServers, type RobotReceiver } from '@jiaolian/testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { SMTPServer } from 'smtp-server';
import { ALLOW_PRIVATE_TARGETS_ENV } from '../common/outbound-target.js';
import { ActionItemReminders } from './action-item-reminders.js';
import { SurveyReminders } from './survey-reminders.js';
import { ProfileRoundReminders } from './profile-round-reminders.js';

/*
 * The notification centre on real PostgreSQL and NATS JetStream: a placement proposed in teacher
 * exchange reaches the home school's admin in the bell and the school's WeCom group (a local receiver
 * that checks what WeCom checks), exactly once, with retries when the robot fails. Membership and
 * teacher exchange answer over NATS as they do (the same subjects and reply packets), from fixed data.
 */
describe('notifications', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;
  let db: pg.Client;
  let wecom: RobotReceiver & { webhookUrl: string };
  let smtp: SMTPServer;
  const mails: { to: string[]; data: string }[] = [];
  const responders: Subscription[] = [];

  const districtId = randomUUID();
  const homeSchoolId = randomUUID();
  const hostSchoolId = randomUUID();
  const allianceId = randomUUID();
  const profileRoundId = randomUUID();
  const headId = randomUUID();
  const proposerId = randomUUID();
  const placementId = randomUUID();
  const districtAdmin: RoleAssignment[] = [{ role: 'district_admin', districtId }];

  const tokenOf = (id: string, assignments: RoleAssignment[]): Promise<string> => tokens.sign({ kind: 'user', id, displayName: '测试', assignments }, 300);
  const call = async <T>(subject: string, data: unknown, id: string, assignments: RoleAssignment[] = []): Promise<T> =>
    bus.request<T>(subject, data, { callerToken: await tokenOf(id, assignments) });
  const failure = async (subject: string, data: unknown, id: string, assignments: RoleAssignment[] = []): Promise<DomainError> => {
    try {
      await call(subject, data, id, assignments);
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error(`${subject} succeeded but was expected to fail`);
  };
  const publish = async (subject: string, data: object, id: string = randomUUID(), msgId: string = id): Promise<DomainEvent> => {
    const event: DomainEvent = { id, subject, occurredAt: new Date().toISOString(), districtId, data };
    await jetstream(nc).publish(subject, JSON.stringify(event), { msgID: msgId });
    return event;
  };
  const until = async <T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await what();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** Answers a subject as a Nest service on the NATS transport does. */
  const respond = (subject: string, answer: (data: Record<string, unknown>) => unknown): void => {
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        const packet = msg.json<{ id: string; data: Record<string, unknown> }>();
        msg.respond(JSON.stringify({ id: packet.id, response: answer(packet.data), isDisposed: true }));
      },
    });
    responders.push(sub);
  };

  const placement: PlacementView = {
    id: placementId, districtId, allianceId, allianceName: '城关教育联盟', teacherId: randomUUID(), teacherName: '王老师', staffNo: 'T001',
    homeSchoolId, homeSchoolName: '城关第一小学', hosts: [{ schoolId: hostSchoolId, schoolName: '柳树镇中心小学', weeklyPeriods: null, approvedAt: null }],
    kind: 'rotation', status: 'proposed', startsOn: '2026-09-01', endsOn: '2027-01-31', note: null, reason: null, proposedBy: proposerId,
    createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
  };
  const proposed = {
    placementId, districtId, allianceId, teacherId: placement.teacherId, homeSchoolId, hostSchoolIds: [hostSchoolId], kind: 'rotation',
    status: 'proposed', from: null, startsOn: '2026-09-01', endsOn: '2027-01-31',
  };

  const actionItem = (title: string, dueOn: string, owner: { ownerUserId?: string; ownerSchool?: { id: string; name: string } }) => ({
    id: randomUUID(), minutesId: randomUUID(), activity: { id: randomUUID(), name: '联盟教研活动' }, alliance: { id: allianceId, name: '城关教育联盟' },
    occurrenceStart: '2026-11-20T01:00:00Z', title, ownerUserId: owner.ownerUserId ?? null, ownerName: '李校长', ownerSchool: owner.ownerSchool ?? null,
    dueOn, status: 'open', doneAt: null, doneBy: null, canComplete: false,
  });
  const actionItems = [
    actionItem('整理听课记录', '2026-12-01', { ownerUserId: headId }),
    actionItem('提交送教计划', '2026-12-08', { ownerSchool: { id: homeSchoolId, name: '城关第一小学' } }),
    actionItem('下学期安排', '2027-03-01', { ownerUserId: headId }),
  ];

  // a parents' and teachers' survey of the alliance closing on 2026-12-10 at 18:00 Beijing time; one of the two teachers has answered
  const teacherIds = [randomUUID(), randomUUID()];
  const ownerId = randomUUID();
  const surveyOf = (changes: Partial<SurveyDeadlineView> = {}): SurveyDeadlineView => ({
    id: randomUUID(), districtId, level: 'alliance', allianceId, schoolId: null, title: '家长满意度调查', audiences: ['parents', 'teachers'], status: 'open',
    opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2026-12-10T10:00:00.000Z', closedAt: '2026-12-10T10:00:00.000Z', ownerId,
    schools: [{ id: homeSchoolId, name: '城关第一小学', responses: 12 }, { id: hostSchoolId, name: '柳树镇中心小学', responses: 3 }], responseCount: 15,
    answeredAccountIds: [teacherIds[0]!], ...changes,
  });
  let surveys: SurveyDeadlineView[] = [];

  beforeAll(async () => {
    const servers = testServers();
    const databaseUrl = await createDatabase(servers.postgresAdminUrl, 'integrations_notifications_it');
    process.env['DATABASE_URL'] = databaseUrl;
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    process.env[ALLOW_PRIVATE_TARGETS_ENV] = 'true';
    process.env['NOTIFICATION_RETRY_BASE_MS'] = '200';
    process.env['NOTIFICATION_POLL_MS'] = '100';
    process.env['NOTIFICATION_REMINDER_INTERVAL_MS'] = '0';
    process.env['CONSOLE_PUBLIC_URL'] = 'https://jiaolian.example.cn';
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    process.env['SMTP_URL'] = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
    nc = await connect({ servers: servers.natsUrl });
    respond(MembershipSubjects.roleHolders, (data) => {
      const schools = (data['schoolIds'] as string[] | undefined) ?? [];
      const holders: RoleHolderView[] = [];
      if ((data['roles'] as string[]).includes('school_admin') && schools.includes(homeSchoolId)) {
        holders.push({ userId: headId, displayName: '李校长', email: 'li@school.example.cn', role: 'school_admin', schoolId: homeSchoolId, allianceId: null });
      }
      if ((data['roles'] as string[]).includes('teacher') && schools.includes(homeSchoolId)) {
        for (const userId of teacherIds) holders.push({ userId, displayName: '教师', email: null, role: 'teacher', schoolId: homeSchoolId, allianceId: null });
      }
      return holders;
    });
    respond(AssessmentSubjects.surveyDeadlines, () => surveys);
    respond(AssessmentSubjects.evaluationGet, (data) => ({ id: data['id'], allianceName: '城关教育联盟', schoolName: '城关第一小学' }));
    respond(TeacherExchangeSubjects.placementGet, () => placement);
    respond(ActivitiesSubjects.actionItemList, (data) => {
      const items = data['status'] === 'overdue' ? actionItems.filter((i) => i.dueOn < '2026-12-07') : actionItems.filter((i) => i.dueOn >= '2026-12-07');
      return { items, total: items.length, page: 1, pageSize: 200 };
    });
    respond(MembershipSubjects.profileRoundsDue, () => [{
      roundId: profileRoundId, districtId, term: '2026-2027-1', deadline: '2026-12-09T16:00:00.000Z',
      pendingSchools: [{ id: homeSchoolId, name: '城关第一小学' }, { id: hostSchoolId, name: '柳树镇中心小学' }],
    }]);
    wecom = await startWeComReceiver('group-key-1');

    const { AppModule } = await import('../app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'integrations' }, logger: false,
    });
    await app.listen();
    bus = new BusClient(nc, 10_000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    await publish(MembershipEvents.schoolRegistered, { schoolId: homeSchoolId, districtId, code: '3301010001', name: '城关第一小学' });
    await publish(MembershipEvents.schoolRegistered, { schoolId: hostSchoolId, districtId, code: '3301010002', name: '柳树镇中心小学' });
    await publish(MembershipEvents.allianceCreated, { allianceId, districtId, name: '城关教育联盟', kind: 'alliance', coreSchoolId: homeSchoolId });
    await until(() => db.query('SELECT count(*)::int AS n FROM integrations.directory_school WHERE district_id = $1', [districtId]).then((r) => r.rows[0].n as number), (n) => n === 2);
  });

  afterAll(async () => {
    await app?.close();
    for (const sub of responders) sub.unsubscribe();
    await nc?.drain();
    await db?.end();
    await wecom?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    delete process.env['SMTP_URL'];
  });

  let robot: RobotView;

  it('lets the district admin set a WeCom robot for a school, never showing its key again, and test it', async () => {
    robot = await call<RobotView>(S.robotCreate, {
      ownerType: 'school', ownerId: homeSchoolId, channel: 'wecom', name: '城关一小教务群', webhookUrl: wecom.webhookUrl, kinds: ['placement.approval-requested'],
    }, randomUUID(), districtAdmin);
    expect(robot).toMatchObject({ ownerName: '城关第一小学', enabled: true, hasSecret: false, kinds: ['placement.approval-requested'] });
    expect(robot.webhookUrlMasked).not.toContain('group-key-1');
    expect(JSON.stringify(await call(S.robotList, { ownerId: homeSchoolId }, randomUUID(), districtAdmin))).not.toContain('group-key-1');

    const tested = await call<RobotTestView>(S.robotTest, { id: robot.id }, randomUUID(), districtAdmin);
    expect(tested).toEqual({ delivered: true, error: null });
    expect((wecom.messages.at(-1)?.body as { markdown: { content: string } }).markdown.content).toContain('教联平台测试消息');
    expect((await db.query(`SELECT count(*)::int AS n FROM integrations.audit_log WHERE entity_id = $1 AND action = 'robot.created'`, [robot.id])).rows[0].n).toBe(1);
  });

  it('refuses robot settings to an admin of another school (404 for a foreign district) and a private address unless allowed', async () => {
    const otherHead: RoleAssignment[] = [{ role: 'school_admin', districtId, schoolId: hostSchoolId }];
    expect((await failure(S.robotTest, { id: robot.id }, randomUUID(), otherHead)).kind).toBe('forbidden');
    expect((await failure(S.robotTest, { id: robot.id }, randomUUID(), [{ role: 'district_admin', districtId: randomUUID() }])).kind).toBe('not-found');
    const before = (await db.query('SELECT count(*)::int AS n FROM integrations.notification_robot')).rows[0].n;
    process.env[ALLOW_PRIVATE_TARGETS_ENV] = 'false';
    try {
      const refused = await failure(S.robotCreate, {
        ownerType: 'school', ownerId: homeSchoolId, channel: 'wecom', name: '内网', webhookUrl: 'https://127.0.0.1/cgi-bin/webhook/send?key=k', kinds: [],
      }, randomUUID(), districtAdmin);
      expect(refused).toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'webhookUrl', code: 'notifications.robot.url-private' })] });
    } finally {
      process.env[ALLOW_PRIVATE_TARGETS_ENV] = 'true';
    }
    expect((await db.query('SELECT count(*)::int AS n FROM integrations.notification_robot')).rows[0].n).toBe(before);
  });

  it('puts a proposed placement in the home school admin\'s bell and WeCom group, exactly once, after the robot recovers', async () => {
    wecom.failNext(2, 502);
    const sent = wecom.messages.length;
    const eventId = randomUUID();
    await publish(TeacherExchangeEvents.placementProposed, proposed, eventId);
    // the same event again under another message id (as after a publisher crash): it must not notify twice
    await publish(TeacherExchangeEvents.placementProposed, proposed, eventId, randomUUID());

    const unread = await until(() => call<UnreadCountView>(S.unreadCount, {}, headId), (v) => v.unread >= 1);
    expect(unread.unread).toBe(1);
    const page = await call<Page<NotificationView>>(S.list, {}, headId);
    expect(page.items).toEqual([expect.objectContaining({
      kind: 'placement.approval-requested', title: '待审批：王老师的交流安排', link: '/teacher-exchange/placements', readAt: null,
    })]);
    expect(page.items[0]!.body).toContain('城关第一小学的王老师拟到柳树镇中心小学轮岗');
    const english = await call<Page<NotificationView>>(S.list, { locale: 'en' }, headId);
    expect(english.items[0]!.title).toBe('Approval needed: placement of 王老师');

    await until(async () => wecom.messages.length, (n) => n > sent);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const posted = wecom.messages.slice(sent).map((m) => (m.body as { markdown: { content: string } }).markdown.content);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('### 待审批：王老师的交流安排');
    expect(posted[0]).toContain('[查看详情](https://jiaolian.example.cn/teacher-exchange/placements)');
    const { rows } = await db.query(`SELECT status, attempts FROM integrations.outbound_message WHERE robot_id = $1`, [robot.id]);
    expect(rows).toEqual([{ status: 'delivered', attempts: 3 }]);
  });

  it('shows a person only their own notifications: another user gets 404 for its id and sees none', async () => {
    const [mine] = (await call<Page<NotificationView>>(S.list, {}, headId)).items;
    const stranger = randomUUID();
    expect((await failure(S.markRead, { id: mine!.id }, stranger, districtAdmin)).kind).toBe('not-found');
    expect(await call<UnreadCountView>(S.unreadCount, {}, stranger, districtAdmin)).toEqual({ unread: 0 });
    expect((await call<Page<NotificationView>>(S.list, {}, stranger, districtAdmin)).total).toBe(0);
    expect(await call<UnreadCountView>(S.unreadCount, {}, headId)).toEqual({ unread: 1 });

    expect(await call<MarkedReadView>(S.markRead, { id: mine!.id }, headId)).toEqual({ marked: 1, unread: 0 });
    expect((await call<Page<NotificationView>>(S.list, { unread: true }, headId)).total).toBe(0);
  });

  it('tells the proposer of the rejection, and respects a muted kind', async () => {
    await publish(TeacherExchangeEvents.placementRejected, { ...proposed, status: 'rejected', from: 'proposed', reason: '本学期课时已满' });
    const page = await until(() => call<Page<NotificationView>>(S.list, {}, proposerId), (p) => p.total >= 1);
    expect(page.items[0]).toMatchObject({ kind: 'placement.rejected', title: '交流安排未获批准：王老师' });
    expect(page.items[0]!.body).toContain('本学期课时已满');

    const prefs = await call<NotificationPreferencesView>(S.preferencesSet, { mutedKinds: ['placement.approval-requested'], email: false }, headId);
    expect(prefs).toMatchObject({ mutedKinds: ['placement.approval-requested'], email: false, emailAvailable: true });
    await publish(TeacherExchangeEvents.placementProposed, { ...proposed, placementId });
    await until(() => db.query(`SELECT count(*)::int AS n FROM integrations.inbox_event WHERE consumer = 'integrations-notifications'`).then((r) => r.rows[0].n as number), (n) => n >= 6);
    expect(await call<UnreadCountView>(S.unreadCount, {}, headId)).toEqual({ unread: 0 });
  });

  it('e-mails a person who asked for e-mail, besides the bell', async () => {
    await call(S.preferencesSet, { mutedKinds: [], email: true }, headId);
    await publish(TeacherExchangeEvents.placementProposed, { ...proposed, startsOn: '2026-10-08', endsOn: '2026-10-12' });
    const mail = await until(async () => mails.find((m) => m.to.includes('li@school.example.cn')), (m) => m !== undefined);
    expect(mail!.data).toMatch(/^Subject: =\?UTF-8\?/m);
    // the receiver has the mail a moment before the sender records the delivery
    const rows = await until(async () => (await db.query(`SELECT status, attempts FROM integrations.outbound_message WHERE channel = 'email'`)).rows, (r) => r[0]?.status !== 'pending');
    expect(rows).toEqual([{ status: 'delivered', attempts: 1 }]);
    expect(await call<UnreadCountView>(S.unreadCount, {}, headId)).toEqual({ unread: 1 });
  });

  it('lets an event about a placement a seeder proposed pass without notifying anyone or failing', async () => {
    const consumed = async (): Promise<number> =>
      db.query(`SELECT count(*)::int AS n FROM integrations.inbox_event WHERE consumer = 'integrations-notifications'`).then((r) => r.rows[0].n as number);
    const [before, notifications] = [await consumed(), (await db.query('SELECT count(*)::int AS n FROM integrations.notification')).rows[0].n];
    placement.proposedBy = 'demo:seed';
    try {
      await publish(TeacherExchangeEvents.placementApproved, { ...proposed, status: 'approved', from: 'home_approved' });
      await until(consumed, (n) => n === before + 1);
    } finally {
      placement.proposedBy = proposerId;
    }
    expect((await db.query('SELECT count(*)::int AS n FROM integrations.notification')).rows[0].n).toBe(notifications);
  });

  it('reminds the owner of an overdue action item and the school of one due soon, once each, and not of one far off', async () => {
    await call(S.markAllRead, {}, headId);
    const sut = app.get(ActionItemReminders);
    expect(await sut.run(new Date('2026-12-07T02:00:00Z'))).toBe(2);
    expect(await sut.run(new Date('2026-12-07T03:00:00Z'))).toBe(0);
    const page = await call<Page<NotificationView>>(S.list, { unread: true }, headId);
    expect(page.items.map((n) => n.title).sort()).toEqual(['待办即将到期：提交送教计划', '待办已逾期：整理听课记录']);
    expect(page.items.find((n) => n.kind === 'action-item.overdue')!.body).toBe('联盟教研活动的待办事项“整理听课记录”已于 2026-12-01 到期，尚未完成。');
  });

  it('reminds those who have not answered a survey 72 and 24 hours before it closes, and its owner once it has closed, each once', async () => {
    await call(S.markAllRead, {}, headId);
    await call(S.robotUpdate, { id: robot.id, changes: { kinds: ['placement.approval-requested', 'survey.closing-soon'] } }, randomUUID(), districtAdmin);
    const survey = surveyOf();
    surveys = [survey];
    const sut = app.get(SurveyReminders);
    // another replica (or the service after a restart) running the same pass at the same time
    const replica = new SurveyReminders(app.get(DataSource), new BusClient(nc, 10_000), pino({ level: 'silent' }));
    const posted = wecom.messages.length;
    const twoDaysBefore = new Date('2026-12-08T10:00:00Z');
    expect((await Promise.all([sut.run(twoDaysBefore), replica.run(twoDaysBefore)])).reduce((a, b) => a + b, 0)).toBe(2);
    expect(await sut.run(new Date('2026-12-08T11:00:00Z'))).toBe(0);

    const [due] = (await call<Page<NotificationView>>(S.list, {}, teacherIds[1]!)).items;
    expect(due).toMatchObject({ kind: 'survey.answer-due', title: '问卷即将截止：家长满意度调查', link: `/surveys/${survey.id}/answer` });
    expect(due!.body).toBe('问卷“家长满意度调查”将于 2026-12-10 18:00 截止，您还没有填写。');
    expect((await call<Page<NotificationView>>(S.list, {}, teacherIds[0]!)).total).toBe(0);
    const head = (await call<Page<NotificationView>>(S.list, { unread: true }, headId)).items;
    expect(head).toEqual([expect.objectContaining({ kind: 'survey.closing-soon', link: `/surveys/${survey.id}` })]);
    expect(head[0]!.body).toContain('城关第一小学目前收到 12 份答卷');
    const robotPosts = await until(async () => wecom.messages.slice(posted), (m) => m.length >= 1);
    expect(robotPosts.map((m) => (m.body as { markdown: { content: string } }).markdown.content)).toEqual([expect.stringContaining('### 问卷即将截止：家长满意度调查')]);

    // the last call a day before; then nothing more until it closes
    expect(await sut.run(new Date('2026-12-09T12:00:00Z'))).toBe(2);
    expect(await sut.run(new Date('2026-12-09T13:00:00Z'))).toBe(0);
    expect((await call<Page<NotificationView>>(S.list, {}, teacherIds[1]!)).total).toBe(2);

    surveys = [surveyOf({ id: survey.id, status: 'closed', closedAt: '2026-12-10T09:00:00.000Z' })];
    expect(await sut.run(new Date('2026-12-10T11:00:00Z'))).toBe(1);
    expect(await replica.run(new Date('2026-12-10T12:00:00Z'))).toBe(0);
    const [closed, ...more] = (await call<Page<NotificationView>>(S.list, {}, ownerId)).items;
    expect(more).toEqual([]);
    expect(closed).toMatchObject({ kind: 'survey.closed', title: '问卷已截止：家长满意度调查' });
    expect(closed!.body).toBe('您发起的问卷“家长满意度调查”已于 2026-12-10 17:00 截止，共收到 15 份答卷。');
    expect((await db.query(`SELECT count(*)::int AS n FROM integrations.notification WHERE recipient_id = $1`, [teacherIds[0]])).rows[0].n).toBe(0);
  });

  it('tells the school when its evaluation is returned, with the reviewer\'s comment', async () => {
    await call(S.markAllRead, {}, headId);
    const evaluationId = randomUUID();
    await publish(AssessmentEvents.evaluationStepChanged, {
      evaluationId, districtId, allianceId, schoolId: homeSchoolId, targetType: 'school', term: '2026-2027-1', action: 'return', from: 'self-evaluated', to: 'draft', comment: '请补充佐证材料',
    });
    const page = await until(() => call<Page<NotificationView>>(S.list, { unread: true }, headId), (p) => p.total >= 1);
    expect(page.items).toEqual([expect.objectContaining({ kind: 'evaluation.returned', link: `/evaluation/evaluations/${evaluationId}`, title: '考核评价被退回：城关第一小学（2026-2027-1）' })]);
    expect(page.items[0]!.body).toBe('城关第一小学的 2026-2027-1 学期考核评价被退回修改。意见：请补充佐证材料');
  });

  it("reminds a school's admins of the profile survey 3 days and 1 day before its deadline, once each, and no school without an admin", async () => {
    await call(S.markAllRead, {}, headId);
    const sut = app.get(ProfileRoundReminders);
    expect(await sut.run(new Date('2026-12-07T02:00:00Z'))).toBe(1);
    expect(await sut.run(new Date('2026-12-07T03:00:00Z'))).toBe(0);
    expect(await sut.run(new Date('2026-12-09T00:00:00Z'))).toBe(1);
    expect(await sut.run(new Date('2026-12-10T00:00:00Z'))).toBe(0);
    const page = await call<Page<NotificationView>>(S.list, { unread: true }, headId);
    const reminders = page.items.filter((n) => n.kind === 'profile-round.deadline');
    expect(reminders.map((n) => n.title)).toEqual(['学校画像调研将于 2026-12-10 00:00 截止', '学校画像调研将于 2026-12-10 00:00 截止']);
    expect(reminders[0]!.body).toBe('城关第一小学尚未提交 2026-2027-1 学期的学校画像，调研将于 2026-12-10 00:00 截止，请及时填报。');
    expect(reminders[0]!.link).toBe(`/profiles/rounds/${profileRoundId}`);
  });

  it('refuses the centre to an API client', async () => {
    // without a scope of this service the kit refuses it; with one, the centre itself does: it is for people
    const other = await tokens.sign({ kind: 'client', id: randomUUID(), assignments: districtAdmin, scopes: ['membership:read'] }, 60);
    await expect(bus.request(S.unreadCount, {}, { callerToken: other })).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.client-scope-missing' });
    const integrations = await tokens.sign({ kind: 'client', id: randomUUID(), assignments: districtAdmin, scopes: ['integrations:write'] }, 60);
    await expect(bus.request(S.unreadCount, {}, { callerToken: integrations })).rejects.toMatchObject({ kind: 'forbidden', code: 'notifications.users-only' });
  });
});
