import { Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  directorySubject, EVENTS_STREAM, MembershipEvents, type AllianceCreatedEvent, type AllianceStatusChangedEvent, type DomainEvent,
  type AllianceRenamedEvent, type MemberJoinedEvent, type MemberLeftEvent, type RoleAssignment, type SchoolRegisteredEvent, type SchoolRenamedEvent,
  type ServiceDirectoryView,
} from '@jiaolian/contracts';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createDatabase, testServers } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ServiceKitModule } from '../bootstrap/service-kit.module.js';
import { BusClient } from '../bus/bus-client.js';
import { loadKitConfig } from '../config/config.js';
import { CallerTokens } from '../context/caller-tokens.js';
import { KitTables1764400000000 } from '../database/kit-tables.migration.js';
import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100 } from './directory-tables.migration.js';
import { DIRECTORY_ENTITIES } from './directory.entities.js';
import { DirectoryModule } from './directory.module.js';
import { DirectoryProjection, directorySubscription } from './directory.projection.js';
import { DirectoryService } from './directory.service.js';

const SERVICE = 'activities';
const DURABLE = `${SERVICE}-directory`;
const D1 = randomUUID();
const D2 = randomUUID();
const id = (): string => randomUUID();
const t = (minute: number): string => new Date(Date.UTC(2026, 8, 1, 8, minute)).toISOString();

const event = <T>(subject: string, districtId: string, occurredAt: string, data: T): DomainEvent<T> =>
  ({ id: randomUUID(), subject, occurredAt, districtId, data });
const created = (allianceId: string, coreSchoolId: string, name: string, at: number, districtId = D1) =>
  event<AllianceCreatedEvent>(MembershipEvents.allianceCreated, districtId, t(at), { allianceId, districtId, name, kind: 'alliance', coreSchoolId });
const activated = (allianceId: string, at: number, districtId = D1) =>
  event<AllianceStatusChangedEvent>(MembershipEvents.allianceActivated, districtId, t(at), { allianceId, districtId });
const dissolved = (allianceId: string, at: number, districtId = D1) =>
  event<AllianceStatusChangedEvent>(MembershipEvents.allianceDissolved, districtId, t(at), { allianceId, districtId, reason: '期满解散' });
const joined = (allianceId: string, schoolId: string, at: number, districtId = D1) =>
  event<MemberJoinedEvent>(MembershipEvents.memberJoined, districtId, t(at), {
    membershipId: randomUUID(), allianceId, districtId, schoolId, schoolName: '成员校', role: 'member', joinedAt: t(at),
  });
const left = (allianceId: string, schoolId: string, at: number, districtId = D1) =>
  event<MemberLeftEvent>(MembershipEvents.memberLeft, districtId, t(at), {
    membershipId: randomUUID(), allianceId, districtId, schoolId, leftAt: t(at), reason: '调整',
  });

