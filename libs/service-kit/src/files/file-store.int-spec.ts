import { testServers } from '@jiaolian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { itBehavesAsAFileStore } from './file-store.behaviours.js';
import { NatsFileStore } from './file-store.js';

describe(NatsFileStore.name, () => {
  let nc: NatsConnection;
  let sut: NatsFileStore;

  beforeAll(async () => {
    nc = await connect({ servers: testServers().natsUrl });
    sut = new NatsFileStore(nc);
  });
  afterAll(async () => { await nc.drain(); });

  itBehavesAsAFileStore(() => sut);

  it('reads a file only as fast as its reader takes it: a slow reader of 64 MB does not make it hold the file', async () => {
    const source = createHash('sha256');
    const stored = await sut.put(Readable.from((function* () {
      for (let i = 0; i < 64; i += 1) {
        const chunk = randomBytes(1024 * 1024);
        source.update(chunk);
        yield chunk;
      }
    })()), { key: `test/slow-reader-${Date.now()}`, filename: 'video.mp4', contentType: 'video/mp4', maxBytes: 100 * 1024 * 1024 });
    // live memory, not garbage waiting for the collector
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const live = (): number => { gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
    const baseline = live();
    let peak = 0;
    const found = await sut.get(stored.key);
    const read = createHash('sha256');
    let bytes = 0;
    for await (const chunk of found!.stream as AsyncIterable<Buffer>) {
      read.update(chunk);
      bytes += chunk.length;
      await new Promise((r) => setTimeout(r, 2));
      if (bytes % (4 * 1024 * 1024) === 0) peak = Math.max(peak, live() - baseline);
    }
    expect(bytes).toBe(64 * 1024 * 1024);
    expect(read.digest('hex')).toBe(source.digest('hex'));
    // the object store's own get() queued the whole file ahead of such a reader (~90 MB live here); reading
    // chunk by chunk stays at a few MB on a quiet machine and under 26 MB on a loaded one (the client's buffers)
    expect(peak).toBeLessThan(40 * 1024 * 1024);
    await sut.delete(stored.key);
  }, 120_000);
});
