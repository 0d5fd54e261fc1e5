import { expect, it } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';
import type { FileStore } from './file-store.js';

/*
 * The contract every FileStore keeps, run by each store's integration test against a real server
 * (file-store.int-spec.ts for NATS, s3-file-store.int-spec.ts for S3). Test support only: nothing
 * in the app imports this file.
 */

export async function* chunks(data: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

const MB = 1024 * 1024;

/** Registers the shared behaviours; `store` is called inside each test, after beforeAll ran. */
export function itBehavesAsAFileStore(store: () => FileStore): void {
  it('stores a streamed file and gives back the same bytes, size, name and type', async () => {
    const sut = store();
    // More than one 5 MiB part: the S3 store sends it as a multipart upload.
    const data = randomBytes(7 * MB + 17);
    const key = `test/${randomUUID()}`;
    const stored = await sut.put(chunks(data), { key, filename: '农耕文化课件.pptx', contentType: 'application/vnd.ms-powerpoint', maxBytes: 10 * MB });
    expect(stored).toEqual({
      key, size: data.length, filename: '农耕文化课件.pptx', contentType: 'application/vnd.ms-powerpoint',
      sha256: createHash('sha256').update(data).digest('hex'),
    });
    const got = await sut.get(key);
    expect(got?.file).toMatchObject({ key, size: data.length, filename: '农耕文化课件.pptx', contentType: 'application/vnd.ms-powerpoint' });
    const bytes = await readAll(got!.stream);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.sha256);
    expect(bytes.equals(data)).toBe(true);
  });

  // The second case passes the limit only after more than one S3 multipart part went up.
  it.each([
    { case: 'small', size: 300 * 1024, maxBytes: 100 * 1024 },
    { case: 'past the first part', size: 8 * MB, maxBytes: 6 * MB },
  ])('refuses a file over the limit ($case) naming the field, and keeps nothing of it', async ({ size, maxBytes }) => {
    const sut = store();
    const key = `test/${randomUUID()}`;
    const error = await sut.put(chunks(randomBytes(size)), { key, filename: 'big.bin', contentType: 'application/octet-stream', maxBytes })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(`The file is larger than the limit of ${Math.round(maxBytes / MB)} MB`);
    expect(await sut.get(key)).toBeNull();
  });

  it('stops reading the upload once it is past the limit', async () => {
    const sut = store();
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          pulled += 1;
          yield randomBytes(64 * 1024);
        }
      } finally {
        closed = true;
      }
    }
    await expect(sut.put(endless(), { key: `test/${randomUUID()}`, filename: 'endless.bin', contentType: 'application/octet-stream', maxBytes: MB }))
      .rejects.toBeInstanceOf(ValidationError);
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(40);
  });

  it('answers null for an unknown key', async () => {
    expect(await store().get(`test/${randomUUID()}`)).toBeNull();
  });

  it('forgets a deleted file and leaves the others', async () => {
    const sut = store();
    const gone = `test/${randomUUID()}`;
    const kept = `test/${randomUUID()}`;
    await sut.put(chunks(Buffer.from('hello')), { key: gone, filename: 'a.txt', contentType: 'text/plain', maxBytes: 1024 });
    await sut.put(chunks(Buffer.from('world')), { key: kept, filename: 'b.txt', contentType: 'text/plain', maxBytes: 1024 });
    await sut.delete(gone);
    expect(await sut.get(gone)).toBeNull();
    const left = await sut.get(kept);
    expect((await readAll(left!.stream)).toString()).toBe('world');
  });
}
