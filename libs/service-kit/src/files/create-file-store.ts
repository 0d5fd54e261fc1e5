import type { NatsConnection } from '@nats-io/transport-node';
import { NatsFileStore, type FileStore } from './file-store.js';
import { S3FileStore, type S3FileStoreOptions } from './s3-file-store.js';

const REQUIRED_FOR_S3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * The file store every app uses, chosen by OBJECT_STORE: `nats` (JetStream object store, the
 * default) or `s3` (S3-compatible storage configured by the S3_* variables). The gateway writes
 * uploads where the services read them, so all of them must call this with the same environment.
 * An unknown OBJECT_STORE or an incomplete S3 configuration stops the app at start-up.
 */
export function createFileStore(nc: NatsConnection, env: NodeJS.ProcessEnv = process.env): FileStore {
  const kind = (env['OBJECT_STORE'] ?? '').trim().toLowerCase() || 'nats';
  switch (kind) {
    case 'nats':
      return new NatsFileStore(nc);
    case 's3':
      return new S3FileStore(s3OptionsFromEnv(env));
    default:
      throw new Error(`OBJECT_STORE must be "nats" or "s3", got "${env['OBJECT_STORE']}"`);
  }
}

/** The bucket of replies too large for one NATS message (see bus/large-replies.ts). */
export const REPLIES_BUCKET = 'jiaolian-bus-replies';
/** A reply the requester never read (it had timed out) is removed after this. */
export const REPLY_TTL_MS = 15 * 60_000;

/**
 * Where replies too large for one NATS message wait for their requester, who reads and deletes them.
 * With NATS, a bucket of its own whose objects the server removes after REPLY_TTL_MS, so a reply
 * whose requester had given up does not stay. With S3, the same bucket as the files under the
 * `bus/replies/` prefix: give that prefix an expiry rule (docs/deploy.md).
 */
export function createReplyStore(nc: NatsConnection, env: NodeJS.ProcessEnv = process.env): FileStore {
  const kind = (env['OBJECT_STORE'] ?? '').trim().toLowerCase() || 'nats';
  return kind === 'nats' ? new NatsFileStore(nc, { bucket: REPLIES_BUCKET, ttlMs: REPLY_TTL_MS }) : createFileStore(nc, env);
}

/** The S3 settings from the environment; names every variable that is missing or wrong. */
export function s3OptionsFromEnv(env: NodeJS.ProcessEnv = process.env): S3FileStoreOptions {
  const value = (name: string): string => (env[name] ?? '').trim();
  const missing = REQUIRED_FOR_S3.filter((name) => value(name) === '');
  if (missing.length > 0) throw new Error(`OBJECT_STORE=s3 needs ${missing.join(', ')} to be set`);
  const endpoint = value('S3_ENDPOINT');
  if (!/^https?:\/\/[^/\s]+/i.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http:// or https:// URL, got "${endpoint}"`);
  return {
    endpoint,
    region: value('S3_REGION') || 'us-east-1',
    bucket: value('S3_BUCKET'),
    accessKeyId: value('S3_ACCESS_KEY_ID'),
    secretAccessKey: value('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: strictBool('S3_FORCE_PATH_STYLE', value('S3_FORCE_PATH_STYLE'), true),
  };
}

function strictBool(name: string, raw: string, fallback: boolean): boolean {
  if (raw === '') return fallback;
  const lower = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}
