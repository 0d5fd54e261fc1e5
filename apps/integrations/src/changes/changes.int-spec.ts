import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ActivitiesEvents, ChangesSubjects, CurriculumEvents, dashboardSubject, decodeChangeCursor, EVENTS_STREAM, MembershipEvents, TeacherExchangeEvents, type Caller,
  type ChangesLatestView, type ChangesPageView, type ChangeView, type DashboardFiguresView, type DomainEvent, type RoleAssignment,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, DomainError, ensureEventsStream, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ChangeLogListeners, type RecordedChange } from './change-log.listeners.js';
import { CHANGE_LOG_DURABLE } from './change-log.subscription.js';
import { ChangeLogWriter } from './change-log.writer.js';

// Two districts: 清溪县 (A) with the 实验小学教联体 (core 实验小学, member 下湾村小学) and 青山乡中学 outside it;
// 东阳市 (B) with one school. Events arrive on JetStream as the services' outboxes publish them.
const A = randomUUID();
const B = randomUUID();
const alliance = randomUUID();
const core = randomUUID();
const member = randomUUID();
const outsider = randomUUID();
const foreign = randomUUID();

const event = (subject: string, districtId: string, data: object): DomainEvent =>
  ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });

describe('the change log and the change feed', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;
  let db: pg.Client;
  const published: DomainEvent[] = [];

  const token = (assignments: RoleAssignment[], extra: Partial<Caller> = {}): Promise<string> =>
    tokens.sign({ kind: 'user', id: randomUUID(), assignments, ...extra }, 600);
  const platform = (): Promise<string> => token([{ role: 'platform_admin', districtId: '*' }]);
  const districtAdmin = (districtId: string): Promise<string> => token([{ role: 'district_admin', districtId }]);
  const feed = (query: object, callerToken: string): Promise<ChangesPageView> => bus.request(ChangesSubjects.list, query, { callerToken });
  const fail = async (subject: string, query: object, callerToken: string): Promise<DomainError> => {
    try {
      await bus.request(subject, query, { callerToken });
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error(`${subject} succeeded but was expected to fail`);
  };
  /** every change the caller may see after the cursor, page by page */
  const readAll = async (callerToken: string, after?: string, limit = 7, types?: string): Promise<{ items: ChangeView[]; next: string }> => {
    const items: ChangeView[] = [];
    let cursor = after;
    for (;;) {
      const page = await feed({ ...(cursor ? { after: cursor } : {}), limit, ...(types ? { types } : {}) }, callerToken);
      items.push(...page.items);
      cursor = page.next;
      if (!page.hasMore) return { items, next: page.next };
    }
  };
  const publish = async (events: DomainEvent[]): Promise<void> => {
    const js = jetstream(nc);
    for (const e of events) {
      await js.publish(e.subject, JSON.stringify(e), { msgID: e.id });
      published.push(e);
    }
    await caughtUp();
  };
  const caughtUp = async (): Promise<void> => {
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const infos = await Promise.all([CHANGE_LOG_DURABLE, 'integrations-directory'].map((d) => jsm.consumers.info(EVENTS_STREAM, d)));
      if (infos.every((info) => info.num_pending === 0 && info.num_ack_pending === 0)) return;
      if (Date.now() > deadline) throw new Error('the change log did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const count = async (where = 'true', params: unknown[] = []): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM integrations.change_log WHERE ${where}`, params)).rows[0].n as number;

  beforeAll(async () => {
    const servers = testServers();
    const databaseUrl = await createDatabase(servers.postgresAdminUrl, 'integrations_changes_it');
    process.env['DATABASE_URL'] = databaseUrl;
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    process.env['MIGRATIONS_RUN'] = 'true';
    const { AppModule } = await import('../app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'integrations' }, logger: false,
    });
    await app.listen();
    nc = await connect({ servers: servers.natsUrl });
    await ensureEventsStream(nc);
    bus = new BusClient(nc, 15_000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // the shared test stream may hold other test files' events from before: start from what is there now
    await caughtUp();

    await publish([
      event(MembershipEvents.schoolRegistered, A, { schoolId: core, districtId: A, code: '3301000001', name: '清溪县实验小学', version: 1 }),
      event(MembershipEvents.schoolRegistered, A, { schoolId: member, districtId: A, code: '3301000002', name: '临溪镇下湾村小学', version: 1 }),
      event(MembershipEvents.schoolRegistered, A, { schoolId: outsider, districtId: A, code: '3301000003', name: '青山乡中学', version: 1 }),
      event(MembershipEvents.schoolRegistered, B, { schoolId: foreign, districtId: B, code: '3302000001', name: '东阳市外县小学', version: 1 }),
      event(MembershipEvents.allianceCreated, A, { allianceId: alliance, districtId: A, name: '实验小学教联体', kind: 'integrated', coreSchoolId: core, version: 1 }),
      event(MembershipEvents.memberJoined, A, {
        membershipId: randomUUID(), allianceId: alliance, districtId: A, schoolId: member, schoolName: '临溪镇下湾村小学', role: 'member', joinedAt: new Date().toISOString(),
      }),
      event(MembershipEvents.memberJoined, A, {
        membershipId: randomUUID(), allianceId: alliance, districtId: A, schoolId: core, schoolName: '清溪县实验小学', role: 'core', joinedAt: new Date().toISOString(),
      }),
      event(MembershipEvents.allianceActivated, A, { allianceId: alliance, districtId: A }),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
    await db?.end();
  });

  it('records each catalogued event once, under its public type, with only the whitelisted payload', async () => {
    const renamed = event(MembershipEvents.schoolRenamed, A, {
      schoolId: outsider, districtId: A, code: '3301000003', name: '青山乡九年一贯制学校', previousName: '青山乡中学', version: 2, internalNote: '仅供内部使用',
    });
    const { next: before } = await readAll(await platform());
    await publish([renamed]);
    // the same event published again after JetStream's duplicate window would be a second message: still one row
    await jetstream(nc).publish(renamed.subject, JSON.stringify(renamed), { msgID: `${renamed.id}-again` });
    await caughtUp();

    const { items } = await readAll(await platform(), before);
    expect(items).toEqual([{
      cursor: expect.any(String), id: renamed.id, type: 'school.renamed', version: 1, occurredAt: renamed.occurredAt, resourceType: 'school', resourceId: outsider,
      operation: 'update', districtId: A, allianceId: null, schoolId: outsider,
      data: { id: outsider, districtId: A, code: '3301000003', name: '青山乡九年一贯制学校', previousName: '青山乡中学', version: 2 },
    }]);
    expect(await count('event_id = $1', [renamed.id])).toBe(1);
  });

  it('passes over events the catalogue does not publish and events whose data does not fit, and goes on with the next', async () => {
    const rows = await count();
    const unknown = event('evt.membership.user.created.v1', A, { userId: randomUUID(), districtId: A });
    const malformed = event(TeacherExchangeEvents.quotaSet, A, { districtId: A, allianceId: alliance, year: 2026, rules: 'not a list' });
    const teacher = event(TeacherExchangeEvents.teacherCreated, A, { teacherId: randomUUID(), districtId: A, schoolId: member, staffNo: 'T001', name: '王老师' });
    await publish([unknown, malformed, teacher]);
    expect(await count()).toBe(rows + 1);
    expect(await count('event_id = $1', [teacher.id])).toBe(1);
  });

  it('turns a deletion into a tombstone that carries the id only', async () => {
    const resourceId = randomUUID();
    const { next } = await readAll(await platform());
    await publish([
      event(CurriculumEvents.resourceShared, A, {
        resourceId, districtId: A, schoolId: member, ownerId: randomUUID(), type: 'lesson_plan', title: '《春》教学设计', subject: 'chinese', grade: 'g7', visibility: 'alliance',
      }),
      event(CurriculumEvents.resourceRemoved, A, { resourceId, districtId: A, schoolId: member, visibility: 'alliance' }),
    ]);
    const { items } = await readAll(await platform(), next);
    expect(items.map((c) => [c.type, c.operation, c.resourceId])).toEqual([['resource.shared', 'create', resourceId], ['resource.removed', 'delete', resourceId]]);
    expect(items[0]!.data).not.toHaveProperty('ownerId');
    expect(items[1]!.data).toEqual({ id: resourceId });
  });

  it('reads every change in order, page after page, and a cursor from latest gives only what came after it', async () => {
    const root = await platform();
    const { items: all } = await readAll(root, undefined, 3);
    const seqs = all.map((c) => BigInt(decodeChangeCursor(c.cursor)!));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.length).toBe(await count());

    const latest = await bus.request<ChangesLatestView>(ChangesSubjects.latest, {}, { callerToken: root });
    expect(latest.cursor).toBe(all.at(-1)!.cursor);
    const empty = await feed({ after: latest.cursor }, root);
    expect(empty).toEqual({ items: [], next: latest.cursor, hasMore: false });

    const later = event(MembershipEvents.schoolRenamed, B, { schoolId: foreign, districtId: B, code: '3302000001', name: '东阳市实验小学', previousName: '东阳市外县小学', version: 2 });
    await publish([later]);
    expect((await readAll(root, latest.cursor)).items.map((c) => c.id)).toEqual([later.id]);
  });

  it('filters by type and refuses a malformed cursor or an unknown type, naming the parameter', async () => {
    const { items } = await readAll(await platform(), undefined, 100, 'school.registered,alliance.created');
    expect(new Set(items.map((c) => c.type))).toEqual(new Set(['school.registered', 'alliance.created']));
    expect(items.filter((c) => c.type === 'school.registered').map((c) => c.resourceId)).toEqual(expect.arrayContaining([core, member, outsider, foreign]));

    for (const after of ['not-a-cursor', 'djE6LTE', Buffer.from('v1:99999999999999999999').toString('base64url'), '']) {
      const error = await fail(ChangesSubjects.list, { after }, await platform());
      expect(error.kind).toBe('validation-failed');
      expect(error.errors?.map((e) => e.field)).toEqual(['after']);
    }
    const error = await fail(ChangesSubjects.list, { types: 'school.renamed,school.exploded' }, await platform());
    expect(error.errors?.map((e) => e.field)).toEqual(['types']);
  });

  it("shows a district admin its own district's changes and none of another district's", async () => {
    const { items: ofA } = await readAll(await districtAdmin(A));
    const { items: ofB } = await readAll(await districtAdmin(B));
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofA.every((c) => c.districtId === A)).toBe(true);
    expect(ofB.every((c) => c.districtId === B)).toBe(true);
    expect(ofB.map((c) => c.resourceId)).not.toContain(core);
    expect(ofA.map((c) => c.resourceId)).not.toContain(foreign);
  });

  it("shows an alliance admin the alliance's rows and its member schools' own rows, not a school outside it", async () => {
    const activity = randomUUID();
    await publish([
      event(ActivitiesEvents.activityScheduled, A, {
        activityId: activity, districtId: A, allianceId: alliance, organiserSchoolId: core, kind: 'teaching_research', title: '同课异构', startsAt: '2026-12-10T01:00:00Z',
        endsAt: '2026-12-10T03:00:00Z', rrule: null,
      }),
    ]);
    const { items } = await readAll(await token([{ role: 'alliance_admin', districtId: A, allianceId: alliance }]));
    const resources = items.map((c) => c.resourceId);
    expect(resources).toEqual(expect.arrayContaining([alliance, core, member, activity]));
    expect(resources).not.toContain(outsider);
    expect(resources).not.toContain(foreign);
  });

  it('refuses school admins and teachers (403) and gives an API client only the domains its scopes read', async () => {
    for (const role of ['school_admin', 'teacher'] as const) {
      const assignments: RoleAssignment[] = [{ role, districtId: A, schoolId: core }];
      expect((await fail(ChangesSubjects.list, {}, await token(assignments))).kind).toBe('forbidden');
      expect((await fail(ChangesSubjects.latest, {}, await token(assignments))).kind).toBe('forbidden');
    }
    const client = (scopes: string[] | undefined): Promise<string> => token([{ role: 'district_admin', districtId: A }], { kind: 'client', scopes });
    const { items: membershipOnly } = await readAll(await client(['membership:read', 'integrations:write']));
    expect(membershipOnly.length).toBeGreaterThan(0);
    expect(new Set(membershipOnly.map((c) => c.type.split('.')[0]))).toEqual(new Set(['school', 'alliance', 'alliance-member']));
    expect(membershipOnly.every((c) => c.districtId === A)).toBe(true);
    // a client without any scope is refused by the service itself, not answered an empty feed
    expect((await fail(ChangesSubjects.list, {}, await client(undefined))).kind).toBe('forbidden');
    const { items: curriculum } = await readAll(await client(['curriculum:read']));
    expect(curriculum.map((c) => c.type)).toEqual(['resource.shared', 'resource.removed']);
    // a write scope reads its domain too
    expect((await readAll(await client(['curriculum:write']))).items).toEqual(curriculum);
  });

  it("counts on the dashboard the last day's changes the caller's feed shows, and gives school staff no figures", async () => {
    const figures = async (callerToken: string): Promise<DashboardFiguresView> => bus.request(dashboardSubject('integrations'), {}, { callerToken });
    const { items: ofA } = await readAll(await districtAdmin(A), undefined, 1000);
    expect((await figures(await districtAdmin(A))).figures).toEqual([{ key: 'changes.last24h', value: ofA.length, unit: 'count' }]);
    expect((await figures(await token([{ role: 'school_admin', districtId: A, schoolId: core }]))).figures).toEqual([]);
  });

  it('hands the new rows to the listeners inside the recording transaction, and records nothing when a listener fails', async () => {
    const seen: { change: RecordedChange; visibleInside: number }[] = [];
    let failing = true;
    app.get(ChangeLogListeners).add({
      onChanges: async (manager, changes) => {
        for (const change of changes) {
          if (change.event.type !== 'facility.registered') continue;
          const [row] = await manager.query('SELECT count(*)::int AS n FROM change_log WHERE seq = $1', [change.seq]);
          seen.push({ change, visibleInside: row.n });
          if (failing) throw new Error('the receiver table is not ready');
        }
      },
    });
    const facility = event(CurriculumEvents.facilityRegistered, A, { facilityId: randomUUID(), districtId: A, schoolId: core, kind: 'lab', name: '科学实验室', active: true });
    await jetstream(nc).publish(facility.subject, JSON.stringify(facility), { msgID: facility.id });
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen[0]).toMatchObject({ visibleInside: 1, change: { domain: 'curriculum', event: { id: facility.id, operation: 'create' } } });
    // rolled back with the listener: not in the log while the listener fails
    expect(await count('event_id = $1', [facility.id])).toBe(0);
    failing = false;
    await caughtUp();
    expect(await count('event_id = $1', [facility.id])).toBe(1);
  }, 30_000);

  it("keeps the stream's order with two replicas consuming: one school's renames are logged in the order they happened", async () => {
    const { AppModule } = await import('../app.module.js');
    const second = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: testServers().natsUrl, queue: 'integrations' }, logger: false,
    });
    await second.listen();
    try {
      const renames = Array.from({ length: 40 }, (_, i) => event(MembershipEvents.schoolRenamed, A, {
        schoolId: member, districtId: A, code: '3301000002', name: `下湾村小学（第${i + 2}版）`, previousName: '下湾村小学', version: i + 2,
      }));
      await publish(renames);
      const { rows } = await db.query(
        `SELECT (payload->>'version')::int AS version FROM integrations.change_log WHERE event_id = ANY($1::varchar[]) ORDER BY seq`, [renames.map((e) => e.id)],
      );
      expect(rows.map((r) => r.version)).toEqual(renames.map((_, i) => i + 2));
    } finally {
      await second.close();
    }
  }, 60_000);

  it('never lets a reader at cursor N see a row at or below N appear later, whatever the order concurrent recordings commit in', async () => {
    const writer = app.get(ChangeLogWriter);
    const dataSource = app.get(DataSource);
    const root = await platform();
    const { next: start } = await readAll(root);
    const events = Array.from({ length: 40 }, (_, i) =>
      event(TeacherExchangeEvents.teacherUpdated, A, { teacherId: randomUUID(), districtId: A, schoolId: member, staffNo: `T${i}`, name: `教师${i}` }));

    const seen: string[] = [];
    let cursor = start;
    let writing = true;
    const deadline = Date.now() + 20_000;
    const reader = (async () => {
      while ((writing || seen.length < events.length) && Date.now() < deadline) {
        // only a page asked for after the last recording committed may end the reading: one asked
        // before could be answered from a snapshot that predates that commit
        const askedAfterWriting = !writing;
        const page = await feed({ after: cursor, limit: 5 }, root);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.next;
        if (askedAfterWriting && !page.hasMore && page.items.length === 0) break;
      }
    })();
    // Waves of 5 concurrent recordings (the reader keeps connections of the pool free), each holding
    // its transaction open for a different while after the insert: without the lock a later seq
    // commits before an earlier one, and the reader, moved past the later one, misses the earlier.
    for (let wave = 0; wave < events.length; wave += 5) {
      await Promise.all(events.slice(wave, wave + 5).map((e, i) => dataSource.transaction(async (manager) => {
        await writer.record(manager, e);
        await new Promise((resolve) => setTimeout(resolve, 60 - i * 12));
      })));
    }
    writing = false;
    await reader;
    expect(seen.sort()).toEqual(events.map((e) => e.id).sort());
  }, 60_000);
});
