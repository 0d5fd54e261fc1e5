import {
  Controller, Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, ModuleRef } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { healthSubject, type ServiceName, type ServicePing } from '@jiaolian/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer.js';
import { BusClient } from '../bus/bus-client.js';
import { connectBus } from '../bus/bus-connection.js';
import { loadKitConfig, envInt, type KitConfig } from '../config/config.js';
import { CallerGuard, PUBLIC_SUBJECTS } from '../context/caller.guard.js';
import { CallerTokens } from '../context/caller-tokens.js';
import { RevocationPublisher, watchRevocations, type RevocationWatch } from '../context/revocation-bucket.js';
import { createServiceDataSource, runMigrationsLocked } from '../database/data-source.js';
import { DomainRpcExceptionFilter } from '../errors/rpc-exception.filter.js';
import { createValidationPipe } from '../errors/validation.js';
import { EventConsumer, type EventSubscription } from '../events/event-consumer.js';
import { HealthServer } from '../health/health-server.js';
import { KitMetrics } from '../health/metrics.js';
import { createLogger } from '../logging/logger.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { OutboxWriter } from '../outbox/outbox.writer.js';
import { RpcInterceptor } from './rpc.interceptor.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const KIT_LOGGER = Symbol('KIT_LOGGER');
export const KIT_OPTIONS = Symbol('KIT_OPTIONS');
export const EVENT_SUBSCRIPTIONS = Symbol('EVENT_SUBSCRIPTIONS');

export const SERVICE_SCHEMAS: Record<ServiceName, string> = {
  membership: 'membership',
  'teacher-exchange': 'teacher_exchange',
  curriculum: 'curriculum',
  activities: 'activities',
  assessment: 'assessment',
  integrations: 'integrations',
};

export const DEFAULT_HEALTH_PORTS: Record<ServiceName, number> = {
  membership: 3101,
  'teacher-exchange': 3102,
  curriculum: 3103,
  activities: 3104,
  assessment: 3105,
  integrations: 3106,
};

export interface ServiceKitOptions {
  service: ServiceName;
  version?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  /** set false in tools that only need the database (migrate command) */
  background?: boolean;
}

/** What a service's event subscriptions may use. */
export interface SubscriptionDeps {
  bus: BusClient;
  moduleRef: ModuleRef;
}

// Declared before KitLifecycle: its constructor metadata refers to this class when the module loads.
export class KitConfigHolder {
  constructor(readonly value: KitConfig) {}
}

/** Starts and stops the background parts (outbox relay, event consumers, health server) with the app. */
export class KitLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: EventConsumer[] = [];
  private health: HealthServer | undefined;
  private revocations: RevocationWatch | undefined;

  constructor(
    @Inject(KIT_OPTIONS) private readonly options: ServiceKitOptions,
    @Inject(KIT_LOGGER) private readonly logger: Logger,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscription[],
    private readonly dataSource: DataSource,
    private readonly metrics: KitMetrics,
    private readonly config: KitConfigHolder,
    private readonly tokens: CallerTokens,
    private readonly bus: BusClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.background === false) return;
    // before the first message is taken: a restarted replica must already refuse revoked tokens
    this.revocations = await watchRevocations(this.nc, this.tokens.revocations, {
      onError: (error) => this.logger.error({ err: error }, 'watching the token revocations failed; retrying'),
    });
    const schema = SERVICE_SCHEMAS[this.options.service];
    this.relay = new OutboxRelay(this.dataSource, this.nc, { schema, databaseUrl: this.config.value.databaseUrl }, this.logger, this.metrics);
    await this.relay.start();
    for (const subscription of this.subscriptions) {
      const consumer = new EventConsumer(this.dataSource, this.nc, subscription, this.logger, this.metrics);
      await consumer.start();
      this.consumers.push(consumer);
    }
    this.health = new HealthServer(this.metrics, {
      postgres: async () => { await this.dataSource.query('SELECT 1'); },
      nats: () => this.bus.checkConnection(),
    });
    const port = envInt('HEALTH_PORT', DEFAULT_HEALTH_PORTS[this.options.service]);
    if (port > 0) await this.health.listen(port);
    this.logger.info({ port }, `${this.options.service} ready`);
  }

  /** Publishes everything in the outbox now; resolves when it is empty or the time is up. */
  async flushOutbox(timeoutMs: number): Promise<void> {
    if (!this.relay) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.relay.kick();
      const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM outbox_event WHERE published_at IS NULL');
      if (count === 0) return;
      if (Date.now() > deadline) {
        this.logger.warn({ pending: count }, 'outbox not empty at exit; the service publishes the rest when it starts');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Background work stops before the database pool and NATS close under it. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop().catch(() => undefined)));
    await this.relay?.stop();
    await this.health?.close();
    await this.revocations?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}

