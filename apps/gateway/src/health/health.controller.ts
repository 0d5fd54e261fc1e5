import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { healthSubject, type ServicePing } from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';

/** A ping slower than this counts as down: a probe must answer well within the orchestrator's own timeout. */
const PING_TIMEOUT_MS = 1000;
/** How long one ping's answer serves later probes, so frequent probes from several sources cost one request. */
const PING_CACHE_MS = 1500;

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
  private membership: { at: number; epoch: number; result: Promise<string> } | undefined;

  constructor(private readonly bus: GatewayBus) {}

  @Get('health/live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready when NATS is connected (checked on every probe: it fails at once while the bus is down) and
   * membership answers a ping with its database up (cached for PING_CACHE_MS, and never across a drop
   * of the NATS connection: membership may not have rejoined the bus yet when the gateway has). Membership is the one
   * service every session needs (sign-in, refresh); the other services are reported by the system
   * page, and one of them being down must not take the gateway, and with it every other route, out of
   * service.
   */
  @Get('health/ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const [nats, membership] = await Promise.all([
      this.bus.checkConnection().then(() => 'up', (error: unknown) => `down: ${(error as Error).message}`),
      this.membershipStatus(),
    ]);
    const checks = { nats, membership };
    const ok = Object.values(checks).every((c) => c === 'up');
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  private membershipStatus(): Promise<string> {
    const now = Date.now();
    const epoch = this.bus.connectionEpoch();
    if (!this.membership || now - this.membership.at >= PING_CACHE_MS || this.membership.epoch !== epoch) {
      this.membership = { at: now, epoch, result: this.pingMembership() };
    }
    return this.membership.result;
  }

  private async pingMembership(): Promise<string> {
    try {
      const pong = await this.bus.request<ServicePing>({ token: '', requestId: 'health' }, healthSubject('membership'), {}, PING_TIMEOUT_MS);
      return pong.database === 'up' ? 'up' : 'down: its database is unreachable';
    } catch (error) {
      return `down: ${(error as Error).message}`;
    }
  }
}
