import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { connectBus, ConflictError, DomainError } from '@jiaolian/service-kit';
import { startNats, type RunningNats } from '@jiaolian/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { from, lastValueFrom } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayBus } from '../bus/gateway-bus.js';
import type { GatewayConfig } from '../../config.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { recordKey, type IdempotencyRecord } from './idempotency.rules.js';
import { IdempotencyStore } from './idempotency.store.js';

/*
 * What happens when the client hangs up while its request runs: Nest stops listening and sends
 * nothing, so the answer never passes the onSend hook. The interceptor must still keep it (or release
 * the key on a 5xx), or the retry after a client timeout, the case the header exists for, would find
 * the key held until its lease ran out. Nest's request and reply are stood in for; store and NATS are real.
 */
let nats: RunningNats;
let nc: NatsConnection;
let store: IdempotencyStore;
let sut: IdempotencyInterceptor;
const caller = { kind: 'user', id: randomUUID(), assignments: [] };

beforeAll(async () => {
  nats = await startNats();
  nc = await connectBus({ servers: nats.url, name: 'idempotency-interceptor-test' });
  const logger = pino({ level: 'silent' });
  store = new IdempotencyStore({ connection: () => nc } as unknown as GatewayBus, logger);
  await store.onApplicationBootstrap();
  sut = new IdempotencyInterceptor(store, { idempotency: { waitMs: 1_000, leaseMs: 60_000 } } as GatewayConfig, logger);
});

afterAll(async () => {
  await nc?.drain();
  await nats?.stop();
});

/** A POST /api/v1/schools as Nest hands it to interceptors, with a connection the test can close. */
function httpCall(key: string, body: unknown): { context: ExecutionContext; hangUp: () => void; headers: Record<string, string> } {
  const raw = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false });
  const headers: Record<string, string> = {};
  const reply = { raw, statusCode: 201, header: (name: string, value: string) => { headers[name] = value; return reply; } };
  const request = {
    id: randomUUID(), method: 'POST', url: '/api/v1/schools', headers: { 'idempotency-key': key, 'accept-language': 'en' }, body, caller,
    isMultipart: () => false, idempotency: undefined,
  };
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request as unknown as FastifyRequest, getResponse: () => reply as unknown as FastifyReply }),
  } as unknown as ExecutionContext;
  return { context, hangUp: () => { raw.destroyed = true; raw.emit('close'); }, headers };
}

/** A handler that answers after `ms`, or fails then. */
const slowHandler = (ms: number, outcome: () => unknown): CallHandler => ({ handle: () => from(sleep(ms).then(outcome)) });

/** Runs a request whose client hangs up at once, as Nest does: it unsubscribes and sends nothing. */
async function abandoned(key: string, body: unknown, handler: CallHandler): Promise<void> {
  const { context, hangUp } = httpCall(key, body);
  (await sut.intercept(context, handler)).subscribe({ error: () => undefined }).unsubscribe();
  hangUp();
  await sleep(400);
}

async function recordOf(key: string): Promise<IdempotencyRecord | undefined> {
  const probe: IdempotencyRecord = { state: 'running', fingerprint: 'probe', method: 'POST', path: '/', startedAt: 0, leaseUntil: 0 };
  const outcome = await store.claim(recordKey(caller, key), probe);
  return outcome.claimed ? undefined : outcome.existing;
}

describe(IdempotencyInterceptor.name, () => {
  it('keeps the answer of a request whose client hung up, and replays it to the retry without running it', async () => {
    const key = randomUUID();
    const body = { name: '义乌市大陈镇中心小学' };
    await abandoned(key, body, slowHandler(150, () => ({ id: 'school-1', name: body.name })));
    expect(await recordOf(key)).toMatchObject({ state: 'done', answer: { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' } } });

    let ranAgain = false;
    const retry = await lastValueFrom(await sut.intercept(httpCall(key, body).context, { handle: () => { ranAgain = true; return from([{}]); } }));
    expect(ranAgain).toBe(false);
    expect(retry).toBeInstanceOf(Response);
    const answer = retry as Response;
    expect(answer.status).toBe(201);
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
    expect(await answer.json()).toEqual({ id: 'school-1', name: body.name });
  });

  it('keeps a refusal the client never saw as problem+json', async () => {
    const key = randomUUID();
    await abandoned(key, { name: 'x' }, slowHandler(100, () => { throw ConflictError.of('conflict'); }));
    const record = await recordOf(key);
    expect(record).toMatchObject({ state: 'done', answer: { status: 409, headers: { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': 'en' } } });
  });

  it('releases the key of a request that failed with a 5xx after its client hung up', async () => {
    const key = randomUUID();
    await abandoned(key, { name: 'x' }, slowHandler(100, () => { throw DomainError.coded('unavailable', 'bus.disconnected'); }));
    expect(await recordOf(key)).toBeUndefined();
  });

  it('answers 409 with a short Retry-After to a retry that waited its time while the first request still runs', async () => {
    const key = randomUUID();
    const first = httpCall(key, { name: 'x' });
    const running = lastValueFrom(await sut.intercept(first.context, slowHandler(2_500, () => ({ id: 'school-2' }))));
    const retry = httpCall(key, { name: 'x' });
    const startedAt = Date.now();
    await expect(sut.intercept(retry.context, slowHandler(0, () => ({})))).rejects.toMatchObject({ code: 'gateway.idempotency.in-progress', status: 409 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900); // it waited (IDEMPOTENCY_WAIT_MS is 1 s here)
    expect(Number(retry.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(retry.headers['retry-after'])).toBeLessThanOrEqual(5);
    first.hangUp();
    expect(await running).toEqual({ id: 'school-2' });
  });
});
