import { jest } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NodeTransport } from '@nats-io/transport-node/lib/node_transport.js';
import { testServers } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CoalescingTransport, connectBus } from './bus-connection.js';

/** Socket writes made by coalescing transports while `run` runs (plain transports are not counted). */
async function coalescedWrites(run: () => Promise<void>): Promise<number> {
  const spy = jest.spyOn(NodeTransport.prototype, '_send');
  try {
    await run();
    return spy.mock.contexts.filter((transport) => transport instanceof CoalescingTransport).length;
  } finally {
    spy.mockRestore();
  }
}

function collect(nc: NatsConnection, subject: string, expected: number): Promise<string[]> {
  const received: string[] = [];
  return new Promise((resolve) => {
    nc.subscribe(subject, {
      callback: (_err, msg) => {
        received.push(msg.string());
        if (received.length === expected) resolve(received);
      },
    });
  });
}

describe('connectBus', () => {
  let natsUrl: string;
  let plain: NatsConnection;

  beforeAll(async () => {
    natsUrl = testServers().natsUrl;
    plain = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    await plain?.drain();
  });

  it('writes everything published in one turn of the event loop in one socket write, in order', async () => {
    // Each publish runs in its own callback of the same turn, as requests handled one after another
    // in one turn do; nats.js alone writes once per callback (after its microtasks).
    const bus = await connectBus({ servers: natsUrl, name: 'coalescing-test' });
    const subject = `kittest.coalesce.${randomUUID()}`;
    const arriving = collect(plain, subject, 200);
    await plain.flush();
    const sent = Array.from({ length: 200 }, (_, i) => `message ${i} ${'教联'.repeat(i % 7)}`);

    const writes = await coalescedWrites(async () => {
      await new Promise<void>((published) => {
        sent.forEach((text, i) => setImmediate(() => {
          bus.publish(subject, text);
          if (i === sent.length - 1) published();
        }));
      });
      await nextTurn();
    });

    expect(writes).toBe(1);
    expect(await arriving).toEqual(sent);
    await bus.drain();
  });

  it('does not hold back a lone request: each request of a quiet connection is written in its own turn', async () => {
    const bus = await connectBus({ servers: natsUrl, name: 'coalescing-test' });
    const subject = `kittest.echo.${randomUUID()}`;
    plain.subscribe(subject, { callback: (_err, msg) => void msg.respond(`echo ${msg.string()}`) });
    await plain.flush();

    const replies: string[] = [];
    const writes = await coalescedWrites(async () => {
      for (let i = 0; i < 20; i++) replies.push((await bus.request(subject, String(i), { timeout: 5000 })).string());
    });

    expect(replies).toEqual(Array.from({ length: 20 }, (_, i) => `echo ${i}`));
    // the first request also subscribes the connection's reply inbox, in the same write
    expect(writes).toBe(20);
    await bus.drain();
  });

  it('delivers every message that was published before a flush, then closes', async () => {
    const bus = await connectBus({ servers: natsUrl, name: 'coalescing-test' });
    const subject = `kittest.close.${randomUUID()}`;
    const arriving = collect(plain, subject, 50);
    await plain.flush();

    for (let i = 0; i < 50; i++) bus.publish(subject, String(i));
    await bus.flush();
    await bus.close();

    expect(await arriving).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(bus.isClosed()).toBe(true);
  });

  it('reconnects after the server closed the connection, and writes on the new connection', async () => {
    const bus = await connectBus({ servers: natsUrl, name: 'coalescing-test', reconnectTimeWait: 50 });
    const subject = `kittest.reconnect.${randomUUID()}`;
    const arriving = collect(plain, subject, 1);
    await plain.flush();

    const reconnected = (async () => {
      for await (const status of bus.status()) if (status.type === 'reconnect') return;
    })();
    await bus.reconnect();
    await reconnected;
    const writes = await coalescedWrites(async () => {
      bus.publish(subject, 'after reconnect');
      expect(await arriving).toEqual(['after reconnect']);
    });

    expect(writes).toBe(1);
    await bus.drain();
  });
});
