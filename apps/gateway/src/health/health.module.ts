import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { MetricsEndpoint } from './metrics.endpoint.js';

/** Liveness and readiness on the public port; Prometheus metrics on the internal METRICS_PORT. */
@Module({ controllers: [HealthController], providers: [MetricsEndpoint] })
export class HealthModule {}
