import { startNats, type RunningNats } from '@jiaolian/testing';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';
import { BusClient } from './bus-client.js';
import { connectBus } from './bus-connection.js';

/** A NATS server of this file's own: the tests kill it and start it again. */
let nats: RunningNats;
let requester: NatsConnection;
let responder: NatsConnection;
let sut: BusClient;
const subject = `kittest.busdown.${randomUUID().slice(0, 8)}`;
const slowSubject = `${subject}.slow`;
/** how many requests the responder received, to tell a refused request from one that was sent */
let received = 0;

/** Answers like a Nest handler: the echo at once, the slow subject never. */
function respond(nc: NatsConnection): Subscription[] {
  const echo = nc.subscribe(subject, {
    callback: (_, msg) => {
      received += 1;
      const packet = msg.json<{ id: string; data: unknown }>();
      msg.respond(JSON.stringify({ id: packet.id, response: packet.data, isDisposed: true }));
    },
  });
  const slow = nc.subscribe(slowSubject, { callback: () => { received += 1; } });
  return [echo, slow];
}

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  nats = await startNats();
  const options = { servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 };
  requester = await connectBus({ ...options, name: 'busdown-requester' });
  responder = await connectBus({ ...options, name: 'busdown-responder' });
  respond(responder);
  await responder.flush();
  sut = new BusClient(requester, 10_000);
});

afterAll(async () => {
  await requester?.close();
  await responder?.close();
  await nats?.stop();
});

describe(`${BusClient.name} while NATS is down`, () => {
  it('answers while connected', async () => {
    expect(sut.connected).toBe(true);
    expect(sut.connectionEpoch).toBe(0);
    await expect(sut.request(subject, { n: 1 }, { callerToken: 't' })).resolves.toEqual({ n: 1 });
    await expect(sut.checkConnection()).resolves.toBeUndefined();
  });

  it('fails a request in flight when the connection drops, at once and not at its timeout', async () => {
    const receivedBefore = received;
    const started = Date.now();
    const pending = failureOf(sut.request(slowSubject, {}, { callerToken: 't' }));
    await until(() => received > receivedBefore, 2000); // the responder has it: the request is in flight
    await nats.kill();
    const error = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(503);
    expect(error.code).toBe('bus.connection-lost');
    expect(error.params).toEqual({ busSubject: slowSubject });
  });

  it('refuses a request within milliseconds while disconnected, and sends nothing', async () => {
    expect(sut.connected).toBe(false);
    expect(sut.connectionEpoch).toBe(1);
    const receivedBefore = received;
    const started = Date.now();
    const error = await failureOf(sut.request(subject, { n: 2 }, { callerToken: 't' }));
    expect(Date.now() - started).toBeLessThan(100);
    expect(error.toBody()).toMatchObject({ kind: 'unavailable', code: 'bus.disconnected', title: 'Service unavailable' });
    expect(error.status).toBe(503);

    const check = Date.now();
    await expect(sut.checkConnection()).rejects.toThrow('disconnected from NATS');
    expect(Date.now() - check).toBeLessThan(100);
    expect(received).toBe(receivedBefore);
  });

  it('answers again once the server is back, on the same connection', async () => {
    await nats.start();
    const reconnectMs = await until(() => sut.connected, 10_000);
    // the responder reconnects on its own schedule; its subscription returns with it
    await until(async () => sut.request(subject, { n: 3 }, { callerToken: 't' }).then(() => true, () => false), 10_000);
    await expect(sut.request(subject, { n: 4 }, { callerToken: 't' })).resolves.toEqual({ n: 4 });
    await expect(sut.checkConnection()).resolves.toBeUndefined();
    expect(reconnectMs).toBeLessThan(5000);
    // one drop, counted once: reconnecting does not move the epoch
    expect(sut.connectionEpoch).toBe(1);
  });
});
