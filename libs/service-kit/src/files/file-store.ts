import { jetstream } from '@nats-io/jetstream';
import { Objm, StorageType, type ObjectStore } from '@nats-io/obj';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';

/** What the store knows of a file; services keep this in their own tables. */
export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
  contentType: string;
  filename: string;
}

export interface PutFileOptions {
  key: string;
  filename: string;
  contentType: string;
  /** refuse (and store nothing) past this many bytes */
  maxBytes: number;
}

/**
 * Where uploaded files live. File bytes go from the gateway's HTTP stream straight into the store and
 * out again; NATS requests carry only the key. The default is the JetStream object store; an
 * S3-compatible store implements the same interface.
 */
export interface FileStore {
  put(source: AsyncIterable<Uint8Array>, options: PutFileOptions): Promise<StoredFile>;
  /** the file's bytes as a Node stream, or null when no file has that key */
  get(key: string): Promise<{ file: StoredFile; stream: Readable } | null>;
  delete(key: string): Promise<void>;
}

export const FILES_BUCKET = 'jiaolian-files';

/** What every FileStore throws when a file passes `maxBytes` (it keeps nothing of it). */
export function fileTooLarge(maxBytes: number): ValidationError {
  return ValidationError.of('file', 'file.too-large', { maxMb: Math.round(maxBytes / 1024 / 1024) });
}

/** Streams a file into the JetStream object store, hashing and counting on the way. */
export interface NatsFileStoreOptions {
  /** the object store bucket (default: the platform's files) */
  bucket?: string;
  /** objects older than this are removed by the server (default: never) */
  ttlMs?: number;
  replicas?: number;
}

export class NatsFileStore implements FileStore {
  private bucket: Promise<ObjectStore> | undefined;
  private readonly name: string;
  private readonly ttlMs: number;
  private readonly replicas: number;

  constructor(private readonly nc: NatsConnection, options: NatsFileStoreOptions = {}) {
    this.name = options.bucket ?? FILES_BUCKET;
    this.ttlMs = options.ttlMs ?? 0;
    this.replicas = options.replicas ?? Number(process.env['NATS_STREAM_REPLICAS'] ?? 1);
  }

  private store(): Promise<ObjectStore> {
    const ttl = this.ttlMs > 0 ? { ttl: nanos(this.ttlMs) } : {};
    this.bucket ??= new Objm(this.nc).create(this.name, { storage: StorageType.File, replicas: this.replicas, ...ttl }).catch((error: unknown) => {
      this.bucket = undefined;
      throw error;
    });
    return this.bucket;
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutFileOptions): Promise<StoredFile> {
    const store = await this.store();
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    const iterator = source[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        size += value.byteLength;
        if (size > options.maxBytes) {
          tooLarge = true;
          await iterator.return?.();
          return controller.error(new Error('file too large'));
        }
        hash.update(value);
        controller.enqueue(value);
      },
    });
    try {
      await store.put({
        name: options.key,
        metadata: { filename: encodeURIComponent(options.filename), contentType: options.contentType },
      }, body);
    } catch (error) {
      await store.delete(options.key).catch(() => undefined);
      if (tooLarge) throw fileTooLarge(options.maxBytes);
      throw error;
    }
    return { key: options.key, size, sha256: hash.digest('hex'), contentType: options.contentType, filename: options.filename };
  }

  /**
   * The file as a stream that reads its chunks only as fast as its reader takes them: one pull of
   * one chunk (128 KB) per read from an ordered consumer of the object's chunks, the SHA-256 digest
   * checked at the end. The object store's own get() delivers every chunk as fast as the server sends
   * it and queues what its reader has not taken yet: a slow reader (a zip being written, a client on
   * a slow line) would hold the whole file in memory.
   */
  async get(key: string): Promise<{ file: StoredFile; stream: Readable } | null> {
    const store = await this.store();
    const info = await store.info(key);
    if (!info || info.deleted) return null;
    const meta = info.metadata ?? {};
    const file: StoredFile = {
      key,
      size: info.size,
      sha256: '',
      contentType: meta['contentType'] ?? 'application/octet-stream',
      filename: decodeURIComponent(meta['filename'] ?? key),
    };
    if (info.size === 0) return { file, stream: Readable.from([]) };
    // a single filter subject as a string: nats-server 2.9 knows no filter_subjects list
    const consumer = await jetstream(this.nc).consumers.get(`OBJ_${this.name}`, { filter_subjects: `$O.${this.name}.C.${info.nuid}` });
    const hash = createHash('sha256');
    const expected = info.digest.replace(/^SHA-256=/, '').replace(/=+$/, '');
    let received = 0;
    const stream = new Readable({
      highWaterMark: 256 * 1024,
      read(): void {
        consumer.next({ expires: 30_000 }).then((message) => {
          if (!message) throw new Error(`the object store sent nothing of ${key} for 30 s`);
          hash.update(message.data);
          received += message.data.length;
          this.push(message.data);
          if (message.info.pending > 0) return;
          if (received !== info.size || hash.digest('base64url') !== expected) throw new Error(`${key} came out of the object store damaged (size or digest differs)`);
          this.push(null);
          consumer.delete().catch(() => undefined);
        }).catch((error: unknown) => {
          consumer.delete().catch(() => undefined);
          this.destroy(error as Error);
        });
      },
      destroy(error, callback): void {
        consumer.delete().catch(() => undefined);
        callback(error);
      },
    });
    return { file, stream };
  }

  async delete(key: string): Promise<void> {
    const store = await this.store();
    await store.delete(key);
  }
}
