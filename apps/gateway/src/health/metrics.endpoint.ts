import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HealthServer } from '@jiaolian/service-kit';
import type { Logger } from 'pino';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { GatewayMetrics } from '../common/http/http-metrics.js';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../common/tokens.js';
import type { GatewayConfig } from '../config.js';

/**
 * Serves /metrics (and /health/*) on METRICS_PORT, the way every service serves them on its health
 * port: a port of the pod that no Service, Ingress or published compose port routes to, so request
 * counts and process figures are for Prometheus, not for anyone who can reach the public API.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: HealthServer | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
    private readonly bus: GatewayBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort <= 0) return;
    this.server = new HealthServer(this.metrics, { nats: () => this.bus.checkConnection() });
    await this.server.listen(this.config.metricsPort, this.config.host);
    this.logger.info({ port: this.config.metricsPort }, 'metrics served on the internal port');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
