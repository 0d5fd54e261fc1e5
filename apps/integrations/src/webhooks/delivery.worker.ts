import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KIT_LOGGER, KitConfigHolder } from '@jiaolian/service-kit';
import type { WebhookAttemptTrigger } from '@jiaolian/contracts';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { isSuccess, nextAttemptAt, shouldPause } from './delivery.rules.js';
import { WebhookOwnerNotice } from './owner-notice.js';
import { attempt, type AttemptResult } from './sender.js';
import { signedHeaders } from './signing.js';
import { WEBHOOKS_CHANNEL, WebhooksConfigHolder, type WebhooksConfig } from './webhooks.config.js';

/** A claimed delivery with what its attempt needs. */
export interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  webhook_id: string;
  payload: string;
  window_from: Date;
  replay_requested: boolean;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

/** The rows of an UPDATE … RETURNING: TypeORM answers those as [rows, affected count]. */
export function returned<T>(result: unknown): T[] {
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}

/** The secrets a delivery is signed with now: the current one, and the previous one during its grace period. */
export function secretsOf(d: Pick<ClaimedDelivery, 'secret' | 'previous_secret' | 'previous_secret_until'>, now: Date): string[] {
  return d.previous_secret && d.previous_secret_until && d.previous_secret_until > now ? [d.secret, d.previous_secret] : [d.secret];
}

