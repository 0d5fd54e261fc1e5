import { EVENTS_STREAM, type DomainEvent } from '@jiaolian/contracts';
import { AckPolicy, DeliverPolicy, jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { createDatabase, testServers } from '@jiaolian/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, runMigrationsLocked } from '../database/data-source.js';
import { KitTables1764400000000 } from '../database/kit-tables.migration.js';
import { createLogger } from '../logging/logger.js';
import { ensureEventsStream } from '../outbox/jetstream.js';
import { EventConsumer, type EventSubscription } from './event-consumer.js';

const workspaceRoot = path.resolve(import.meta.dirname, '../../../..');
const SCHEMA = 'redelivery_it';
const run = randomUUID().slice(0, 8);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('events held by a consumer that goes away', () => {
  let dataSource: DataSource;
  let databaseUrl: string;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const durables: string[] = [];
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    databaseUrl = await createDatabase(testServers().postgresAdminUrl, 'kit_redelivery_it');
    dataSource = createServiceDataSource({ schema: SCHEMA, url: databaseUrl, entities: [], migrations: [KitTables1764400000000] });
    await runMigrationsLocked(dataSource, SCHEMA, databaseUrl);
    await dataSource.query('CREATE TABLE IF NOT EXISTS applied_event (id serial PRIMARY KEY, event_id uuid NOT NULL, replica text NOT NULL)');
    nc = await connect({ servers: testServers().natsUrl });
    jsm = await ensureEventsStream(nc);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop().catch(() => undefined)));
    for (const durable of durables) await jsm?.consumers.delete(EVENTS_STREAM, durable).catch(() => undefined);
    await nc?.drain();
    await dataSource?.destroy();
  });

  /** A durable consumer of its own per test, on subjects of its own. */
  const scenario = (name: string) => {
    const durable = `kittest-redeliver-${name}-${run}`;
    durables.push(durable);
    const prefix = `evt.kittest.${run}.${name}`;
    const events = Array.from({ length: 8 }, (_, i): DomainEvent => ({
      id: randomUUID(),
      subject: `${prefix}.e${i}.v1`,
      occurredAt: new Date().toISOString(),
      districtId: '9a4f0a39-0d7c-4f5e-9a59-0f5b7f0f0002',
      data: { name: `e${i}`, hold: i === 2 },
    }));
    const replica = (label: string, hold?: Promise<void>): EventConsumer => {
      const subscription: EventSubscription = {
        durable,
        filterSubject: `${prefix}.>`,
        handle: async (manager, event) => {
          if (hold && (event.data as { hold: boolean }).hold) await hold;
          await manager.query('INSERT INTO applied_event (event_id, replica) VALUES ($1, $2)', [event.id, label]);
        },
      };
      const consumer = new EventConsumer(dataSource, nc, subscription, createLogger('redelivery-it', 'silent'));
      consumers.push(consumer);
      return consumer;
    };
    const publishAll = async () => {
      for (const event of events) await jetstream(nc).publish(event.subject, JSON.stringify(event), { msgID: randomUUID() });
    };
    const ackPending = async () => (await jsm.consumers.info(EVENTS_STREAM, durable)).num_ack_pending;
    /** who applied each event, in the events' order */
    const appliedBy = async (): Promise<string[][]> => {
      const rows: { event_id: string; replica: string }[] = await dataSource.query(
        'SELECT event_id, replica FROM applied_event WHERE event_id = ANY($1::uuid[]) ORDER BY id', [events.map((e) => e.id)],
      );
      return events.map((e) => rows.filter((r) => r.event_id === e.id).map((r) => r.replica));
    };
    return { durable, prefix, events, replica, publishAll, ackPending, appliedBy };
  };

  it('hands the waiting events back at once on a graceful stop, and finishes the one it is handling', async () => {
    const s = scenario('stop');
    let release: () => void = () => undefined;
    const hold = new Promise<void>((resolve) => { release = resolve; });
    const first = s.replica('first', hold);
    await first.start();
    await s.publishAll();
    // the first replica applies e0 and e1, is held in e2's handler, and holds e3..e7 behind it
    await until(async () => (await s.appliedBy()).slice(0, 2).every((r) => r.length === 1), 10_000, 'e0 and e1 to be applied');
    await until(async () => (await s.ackPending()) === 6, 5_000, 'e2..e7 to be held');
    const second = s.replica('second');
    await second.start();
    await sleep(300);
    expect((await s.appliedBy()).slice(3)).toEqual([[], [], [], [], []]);

    const stopped = Date.now();
    let stopDone = false;
    const stopping = first.stop().then(() => { stopDone = true; });
    await until(async () => (await s.appliedBy()).slice(3).every((r) => r.length === 1), 1_000, 'the second replica to apply e3..e7');
    const handedOverMs = Date.now() - stopped;
    // the first replica's stop waits for the handler it is running
    expect(stopDone).toBe(false);
    release();
    await stopping;
    await until(async () => (await s.ackPending()) === 0, 5_000, 'every event to be acknowledged');

    expect(await s.appliedBy()).toEqual([['first'], ['first'], ['first'], ['second'], ['second'], ['second'], ['second'], ['second']]);
    expect(handedOverMs).toBeLessThan(1_000);
  });

  it('has the events a killed replica held applied by another within seconds, each exactly once', async () => {
    const s = scenario('kill');
    // the durable consumer exists already, as an earlier version of the kit made it (a 30 s ack wait)
    await jsm.consumers.add(EVENTS_STREAM, {
      durable_name: s.durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
      filter_subject: `${s.prefix}.>`, ack_wait: nanos(30_000), max_ack_pending: 256,
    });
    // the child runs the kit as built, so build it from the sources under test
    const build = spawnSync(process.execPath, [path.join(workspaceRoot, 'node_modules/typescript/bin/tsc'), '-b', 'libs/service-kit/tsconfig.json'], {
      cwd: workspaceRoot, encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`building the kit failed: ${build.stdout}${build.stderr}`);
    const logs: string[] = [];
    const child: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, 'event-redelivery.child.mjs'), s.durable, `${s.prefix}.>`], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: databaseUrl, DB_SCHEMA: SCHEMA, NATS_URL: testServers().natsUrl },
    });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => logs.push(line));
    try {
      await until(() => logs.includes('started'), 15_000, `the child replica to start:\n${logs.join('\n')}`);
      await s.publishAll();
      await until(() => logs.includes('handling e2'), 10_000, 'the child to be held in e2');
      await until(async () => (await s.ackPending()) === 6, 5_000, 'e2..e7 to be held by the child');
      // longer than the heartbeat: the child keeps what it holds while it lives
      await sleep(2_000);
      expect(await s.ackPending()).toBe(6);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exit).toBe('SIGKILL');
    const killed = Date.now();

    const survivor = s.replica('survivor', Promise.resolve());
    await survivor.start();
    await until(async () => (await s.appliedBy()).every((r) => r.length > 0), 10_000, 'every event to be applied');
    const recoveredMs = Date.now() - killed;
    await until(async () => (await s.ackPending()) === 0, 5_000, 'every event to be acknowledged');
    await sleep(500);

    expect(await s.appliedBy()).toEqual([['child'], ['child'], ['survivor'], ['survivor'], ['survivor'], ['survivor'], ['survivor'], ['survivor']]);
    expect(recoveredMs).toBeLessThan(7_000);
    expect((await jsm.consumers.info(EVENTS_STREAM, s.durable)).config.ack_wait).toBe(nanos(5_000));
  }, 30_000);
});
