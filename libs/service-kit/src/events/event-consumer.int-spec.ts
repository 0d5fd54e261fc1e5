import { EVENTS_STREAM, type DomainEvent } from '@jiaolian/contracts';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createDatabase, testServers } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { createServiceDataSource, runMigrationsLocked } from '../database/data-source.js';
import { KitTables1764400000000 } from '../database/kit-tables.migration.js';
import { createLogger } from '../logging/logger.js';
import { ensureEventsStream } from '../outbox/jetstream.js';
import { EventConsumer } from './event-consumer.js';

const SCHEMA = 'consumer_it';
const run = randomUUID().slice(0, 8);
const DURABLE = `kittest-consumer-${run}`;

const envelope = (name: string): DomainEvent => ({
  id: randomUUID(),
  subject: `evt.kittest.${run}.consumer.${name}.v1`,
  occurredAt: new Date().toISOString(),
  districtId: '9a4f0a39-0d7c-4f5e-9a59-0f5b7f0f0002',
  data: { name },
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(EventConsumer.name, () => {
  let dataSource: DataSource;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let sut: EventConsumer;
  /** what the handler does; each test sets it */
  let behaviour: (manager: EntityManager, event: DomainEvent) => Promise<void>;
  let calls: string[];

  const publish = (event: DomainEvent, msgID = randomUUID()) => jetstream(nc).publish(event.subject, JSON.stringify(event), { msgID });
  const consumerState = async () => {
    const info = await jsm.consumers.info(EVENTS_STREAM, DURABLE);
    return { ackPending: info.num_ack_pending, pending: info.num_pending, delivered: info.delivered.stream_seq };
  };
  const settled = async () => {
    const state = await consumerState();
    return state.ackPending === 0 && state.pending === 0;
  };
  const appliedRows = (eventId: string): Promise<{ attempt: number }[]> =>
    dataSource.query('SELECT attempt FROM applied_event WHERE event_id = $1 ORDER BY attempt', [eventId]);
  const inboxRows = (eventId: string): Promise<unknown[]> => dataSource.query('SELECT event_id FROM inbox_event WHERE event_id = $1', [eventId]);

  beforeAll(async () => {
    const url = await createDatabase(testServers().postgresAdminUrl, 'kit_consumer_it');
    dataSource = createServiceDataSource({ schema: SCHEMA, url, entities: [], migrations: [KitTables1764400000000] });
    await runMigrationsLocked(dataSource, SCHEMA, url);
    await dataSource.query('CREATE TABLE applied_event (id serial PRIMARY KEY, event_id uuid NOT NULL, attempt int NOT NULL)');
    nc = await connect({ servers: testServers().natsUrl });
    jsm = await ensureEventsStream(nc);
    sut = new EventConsumer(dataSource, nc, {
      durable: DURABLE,
      filterSubject: `evt.kittest.${run}.consumer.>`,
      handle: (manager, event) => {
        calls.push(event.id);
        return behaviour(manager, event);
      },
    }, createLogger('consumer-it', 'silent'));
    await sut.start();
  });

  beforeEach(() => {
    calls = [];
  });

  afterAll(async () => {
    await sut?.stop();
    await jsm?.consumers.delete(EVENTS_STREAM, DURABLE).catch(() => undefined);
    await nc?.drain();
    await dataSource?.destroy();
  });

  const recordAttempt = async (manager: EntityManager, event: DomainEvent): Promise<void> => {
    const attempt = calls.filter((id) => id === event.id).length;
    await manager.query('INSERT INTO applied_event (event_id, attempt) VALUES ($1, $2)', [event.id, attempt]);
  };

  it('applies an event delivered twice (published again under another message id) once', async () => {
    behaviour = recordAttempt;
    const event = envelope('twice');
    const before = (await consumerState()).delivered;
    await publish(event);
    await publish(event);
    await until(async () => (await consumerState()).delivered >= before + 2 && (await settled()), 10_000, 'both deliveries to be acknowledged');

    expect(calls).toEqual([event.id]);
    expect(await appliedRows(event.id)).toEqual([{ attempt: 1 }]);
    expect(await inboxRows(event.id)).toHaveLength(1);
  });

  it('rolls back a failing handler\'s changes and applies the event on redelivery', async () => {
    behaviour = async (manager, event) => {
      await recordAttempt(manager, event);
      if (calls.length === 1) throw new Error('the first attempt fails after writing');
    };
    const event = envelope('fails-once');
    await publish(event);
    await until(() => calls.length === 1, 10_000, 'the first attempt');
    await until(async () => (await appliedRows(event.id)).length > 0, 15_000, 'the retry to commit');
    await until(settled, 5_000, 'the acknowledgement');

    expect(calls).toEqual([event.id, event.id]);
    // only the second attempt's row exists: the first attempt's write was rolled back with its inbox row
    expect(await appliedRows(event.id)).toEqual([{ attempt: 2 }]);
    expect(await inboxRows(event.id)).toHaveLength(1);
  });

  it('acknowledges only after the handler\'s transaction has committed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    behaviour = async (manager, event) => {
      await recordAttempt(manager, event);
      await gate;
    };
    const event = envelope('slow');
    await publish(event);
    await until(() => calls.length === 1, 10_000, 'the handler to start');

    // the handler has written but not committed: nothing is visible and the message is not acknowledged
    expect(await appliedRows(event.id)).toEqual([]);
    expect(await inboxRows(event.id)).toEqual([]);
    expect((await consumerState()).ackPending).toBe(1);

    release();
    await until(settled, 5_000, 'the acknowledgement');
    expect(await appliedRows(event.id)).toEqual([{ attempt: 1 }]);
    expect(calls).toEqual([event.id]);
  });

  it('hands back an event whose handler hangs, goes on with the next one, and applies the hung one on redelivery', async () => {
    const durable = `${DURABLE}-hang`;
    const hangCalls: string[] = [];
    const hung = envelope('hangs-first');
    const next = envelope('after-the-hang');
    const consumer = new EventConsumer(dataSource, nc, {
      durable,
      filterSubject: `evt.kittest.${run}.hangs.>`,
      handle: async (manager, event) => {
        hangCalls.push(event.id);
        await manager.query('INSERT INTO applied_event (event_id, attempt) VALUES ($1, $2)', [event.id, hangCalls.filter((id) => id === event.id).length]);
        // the first attempt of the first event never finishes (and holds its inbox row's lock)
        if (event.id === hung.id && hangCalls.filter((id) => id === hung.id).length === 1) await new Promise(() => undefined);
      },
    }, createLogger('consumer-it', 'silent'), undefined, { handlerTimeoutMs: 1_500 });
    await consumer.start();
    try {
      const hungEvent = { ...hung, subject: `evt.kittest.${run}.hangs.first.v1` };
      const nextEvent = { ...next, subject: `evt.kittest.${run}.hangs.next.v1` };
      await publish(hungEvent);
      await publish(nextEvent);
      await until(async () => (await appliedRows(next.id)).length > 0, 10_000, 'the next event to be applied past the hung one');
      await until(async () => (await appliedRows(hung.id)).length > 0, 20_000, 'the hung event to be applied on redelivery');
      // the hung attempt was rolled back by PostgreSQL: only the retry's row and one inbox row exist
      expect(await appliedRows(hung.id)).toEqual([{ attempt: 2 }]);
      expect(await inboxRows(hung.id)).toHaveLength(1);
      expect(await appliedRows(next.id)).toEqual([{ attempt: 1 }]);
      expect(hangCalls.filter((id) => id === next.id)).toHaveLength(1);
    } finally {
      await consumer.stop();
      await jsm.consumers.delete(EVENTS_STREAM, durable).catch(() => undefined);
    }
  });
});
