import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { DomainError, fieldError, ValidationError } from '@jiaolian/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayConfig } from '../../config.js';
import { PROBLEM_CONTENT_TYPE, pathOf, problemAnswer } from '../errors/problem.filter.js';
import { formFields } from '../files/uploads.js';
import '../http/request.types.js';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../tokens.js';
import {
  decide, IDEMPOTENCY_HEADER, IDEMPOTENT_METHODS, idempotencyKeyOf, isRemembered, keptHeaders, recordKey, REPLAYED_HEADER, requestFingerprint, uploadFingerprint,
  type IdempotencyRecord, type StoredAnswer,
} from './idempotency.rules.js';
import { IdempotencyStore } from './idempotency.store.js';

/** The key a request holds while it runs; settled once, by whichever sees the answer first. */
export interface HeldKey {
  key: string;
  revision: number;
  record: IdempotencyRecord & { state: 'running' };
  settled: boolean;
}

const POLL_MS = 100;

/**
 * `Idempotency-Key` on POST, PUT, PATCH and DELETE. The first request with a key runs and its answer
 * (2xx or 4xx) is kept for 24 hours; a retry with the same key and the same request gets that answer
 * again, marked `Idempotent-Replayed: true`, and runs nothing. The same key with another method, path
 * or body answers 422. A retry that comes while the first request still runs waits for its answer up
 * to IDEMPOTENCY_WAIT_MS, then answers 409 with Retry-After. Keys belong to the signed-in caller;
 * routes that take no access token (sign-in, refresh, public forms) check the header but keep nothing.
 *
 * The answer is stored as it is sent (the gateway's onSend hook calls `settle`); when the client has gone before it was
 * sent, it is stored from the handler's outcome instead, so a retry after a client timeout still
 * finds it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** Requests without the header (nearly all) pass straight through, without a promise. */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!IDEMPOTENT_METHODS.has(request.method)) return next.handle();
    const key = idempotencyKeyOf(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    if (key === 'invalid') throw new ValidationError([fieldError(IDEMPOTENCY_HEADER, 'gateway.idempotency.key-invalid', { max: 255 })]);
    const caller = request.caller;
    if (!caller) return next.handle();
    return this.once(context, next, request, recordKey(caller, key));
  }

  /** Claims the key and runs the request, or answers from the key's record. */
  private async once(context: ExecutionContext, next: CallHandler, request: FastifyRequest, recordId: string): Promise<Observable<unknown>> {
    const body: unknown = request.isMultipart() ? 'multipart/form-data' : request.body;
    const fingerprint = requestFingerprint(request.method, request.url, body);
    const path = pathOf(request.url);
    const running = (): IdempotencyRecord & { state: 'running' } => {
      const now = Date.now();
      return { state: 'running', fingerprint, method: request.method, path, startedAt: now, leaseUntil: now + this.config.idempotency.leaseMs };
    };
    const deadline = Date.now() + this.config.idempotency.waitMs;
    for (;;) {
      const record = running();
      const outcome = await this.store.claim(recordId, record);
      let revision = outcome.claimed ? outcome.revision : undefined;
      if (!outcome.claimed) {
        const decision = decide(outcome.existing, fingerprint, Date.now());
        switch (decision.action) {
          case 'replay': {
            // an upload is the same request only with the same file and fields: read the retry's to compare
            const upload = outcome.existing.state === 'done' ? outcome.existing.upload : undefined;
            if (upload !== undefined && upload !== await this.uploadOf(request)) throw keyReused(outcome.existing.method, outcome.existing.path);
            return from(this.replay(decision.answer));
          }
          case 'mismatch':
            throw keyReused(decision.method, decision.path);
          case 'take-over':
            revision = await this.store.takeOver(recordId, outcome.revision, record);
            break;
          case 'wait':
            if (Date.now() + POLL_MS > deadline) {
              void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(decision.retryAfterSeconds));
              throw DomainError.coded('conflict', 'gateway.idempotency.in-progress', { header: IDEMPOTENCY_HEADER, retryAfter: decision.retryAfterSeconds });
            }
            await sleep(POLL_MS);
            break;
        }
      }
      if (revision !== undefined) return this.run(request, context.switchToHttp().getResponse<FastifyReply>(), { key: recordId, revision, record, settled: false }, next);
    }
  }

  /**
   * Runs the request holding the key. The handler is followed by a subscription of its own, so that
   * its outcome is known even when the client goes away and Nest stops listening.
   */
  private run(request: FastifyRequest, reply: FastifyReply, held: HeldKey, next: CallHandler): Observable<unknown> {
    request.idempotency = held;
    const outcome = lastValueFrom(next.handle(), { defaultValue: undefined })
      .then((value: unknown) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    void outcome.then(async (result) => {
      await responseOver(reply);
      if (held.settled) return;
      // nothing was sent (the client had gone): keep what would have been sent
      if (result.ok) {
        const streamed = isStreamLike(result.value);
        const text = result.value === undefined ? undefined : JSON.stringify(result.value);
        await this.settle(held, reply.statusCode, { 'content-type': 'application/json; charset=utf-8' }, streamed ? 'stream' : text === undefined ? undefined : Buffer.from(text), request.uploadFingerprint);
      } else {
        const answer = problemAnswer(result.error, request);
        await this.settle(held, answer.status, { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': answer.locale }, Buffer.from(answer.body), request.uploadFingerprint);
      }
    });
    return from(outcome.then((result) => (result.ok ? result.value : Promise.reject(result.error))));
  }

  /**
   * Keeps an answer for the key (2xx, 4xx) or releases the key (5xx, 408, 429). A failure to write
   * is logged, not answered: the request has run and its caller gets its answer; the key then stays
   * held until its lease ends and a retry within it is asked to wait.
   */
  async settle(held: HeldKey, status: number, headers: Record<string, unknown>, payload: Buffer | 'stream' | undefined, upload?: string): Promise<void> {
    if (held.settled) return;
    held.settled = true;
    try {
      if (!isRemembered(status)) return await this.store.release(held.key, held.revision);
      const answer: StoredAnswer = { status, headers: keptHeaders(headers), ...(payload === 'stream' ? { notKept: true as const } : {}) };
      await this.store.complete(held.key, held.revision, {
        state: 'done', fingerprint: held.record.fingerprint, method: held.record.method, path: held.record.path, completedAt: Date.now(), answer,
        ...(upload === undefined ? {} : { upload }),
      }, payload === 'stream' ? undefined : payload);
    } catch (error) {
      this.logger.error({ err: error, key: held.key }, 'the answer of an idempotent request could not be stored');
    }
  }

  /** The uploadFingerprint of a retried upload, read (and hashed, not stored) here since its route does not run. */
  private async uploadOf(request: FastifyRequest): Promise<string | undefined> {
    if (!request.isMultipart()) return undefined;
    try {
      const part = await request.file({ limits: { fileSize: this.config.maxUploadBytes } });
      if (!part) return undefined;
      const hash = createHash('sha256');
      for await (const chunk of part.file) hash.update(chunk as Buffer);
      if (part.file.truncated) return undefined;
      return uploadFingerprint(hash.digest('hex'), part.filename.normalize('NFC'), formFields(part));
    } catch {
      return undefined; // an unreadable form is not the upload that was received
    }
  }

  private async replay(answer: StoredAnswer): Promise<Response> {
    if (answer.notKept) throw DomainError.coded('conflict', 'gateway.idempotency.answer-not-kept', { header: IDEMPOTENCY_HEADER });
    const body = await this.store.bodyOf(answer);
    const noBody = answer.status === 204 || answer.status === 304;
    return new Response(noBody ? null : new Uint8Array(body), { status: answer.status, headers: { ...answer.headers, [REPLAYED_HEADER]: 'true' } });
  }
}

/** 422: the key was used for another request (method and path named; for uploads, another file or fields). */
function keyReused(method: string, path: string): DomainError {
  return DomainError.coded('unprocessable', 'gateway.idempotency.key-reused', { header: IDEMPOTENCY_HEADER, method, path }, [
    fieldError(IDEMPOTENCY_HEADER, 'gateway.idempotency.key-reused', { header: IDEMPOTENCY_HEADER, method, path }),
  ]);
}

/** A value Nest streams rather than sends as JSON: a Node or web stream, a web Response, a StreamableFile. */
function isStreamLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Response || value instanceof ReadableStream || value instanceof Readable) return true;
  return typeof (value as { getStream?: unknown }).getStream === 'function' || Symbol.asyncIterator in value;
}

/** Resolves once the response has been sent or its connection has closed. */
function responseOver(reply: FastifyReply): Promise<void> {
  const raw = reply.raw;
  if (raw.writableFinished || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    raw.once('close', () => resolve());
    raw.once('finish', () => resolve());
  });
}
