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

/** The assessment service on real PostgreSQL and NATS, and helpers to speak to it as a caller would. */
export interface Harness {
  app: INestMicroservice;
  nc: NatsConnection;
  bus: BusClient;
  db: pg.Client;
  /** requests as a caller with these assignments; the timeout defaults to the bus client's 20 s */
  as(assignments: RoleAssignment[]): <T>(subject: string, data: unknown, timeoutMs?: number) => Promise<T>;
  upload(filename: string, content: string | Buffer): Promise<StoredFile>;
  files: FileStore;
  /** membership events as membership would publish them; resolves when the directory has applied them */
  announce(events: { subject: string; districtId: string; data: object }[]): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(database: string): Promise<Harness> {
  const servers = testServers();
  const url = await createDatabase(servers.postgresAdminUrl, database);
  process.env['DATABASE_URL'] = url;
  process.env['NATS_URL'] = servers.natsUrl;
  process.env['HEALTH_PORT'] = '0';
  process.env['LOG_LEVEL'] = 'silent';
  const { AppModule } = await import('../app.module.js');
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'assessment' }, logger: false,
  });
  await app.listen();
  const nc = await connect({ servers: servers.natsUrl });
  const bus = new BusClient(nc, 20_000);
  const tokens = new CallerTokens(loadKitConfig().jwtSecret);
  const db = new pg.Client({ connectionString: url, options: '-c search_path=assessment' });
  await db.connect();
  const files = createFileStore(nc);
  return {
    app, nc, bus, db, files,
    as: (assignments) => async <T>(subject: string, data: unknown, timeoutMs?: number): Promise<T> => {
      const callerToken = await tokens.sign({ kind: 'user', id: randomUUID(), displayName: 'tester', assignments }, 600);
      return bus.request<T>(subject, data, { callerToken, timeoutMs });
    },
    upload: (filename, content) => files.put(Readable.from([Buffer.from(content)]), {
      key: `assessment/test/${randomUUID()}`, filename, contentType: filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', maxBytes: 50 * 1024 * 1024,
    }),
    announce: async (events) => {
      const js = jetstream(nc);
      for (const e of events) {
        const envelope: DomainEvent = { id: randomUUID(), subject: e.subject, occurredAt: new Date().toISOString(), districtId: e.districtId, data: e.data };
        await js.publish(envelope.subject, JSON.stringify(envelope), { msgID: envelope.id });
      }
      const jsm = await jetstreamManager(nc);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const info = await jsm.consumers.info(EVENTS_STREAM, 'assessment-directory');
        if (info.num_pending === 0 && info.num_ack_pending === 0) return;
        if (Date.now() > deadline) throw new Error('the directory did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: async () => {
      await app.close();
      await nc.drain();
      await db.end();
    },
  };
}

/** An alliance with member schools as membership announces it: registered schools, joined members, activated. */
export function allianceEvents(districtId: string, allianceId: string, schools: { id: string; name: string; code: string; member: boolean }[]) {
  const core = schools[0] as { id: string };
  return [
    ...schools.map((s) => ({ subject: MembershipEvents.schoolRegistered, districtId, data: { schoolId: s.id, districtId, code: s.code, name: s.name } })),
    { subject: MembershipEvents.allianceCreated, districtId, data: { allianceId, districtId, name: '测试教联体', kind: 'integrated', coreSchoolId: core.id } },
    ...schools.filter((s) => s.member).map((s) => ({
      subject: MembershipEvents.memberJoined, districtId,
      data: { membershipId: randomUUID(), allianceId, districtId, schoolId: s.id, schoolName: s.name, role: s.id === core.id ? 'core' : 'member', joinedAt: new Date().toISOString() },
    })),
    { subject: MembershipEvents.allianceActivated, districtId, data: { allianceId, districtId } },
  ];
}
