import { EVENTS_STREAM, type DomainEvent } from '@jiaolian/contracts';
import { AckPolicy, DeliverPolicy, jetstream, type ConsumerConfig, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { KitMetrics } from '../health/metrics.js';
import { ensureEventsStream } from '../outbox/jetstream.js';

export type EventHandler = (manager: EntityManager, event: DomainEvent) => Promise<void>;

export interface EventSubscription {
  /** durable consumer name, unique per service and purpose, e.g. `teacher-exchange-directory` */
  durable: string;
  /** one subject filter (server 2.9 takes one), e.g. `evt.membership.>` */
  filterSubject: string;
  handle: EventHandler;
  /**
   * true: one event at a time across every replica, in stream order (the server hands out the next
   * message only after the previous one is acknowledged). For consumers whose output order matters
   * more than throughput, such as a log that third parties read in order.
   */
  ordered?: boolean;
}

/**
 * How long JetStream waits for an acknowledgement before it delivers a message again, to this or
 * another replica. Short, so that events held by a killed process are redelivered within seconds;
 * a handler that takes longer keeps its message with in-progress heartbeats.
 */
export const EVENT_ACK_WAIT_MS = 5_000;
/** How often the messages a consumer holds are reported in progress: well inside the ack wait. */
const HEARTBEAT_MS = 1_500;
/** How long a graceful stop waits for the handler that is running to finish before handing its message back. */
const STOP_GRACE_MS = 5_000;
/** How many messages a consumer holds at once (the one being handled and those waiting behind it). */
const MAX_HELD = 64;
/**
 * How long one handler may run before its event is handed back for a later retry. The handler's
 * transaction carries the same limit as PostgreSQL's statement and idle-in-transaction timeouts, so
 * a handler that hangs cannot hold the inbox row's lock (and with it every redelivery) for ever.
 */
export const EVENT_HANDLER_TIMEOUT_MS = 60_000;

export interface EventConsumerOptions {
  /** default EVENT_HANDLER_TIMEOUT_MS */
  handlerTimeoutMs?: number;
}

/**
 * Applies each event exactly once: the inbox row and the handler's changes commit in one transaction,
 * and the message is acknowledged only after that commit. A redelivery finds the inbox row and is
 * acknowledged without running the handler again. A failing handler is retried with back-off.
 *
 * Every message it holds (waiting or being handled) is reported in progress every 1.5 s, so the short
 * ack wait only runs out when the process is gone. A graceful stop takes no more messages, hands the
 * waiting ones back at once (nak) so that another replica gets them, and lets the running handler finish.
 * A handler that runs past its time limit is left behind: its event is handed back with back-off, the
 * consumer goes on with the next one, and PostgreSQL ends the abandoned transaction.
 */
export class EventConsumer {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  /** received and not yet handled, oldest first */
  private waiting: JsMsg[] = [];
  private current: JsMsg | undefined;
  private wake: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nc: NatsConnection,
    private readonly subscription: EventSubscription,
    private readonly logger: Logger,
    private readonly metrics?: KitMetrics,
    private readonly options: EventConsumerOptions = {},
  ) {}

  private get handlerTimeoutMs(): number {
    return this.options.handlerTimeoutMs ?? EVENT_HANDLER_TIMEOUT_MS;
  }

  async start(): Promise<void> {
    const jsm = await ensureEventsStream(this.nc);
    const { durable, filterSubject } = this.subscription;
    const config: Partial<ConsumerConfig> = {
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      ack_wait: nanos(EVENT_ACK_WAIT_MS),
      // unlimited deliveries: an event is never dropped; failures are spaced by the nak delays below
      max_deliver: -1,
      max_ack_pending: this.subscription.ordered ? 1 : 256,
    };
    const existing = await jsm.consumers.info(EVENTS_STREAM, durable).catch(() => undefined);
    if (!existing) {
      await jsm.consumers.add(EVENTS_STREAM, { durable_name: durable, ...config });
    } else if (existing.config.ack_wait !== config.ack_wait || existing.config.max_ack_pending !== config.max_ack_pending) {
      // a durable consumer made by an earlier version keeps its settings until they are updated
      await jsm.consumers.update(EVENTS_STREAM, durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
      this.logger.info({ durable, ackWaitMs: EVENT_ACK_WAIT_MS, maxAckPending: config.max_ack_pending }, 'event consumer settings updated');
    }
    const consumer = await jetstream(this.nc).consumers.get(EVENTS_STREAM, durable);
    this.messages = await consumer.consume({
      max_messages: MAX_HELD,
      callback: (msg) => {
        if (this.stopping) {
          msg.nak();
          return;
        }
        this.waiting.push(msg);
        this.wake?.();
      },
    });
    this.heartbeat = setInterval(() => {
      this.current?.working();
      for (const msg of this.waiting) msg.working();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.loop = this.run().catch((error: unknown) => {
      // only acknowledging on a closed connection gets here; the message is redelivered
      this.logger.warn({ err: (error as Error).message, durable: this.subscription.durable }, 'event consumer stopped acknowledging');
    });
  }

  private async run(): Promise<void> {
    const { durable } = this.subscription;
    while (!this.stopping) {
      const msg = this.waiting.shift();
      if (!msg) {
        await new Promise<void>((resolve) => { this.wake = resolve; });
        this.wake = undefined;
        continue;
      }
      this.current = msg;
      const event = msg.json<DomainEvent>();
      try {
        const applied = await this.applyWithin(event);
        msg.ack();
        this.metrics?.eventsConsumed.inc({ consumer: durable, outcome: applied ? 'applied' : 'duplicate' });
      } catch (error) {
        this.metrics?.eventsConsumed.inc({ consumer: durable, outcome: 'failed' });
        this.logger.error({ err: (error as Error).message, eventId: event.id, subject: event.subject }, 'event handler failed; will be redelivered');
        msg.nak(Math.min(60_000, 1000 * 2 ** Math.min(msg.info.deliveryCount, 6)));
      } finally {
        this.current = undefined;
      }
    }
  }

  /** `apply`, given up after the handler time limit (the abandoned attempt can then only roll back or be found by the inbox). */
  private async applyWithin(event: DomainEvent): Promise<boolean> {
    const limit = this.handlerTimeoutMs;
    const attempt = this.apply(event);
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`event handler did not finish within ${limit} ms`)), limit);
    });
    try {
      return await Promise.race([attempt, overdue]);
    } catch (error) {
      // an abandoned attempt settles later (usually failing when PostgreSQL ends its transaction)
      attempt.catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Returns false when the event had been applied before (a redelivery). */
  async apply(event: DomainEvent): Promise<boolean> {
    const limit = Math.max(1, Math.round(this.handlerTimeoutMs));
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL statement_timeout = ${limit}; SET LOCAL idle_in_transaction_session_timeout = ${limit}`);
      const inserted: unknown[] = await manager.query(
        'INSERT INTO inbox_event (consumer, event_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
        [this.subscription.durable, event.id, event.subject],
      );
      if (inserted.length === 0) return false;
      await this.subscription.handle(manager, event);
      return true;
    });
  }

  /**
   * Takes no more messages, hands the waiting ones back at once, and waits up to 5 s for the running
   * handler; a handler still running then has its message handed back too (a later commit of it is
   * found by the inbox on redelivery).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    for (const msg of this.waiting.splice(0)) msg.nak();
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), STOP_GRACE_MS); });
    const timedOut = await Promise.race([this.loop?.then(() => false), graceOver]);
    clearTimeout(timer);
    if (timedOut) {
      this.current?.nak();
      this.logger.warn({ durable: this.subscription.durable }, 'event handler still running at stop; its event was handed back');
    }
    clearInterval(this.heartbeat);
  }
}
