import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { KitMetrics } from '../health/metrics.js';
import { ensureEventsStream } from './jetstream.js';
import { OUTBOX_CHANNEL } from './outbox.writer.js';

export interface OutboxRelayOptions {
  schema: string;
  databaseUrl: string;
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Publishes committed outbox rows to JetStream, with the event id as Nats-Msg-Id so the stream drops
 * a re-publish after a crash between publish and mark. Woken by NOTIFY on a LISTEN connection that is
 * re-opened whenever it drops, and by a poll as a safety net.
 * Several replicas may run it: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
export class OutboxRelay {
  private js: JetStreamClient | undefined;
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private draining: Promise<void> | undefined;
  private again = false;
  private relisten: NodeJS.Timeout | undefined;
  /** failed or lost LISTEN connections since the last one that worked */
  private listenFailures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nc: NatsConnection,
    private readonly options: OutboxRelayOptions,
    private readonly logger: Logger,
    private readonly metrics?: KitMetrics,
  ) {}

  async start(): Promise<void> {
    await ensureEventsStream(this.nc);
    this.js = jetstream(this.nc);
    this.running = true;
    await this.listen();
    this.timer = setInterval(() => void this.kick(), this.options.pollIntervalMs ?? 1000);
    void this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.relisten) clearTimeout(this.relisten);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Opens the LISTEN connection. When it drops (pg_terminate_backend, a database restart) or cannot
   * be opened, it is opened again after a backoff of 100 ms doubling to 5 s; the poll publishes meanwhile.
   */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `jiaolian-${this.options.schema}-outbox` });
    this.listener = client;
    let lost = false;
    const onLost = (reason: string): void => {
      if (lost || !this.running || this.listener !== client) return;
      lost = true;
      const delayMs = Math.min(100 * 2 ** this.listenFailures, 5000);
      this.listenFailures += 1;
      this.logger.warn({ err: reason, retryInMs: delayMs, attempt: this.listenFailures }, 'outbox LISTEN connection lost; reconnecting, polling meanwhile');
      client.end().catch(() => undefined);
      this.relisten = setTimeout(() => void this.listen(), delayMs);
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', () => void this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      onLost((error as Error).message);
      return;
    }
    if (this.listenFailures > 0) {
      this.logger.info({ attempts: this.listenFailures }, 'outbox LISTEN re-established');
      this.listenFailures = 0;
      // events committed while nobody listened were announced to no one
      void this.kick();
    }
  }

  /** Publishes everything pending now; resolves when the outbox is empty or publishing fails. */
  kick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again && this.running) {
        this.again = false;
        void this.kick();
      }
    });
    return this.draining;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const published = await this.publishBatch();
        if (published < (this.options.batchSize ?? 100)) break;
      }
      await this.reportPending();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'outbox relay could not publish; will retry');
    }
  }

  private async publishBatch(): Promise<number> {
    const js = this.js;
    if (!js) return 0;
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; subject: string; envelope: unknown }[] = await manager.query(
        `SELECT id, subject, envelope FROM outbox_event WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 100],
      );
      const done: string[] = [];
      for (const row of rows) {
        try {
          await js.publish(row.subject, JSON.stringify(row.envelope), { msgID: row.id, timeout: 5000 });
          done.push(row.id);
        } catch (error) {
          await manager.query('UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [row.id, (error as Error).message]);
          break; // keep order: later events wait for this one
        }
      }
      if (done.length) {
        await manager.query('UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])', [done]);
        this.metrics?.outboxPublished.inc(done.length);
      }
      // a failed publish stops this drain; the next kick or poll retries from the same row
      return done.length < rows.length ? 0 : rows.length;
    });
  }

  private async reportPending(): Promise<void> {
    if (!this.metrics) return;
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM outbox_event WHERE published_at IS NULL');
    this.metrics.outboxPending.set(count);
  }
}
