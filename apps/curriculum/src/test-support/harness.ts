import type { RoleAssignment } from '@jiaolian/contracts';
import { BusClient, CallerTokens, createFileStore, DomainError, ensureEventsStream, loadKitConfig, type FileStore, type StoredFile } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';

/**
 * The curriculum service running in-process on the test NATS and its own database, with a bus client,
 * the file store and a way to mint caller tokens, as the gateway would. One per test file.
 */
export interface Harness {
  app: INestMicroservice;
  bus: BusClient;
  db: pg.Client;
  files: FileStore;
  call<T>(subject: string, data: unknown, token: string): Promise<T>;
  /** the DomainError a call fails with (fails the test if the call succeeds) */
  fail(subject: string, data: unknown, token: string): Promise<DomainError>;
  tokenFor(assignments: RoleAssignment[], id?: string, displayName?: string): Promise<string>;
  /** writes a small file into the store as the gateway would */
  upload(filename: string, body: string | Buffer): Promise<StoredFile>;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
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
  const app: INestMicroservice = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'curriculum' }, logger: ['error'],
  });
  await app.listen();
  const nc: NatsConnection = await connect({ servers: servers.natsUrl });
  await ensureEventsStream(nc);
  const bus = new BusClient(nc, 15_000);
  const tokens = new CallerTokens(loadKitConfig().jwtSecret);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const files = createFileStore(nc);
  const call = <T>(subject: string, data: unknown, token: string): Promise<T> => bus.request<T>(subject, data, { callerToken: token });
  return {
    app, bus, db, files, call,
    async fail(subject, data, token) {
      try {
        await call(subject, data, token);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error(`${subject} succeeded but was expected to fail`);
    },
    tokenFor: (assignments, id = randomUUID(), displayName = 'tester') => tokens.sign({ kind: 'user', id, displayName, assignments }, 900),
    upload: (filename, body) => files.put(Readable.from([Buffer.from(body)]), {
      key: `curriculum/resources/${randomUUID()}`, filename, contentType: 'application/octet-stream', maxBytes: 10 * 1024 * 1024,
    }),
    async count(table, where = 'true', params = []) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM curriculum.${table} WHERE ${where}`, params);
      return rows[0].n as number;
    },
    async close() {
      await app.close();
      await nc.drain().catch(() => undefined);
      await db.end();
    },
  };
}

export interface World {
  districtId: string;
  otherDistrictId: string;
  allianceId: string;
  /** core and member are in one active alliance; outsider is in the district but in no alliance with them; foreign is in another district */
  schools: { core: string; member: string; outsider: string; foreign: string };
}

/** Writes the directory rows membership's events would have produced: one district story, one foreign district. */
export async function seedDirectory(db: pg.Client): Promise<World> {
  const world: World = {
    districtId: randomUUID(), otherDistrictId: randomUUID(), allianceId: randomUUID(),
    schools: { core: randomUUID(), member: randomUUID(), outsider: randomUUID(), foreign: randomUUID() },
  };
  const { core, member, outsider, foreign } = world.schools;
  for (const [id, district, name] of [
    [core, world.districtId, '清溪县实验小学'], [member, world.districtId, '临溪镇下湾村小学'],
    [outsider, world.districtId, '青山乡中学'], [foreign, world.otherDistrictId, '东阳市外县小学'],
  ] as const) {
    await db.query('INSERT INTO curriculum.directory_school (id, district_id, name, code, updated_at) VALUES ($1, $2, $3, NULL, now())', [id, district, name]);
  }
  await db.query(
    `INSERT INTO curriculum.directory_alliance (id, district_id, name, kind, status, core_school_id, updated_at) VALUES ($1, $2, '实验小学教联体', 'integrated', 'active', $3, now())`,
    [world.allianceId, world.districtId, core],
  );
  for (const school of [core, member]) {
    await db.query('INSERT INTO curriculum.directory_member (alliance_id, school_id, role, active, joined_at) VALUES ($1, $2, $3, true, now())', [world.allianceId, school, 'member']);
  }
  return world;
}
