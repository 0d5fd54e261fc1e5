import { EVENTS_STREAM, type DomainEvent, type RoleAssignment } from '@jiaolian/contracts';
import { BusClient, CallerTokens, DomainError, ensureEventsStream, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The membership service running in-process on the test NATS and its own database, with a bus client
 * and a way to mint caller tokens, as the gateway would. One per test file.
 */
export interface Harness {
  app: INestMicroservice;
  nc: NatsConnection;
  bus: BusClient;
  tokens: CallerTokens;
  db: pg.Client;
  databaseUrl: string;
  call<T>(subject: string, data: unknown, token: string): Promise<T>;
  /** the DomainError a call fails with (fails the test if the call succeeds) */
  fail(subject: string, data: unknown, token: string): Promise<DomainError>;
  tokenFor(assignments: RoleAssignment[], id?: string): Promise<string>;
  systemToken(): Promise<string>;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  /**
   * Events of the membership service on the JetStream stream whose envelope names the district, once
   * `until` holds for them (the outbox publishes after commit, so they may still be on their way).
   */
  events(districtId: string, until: (events: DomainEvent[]) => boolean, timeoutMs?: number): Promise<DomainEvent[]>;
  close(): Promise<void>;
}

export async function startHarness(databaseName: string): Promise<Harness> {
  const servers = testServers();
  const databaseUrl = await createDatabase(servers.postgresAdminUrl, databaseName);
  process.env['DATABASE_URL'] = databaseUrl;
  process.env['NATS_URL'] = servers.natsUrl;
  process.env['HEALTH_PORT'] = '0';
  process.env['LOG_LEVEL'] = 'warn';
  process.env['MIGRATIONS_RUN'] = 'true';
  // imported after the environment is set: the kit reads its configuration when the module is declared
  const { AppModule } = await import('../app.module.js');
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.NATS,
    options: { servers: servers.natsUrl, queue: 'membership' },
    logger: ['error'],
  });
  await app.listen();
  const nc = await connect({ servers: servers.natsUrl });
  await ensureEventsStream(nc);
  const bus = new BusClient(nc, 15_000);
  const tokens = new CallerTokens(loadKitConfig().jwtSecret);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  const call = <T>(subject: string, data: unknown, token: string): Promise<T> => bus.request<T>(subject, data, { callerToken: token });
  return {
    app, nc, bus, tokens, db, databaseUrl, call,
    async fail(subject, data, token) {
      try {
        await call(subject, data, token);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error(`${subject} succeeded but was expected to fail`);
    },
    tokenFor: (assignments, id = randomUUID()) => tokens.sign({ kind: 'user', id, displayName: 'tester', assignments }, 900),
    systemToken: () => tokens.signSystem('membership-test'),
    async count(table, where = 'true', params = []) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM membership.${table} WHERE ${where}`, params);
      return rows[0].n as number;
    },
    async events(districtId, until, timeoutMs = 10_000) {
      const js = jetstream(nc);
      const deadline = Date.now() + timeoutMs;
      let found: DomainEvent[] = [];
      while (Date.now() < deadline) {
        const consumer = await js.consumers.get(EVENTS_STREAM, { filter_subjects: 'evt.membership.>' });
        const batch = await consumer.fetch({ max_messages: 2000, expires: 1000 });
        found = [];
        for await (const msg of batch) {
          const event = msg.json<DomainEvent>();
          if (event.districtId === districtId) found.push(event);
          if (msg.info.pending === 0) break;
        }
        await consumer.delete().catch(() => undefined);
        if (until(found)) return found;
        await new Promise((r) => setTimeout(r, 300));
      }
      return found;
    },
    async close() {
      // let the relay publish what the tests committed before the database goes away
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM membership.outbox_event WHERE published_at IS NULL');
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await app.close();
      await nc.drain().catch(() => undefined);
      await db.end();
    },
  };
}
