import type { INestApplicationContext, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServerNats, type MicroserviceOptions, type NatsOptions } from '@nestjs/microservices';
import type { ServiceName } from '@jiaolian/contracts';
import { connectBus } from '../bus/bus-connection.js';
import { loadKitConfig } from '../config/config.js';
import { createLogger, JsonLogger } from '../logging/logger.js';
import { KitLifecycle } from './service-kit.module.js';

export type ServiceCommand = (app: INestApplicationContext) => Promise<void>;

export interface BootstrapServiceOptions {
  /** one-off commands run instead of listening when `process.argv[2]` names one */
  commands?: Record<string, ServiceCommand>;
}

/**
 * Starts a service as a NATS microservice in a queue group named after it (replicas share the load),
 * with graceful shutdown: on SIGTERM it stops taking requests, finishes those in flight, then exits.
 * `node main.js migrate` runs the migrations (under the advisory lock) and exits.
 * `node main.js <command>` runs one of the service's own commands (e.g. seeders) with the app context, then exits.
 */
export async function bootstrapService(service: ServiceName, module: Type<unknown>, options: BootstrapServiceOptions = {}): Promise<INestMicroservice | undefined> {
  const config = loadKitConfig();
  const logger = new JsonLogger(createLogger(service, config.logLevel));
  if (process.argv[2] === 'migrate') {
    process.env['MIGRATIONS_RUN'] = 'true';
    const context = await NestFactory.createApplicationContext(module, { logger, abortOnError: false });
    await context.close();
    logger.log(`${service}: migrations are up to date`);
    return undefined;
  }
  const commandName = process.argv[2];
  const command = commandName ? options.commands?.[commandName] : undefined;
  if (command) {
    // a one-off command must not take the health port of a running replica on the same host
    if (process.env['HEALTH_PORT'] === undefined) process.env['HEALTH_PORT'] = '0';
    const context = await NestFactory.createApplicationContext(module, { logger, abortOnError: false });
    try {
      await command(context);
      // the command's events must be on the stream before it exits: other services' seeders wait for them
      await context.get(KitLifecycle, { strict: false }).flushOutbox(30_000);
    } finally {
      await context.close();
    }
    return undefined;
  }
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    strategy: new KitNatsServer({
      servers: config.natsUrl,
      queue: service,
      name: service,
      gracefulShutdown: true,
      gracePeriod: 3000,
      maxReconnectAttempts: -1,
    }),
    logger,
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}

type NatsServerOptions = Required<NatsOptions>['options'];

/** Nest's NATS transport on the kit's bus connection (see `connectBus`: one socket write per event-loop turn). */
export class KitNatsServer extends ServerNats {
  constructor(private readonly connection: NatsServerOptions) {
    super(connection);
  }

  override createNatsClient(): ReturnType<ServerNats['createNatsClient']> {
    // as Nest's own transport does: every option goes to the connection (it ignores Nest's own ones)
    return connectBus({ ...this.connection });
  }
}
