import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BusClient, connectBus, createFileStore, createReplyStore, DomainError, type FileStore } from '@jiaolian/service-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { CallContext } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../tokens.js';
import type { GatewayConfig } from '../../config.js';

/**
 * The gateway's one NATS connection and the kit's BusClient over it. It connects when the app
 * initialises, so building the OpenAPI document (which never initialises the app) needs no NATS.
 */
@Injectable()
export class GatewayBus implements OnModuleInit, OnApplicationShutdown {
  private nc: NatsConnection | undefined;
  private client: BusClient | undefined;
  private fileStore: FileStore | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig, @Inject(GATEWAY_LOGGER) private readonly logger: Logger) {}

  async onModuleInit(): Promise<void> {
    this.nc = await connectBus({ servers: this.config.kit.natsUrl, name: 'gateway', maxReconnectAttempts: -1, waitOnFirstConnect: true });
    this.fileStore = createFileStore(this.nc);
    this.client = new BusClient(this.nc, this.config.kit.requestTimeoutMs, createReplyStore(this.nc));
    this.logger.info({ server: this.nc.getServer() }, 'connected to NATS');
  }

  /** Forwards a request to the service answering `subject`, as the caller, with the request id. */
  request<T>(call: CallContext, subject: string, data: unknown, timeoutMs?: number): Promise<T> {
    if (!this.client) return Promise.reject(DomainError.coded('unavailable', 'gateway.bus.not-connected'));
    return this.client.request<T>(subject, data, { callerToken: call.token, requestId: call.requestId, timeoutMs });
  }

  /** Where uploads go and downloads come from: file bytes never travel in bus requests. */
  files(): FileStore {
    if (!this.fileStore) throw DomainError.coded('unavailable', 'gateway.file-store.not-connected');
    return this.fileStore;
  }

  /** Resolves when the NATS connection is up and the server answers. */
  async checkConnection(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) throw new Error('not connected');
    await this.nc.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc?.drain().catch(() => undefined);
  }
}