describe(DirectoryModule.name, () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let bus: BusClient;
  let tokens: CallerTokens;
  let directory: DirectoryService;
  let dataSource: DataSource;

  // alliance A: in order; alliance B: out of order; alliance F: another district
  const A = id(), B = id(), F = id();
  const coreA = id(), s1 = id(), coreB = id(), s2 = id(), s3 = id(), coreF = id();

  const publish = async (events: DomainEvent[]): Promise<void> => {
    const js = jetstream(nc);
    for (const e of events) await js.publish(e.subject, JSON.stringify(e), { msgID: randomUUID() });
  };
  /** waits until the service's directory consumer has applied and acknowledged everything published */
  const drained = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const info = await jsm.consumers.info(EVENTS_STREAM, DURABLE);
      if (info.num_pending === 0 && info.num_ack_pending === 0) return;
      if (Date.now() > deadline) throw new Error('the directory consumer did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const viewAs = async (assignments: RoleAssignment[]): Promise<ServiceDirectoryView> => {
    const callerToken = await tokens.sign({ kind: 'user', id: randomUUID(), assignments }, 300);
    return bus.request<ServiceDirectoryView>(directorySubject(SERVICE), {}, { callerToken });
  };
  const membersOf = async (allianceId: string): Promise<string[] | undefined> =>
    (await viewAs([{ role: 'platform_admin', districtId: '*' }])).alliances.find((a) => a.allianceId === allianceId)?.schoolIds;
  const snapshot = async (): Promise<unknown[]> => [
    ...(await dataSource.query('SELECT * FROM directory_alliance ORDER BY id')),
    ...(await dataSource.query('SELECT * FROM directory_member ORDER BY alliance_id, school_id')),
  ];

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'kit_directory_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';

    @Module({
      imports: [
        ServiceKitModule.forService(
          { service: SERVICE, entities: DIRECTORY_ENTITIES, migrations: [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100] },
          () => [directorySubscription(SERVICE)],
        ),
        DirectoryModule.forService(SERVICE),
      ],
    })
    class ActivitiesLikeModule {}

    app = await NestFactory.createMicroservice<MicroserviceOptions>(ActivitiesLikeModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: SERVICE }, logger: false,
    });
    await app.listen();
    directory = app.get(DirectoryService);
    dataSource = app.get(DataSource);
    nc = await connect({ servers: servers.natsUrl });
    jsm = await jetstreamManager(nc);
    bus = new BusClient(nc, 5000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);

    await publish([
      created(A, coreA, '城南教育联盟', 1), joined(A, s1, 2), activated(A, 3),
      // B arrives scrambled: a leave before its join, a join and the activation before the creation
      left(B, s2, 15), joined(B, s3, 12), activated(B, 13), joined(B, s2, 11), created(B, coreB, '城北教联体', 10),
      created(F, coreF, '外区联盟', 1, D2), activated(F, 2, D2),
    ]);
    await drained();
  });

  afterAll(async () => {
    await app?.close();
    await jsm?.consumers.delete(EVENTS_STREAM, DURABLE).catch(() => undefined);
    await nc?.drain();
  });

  it('builds the members of an alliance whose events arrived in order', async () => {
    expect(await membersOf(A)).toEqual([coreA, s1].sort());
    expect(await directory.isActiveMember(A, s1)).toBe(true);
    expect(await directory.sameAlliance(coreA, s1)).toBe(true);
  });

  it('builds the same result from events that arrived out of order', async () => {
    const view = await viewAs([{ role: 'platform_admin', districtId: '*' }]);
    expect(view.alliances.find((a) => a.allianceId === B)).toMatchObject({ name: '城北教联体', status: 'active', schoolIds: [coreB, s3].sort() });
    expect(await directory.isActiveMember(B, s2)).toBe(false);
    expect(await directory.sameAlliance(coreB, s3)).toBe(true);
    expect(await directory.sameAlliance(s1, s3)).toBe(false);
  });

  it('changes nothing when an event is replayed, through the inbox or straight into the projection', async () => {
    const before = await snapshot();
    const stale = joined(B, s2, 11);
    await publish([stale, stale]);
    await drained();
    await dataSource.transaction((manager) => new DirectoryProjection().apply(manager, stale));
    await dataSource.transaction((manager) => new DirectoryProjection().apply(manager, activated(A, 3)));
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['the platform admin sees every alliance', [{ role: 'platform_admin', districtId: '*' }], ['A', 'B', 'F']],
    ['a district admin sees their district only', [{ role: 'district_admin', districtId: D1 }], ['A', 'B']],
    ['an admin of another district sees nothing of it', [{ role: 'district_admin', districtId: D2 }], ['F']],
    ['an alliance admin sees their alliance', [{ role: 'alliance_admin', districtId: D1, allianceId: B }], ['B']],
    ['a teacher sees the alliances of their school', [{ role: 'teacher', districtId: D1, schoolId: s1 }], ['A']],
    ['a school admin of a school that left sees nothing', [{ role: 'school_admin', districtId: D1, schoolId: s2 }], []],
  ] as [string, RoleAssignment[], string[]][])('scopes the directory query: %s', async (_case, assignments, expected) => {
    const names: Record<string, string> = { [A]: 'A', [B]: 'B', [F]: 'F' };
    const view = await viewAs(assignments);
    expect(view.service).toBe(SERVICE);
    // other test files share the stream; only this file's alliances are compared
    expect(view.alliances.map((a) => names[a.allianceId]).filter(Boolean).sort()).toEqual(expected);
  });

  it('stops counting schools as allied once their alliance is dissolved', async () => {
    await publish([dissolved(A, 30)]);
    await drained();
    expect(await directory.sameAlliance(coreA, s1)).toBe(false);
    expect(await directory.isActiveMember(A, s1)).toBe(false);
    const view = await viewAs([{ role: 'district_admin', districtId: D1 }]);
    expect(view.alliances.find((a) => a.allianceId === A)?.status).toBe('dissolved');
  });

  it('keeps the newest school and alliance names when older announcements arrive after a rename', async () => {
    const school = id();
    const code = '3311990042';
    const registered = (name: string, at: number, version?: number) => event<SchoolRegisteredEvent>(
      MembershipEvents.schoolRegistered, D1, t(at), { schoolId: school, districtId: D1, code, name, ...(version === undefined ? {} : { version }) });
    const renamed = (name: string, previousName: string, version: number, at: number) => event<SchoolRenamedEvent>(
      MembershipEvents.schoolRenamed, D1, t(at), { schoolId: school, districtId: D1, code, name, previousName, version });
    const joinedAs = (schoolName: string, at: number, schoolVersion?: number) => event<MemberJoinedEvent>(MembershipEvents.memberJoined, D1, t(at), {
      membershipId: randomUUID(), allianceId: B, districtId: D1, schoolId: school, schoolName, role: 'member', joinedAt: t(at),
      ...(schoolVersion === undefined ? {} : { schoolVersion }),
    });
    const allianceRenamed = (name: string, previousName: string, version: number, at: number) => event<AllianceRenamedEvent>(
      MembershipEvents.allianceRenamed, D1, t(at), { allianceId: B, districtId: D1, name, previousName, version });

    // the rename overtakes its school's registration; older names then arrive, some from before versions existed
    await publish([
      renamed('城北实验学校', '城北学校', 3, 40), registered('城北学校', 20, 1), joinedAs('城北学校', 41, 1), joinedAs('城北小学', 42),
      allianceRenamed('城北教育集团', '城北教联体', 4, 40), created(B, coreB, '城北教联体', 43),
    ]);
    await drained();
    expect(await directory.schoolNames([school])).toEqual(new Map([[school, '城北实验学校']]));
    const [row]: { code: string; version: number }[] = await dataSource.query('SELECT code, version FROM directory_school WHERE id = $1', [school]);
    expect(row).toEqual({ code, version: 3 });
    const view = await viewAs([{ role: 'district_admin', districtId: D1 }]);
    expect(view.alliances.find((a) => a.allianceId === B)?.name).toBe('城北教育集团');

    // a later rename still wins, and the same rename applied twice changes nothing
    const again = renamed('城北第二实验学校', '城北实验学校', 5, 50);
    await publish([again, again, renamed('城北实验学校', '城北学校', 3, 40)]);
    await drained();
    await dataSource.transaction((manager) => new DirectoryProjection().apply(manager, again));
    expect(await directory.schoolNames([school])).toEqual(new Map([[school, '城北第二实验学校']]));
  });
});
