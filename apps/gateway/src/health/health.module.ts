import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

/** Liveness, readiness and Prometheus metrics. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
