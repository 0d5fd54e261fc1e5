import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore } from '../files/file-store.js';

/*
 * A NATS message is limited by the server's max_payload (1 MB by default). A reply that does not fit
 * (the quality analysis of a 200,000-student exam is several MB of JSON) goes into the reply store
 * (createReplyStore: with NATS a bucket whose objects expire, so a reply nobody read does not stay),
 * and the bus carries only its key; the requester reads it back and deletes it. Without this the
 * service's publish fails and the requester waits for its timeout.
 */

/** Where offloaded replies are kept until the requester has read them. */
export const REPLY_KEY_PREFIX = 'bus/replies';
/** Room left under max_payload for the reply's headers. */
const HEADROOM_BYTES = 8 * 1024;
/** A reply is never offloaded past this: the same bound as the largest generated file. */
const MAX_REPLY_BYTES = 200 * 1024 * 1024;

/** What travels on the bus instead of a reply packet that is too large. */
export interface OffloadedReply {
  id?: string;
  offloaded: { key: string; size: number };
}

export function isOffloadedReply(packet: unknown): packet is OffloadedReply {
  const offloaded = (packet as { offloaded?: { key?: unknown } } | null)?.offloaded;
  return typeof offloaded?.key === 'string' && offloaded.key.startsWith(`${REPLY_KEY_PREFIX}/`);
}

/** The largest packet that may be sent as it is on this connection. */
export function inlineReplyLimit(nc: NatsConnection): number {
  return Math.max(64 * 1024, (nc.info?.max_payload ?? 1024 * 1024) - HEADROOM_BYTES);
}

/** Stores the serialized reply packet and returns the small packet that points to it. */
export async function offloadReply(store: FileStore, packet: string, id?: string): Promise<OffloadedReply> {
  const key = `${REPLY_KEY_PREFIX}/${randomUUID()}`;
  const stored = await store.put(Readable.from([Buffer.from(packet)]), { key, filename: 'reply.json', contentType: 'application/json', maxBytes: MAX_REPLY_BYTES });
  return { id, offloaded: { key, size: stored.size } };
}

/** Reads an offloaded reply packet back (and deletes it: it is read once). */
export async function fetchOffloadedReply(store: FileStore, reply: OffloadedReply): Promise<string> {
  const found = await store.get(reply.offloaded.key);
  if (!found) throw new Error(`the offloaded reply ${reply.offloaded.key} is not stored`);
  const chunks: Buffer[] = [];
  for await (const chunk of found.stream) chunks.push(Buffer.from(chunk as Uint8Array));
  await store.delete(reply.offloaded.key).catch(() => undefined);
  return Buffer.concat(chunks).toString('utf8');
}
