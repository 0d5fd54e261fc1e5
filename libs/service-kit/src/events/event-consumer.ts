import { EVENTS_STREAM, type DomainEvent } from '@jiaolian/contracts';
import { AckPolicy, DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
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
}

/**
 * Applies each event exactly once: the inbox row and the handler's changes commit in one transaction,
 * and the message is acknowledged only after that commit. A redelivery finds the inbox row and is
 * acknowledged without running the handler again. A failing handler is retried with back-off.
 */
export class EventConsumer {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nc: NatsConnection,
    private readonly subscription: EventSubscription,
    private readonly logger: Logger,
    private readonly metrics?: KitMetrics,
  ) {}

  async start(): Promise<void> {
    const jsm = await ensureEventsStream(this.nc);
    const { durable, filterSubject } = this.subscription;
    try {
      await jsm.consumers.info(EVENTS_STREAM, durable);
    } catch {
      await jsm.consumers.add(EVENTS_STREAM, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: filterSubject,
        ack_wait: nanos(30_000),
        max_ack_pending: 256,
      });
    }
    const consumer = await jetstream(this.nc).consumers.get(EVENTS_STREAM, durable);
    this.messages = await consumer.consume({ max_messages: 64 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        const event = msg.json<DomainEvent>();
        try {
          const applied = await this.apply(event);
          msg.ack();
          this.metrics?.eventsConsumed.inc({ consumer: durable, outcome: applied ? 'applied' : 'duplicate' });
        } catch (error) {
          this.metrics?.eventsConsumed.inc({ consumer: durable, outcome: 'failed' });
          this.logger.error({ err: (error as Error).message, eventId: event.id, subject: event.subject }, 'event handler failed; will be redelivered');
          msg.nak(Math.min(60_000, 1000 * 2 ** Math.min(msg.info.deliveryCount, 6)));
        }
      }
    })();
  }

  /** Returns false when the event had been applied before (a redelivery). */
  async apply(event: DomainEvent): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        'INSERT INTO inbox_event (consumer, event_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
        [this.subscription.durable, event.id, event.subject],
      );
      if (inserted.length === 0) return false;
      await this.subscription.handle(manager, event);
      return true;
    });
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }
}
