import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { createFileStore } from './create-file-store.js';
import { chunks, itBehavesAsAFileStore } from './file-store.behaviours.js';
import type { FileStore } from './file-store.js';
import { S3FileStore } from './s3-file-store.js';

/** s3rver (CommonJS, untyped): an S3-compatible server in this process, storing under a directory. */
interface S3rver {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
type S3rverClass = new (options: { address: string; port: number; silent: boolean; directory: string }) => S3rver;
const S3rverServer = createRequire(import.meta.url)('s3rver') as S3rverClass;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const BUCKET = 'jiaolian-files-test';
// s3rver accepts any key pair (it does check the signature is well formed).
const env = (endpoint: string): NodeJS.ProcessEnv => ({
  OBJECT_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER',
});

describe(S3FileStore.name, () => {
  let directory: string;
  let server: S3rver;
  let endpoint: string;
  let admin: S3Client;
  let sut: FileStore;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jiaolian-s3-'));
    const port = await freePort();
    server = new S3rverServer({ address: '127.0.0.1', port, silent: true, directory });
    await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // Through the factory, as the apps build it.
    sut = createFileStore({} as never, env(endpoint));
  });
  afterAll(async () => {
    admin?.destroy();
    await server?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('is the store the factory builds for OBJECT_STORE=s3', () => {
    expect(sut).toBeInstanceOf(S3FileStore);
  });

  itBehavesAsAFileStore(() => sut);

  it('leaves no object in the bucket behind a refused multipart upload', async () => {
    const key = `test/${randomUUID()}`;
    await expect(sut.put(chunks(randomBytes(8 * 1024 * 1024)), { key, filename: 'big.bin', contentType: 'application/octet-stream', maxBytes: 6 * 1024 * 1024 }))
      .rejects.toThrow('larger than the limit');
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: key }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('fails loudly (not as a missing file) when the bucket does not exist', async () => {
    const elsewhere = createFileStore({} as never, { ...env(endpoint), S3_BUCKET: 'no-such-bucket' });
    await expect(elsewhere.get(`test/${randomUUID()}`)).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
