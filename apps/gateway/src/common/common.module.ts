import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CallerTokens } from '@jiaolian/service-kit';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config.js';
import { AuthGuard } from './auth/auth.guard.js';
import { GatewayBus } from './bus/gateway-bus.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { GatewayMetrics } from './http/http-metrics.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { GatewayValidationPipe } from './http/validation.pipe.js';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from './tokens.js';

/** What every route shares: the bus, token verification, the auth guard, Idempotency-Key, validation, problem+json. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: GatewayConfig, logger: Logger, metrics: GatewayMetrics): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: GatewayMetrics, useValue: metrics },
        { provide: CallerTokens, useValue: new CallerTokens(config.kit.jwtSecret) },
        GatewayBus,
        IdempotencyStore,
        IdempotencyInterceptor,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: GatewayValidationPipe },
      ],
      exports: [GATEWAY_CONFIG, GATEWAY_LOGGER, GatewayMetrics, CallerTokens, GatewayBus],
    };
  }
}
