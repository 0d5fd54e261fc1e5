// What every service built on the kit must do, written once as Jest suites that each service runs
// against itself. Only test files import this (through `@jiaolian/service-kit/testing`).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  directorySubject, EVENTS_STREAM, healthSubject, MembershipEvents, type DomainEvent, type RoleAssignment, type ServiceDirectoryView,
  type ServiceName, type ServicePing,
} from '@jiaolian/contracts';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ServiceKitOptions } from '../bootstrap/service-kit.module.js';
import { BusClient } from '../bus/bus-client.js';
import { loadKitConfig } from '../config/config.js';
import { CallerTokens } from '../context/caller-tokens.js';
import { DirectoryAllianceEntity, DirectoryMemberEntity } from '../directory/directory.entities.js';
import type { EventSubscription } from '../events/event-consumer.js';

/** The services that keep a directory of alliances and schools fed by membership events. */
type DirectoryService = Exclude<ServiceName, 'membership'>;

export interface ServiceOptionsUnderTest {
  service: DirectoryService;
  options: ServiceKitOptions;
  subscriptions: () => EventSubscription[];
}

const timestampOf = (name: string): number => Number(/(\d{13})$/.exec(name)?.[1]);

/**
 * Unit checks of a service's kit options: its migrations run in order after the kit's and the
 * directory's, and it keeps its own copy of the membership directory through its own durable consumer.
 */
export function describeServiceOptions({ service, options, subscriptions }: ServiceOptionsUnderTest): void {
  describe(`${service} service options`, () => {
    it('runs the kit\'s tables first, then the directory, each migration once and in timestamp order', () => {
      const names = (options.migrations as (new () => { name?: string })[]).map((migration) => new migration().name ?? '');
      expect(names.slice(0, 2)).toEqual(['KitTables1764400000000', 'DirectoryTables1764400000100']);
      // the directory's later migrations too: without them the directory cannot tell an old name from a new one
      expect(names).toEqual(expect.arrayContaining(['DirectorySchools1764400000200', 'DirectoryVersions1765200000100']));
      expect(new Set(names).size).toBe(names.length);
      const timestamps = names.map(timestampOf);
      expect(timestamps.every(Number.isFinite)).toBe(true);
      expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    });

    it('keeps its own directory with its own durable consumer of membership events', () => {
      expect(options.service).toBe(service);
      expect(options.entities).toEqual(expect.arrayContaining([DirectoryAllianceEntity, DirectoryMemberEntity]));
      const [sut, ...others] = subscriptions();
      expect(others).toEqual([]);
      expect(sut).toMatchObject({ durable: `${service}-directory`, filterSubject: 'evt.membership.>' });
    });

    it('lets membership events that say nothing about alliances or schools pass without writing', async () => {
      const [sut] = subscriptions();
      const query = jest.fn();
      const event: DomainEvent = {
        id: 'e1', subject: 'evt.membership.user.created.v1', occurredAt: new Date().toISOString(), districtId: 'd1',
        data: { userId: 'u1', districtId: 'd1' },
      };
      await sut!.handle({ query } as unknown as EntityManager, event);
      expect(query).not.toHaveBeenCalled();
    });

    it('keeps the name of a newly registered school', async () => {
      const [sut] = subscriptions();
      const query = jest.fn();
      await sut!.handle({ query } as unknown as EntityManager, {
        id: 'e2', subject: MembershipEvents.schoolRegistered, occurredAt: new Date().toISOString(), districtId: 'd1',
        data: { schoolId: 's1', districtId: 'd1', code: '3201010001', name: '城南小学' },
      });
      expect(query).toHaveBeenCalledTimes(1);
      expect(query.mock.calls[0]?.[0]).toContain('INSERT INTO directory_school');
      // a registration without a version (written before versions existed) counts as version 0
      expect(query.mock.calls[0]?.[1]).toEqual(['s1', 'd1', '城南小学', '3201010001', 0, expect.any(Date)]);
    });
  });
}

/**
 * The service as a process would run it, on real PostgreSQL and NATS JetStream: it migrates an empty
 * database and answers its health ping, follows membership events into its directory and shows the
 * directory only to the district it belongs to, and refuses a caller without a valid token.
 *
 * `loadAppModule` imports the service's AppModule: it runs after the environment is set, because the
 * kit reads its configuration when the module is declared.
 */
export function describeServiceOnTheBus(service: DirectoryService, loadAppModule: () => Promise<Type<unknown>>): void {
  describe(`${service} service`, () => {
    let app: INestMicroservice;
    let nc: NatsConnection;
    let bus: BusClient;
    let tokens: CallerTokens;

    const callerToken = (assignments: RoleAssignment[]): Promise<string> => tokens.sign({ kind: 'user', id: randomUUID(), assignments }, 300);
    const event = (subject: string, districtId: string, data: object): DomainEvent =>
      ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });

    beforeAll(async () => {
      const servers = testServers();
      process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, `${service.replace(/-/g, '_')}_app_it`);
      process.env['NATS_URL'] = servers.natsUrl;
      process.env['HEALTH_PORT'] = '0';
      process.env['LOG_LEVEL'] = 'silent';
      app = await NestFactory.createMicroservice<MicroserviceOptions>(await loadAppModule(), {
        transport: Transport.NATS, options: { servers: servers.natsUrl, queue: service }, logger: false,
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
      const ping = await bus.request<ServicePing>(healthSubject(service), {}, { callerToken: await callerToken([]) });
      expect(ping).toMatchObject({ service, database: 'up' });
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
        const info = await jsm.consumers.info(EVENTS_STREAM, `${service}-directory`);
        if (info.num_pending === 0 && info.num_ack_pending === 0) break;
        if (Date.now() > deadline) throw new Error('the directory did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }

      const own = await bus.request<ServiceDirectoryView>(directorySubject(service), {}, {
        callerToken: await callerToken([{ role: 'district_admin', districtId }]),
      });
      expect(own).toEqual({
        service,
        alliances: [{ allianceId, name: '城东教联体', status: 'active', schoolIds: [core, member].sort(), updatedAt: expect.any(String) }],
      });
      const foreign = await bus.request<ServiceDirectoryView>(directorySubject(service), {}, {
        callerToken: await callerToken([{ role: 'district_admin', districtId: randomUUID() }]),
      });
      expect(foreign.alliances).toEqual([]);
    });

    it('refuses the directory query without a valid caller', async () => {
      await expect(bus.request(directorySubject(service), {}, { callerToken: 'not-a-token' })).rejects.toMatchObject({ kind: 'unauthenticated' });
    });
  });
}
