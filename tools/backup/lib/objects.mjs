// The stored files part of a backup: every object of the JetStream object store buckets, streamed
// with its name, description, metadata and headers, and put back the same way on restore.
import { createHash } from 'node:crypto';
import { Objm, StorageType } from '@nats-io/obj';
import { headers as natsHeaders } from '@nats-io/nats-core';

export const OBJECTS = 'objects/';
/**
 * Buckets left out: the bus's replies too large for one message (REPLIES_BUCKET in
 * libs/service-kit/src/files/create-file-store.ts) live minutes and are read once; the large answers
 * kept for Idempotency-Key retries (apps/gateway/src/common/idempotency) live a day and only replay.
 */
export const TRANSIENT_BUCKETS = new Set(['jiaolian-bus-replies', 'jiaolian-idempotent-answers']);

function headersToJson(headers) {
  if (!headers) return undefined;
  const out = {};
  for (const key of headers.keys()) out[key] = headers.values(key);
  return Object.keys(out).length ? out : undefined;
}

function headersFromJson(json) {
  if (!json) return undefined;
  const headers = natsHeaders();
  for (const [key, values] of Object.entries(json)) for (const value of values) headers.append(key, value);
  return headers;
}

/** The bucket's settings worth recreating. */
function bucketSettings(status) {
  return { name: status.bucket, description: status.description || undefined, ttlNs: Number(status.ttl) || 0, metadata: status.metadata };
}

/**
 * Streams every object of every bucket (but the transient ones) into `writer`. An object deleted
 * between the listing and its read is left out. Returns the manifest's `objects` section.
 */
export async function backupObjects(nc, writer, { log = () => undefined } = {}) {
  const objm = new Objm(nc);
  const buckets = [];
  const items = [];
  let bytes = 0;
  for await (const status of objm.list()) {
    if (TRANSIENT_BUCKETS.has(status.bucket)) continue;
    buckets.push(bucketSettings(status));
    const store = await objm.open(status.bucket);
    const listed = (await store.list()).filter((info) => !info.deleted && !info.options?.link).sort((a, b) => a.name.localeCompare(b.name));
    log(`bucket ${status.bucket}: ${listed.length} objects`);
    for (const listedInfo of listed) {
      const result = await store.get(listedInfo.name);
      if (!result) continue; // deleted since the listing
      const { info } = result;
      const archivePath = `${OBJECTS}${status.bucket}/${String(items.length + 1).padStart(8, '0')}`;
      const part = await writer.add(archivePath, info.size, result.data, { exact: true });
      const readError = await result.error;
      if (readError) throw new Error(`reading ${status.bucket}/${info.name} failed: ${readError.message}`);
      items.push({
        bucket: status.bucket, name: info.name, path: archivePath, size: info.size, sha256: part.sha256,
        description: info.description || undefined, metadata: info.metadata, headers: headersToJson(info.headers), mtime: info.mtime,
      });
      bytes += info.size;
    }
  }
  return { buckets, count: items.length, bytes, items };
}

/** Opens (creating) the buckets of a manifest's `objects` section; returns them by name. */
export async function createBuckets(nc, section) {
  const objm = new Objm(nc);
  const stores = new Map();
  for (const bucket of section.buckets) {
    stores.set(bucket.name, await objm.create(bucket.name, {
      storage: StorageType.File, replicas: 1,
      ...(bucket.description ? { description: bucket.description } : {}),
      ...(bucket.ttlNs ? { ttl: bucket.ttlNs } : {}),
    }));
  }
  return stores;
}

/** Puts one object back from its archive entry, with the name and metadata the manifest records. */
export async function restoreObject(stores, item, stream) {
  const store = stores.get(item.bucket);
  if (!store) throw new Error(`the bucket ${item.bucket} of ${item.name} is not in the manifest`);
  const body = ReadableStream.from(stream);
  await store.put({
    name: item.name,
    ...(item.description ? { description: item.description } : {}),
    ...(item.metadata ? { metadata: item.metadata } : {}),
    ...(item.headers ? { headers: headersFromJson(item.headers) } : {}),
  }, body);
}

/** Reads each object back from the store and compares its SHA-256 with the manifest; returns the problems. */
export async function verifyObjects(stores, section) {
  const problems = [];
  for (const item of section.items) {
    const result = await stores.get(item.bucket)?.get(item.name);
    if (!result) {
      problems.push(`${item.bucket}/${item.name} is missing`);
      continue;
    }
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of result.data) {
      hash.update(chunk);
      size += chunk.length;
    }
    const digest = hash.digest('hex');
    if (digest !== item.sha256 || size !== item.size) problems.push(`${item.bucket}/${item.name}: ${size} bytes, SHA-256 ${digest}; the backup has ${item.size} bytes, ${item.sha256}`);
  }
  return problems;
}
