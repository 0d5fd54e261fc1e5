import { testServers } from '@jiaolian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';
import { NatsFileStore } from './file-store.js';

async function* chunks(data: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

describe(NatsFileStore.name, () => {
  let nc: NatsConnection;
  let sut: NatsFileStore;

  beforeAll(async () => {
    nc = await connect({ servers: testServers().natsUrl });
    sut = new NatsFileStore(nc);
  });
  afterAll(async () => { await nc.drain(); });

  it('stores a streamed file and gives back the same bytes, size and name', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const key = `test/${randomUUID()}`;
    const stored = await sut.put(chunks(data), { key, filename: '农耕文化课件.pptx', contentType: 'application/octet-stream', maxBytes: 10 * 1024 * 1024 });
    expect(stored).toMatchObject({ key, size: data.length, filename: '农耕文化课件.pptx', sha256: createHash('sha256').update(data).digest('hex') });
    const got = await sut.get(key);
    expect(got?.file).toMatchObject({ size: data.length, filename: '农耕文化课件.pptx' });
    expect((await readAll(got!.stream)).equals(data)).toBe(true);
  });

  it('refuses a file over the limit and keeps nothing of it', async () => {
    const key = `test/${randomUUID()}`;
    await expect(sut.put(chunks(randomBytes(300 * 1024)), { key, filename: 'big.bin', contentType: 'application/octet-stream', maxBytes: 100 * 1024 }))
      .rejects.toBeInstanceOf(ValidationError);
    expect(await sut.get(key)).toBeNull();
  });

  it('answers null for an unknown key and forgets a deleted file', async () => {
    expect(await sut.get(`test/${randomUUID()}`)).toBeNull();
    const key = `test/${randomUUID()}`;
    await sut.put(chunks(Buffer.from('hello')), { key, filename: 'a.txt', contentType: 'text/plain', maxBytes: 1024 });
    await sut.delete(key);
    expect(await sut.get(key)).toBeNull();
  });
});
