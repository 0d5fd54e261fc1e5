import { PLATFORM_DISTRICT, type Caller } from '@jiaolian/contracts';
import { KIT_LOGGER, KIT_OPTIONS, type ServiceKitOptions } from '@jiaolian/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { todayInShanghai } from '../common/access.js';
import { PlacementsService } from './placements.service.js';

const EVERY_MS = Number(process.env['PLACEMENT_CLOCK_MS'] ?? 60_000);

export const clockCaller = (): Caller => ({
  kind: 'system', id: 'teacher-exchange:placement-clock', displayName: 'placement clock',
  assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});

/** Starts approved placements on their start date and completes active ones after their end date. */
@Injectable()
export class PlacementClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly placements: PlacementsService,
    @Inject(KIT_LOGGER) private readonly logger: Logger,
    @Inject(KIT_OPTIONS) private readonly options: ServiceKitOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.background === false || EVERY_MS <= 0) return;
    const tick = (): void => {
      this.running ??= this.placements.sweep(clockCaller(), todayInShanghai())
        .then((moved) => { if (moved) this.logger.info({ moved }, 'placements moved on by date'); })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'placement clock failed; retrying next tick'))
        .finally(() => { this.running = undefined; });
    };
    tick();
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