/**
 * Sends pending deliveries. Several replicas share the queue: a delivery is claimed with FOR UPDATE
 * SKIP LOCKED and leased for the attempt's timeout and a margin, so a replica that dies mid-attempt
 * leaves it to another once the lease runs out (at least once). A delivery is not claimed while an
 * earlier delivery of the same subscription about the same object is pending: events about one object
 * arrive in order. Committed deliveries wake the worker through NOTIFY; a poll is the safety net.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly config: WebhooksConfig;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private relisten: NodeJS.Timeout | undefined;
  private listenFailures = 0;
  private claiming: Promise<void> | undefined;
  private again = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly notice: WebhookOwnerNotice,
    private readonly kit: KitConfigHolder,
    @Inject(KIT_LOGGER) private readonly logger: Logger,
    holder: WebhooksConfigHolder,
  ) {
    this.config = holder.value;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    this.running = true;
    await this.listen();
    this.timer = setInterval(() => void this.kick(), this.config.pollIntervalMs);
    void this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.relisten) clearTimeout(this.relisten);
    await this.claiming;
    // attempts under way finish and are recorded; their leases would otherwise delay them
    await Promise.allSettled([...this.inFlight]);
    await this.listener?.end().catch(() => undefined);
  }

  /** Opens the LISTEN connection, again after a backoff whenever it drops; the poll delivers meanwhile. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.kit.value.databaseUrl, application_name: 'jiaolian-integrations-webhooks' });
    this.listener = client;
    let lost = false;
    const onLost = (reason: string): void => {
      if (lost || !this.running || this.listener !== client) return;
      lost = true;
      const delayMs = Math.min(100 * 2 ** this.listenFailures, 5000);
      this.listenFailures += 1;
      this.logger.warn({ err: reason, retryInMs: delayMs }, 'webhook LISTEN connection lost; reconnecting, polling meanwhile');
      client.end().catch(() => undefined);
      this.relisten = setTimeout(() => void this.listen(), delayMs);
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', () => void this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${WEBHOOKS_CHANNEL}`);
    } catch (error) {
      onLost((error as Error).message);
      return;
    }
    if (this.listenFailures > 0) {
      this.listenFailures = 0;
      void this.kick();
    }
  }

  /** Claims and starts as many due deliveries as there are free slots; resolves once they are started. */
  kick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.claiming) {
      this.again = true;
      return this.claiming;
    }
    this.claiming = this.fill().finally(() => {
      this.claiming = undefined;
      if (this.again && this.running) {
        this.again = false;
        void this.kick();
      }
    });
    return this.claiming;
  }

  /** Resolves when nothing is in flight (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.claiming) {
      await Promise.allSettled([...this.inFlight, this.claiming]);
    }
  }

  private async fill(): Promise<void> {
    try {
      for (;;) {
        const free = this.config.concurrency - this.inFlight.size;
        if (free <= 0 || !this.running) return;
        const claimed = await this.claim(free);
        for (const delivery of claimed) {
          const work: Promise<void> = this.send(delivery).finally(() => {
            this.inFlight.delete(work);
            void this.kick();
          });
          this.inFlight.add(work);
        }
        if (claimed.length < free) return;
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'webhook worker could not claim deliveries; will retry');
    }
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const leaseSeconds = Math.ceil(this.config.attemptTimeoutMs / 1000) + 30;
    return returned<ClaimedDelivery>(await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d
           JOIN webhook_subscription s ON s.id = d.subscription_id AND s.status = 'active'
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
            AND NOT EXISTS (
              SELECT 1 FROM webhook_delivery e
               WHERE e.subscription_id = d.subscription_id AND e.object_key = d.object_key AND e.status = 'pending' AND e.seq < d.seq)
          ORDER BY d.next_attempt_at, d.seq
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_delivery d SET lease_until = now() + make_interval(secs => $2), attempt_count = d.attempt_count + 1
         FROM due, webhook_subscription s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.webhook_id, d.payload, d.window_from, d.replay_requested, s.url, s.secret, s.previous_secret, s.previous_secret_until`,
      [limit, leaseSeconds],
    ));
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    try {
      const result = await this.attemptOnce(delivery);
      await this.record(delivery, result, delivery.replay_requested ? 'replay' : 'scheduled');
    } catch (error) {
      // the lease runs out and another attempt follows: nothing is lost
      this.logger.warn({ err: (error as Error).message, deliveryId: delivery.id }, 'webhook attempt could not be recorded');
    }
  }

  /** One signed attempt of a delivery (also used for pings, outside the queue). */
  attemptOnce(delivery: Pick<ClaimedDelivery, 'webhook_id' | 'payload' | 'url' | 'secret' | 'previous_secret' | 'previous_secret_until'>, timeoutMs = this.config.attemptTimeoutMs): Promise<AttemptResult> {
    const now = new Date();
    const headers = signedHeaders(secretsOf(delivery, now), delivery.webhook_id, now, delivery.payload);
    return attempt({ url: delivery.url, headers: { ...headers }, body: delivery.payload, timeoutMs }, { allowPrivate: this.config.allowPrivateTargets });
  }

  /** Logs the attempt and moves the delivery and its subscription on, in one transaction. */
  async record(delivery: Pick<ClaimedDelivery, 'id' | 'subscription_id' | 'window_from'>, result: AttemptResult, trigger: WebhookAttemptTrigger, now = new Date()): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // the subscription first, then the delivery: the order every writer of both follows, so none deadlocks
      await manager.query('SELECT 1 FROM webhook_subscription WHERE id = $1 FOR NO KEY UPDATE', [delivery.subscription_id]);
      await manager.query(
        'INSERT INTO webhook_attempt (delivery_id, trigger, status, duration_ms, excerpt) VALUES ($1, $2, $3, $4, $5)',
        [delivery.id, trigger, result.status, result.durationMs, result.excerpt.slice(0, 1024)],
      );
      if (isSuccess(result.status)) {
        await manager.query(
          `UPDATE webhook_delivery SET status = 'succeeded', completed_at = now(), next_attempt_at = NULL, lease_until = NULL, replay_requested = false WHERE id = $1`,
          [delivery.id],
        );
        await manager.query(
          'UPDATE webhook_subscription SET consecutive_failures = 0, failing_since = NULL, last_success_at = now() WHERE id = $1', [delivery.subscription_id],
        );
        return;
      }
      const [{ attempt_count: attempts }]: { attempt_count: number }[] = await manager.query('SELECT attempt_count FROM webhook_delivery WHERE id = $1', [delivery.id]);
      const next = trigger === 'ping' ? null : nextAttemptAt(delivery.window_from, Math.max(attempts, 1), now);
      if (next) {
        await manager.query('UPDATE webhook_delivery SET next_attempt_at = $2, lease_until = NULL, replay_requested = false WHERE id = $1', [delivery.id, next]);
      } else {
        await manager.query(
          `UPDATE webhook_delivery SET status = 'failed', completed_at = now(), next_attempt_at = NULL, lease_until = NULL, replay_requested = false WHERE id = $1`,
          [delivery.id],
        );
      }
      if (trigger === 'ping') return;
      await this.countFailure(manager, delivery.subscription_id, now);
    });
  }

  private async countFailure(manager: EntityManager, subscriptionId: string, now: Date): Promise<void> {
    const [s] = returned<{ id: string; district_id: string; url: string; owner_kind: 'user' | 'client'; owner_id: string; status: string; consecutive_failures: number; failing_since: Date }>(
      await manager.query(
        `UPDATE webhook_subscription SET consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, now()), last_failure_at = now()
          WHERE id = $1 RETURNING id, district_id, url, owner_kind, owner_id, status, consecutive_failures, failing_since`,
        [subscriptionId],
      ));
    if (!s || s.status !== 'active' || !shouldPause({ consecutiveFailures: s.consecutive_failures, failingSince: s.failing_since }, now)) return;
    await manager.query(`UPDATE webhook_subscription SET status = 'paused', paused_reason = 'failures', updated_at = now() WHERE id = $1`, [s.id]);
    await this.notice.subscriptionPausedForFailures(manager, {
      id: s.id, districtId: s.district_id, url: s.url, ownerKind: s.owner_kind, ownerId: s.owner_id, consecutiveFailures: s.consecutive_failures, failingSince: s.failing_since,
    });
    this.logger.warn({ subscriptionId: s.id, failures: s.consecutive_failures }, 'webhook subscription paused after failing too long');
  }
}
