import { EVENTS_STREAM, type DomainEvent } from '@jiaolian/contracts';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { createDatabase, startNats, testServers, type RunningNats } from '@jiaolian/testing';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, runMigrationsLocked } from '../database/data-source.js';
import { KitTables1764400000000 } from '../database/kit-tables.migration.js';
import { KitMetrics } from '../health/metrics.js';
import { createLogger } from '../logging/logger.js';
import { ensureEventsStream } from './jetstream.js';
import { OutboxRelay } from './outbox.relay.js';
import { OutboxWriter } from './outbox.writer.js';

const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
const SCHEMA = 'outbox_it';
const DISTRICT = '9a4f0a39-0d7c-4f5e-9a59-0f5b7f0f0001';
const logger = createLogger('outbox-it', 'silent');
const run = randomUUID().slice(0, 8);
const subjectFor = (name: string): string => `evt.kittest.${run}.${name}.v1`;

/** How many messages the events stream holds on one subject. */
async function storedOn(jsm: JetStreamManager, subject: string): Promise<number> {
  const info = await jsm.streams.info(EVENTS_STREAM, { subjects_filter: subject });
  return info.state.subjects?.[subject] ?? 0;
}

/** Everything a fresh consumer of the subject receives within the wait. */
async function receive(nc: NatsConnection, subject: string, waitMs = 1000): Promise<DomainEvent[]> {
  const jsm = await jetstreamManager(nc);
  const name = `kittest-${randomUUID().slice(0, 8)}`;
  await jsm.consumers.add(EVENTS_STREAM, {
    name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: subject, inactive_threshold: nanos(60_000),
  });
  const consumer = await jetstream(nc).consumers.get(EVENTS_STREAM, name);
  const messages = await consumer.fetch({ max_messages: 100, expires: waitMs });
  const events: DomainEvent[] = [];
  for await (const msg of messages) {
    events.push(msg.json<DomainEvent>());
    msg.ack();
  }
  await jsm.consumers.delete(EVENTS_STREAM, name);
  return events;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the child, kills it with SIGKILL the moment it reports its commit, and returns what it committed. */
async function commitInChildAndKill(url: string, subject: string): Promise<{ eventId: string; changeId: string }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'outbox-crash.child.mjs'), url, SCHEMA, subject, DISTRICT], {
    cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      const committed = JSON.parse(line) as { eventId: string; changeId: string };
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      return committed;
    }
    throw new Error(`the child exited without committing: ${stderr}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe(OutboxRelay.name, () => {
  let url: string;
  let dataSource: DataSource;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    // the child process runs the kit as built, so build it from the sources under test
    const build = spawnSync(process.execPath, [path.join(workspaceRoot, 'node_modules/typescript/bin/tsc'), '-b', 'libs/service-kit/tsconfig.json'], {
      cwd: workspaceRoot, encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`building the kit failed: ${build.stdout}${build.stderr}`);
    url = await createDatabase(testServers().postgresAdminUrl, 'kit_outbox_it');
    dataSource = createServiceDataSource({ schema: SCHEMA, url, entities: [], migrations: [KitTables1764400000000] });
    await runMigrationsLocked(dataSource, SCHEMA, url);
    await dataSource.query('CREATE TABLE crash_change (id uuid PRIMARY KEY, note text NOT NULL)');
    nc = await connect({ servers: testServers().natsUrl });
    jsm = await ensureEventsStream(nc);
  });

  afterAll(async () => {
    await nc?.drain();
    await dataSource?.destroy();
  });

  it('publishes, exactly once, an event committed by a process killed before it could publish', async () => {
    const subject = subjectFor('crash');
    const { eventId, changeId } = await commitInChildAndKill(url, subject);

    const [change] = await dataSource.query('SELECT note FROM crash_change WHERE id = $1', [changeId]);
    expect(change).toEqual({ note: 'written before the crash' });
    const [pending] = await dataSource.query('SELECT published_at FROM outbox_event WHERE id = $1', [eventId]);
    expect(pending).toEqual({ published_at: null });
    expect(await storedOn(jsm, subject)).toBe(0);

    const relay = new OutboxRelay(dataSource, nc, { schema: SCHEMA, databaseUrl: url, pollIntervalMs: 60_000 }, logger);
    await relay.start();
    await relay.kick();
    await relay.stop();

    const received = await receive(nc, subject);
    expect(received.map((e) => e.id)).toEqual([eventId]);
    expect(received[0]).toMatchObject({ subject, districtId: DISTRICT, data: { changeId } });
    const [published] = await dataSource.query('SELECT published_at FROM outbox_event WHERE id = $1', [eventId]);
    expect(published.published_at).toBeInstanceOf(Date);

    // a second relay (a restart) finds nothing to publish: the stream's de-duplication is not what saves us
    const metrics = new KitMetrics('outbox-it');
    const second = new OutboxRelay(dataSource, nc, { schema: SCHEMA, databaseUrl: url, pollIntervalMs: 60_000 }, logger, metrics);
    await second.start();
    await second.kick();
    await second.stop();
    expect((await metrics.outboxPublished.get()).values[0]?.value ?? 0).toBe(0);
    expect(await storedOn(jsm, subject)).toBe(1);
    const [after] = await dataSource.query('SELECT published_at FROM outbox_event WHERE id = $1', [eventId]);
    expect(after.published_at).toEqual(published.published_at);
  });

  it('publishes the events of one transaction in the order they were written', async () => {
    const subject = subjectFor('order');
    const writer = new OutboxWriter();
    await dataSource.transaction(async (manager) => {
      for (let n = 0; n < 40; n += 1) await writer.add(manager, null, { subject, districtId: DISTRICT, data: { n } });
    });

    const relay = new OutboxRelay(dataSource, nc, { schema: SCHEMA, databaseUrl: url, pollIntervalMs: 60_000 }, logger);
    await relay.start();
    await relay.kick();
    await relay.stop();

    const received = await receive(nc, subject);
    expect(received.map((e) => (e.data as { n: number }).n)).toEqual([...Array(40).keys()]);
  });

  it('publishes nothing from a transaction that rolled back', async () => {
    const subject = subjectFor('rollback');
    const writer = new OutboxWriter();
    let eventId = '';
    await expect(dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO crash_change (id, note) VALUES ($1, $2)', [randomUUID(), 'rolled back']);
      eventId = (await writer.add(manager, null, { subject, districtId: DISTRICT, data: {} })).id;
      throw new Error('the change is refused after the event was written');
    })).rejects.toThrow('refused');

    const relay = new OutboxRelay(dataSource, nc, { schema: SCHEMA, databaseUrl: url, pollIntervalMs: 60_000 }, logger);
    await relay.start();
    await relay.kick();
    await relay.stop();

    expect(eventId).not.toBe('');
    expect(await dataSource.query('SELECT id FROM outbox_event WHERE id = $1', [eventId])).toEqual([]);
    expect(await dataSource.query(`SELECT id FROM crash_change WHERE note = 'rolled back'`)).toEqual([]);
    expect(await storedOn(jsm, subject)).toBe(0);
  });

  it('re-opens its LISTEN connection after it is terminated, and events again reach the stream at once, not at the next poll', async () => {
    const subject = subjectFor('relisten');
    const lines: { msg: string; attempts?: number }[] = [];
    const captured = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const writer = new OutboxWriter();
    const arrivals = new Map<string, number>();
    const jsmOwn = await jetstreamManager(nc);
    const name = `kittest-${randomUUID().slice(0, 8)}`;
    await jsmOwn.consumers.add(EVENTS_STREAM, {
      name, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.New, filter_subject: subject, inactive_threshold: nanos(60_000),
    });
    const messages = await (await jetstream(nc).consumers.get(EVENTS_STREAM, name)).consume();
    void (async () => { for await (const msg of messages) arrivals.set(msg.json<DomainEvent>().id, Date.now()); })();
    // a poll far longer than the test: only NOTIFY can deliver quickly
    const relay = new OutboxRelay(dataSource, nc, { schema: SCHEMA, databaseUrl: url, pollIntervalMs: 60_000 }, captured);
    const listenerPids = async (): Promise<number[]> => (await dataSource.query(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [`jiaolian-${SCHEMA}-outbox`],
    )).map((row: { pid: number }) => row.pid);
    /** commits events one at a time and returns how long each took from commit to the stream */
    const delays = async (count: number): Promise<number[]> => {
      const result: number[] = [];
      for (let i = 0; i < count; i++) {
        const committedAt = Date.now();
        const id = await dataSource.transaction(async (manager) => (await writer.add(manager, null, { subject, districtId: DISTRICT, data: { i } })).id);
        await until(async () => arrivals.has(id), 5000, `event ${i} on the stream`);
        result.push(arrivals.get(id)! - committedAt);
      }
      return result;
    };
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    try {
      await relay.start();
      const [first] = await listenerPids();
      const before = await delays(5);

      const [{ terminated }] = await dataSource.query('SELECT pg_terminate_backend($1) AS terminated', [first]);
      expect(terminated).toBe(true);
      await until(async () => lines.some((l) => l.msg === 'outbox LISTEN re-established'), 5000, 'the relay to listen again');
      const pids = await listenerPids();
      expect(pids).toHaveLength(1);
      expect(pids).not.toContain(first);
      const after = await delays(5);

      expect(lines.map((l) => l.msg)).toEqual(['outbox LISTEN connection lost; reconnecting, polling meanwhile', 'outbox LISTEN re-established']);
      expect(median(before)).toBeLessThan(200);
      expect(median(after)).toBeLessThan(200);
      expect(Math.max(...after)).toBeLessThan(1000);
    } finally {
      await relay.stop();
      await messages.close();
      await jsmOwn.consumers.delete(EVENTS_STREAM, name).catch(() => undefined);
    }
  });

  it('keeps trying to LISTEN with backoff while the database refuses it, then listens', async () => {
    const lines: { msg: string; attempt?: number; retryInMs?: number }[] = [];
    const captured = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    // the role may not log in for a while, as during a database restart
    await dataSource.query(`DROP ROLE IF EXISTS outbox_it_listener`);
    await dataSource.query(`CREATE ROLE outbox_it_listener NOLOGIN PASSWORD 'listener'`);
    const listenerUrl = new URL(url);
    listenerUrl.username = 'outbox_it_listener';
    listenerUrl.password = 'listener';
    const relay = new OutboxRelay(dataSource, nc, { schema: SCHEMA, databaseUrl: listenerUrl.toString(), pollIntervalMs: 60_000 }, captured);
    try {
      await relay.start();
      await until(async () => lines.length >= 3, 5000, 'three failed attempts');
      await dataSource.query('ALTER ROLE outbox_it_listener LOGIN');
      await until(async () => lines.some((l) => l.msg === 'outbox LISTEN re-established'), 10_000, 'the relay to listen');
      const retries = lines.filter((l) => l.retryInMs !== undefined).map((l) => l.retryInMs!);
      expect(retries.slice(0, 3)).toEqual([100, 200, 400]);
    } finally {
      await relay.stop();
      await dataSource.query('DROP ROLE IF EXISTS outbox_it_listener');
    }
  });

  describe('when nats-server dies with events pending', () => {
    let nats: RunningNats | undefined;
    let storeDir: string;

    afterEach(async () => {
      await nats?.stop();
      if (storeDir) rmSync(storeDir, { recursive: true, force: true });
    });

    it('delivers every event, in order and once each, after the server is back', async () => {
      storeDir = mkdtempSync(path.join(tmpdir(), 'jiaolian-nats-restart-'));
      nats = await startNats({ storeDir });
      const own = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
      const relay = new OutboxRelay(dataSource, own, { schema: SCHEMA, databaseUrl: url, pollIntervalMs: 200 }, logger);
      try {
        await relay.start();
        const subject = subjectFor('restart');
        const writer = new OutboxWriter();

        const server = nats.process;
        const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGKILL');
        await gone;
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          ids.push(await dataSource.transaction(async (manager) => (await writer.add(manager, null, { subject, districtId: DISTRICT, data: { i } })).id));
        }
        // the relay keeps trying while the server is down; the events stay pending
        await until(async () => {
          const [row] = await dataSource.query('SELECT attempts FROM outbox_event WHERE id = $1', [ids[0]]);
          return row.attempts > 0;
        }, 15_000, 'a failed publish attempt');
        expect(await dataSource.query('SELECT id FROM outbox_event WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL', [ids])).toEqual([]);

        nats = await startNats({ storeDir, port: nats.port });
        await until(async () => {
          const rows: unknown[] = await dataSource.query('SELECT id FROM outbox_event WHERE id = ANY($1::uuid[]) AND published_at IS NULL', [ids]);
          return rows.length === 0;
        }, 20_000, 'the relay to publish after the restart');

        const received = await receive(own, subject);
        expect(received.map((e) => e.id)).toEqual(ids);
        expect(received.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2]);
      } finally {
        await relay.stop();
        await own.close();
      }
    });
  });
});
