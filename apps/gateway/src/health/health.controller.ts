import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { healthSubject } from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';

const CHECK_TIMEOUT_MS = 2000;

interface Readiness {
  status: 'ok' | 'unavailable';
  checks: Record<string, string>;
}

/**
 * Probes for the orchestrator; outside /api/v1 and the public API document. Prometheus scrapes the
 * internal metrics port (MetricsEndpoint), so /metrics is not served here: public callers get 404.
 */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('health/live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when NATS is connected and the membership service answers a ping (sign-in depends on it). */
  @Get('health/ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const checks: Record<string, string> = {};
    await Promise.all([
      this.check(checks, 'nats', () => this.bus.checkConnection()),
      this.check(checks, 'membership', () => this.bus.request({ token: '', requestId: 'health' }, healthSubject('membership'), {}, CHECK_TIMEOUT_MS)),
    ]);
    const ok = Object.values(checks).every((c) => c === 'up');
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  private async check(into: Record<string, string>, name: string, check: () => Promise<unknown>): Promise<void> {
    try {
      await check();
      into[name] = 'up';
    } catch (error) {
      into[name] = `down: ${(error as Error).message}`;
    }
  }
}
