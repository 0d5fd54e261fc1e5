import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  BusClient, CallerTokens, connectBus, createFileStore, createReplyStore, DomainError, watchRevocations, type FileStore, type RevocationWatch,
} from '@jiaolian/service-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { CallContext } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../tokens.js';
import type { GatewayConfig } from '../../config.js';

/**
 * The gateway's one NATS connection and the kit's BusClient over it. It connects when the app
 * initialises, so building the OpenAPI document (which never initialises the app) needs no NATS.
 * Before the gateway listens it has loaded the token revocations (see watchRevocations) and keeps
 * following them, so a revoked token is refused here as well as in the services.
 * It reconnects forever; while NATS is unreachable every request answers 503 at once (see BusClient).
 */
@Injectable()
export class GatewayBus implements OnModuleInit, OnApplicationShutdown {
  private nc: NatsConnection | undefined;
  private client: BusClient | undefined;
  private fileStore: FileStore | undefined;
  private revocations: RevocationWatch | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    private readonly tokens: CallerTokens,
  ) {}

  async onModuleInit(): Promise<void> {
    this.nc = await connectBus({ servers: this.config.kit.natsUrl, name: 'gateway', maxReconnectAttempts: -1, waitOnFirstConnect: true });
    this.fileStore = createFileStore(this.nc);
    this.client = new BusClient(this.nc, this.config.kit.requestTimeoutMs, createReplyStore(this.nc));
    this.revocations = await watchRevocations(this.nc, this.tokens.revocations, {
      onError: (error) => this.logger.error({ err: error }, 'watching the token revocations failed; retrying'),
    });
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

  /** The NATS connection itself, for reads of JetStream key-value buckets (the process board). */
  connection(): NatsConnection {
    if (!this.nc || this.nc.isClosed()) throw DomainError.coded('unavailable', 'gateway.bus.not-connected');
    return this.nc;
  }

  /** how many times the NATS connection has dropped: an answer learnt before a drop may be stale after it */
  connectionEpoch(): number {
    return this.client?.connectionEpoch ?? 0;
  }

  /** Resolves when the NATS connection is up and the server answers; fails at once while it is down. */
  async checkConnection(): Promise<void> {
    if (!this.client || !this.nc || this.nc.isClosed()) throw new Error('not connected');
    await this.client.checkConnection();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.revocations?.stop();
    await this.nc?.drain().catch(() => undefined);
  }
}
