import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { ServiceName } from '@jiaolian/contracts';
import { loadKitConfig } from '../config/config.js';
import { createLogger, JsonLogger } from '../logging/logger.js';

/**
 * Starts a service as a NATS microservice in a queue group named after it (replicas share the load),
 * with graceful shutdown: on SIGTERM it stops taking requests, finishes those in flight, then exits.
 * `node main.js migrate` runs the migrations (under the advisory lock) and exits.
 */
export async function bootstrapService(service: ServiceName, module: Type<unknown>): Promise<INestMicroservice | undefined> {
  const config = loadKitConfig();
  const logger = new JsonLogger(createLogger(service, config.logLevel));
  if (process.argv[2] === 'migrate') {
    process.env['MIGRATIONS_RUN'] = 'true';
    const context = await NestFactory.createApplicationContext(module, { logger, abortOnError: false });
    await context.close();
    logger.log(`${service}: migrations are up to date`);
    return undefined;
  }
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    transport: Transport.NATS,
    options: {
      servers: config.natsUrl,
      queue: service,
      name: service,
      gracefulShutdown: true,
      gracePeriod: 3000,
      maxReconnectAttempts: -1,
    },
    logger,
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
