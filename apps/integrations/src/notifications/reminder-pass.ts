import { CallerTokens, envInt, loadKitConfig, type BusClient } from '@jiaolian/service-kit';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { busLookups, type NotificationLookups } from './notification-events.js';

/**
 * A reminder pass that runs every NOTIFICATION_REMINDER_INTERVAL_MS (an hour; 0 turns it off), one pass
 * at a time per process, and is waited for at shutdown. Each kind of reminder implements `pass`; the
 * reminder keys it writes with its notifications keep replicas and repeated passes from reminding twice.
 */
export abstract class ReminderPass implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  protected readonly tokens = new CallerTokens(loadKitConfig().jwtSecret);
  protected readonly lookups: NotificationLookups;

  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly bus: BusClient,
    protected readonly logger: Logger,
    private readonly what: string,
  ) {
    this.lookups = busLookups(bus, this.tokens);
  }

  onApplicationBootstrap(): void {
    const every = envInt('NOTIFICATION_REMINDER_INTERVAL_MS', 3_600_000);
    if (every <= 0) return;
    this.timer = setInterval(() => void this.run().catch((error: unknown) => {
      this.logger.warn({ err: (error as Error).message }, `${this.what} failed; will try again`);
    }), every);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; resolves with how many reminders it sent. */
  run(now = new Date()): Promise<number> {
    this.running ??= this.pass(now).finally(() => { this.running = undefined; });
    return this.running;
  }

  protected abstract pass(now: Date): Promise<number>;
}
