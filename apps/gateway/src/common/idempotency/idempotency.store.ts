import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, NatsFileStore, type FileStore } from '@jiaolian/service-kit';
import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { Readable } from 'node:stream';
import { GatewayBus } from '../bus/gateway-bus.js';
import { GATEWAY_LOGGER } from '../tokens.js';
import { IDEMPOTENCY_TTL_MS, parseRecord, type IdempotencyRecord, type StoredAnswer } from './idempotency.rules.js';

/** The JetStream KV bucket of idempotency records (one per caller and key). */
export const IDEMPOTENCY_BUCKET = 'jiaolian-idempotency';
/** The object store bucket of answers too large for one record; removed by the server after the same day. */
export const IDEMPOTENT_ANSWERS_BUCKET = 'jiaolian-idempotent-answers';
/**
 * Bodies up to this size live in the record itself (base64 in JSON, about 350 KB, well inside NATS's
 * default 1 MB message); larger ones go to the object store.
 */
export const INLINE_BODY_BYTES = 256 * 1024;

/** Opens (creating when missing) the idempotency bucket, replicated as the deployment's other buckets. */
export function openIdempotencyBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(IDEMPOTENCY_BUCKET, {
    history: 1,
    ttl: IDEMPOTENCY_TTL_MS,
    storage: StorageType.File,
    replicas: Number(process.env['NATS_STREAM_REPLICAS'] ?? 1),
  });
}

export type ClaimOutcome = { claimed: true; revision: number } | { claimed: false; existing: IdempotencyRecord; revision: number };

const unavailable = (): DomainError => DomainError.coded('unavailable', 'gateway.idempotency.unavailable');

/**
 * Idempotency records in NATS JetStream, so that every gateway replica sees them and they outlive a
 * restart. A key is claimed with the KV `create` (it succeeds for exactly one of two racing requests),
 * settled with `update` at the claim's revision, and released with a delete at that revision.
 */
@Injectable()
export class IdempotencyStore implements OnApplicationBootstrap {
  private bucket: Promise<KV> | undefined;
  private answers: FileStore | undefined;

  constructor(private readonly bus: GatewayBus, @Inject(GATEWAY_LOGGER) private readonly logger: Logger) {}

  /** Creates the buckets when the gateway starts (after the bus has connected), not on the first retry. */
  async onApplicationBootstrap(): Promise<void> {
    await this.kv();
  }

  /** Takes the key for a request, or says who holds it. Fails with 503 when NATS cannot be reached. */
  async claim(key: string, running: IdempotencyRecord): Promise<ClaimOutcome> {
    const kv = await this.kv();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        return { claimed: true, revision: await kv.create(key, JSON.stringify(running)) };
      } catch (createError) {
        const entry = await kv.get(key).catch(() => { throw unavailable(); });
        // create fails for reasons of its own (NATS down) as well as for a key that is taken
        if (!entry) throw this.logged(createError);
        if (entry.operation !== 'PUT') continue; // released in between: try again
        const existing = parseRecord(entry.string());
        if (!existing) throw this.logged(new Error(`unreadable idempotency record ${key}`));
        return { claimed: false, existing, revision: entry.revision };
      }
    }
    throw unavailable();
  }

  /** Takes over a key whose first request's lease ran out; false when another request was quicker. */
  async takeOver(key: string, revision: number, running: IdempotencyRecord): Promise<number | undefined> {
    const kv = await this.kv();
    try {
      return await kv.update(key, JSON.stringify(running), revision);
    } catch {
      return undefined;
    }
  }

  /** Stores the answer of the request that holds the key at `revision`. */
  async complete(key: string, revision: number, record: IdempotencyRecord & { state: 'done' }, body: Buffer | undefined): Promise<void> {
    const kv = await this.kv();
    const answer: StoredAnswer = { ...record.answer };
    if (body && body.length > INLINE_BODY_BYTES) {
      const bodyKey = `${key}.${revision}`;
      await this.answerStore().put(Readable.from([body]), { key: bodyKey, filename: 'answer', contentType: 'application/octet-stream', maxBytes: body.length });
      answer.bodyKey = bodyKey;
    } else if (body) {
      answer.body = body.toString('base64');
    }
    await kv.update(key, JSON.stringify({ ...record, answer }), revision);
  }

  /** Lets the key go, so that a retry runs the request again (the first one failed or never answered). */
  async release(key: string, revision: number): Promise<void> {
    const kv = await this.kv();
    await kv.delete(key, { previousSeq: revision });
  }

  /** The body of a stored answer. */
  async bodyOf(answer: StoredAnswer): Promise<Buffer> {
    if (answer.body !== undefined) return Buffer.from(answer.body, 'base64');
    if (answer.bodyKey === undefined) return Buffer.alloc(0);
    const stored = await this.answerStore().get(answer.bodyKey).catch(() => { throw unavailable(); });
    if (!stored) throw DomainError.coded('conflict', 'gateway.idempotency.answer-not-kept', { header: 'Idempotency-Key' });
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  private answerStore(): FileStore {
    this.answers ??= new NatsFileStore(this.bus.connection(), { bucket: IDEMPOTENT_ANSWERS_BUCKET, ttlMs: IDEMPOTENCY_TTL_MS });
    return this.answers;
  }

  private kv(): Promise<KV> {
    this.bucket ??= Promise.resolve().then(() => openIdempotencyBucket(this.bus.connection())).catch((error: unknown) => {
      this.bucket = undefined;
      throw error instanceof DomainError ? error : this.logged(error);
    });
    return this.bucket;
  }

  private logged(error: unknown): DomainError {
    this.logger.warn({ err: error }, 'the idempotency bucket could not be used');
    return unavailable();
  }
}
