import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { EVENTS_STREAM, MembershipEvents, type DomainEvent } from '@jiaolian/contracts';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedDemoCommand, seedDemoReportsCommand } from './seed-demo.command.js';

/** The demo seeder against real PostgreSQL and NATS, after the demo alliances reached the directory. */
describe('activities seed-demo', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let db: DataSource;

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'activities_seed_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    process.env['NATS_REQUEST_TIMEOUT_MS'] = '500';
    const { AppModule } = await import('../app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, { transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'activities-seed' }, logger: false });
    await app.listen();
    db = app.get(DataSource);
    nc = await connect({ servers: servers.natsUrl });
    const districtId = randomUUID();
    const events: DomainEvent[] = [];
    const e = (subject: string, data: object): void => { events.push({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data }); };
    for (const [name, schools] of [
      ['清溪县实验小学教联体', ['清溪县实验小学', '临溪镇中心小学', '临溪镇下湾村小学', '临溪镇枫岭村小学', '白沙乡溪口村小学']],
      ['城关中学教育联盟', ['清溪县城关中学', '清溪县第二中学']],
    ] as const) {
      const allianceId = randomUUID();
      const ids = schools.map(() => randomUUID());
      e(MembershipEvents.allianceCreated, { allianceId, districtId, name, kind: 'alliance', coreSchoolId: ids[0] });
      schools.forEach((schoolName, i) => e(MembershipEvents.memberJoined, {
        membershipId: randomUUID(), allianceId, districtId, schoolId: ids[i], schoolName, role: i ? 'member' : 'core', joinedAt: new Date().toISOString(),
      }));
      e(MembershipEvents.allianceActivated, { allianceId, districtId });
    }
    const js = jetstream(nc);
    for (const event of events) await js.publish(event.subject, JSON.stringify(event), { msgID: event.id });
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const info = await jsm.consumers.info(EVENTS_STREAM, 'activities-directory');
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > deadline) throw new Error('the directory did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
  });

  it('seeds past and coming activities, attendance and minutes with done, open and overdue items — once', async () => {
    await seedDemoCommand(app);
    await seedDemoReportsCommand(app);
    const kinds: { kind: string; recurring: boolean }[] = await db.query('SELECT kind, recurrence IS NOT NULL AS recurring FROM activity ORDER BY kind');
    expect(kinds).toEqual(expect.arrayContaining([
      { kind: 'joint_meeting', recurring: true }, { kind: 'online_session', recurring: true }, { kind: 'festival', recurring: false },
    ]));
    const [attendance] = await db.query(`SELECT count(*)::int AS registered, count(checked_in_at)::int AS checked_in FROM registration WHERE occurrence_start < now()`);
    expect(attendance.registered).toBeGreaterThan(10);
    expect(attendance.checked_in).toBeGreaterThan(0);
    expect(attendance.checked_in).toBeLessThan(attendance.registered);
    const [future] = await db.query(`SELECT count(*)::int AS n FROM registration WHERE occurrence_start > now()`);
    expect(future.n).toBe(0);
    const items: { state: string; n: number }[] = await db.query(`
      SELECT CASE WHEN done_at IS NOT NULL THEN 'done' WHEN due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date THEN 'overdue' ELSE 'open' END AS state, count(*)::int AS n
        FROM action_item GROUP BY 1 ORDER BY 1`);
    expect(items).toEqual([{ state: 'done', n: 3 }, { state: 'open', n: 2 }, { state: 'overdue', n: 1 }]);
    const audits = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'action_item.completed'`);
    expect(audits[0].n).toBe(3);

    // work plans of the last term (closed, every target assessed) and this one (approved), with milestones on time, late and overdue
    const plans: { status: string; n: number }[] = await db.query('SELECT status, count(*)::int AS n FROM work_plan GROUP BY status ORDER BY status');
    expect(plans).toEqual([{ status: 'approved', n: 3 }, { status: 'closed', n: 3 }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM plan_target t JOIN work_plan p ON p.id = t.plan_id WHERE p.status = 'closed' AND t.rating IS NULL`)).toEqual([{ n: 0 }]);
    const [milestones] = await db.query(`
      SELECT count(*) FILTER (WHERE completed_on <= due_on)::int AS on_time, count(*) FILTER (WHERE completed_on > due_on)::int AS late,
             count(*) FILTER (WHERE completed_on IS NULL AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS overdue
        FROM plan_milestone`);
    expect(milestones.on_time).toBeGreaterThan(0);
    expect(milestones.late).toBeGreaterThan(0);
    expect(milestones.overdue).toBeGreaterThan(0);

    // a briefing of the alliance's term so far and one of the district's quarter, and the term archive built by the worker
    expect(await db.query('SELECT scope, period_kind FROM briefing ORDER BY scope')).toEqual([
      { scope: 'alliance', period_kind: 'term' }, { scope: 'district', period_kind: 'quarter' },
    ]);
    const deadline = Date.now() + 60_000;
    let archive: { status: string; progress: number; entries: number } | undefined;
    for (;;) {
      [archive] = await db.query('SELECT status, progress, entries FROM archive_job');
      if (archive?.status === 'done' || archive?.status === 'failed' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(archive).toMatchObject({ status: 'done', progress: 100 });
    expect(archive!.entries).toBeGreaterThan(10);

    const counts = 'SELECT (SELECT count(*)::int FROM activity) AS activities, (SELECT count(*)::int FROM work_plan) AS plans, (SELECT count(*)::int FROM briefing) AS briefings, (SELECT count(*)::int FROM archive_job) AS archives';
    const before = await db.query(counts);
    await seedDemoCommand(app);
    await seedDemoReportsCommand(app);
    expect(await db.query(counts)).toEqual(before);
  }, 120_000);
});
