import { connectBus } from '@jiaolian/service-kit';
import { startNats, type RunningNats } from '@jiaolian/testing';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { randomBytes, randomUUID } from 'node:crypto';
import type { GatewayBus } from '../bus/gateway-bus.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyRecord } from './idempotency.rules.js';
import { IDEMPOTENCY_BUCKET, IdempotencyStore, INLINE_BODY_BYTES } from './idempotency.store.js';

let nats: RunningNats;
let nc: NatsConnection;
let sut: IdempotencyStore;

const running = (fingerprint = 'f1'): IdempotencyRecord & { state: 'running' } => ({
  state: 'running', fingerprint, method: 'POST', path: '/api/v1/schools', startedAt: Date.now(), leaseUntil: Date.now() + 60_000,
});
const done = (status: number): IdempotencyRecord & { state: 'done' } => ({
  state: 'done', fingerprint: 'f1', method: 'POST', path: '/api/v1/schools', completedAt: Date.now(), answer: { status, headers: { 'content-type': 'application/json; charset=utf-8' } },
});

beforeAll(async () => {
  nats = await startNats();
  nc = await connectBus({ servers: nats.url, name: 'idempotency-store-test' });
  // the store needs nothing of the gateway's bus but its connection
  sut = new IdempotencyStore({ connection: () => nc } as unknown as GatewayBus, pino({ level: 'silent' }));
  await sut.onApplicationBootstrap();
});

afterAll(async () => {
  await nc?.drain();
  await nats?.stop();
});

describe(IdempotencyStore.name, () => {
  it('creates the bucket on start, keeping one value per key for 24 hours', async () => {
    const status = await (await new Kvm(nc).open(IDEMPOTENCY_BUCKET)).status();
    expect(status.ttl).toBe(IDEMPOTENCY_TTL_MS);
    expect(status.history).toBe(1);
  });

  it('lets exactly one of many concurrent claims of a key through; the others see its record', async () => {
    const key = `user.${randomUUID()}.k1`;
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => sut.claim(key, running())));
    expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => !o.claimed)) expect(outcome).toMatchObject({ existing: { state: 'running', fingerprint: 'f1' } });
  });

  it('keeps a small answer in the record and a large one in the object store, and gives both back byte for byte', async () => {
    for (const size of [2_000, INLINE_BODY_BYTES + 1, 3 * 1024 * 1024]) {
      const key = `client.${randomUUID()}.k2`;
      const claim = await sut.claim(key, running());
      if (!claim.claimed) throw new Error('the first claim of a new key was refused');
      const body = randomBytes(size);
      await sut.complete(key, claim.revision, done(201), body);
      const again = await sut.claim(key, running());
      if (again.claimed || again.existing.state !== 'done') throw new Error('the key was free again after its answer was stored');
      expect(again.existing.answer.body === undefined).toBe(size > INLINE_BODY_BYTES);
      expect((await sut.bodyOf(again.existing.answer)).equals(body)).toBe(true);
    }
  });

  it('frees a released key for the retry, and only the holder of the revision can release or settle it', async () => {
    const key = `user.${randomUUID()}.k3`;
    const first = await sut.claim(key, running());
    if (!first.claimed) throw new Error('unexpected');
    await expect(sut.release(key, first.revision + 1)).rejects.toThrow();
    await sut.release(key, first.revision);
    const retry = await sut.claim(key, running());
    expect(retry.claimed).toBe(true);
    await expect(sut.complete(key, first.revision, done(201), Buffer.from('{}'))).rejects.toThrow();
  });

  it('hands a key whose holder is gone to one request only', async () => {
    const key = `user.${randomUUID()}.k4`;
    const first = await sut.claim(key, running());
    if (!first.claimed) throw new Error('unexpected');
    const takers = await Promise.all([sut.takeOver(key, first.revision, running()), sut.takeOver(key, first.revision, running())]);
    expect(takers.filter((revision) => revision !== undefined)).toHaveLength(1);
  });
});
