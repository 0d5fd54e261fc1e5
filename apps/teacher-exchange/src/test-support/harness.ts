import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { EVENTS_STREAM, MembershipEvents, type DomainEvent, type RoleAssignment } from '@jiaolian/contracts';
import { BusClient, CallerTokens, createFileStore, loadKitConfig, type FileStore, type StoredFile } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';

const SERVICE = 'teacher-exchange';

/** The service on a fresh database and the test NATS, with helpers to act as any role. */
export interface Harness {
  app: INestMicroservice;
  bus: BusClient;
  files: FileStore;
  db: pg.Client;
  as(assignments: RoleAssignment[], id?: string): Promise<<T>(subject: string, data: unknown) => Promise<T>>;
  /** A district with schools and active alliances in the service's directory (through membership events). */
  district(spec: { schools: string[]; alliances: { name: string; core: string; members: string[]; active?: boolean }[] }): Promise<World>;
  upload(filename: string, content: Uint8Array | string, contentType?: string): Promise<StoredFile>;
  close(): Promise<void>;
}

export interface World {
  districtId: string;
  school: Record<string, string>;
  alliance: Record<string, string>;
}

export async function startHarness(database: string): Promise<Harness> {
  const servers = testServers();
  const url = await createDatabase(servers.postgresAdminUrl, database);
  process.env['DATABASE_URL'] = url;
  process.env['NATS_URL'] = servers.natsUrl;
  process.env['HEALTH_PORT'] = '0';
  process.env['LOG_LEVEL'] = 'silent';
  process.env['PLACEMENT_CLOCK_MS'] = '0';
  const { AppModule } = await import('../app.module.js');
  const app: INestMicroservice = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.NATS, options: { servers: servers.natsUrl, queue: SERVICE }, logger: false,
  });
  await app.listen();
  const nc: NatsConnection = await connect({ servers: servers.natsUrl });
  const bus = new BusClient(nc, 10_000);
  const tokens = new CallerTokens(loadKitConfig().jwtSecret);
  const db = new pg.Client({ connectionString: url, options: '-c search_path=teacher_exchange,public' });
  await db.connect();
  const files = createFileStore(nc);

  const publish = async (events: DomainEvent[]): Promise<void> => {
    const js = jetstream(nc);
    for (const e of events) await js.publish(e.subject, JSON.stringify(e), { msgID: e.id });
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const info = await jsm.consumers.info(EVENTS_STREAM, `${SERVICE}-directory`);
      if (info.num_pending === 0 && info.num_ack_pending === 0) return;
      if (Date.now() > deadline) throw new Error('the directory did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const event = (subject: string, districtId: string, data: object): DomainEvent => ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });

  return {
    app, bus, files, db,
    async as(assignments, id = randomUUID()) {
      const token = await tokens.sign({ kind: 'user', id, assignments }, 600);
      return <T>(subject: string, data: unknown) => bus.request<T>(subject, data, { callerToken: token });
    },
    async district(spec) {
      const districtId = randomUUID();
      const school: Record<string, string> = {};
      const alliance: Record<string, string> = {};
      const events: DomainEvent[] = [];
      for (const name of spec.schools) {
        school[name] = randomUUID();
        events.push(event(MembershipEvents.schoolRegistered, districtId, { schoolId: school[name], districtId, code: String(Date.now()).slice(-10), name }));
      }
      for (const a of spec.alliances) {
        const allianceId = randomUUID();
        alliance[a.name] = allianceId;
        events.push(event(MembershipEvents.allianceCreated, districtId, { allianceId, districtId, name: a.name, kind: 'alliance', coreSchoolId: school[a.core] }));
        for (const m of a.members) {
          events.push(event(MembershipEvents.memberJoined, districtId, {
            membershipId: randomUUID(), allianceId, districtId, schoolId: school[m], schoolName: m, role: 'member', joinedAt: new Date().toISOString(),
          }));
        }
        if (a.active !== false) events.push(event(MembershipEvents.allianceActivated, districtId, { allianceId, districtId }));
      }
      await publish(events);
      return { districtId, school, alliance };
    },
    upload(filename, content, contentType = 'application/octet-stream') {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      return files.put(Readable.from([bytes]), { key: `test/${randomUUID()}`, filename, contentType, maxBytes: 10 * 1024 * 1024 });
    },
    async close() {
      await app.close();
      await db.end();
      await nc.drain();
    },
  };
}
