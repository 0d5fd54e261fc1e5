import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  directorySubject, EVENTS_STREAM, healthSubject, MembershipEvents, type DomainEvent, type RoleAssignment, type ServiceDirectoryView,
  type ServicePing,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

const SERVICE = 'activities';

describe('activities service', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;

  const callerToken = (assignments: RoleAssignment[]): Promise<string> => tokens.sign({ kind: 'user', id: randomUUID(), assignments }, 300);
  const event = (subject: string, districtId: string, data: object): DomainEvent =>
    ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'activities_app_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    // the kit reads its configuration when the module is defined, so the module loads after the env is set
    const { AppModule } = await import('./app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: SERVICE }, logger: false,
    });
    await app.listen();
    nc = await connect({ servers: servers.natsUrl });
    bus = new BusClient(nc, 5000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);
  });

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
  });

  it('migrates an empty database on start and answers its health ping', async () => {
    const ping = await bus.request<ServicePing>(healthSubject(SERVICE), {}, { callerToken: await callerToken([]) });
    expect(ping).toMatchObject({ service: SERVICE, database: 'up' });
  });

  it('follows membership events into its directory and shows it only to the district it belongs to', async () => {
    const districtId = randomUUID();
    const allianceId = randomUUID();
    const core = randomUUID();
    const member = randomUUID();
    const js = jetstream(nc);
    for (const e of [
      event(MembershipEvents.allianceCreated, districtId, { allianceId, districtId, name: '城东教联体', kind: 'integrated', coreSchoolId: core }),
      event(MembershipEvents.memberJoined, districtId, {
        membershipId: randomUUID(), allianceId, districtId, schoolId: member, schoolName: '东湖小学', role: 'member', joinedAt: new Date().toISOString(),
      }),
      event(MembershipEvents.allianceActivated, districtId, { allianceId, districtId }),
    ]) await js.publish(e.subject, JSON.stringify(e), { msgID: e.id });

    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const info = await jsm.consumers.info(EVENTS_STREAM, `${SERVICE}-directory`);
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > deadline) throw new Error('the directory did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }

    const own = await bus.request<ServiceDirectoryView>(directorySubject(SERVICE), {}, {
      callerToken: await callerToken([{ role: 'district_admin', districtId }]),
    });
    expect(own).toEqual({
      service: SERVICE,
      alliances: [{ allianceId, name: '城东教联体', status: 'active', schoolIds: [core, member].sort(), updatedAt: expect.any(String) }],
    });
    const foreign = await bus.request<ServiceDirectoryView>(directorySubject(SERVICE), {}, {
      callerToken: await callerToken([{ role: 'district_admin', districtId: randomUUID() }]),
    });
    expect(foreign.alliances).toEqual([]);
  });

  it('refuses the directory query without a valid caller', async () => {
    await expect(bus.request(directorySubject(SERVICE), {}, { callerToken: 'not-a-token' })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