/**
 * Everything a domain service shares, written once: database with locked migrations, caller
 * verification, validation, error mapping, outbox, audit, event consumers, health and metrics.
 */
@Module({})
export class ServiceKitModule {
  /**
   * `subscriptions` gets the bus and the module reference: a handler that needs a provider of the
   * service's own modules resolves it through `moduleRef` when it runs (they exist by then).
   */
  static forService(options: ServiceKitOptions, subscriptions: (deps: SubscriptionDeps) => EventSubscription[] = () => []): DynamicModule {
    const config = loadKitConfig();
    const schema = SERVICE_SCHEMAS[options.service];
    const logger = createLogger(options.service, config.logLevel);
    const ping = healthSubject(options.service);
    PUBLIC_SUBJECTS.add(ping);

    @Controller()
    class PingController {
      constructor(private readonly dataSource: DataSource) {}

      @MessagePattern(ping)
      async ping(): Promise<ServicePing> {
        const database = await this.dataSource.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
        return { service: options.service, version: options.version ?? '0.1.0', instance: hostname(), database };
      }
    }

    const providers: Provider[] = [
      { provide: KIT_OPTIONS, useValue: options },
      { provide: KIT_LOGGER, useValue: logger },
      { provide: KitConfigHolder, useValue: new KitConfigHolder(config) },
      { provide: KitMetrics, useValue: new KitMetrics(options.service) },
      { provide: CallerTokens, useValue: new CallerTokens(config.jwtSecret) },
      {
        provide: NATS_CONNECTION,
        useFactory: () => connectBus({ servers: config.natsUrl, name: `${options.service}-kit`, maxReconnectAttempts: -1 }),
      },
      { provide: BusClient, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => new BusClient(nc, config.requestTimeoutMs) },
      { provide: RevocationPublisher, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => new RevocationPublisher(nc) },
      { provide: EVENT_SUBSCRIPTIONS, inject: [BusClient, ModuleRef], useFactory: (bus: BusClient, moduleRef: ModuleRef) => subscriptions({ bus, moduleRef }) },
      { provide: OutboxWriter, useValue: new OutboxWriter() },
      { provide: AuditWriter, useValue: new AuditWriter() },
      { provide: APP_GUARD, useClass: CallerGuard },
      { provide: APP_FILTER, useClass: DomainRpcExceptionFilter },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_INTERCEPTOR, useClass: RpcInterceptor },
      KitLifecycle,
    ];

    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' as const }),
          dataSourceFactory: async () => {
            const dataSource = createServiceDataSource({
              schema, url: config.databaseUrl, entities: options.entities, migrations: options.migrations, poolSize: config.dbPoolSize, logger,
            });
            if (config.migrationsRun) {
              const applied = await runMigrationsLocked(dataSource, schema, config.databaseUrl);
              if (applied.length) logger.info({ applied }, 'migrations applied');
            } else {
              await dataSource.initialize();
            }
            return dataSource;
          },
        }),
      ],
      controllers: [PingController],
      providers,
      exports: [KIT_OPTIONS, KIT_LOGGER, KitConfigHolder, KitMetrics, CallerTokens, NATS_CONNECTION, BusClient, RevocationPublisher, OutboxWriter, AuditWriter, TypeOrmModule],
    };
  }
}
