import type { GetObjectCommandOutput, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileTooLarge, type FileStore, type PutFileOptions, type StoredFile } from './file-store.js';

export interface S3FileStoreOptions {
  /** S3-compatible endpoint URL (MinIO, a cloud provider's object storage, ...) */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path (`<endpoint>/<bucket>/<key>`) rather than the host name: what MinIO-style servers expect */
  forcePathStyle: boolean;
  /** bytes per multipart part; S3's minimum (5 MiB) unless set */
  partSize?: number;
}

type S3Sdk = typeof import('@aws-sdk/client-s3');
type UploadClass = typeof import('@aws-sdk/lib-storage').Upload;

/**
 * Streams files into an S3-compatible bucket (which must exist), hashing and counting on the way.
 * A file of unknown length goes up as a multipart upload, one part in memory at a time. The SDK
 * is loaded on first use, so apps that keep files in NATS never load it.
 */
export class S3FileStore implements FileStore {
  private loaded: Promise<{ sdk: S3Sdk; Upload: UploadClass; client: S3Client }> | undefined;

  constructor(private readonly options: S3FileStoreOptions) {}

  private load(): Promise<{ sdk: S3Sdk; Upload: UploadClass; client: S3Client }> {
    this.loaded ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(([sdk, storage]) => ({
      sdk,
      Upload: storage.Upload,
      client: new sdk.S3Client({
        endpoint: this.options.endpoint,
        region: this.options.region,
        forcePathStyle: this.options.forcePathStyle,
        credentials: { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey },
        // Checksums only where S3 requires them: many S3-compatible servers reject the newer
        // default checksum headers, and the store computes its own sha256 anyway.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.loaded;
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutFileOptions): Promise<StoredFile> {
    const { sdk, Upload, client } = await this.load();
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    // Throwing here ends the iteration of `source` too (for-await calls its return()).
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          tooLarge = true;
          throw new Error('file too large');
        }
        hash.update(chunk);
        yield chunk;
      }
    }
    const body = Readable.from(counted(), { objectMode: false });
    const upload = new Upload({
      client,
      params: {
        Bucket: this.options.bucket,
        Key: options.key,
        Body: body,
        ContentType: options.contentType,
        // S3 metadata is ASCII only; the NATS store encodes the name the same way.
        Metadata: { filename: encodeURIComponent(options.filename) },
      },
      partSize: this.options.partSize,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // Stop reading the source (an HTTP upload, say) if the failure was on the S3 side.
      body.destroy();
      // A failed multipart upload is aborted by the SDK; a failed single put stored nothing. The
      // delete also covers an object that completed before the failure surfaced.
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: options.key })).catch(() => undefined);
      if (tooLarge) throw fileTooLarge(options.maxBytes);
      throw error;
    }
    return { key: options.key, size, sha256: hash.digest('hex'), contentType: options.contentType, filename: options.filename };
  }

  async get(key: string): Promise<{ file: StoredFile; stream: Readable } | null> {
    const { sdk, client } = await this.load();
    let result: GetObjectCommandOutput;
    try {
      result = await client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
    } catch (error) {
      if (isMissingKey(error)) return null;
      throw error;
    }
    const body = result.Body;
    if (!(body instanceof Readable)) throw new Error(`S3 answered ${key} without a Node stream body`);
    const meta = result.Metadata ?? {};
    const file: StoredFile = {
      key,
      size: result.ContentLength ?? 0,
      sha256: '',
      contentType: result.ContentType ?? 'application/octet-stream',
      filename: decodeURIComponent(meta['filename'] ?? key),
    };
    return { file, stream: body };
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.load();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }
}

/** No object under the key. A missing bucket is also a 404 but a configuration error: it throws. */
function isMissingKey(error: unknown): boolean {
  const e = error as Partial<S3ServiceException> | undefined;
  if (e?.name === 'NoSuchKey' || e?.name === 'NotFound') return true;
  return e?.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket';
}
