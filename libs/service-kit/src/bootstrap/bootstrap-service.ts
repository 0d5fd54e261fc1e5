import type { INestApplicationContext, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServerNats, type MicroserviceOptions, type NatsContext, type NatsOptions } from '@nestjs/microservices';
import type { Msg, MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import type { DomainErrorBody, ServiceName } from '@jiaolian/contracts';
import { connectBus } from '../bus/bus-connection.js';
import { inlineReplyLimit, offloadReply } from '../bus/large-replies.js';
import { createReplyStore } from '../files/create-file-store.js';
import type { FileStore } from '../files/file-store.js';
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
    // background workers that must not start work a short-lived command would abandon (the term archive) read this
    process.env['JIAOLIAN_COMMAND'] = commandName;
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

/**
 * Nest's NATS transport on the kit's bus connection (see `connectBus`: one socket write per event-loop
 * turn), whose replies too large for one NATS message go through the reply store (see large-replies.ts).
 */
export class KitNatsServer extends ServerNats {
  private bus: NatsConnection | undefined;
  private store: FileStore | undefined;

  constructor(private readonly connection: NatsServerOptions) {
    super(connection);
  }

  override async createNatsClient(): ReturnType<ServerNats['createNatsClient']> {
    // as Nest's own transport does: every option goes to the connection (it ignores Nest's own ones)
    this.bus = await connectBus({ ...this.connection });
    return this.bus;
  }

  // Nest types the packet as `any`; it is the reply packet ({ response | err, isDisposed }).
  override getPublisher(natsMsg: Msg, id: string, ctx: NatsContext): (response: object) => unknown {
    const publish = super.getPublisher(natsMsg, id, ctx) as (response: object) => unknown;
    if (!natsMsg.reply || !this.bus) return publish;
    const bus = this.bus;
    const limit = inlineReplyLimit(bus);
    return (response: object) => {
      // serialized once, as Nest's own publisher does it (this is every reply's path)
      const outgoing = this.serializer.serialize({ ...response, id }) as { data: string; headers?: MsgHdrs };
      if (outgoing.data.length * 3 <= limit || Buffer.byteLength(outgoing.data) <= limit) {
        return natsMsg.respond(outgoing.data, { headers: outgoing.headers });
      }
      this.store ??= createReplyStore(bus);
      return offloadReply(this.store, outgoing.data, id).then(
        (offloaded) => publish({ ...offloaded, isDisposed: (response as { isDisposed?: boolean }).isDisposed }),
        (error: unknown) => {
          this.logger.error(`a reply too large for the bus could not be stored: ${(error as Error).message}`);
          const err: DomainErrorBody = { kind: 'internal', title: 'Internal error', detail: 'The reply was too large to send and could not be stored' };
          return publish({ err, isDisposed: true });
        },
      );
    };
  }
}
