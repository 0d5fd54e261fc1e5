import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { systemCaller } from '../../commands/system-caller.js';
import { ChartersService } from './charters.service.js';

/**
 * Runs the charters' expiry sweep hourly (CHARTER_SWEEP_MS overrides; 0 turns it off, as tests do):
 * versions past their validity are recorded as expired and announced, and the 30- and 7-day
 * reminders go out as events for the notification centre.
 */
@Injectable()
export class CharterSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CharterSweep.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly charters: ChartersService) {}

  onApplicationBootstrap(): void {
    const raw = Number(process.env['CHARTER_SWEEP_MS'] ?? ChartersService.sweepEveryMs);
    const every = Number.isFinite(raw) && raw >= 0 ? raw : ChartersService.sweepEveryMs;
    if (every === 0) return;
    this.timer = setInterval(() => { void this.run(); }, every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const { expired, reminded } = await this.charters.sweep(systemCaller('charter-sweep'));
      if (expired || reminded) this.logger.log(`charters: ${expired} expired, ${reminded} expiry reminders`);
    } catch (error) {
      this.logger.warn(`charter sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
