import type { DomainErrorBody } from '@jiaolian/contracts';
import { headers as natsHeaders, RequestError, TimeoutError, NoRespondersError, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { CALLER_HEADER, REQUEST_ID_HEADER } from '../context/caller-tokens.js';
import { DomainError, isDomainErrorBody } from '../errors/domain-error.js';
import { createReplyStore } from '../files/create-file-store.js';
import type { FileStore } from '../files/file-store.js';
import { BusConnectionLost, BusStatus } from './bus-status.js';
import { fetchOffloadedReply, isOffloadedReply } from './large-replies.js';

export interface BusRequestOptions {
  /** the caller token to forward (the user's access token, or a system token) */
  callerToken: string;
  requestId?: string;
  timeoutMs?: number;
}

interface ReplyPacket<T> {
  id?: string;
  response?: T;
  err?: unknown;
  isDisposed?: boolean;
}

const encoder = new TextEncoder();

/**
 * Request/reply over NATS with the caller attached, a timeout on every request, and every failure
 * turned into a DomainError (no responder → unavailable, too slow → timeout). While the connection
 * to NATS is down it refuses at once (unavailable, `bus.disconnected`) rather than letting the request
 * wait in nats.js's buffer for its timeout, and a request in flight when the connection drops fails
 * then (unavailable, `bus.connection-lost`): its reply, if any, was sent to a connection that is gone.
 *
 * It speaks the packet format of Nest's NATS transport (`{pattern, data, id}` in, `{response|err}` out)
 * directly on the connection: the gateway's hot path skips Nest's client proxy and its rxjs plumbing.
 * A reply too large for one NATS message arrives as a key in the reply store (see large-replies.ts
 * and createReplyStore) and is read from there.
 */
export class BusClient {
  private store: FileStore | undefined;
  private readonly status: BusStatus;

  /** `replies`: where offloaded replies are read (default: createReplyStore on this connection) */
  constructor(private readonly nc: NatsConnection, private readonly defaultTimeoutMs = 10_000, replies?: FileStore) {
    this.store = replies;
    this.status = new BusStatus(nc);
  }

  /** false while the connection to NATS is down (from its status events) */
  get connected(): boolean {
    return this.status.connected;
  }

  /** how many times the connection to NATS has dropped (see BusStatus.epoch) */
  get connectionEpoch(): number {
    return this.status.epoch;
  }

  /** For readiness probes: fails at once while disconnected, else when the server does not answer a ping. */
  async checkConnection(): Promise<void> {
    if (!this.status.connected) throw new Error('disconnected from NATS');
    await Promise.race([this.nc.flush(), this.status.lost()]);
  }

  async request<T>(subject: string, data: unknown, options: BusRequestOptions): Promise<T> {
    if (!this.status.connected) throw DomainError.coded('unavailable', 'bus.disconnected');
    const h = natsHeaders();
    h.set(CALLER_HEADER, options.callerToken);
    h.set(REQUEST_ID_HEADER, options.requestId ?? randomUUID());
    const payload = encoder.encode(JSON.stringify({ pattern: subject, data: data ?? {}, id: randomUUID() }));
    let raw: string;
    try {
      const msg = await Promise.race([
        this.nc.request(subject, payload, { timeout: options.timeoutMs ?? this.defaultTimeoutMs, headers: h }),
        this.status.lost(),
      ]);
      raw = msg.string();
    } catch (error) {
      throw toBusError(error, subject);
    }
    let packet = JSON.parse(raw) as ReplyPacket<T>;
    if (isOffloadedReply(packet)) {
      try {
        packet = JSON.parse(await fetchOffloadedReply(this.files(), packet)) as ReplyPacket<T>;
      } catch (error) {
        throw DomainError.coded('unavailable', 'bus.reply-unreadable', { busSubject: subject, reason: (error as Error).message });
      }
    }
    if (packet.err !== undefined && packet.err !== null) {
      if (isDomainErrorBody(packet.err)) throw DomainError.fromBody(packet.err);
      const body: DomainErrorBody = { kind: 'internal', title: 'Internal error', detail: `The service answering ${subject} failed` };
      throw DomainError.fromBody(body);
    }
    return packet.response as T;
  }

  private files(): FileStore {
    this.store ??= createReplyStore(this.nc);
    return this.store;
  }
}

export function toBusError(error: unknown, subject: string): DomainError {
  if (error instanceof BusConnectionLost) return DomainError.coded('unavailable', 'bus.connection-lost', { busSubject: subject });
  if (error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders())) {
    return DomainError.coded('unavailable', 'bus.no-responder', { busSubject: subject });
  }
  if (error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError)) {
    return DomainError.coded('timeout', 'bus.timeout', { busSubject: subject });
  }
  return DomainError.coded('unavailable', 'bus.failed', { reason: (error as Error).message });
}
