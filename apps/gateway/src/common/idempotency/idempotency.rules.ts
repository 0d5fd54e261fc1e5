import { createHash } from 'node:crypto';

/** The request header a caller sends to make a write safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Says on a replayed answer that it is the first request's answer, sent again. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Methods whose requests the header applies to: everything that can change something. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * How long a key is remembered after its answer was stored: a day covers a client's retries through
 * a night's outage (as Stripe's keys do) and keeps the bucket small.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/** Printable ASCII (space to tilde), 1 to 255 characters: a UUID, a ULID or a client's own order number fit. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/** The key when the header is usable; undefined when it is absent; 'invalid' when it is malformed. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | 'invalid' | undefined {
  if (header === undefined) return undefined;
  // Node joins repeated unknown headers with ", ": two keys on one request are one malformed key
  if (Array.isArray(header)) return 'invalid';
  return VALID_KEY.test(header) && header.trim().length > 0 ? header : 'invalid';
}

/**
 * JSON with object keys sorted, so that two encodings of the same body (key order, white space) give
 * the same fingerprint while any change to a value gives another.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two requests "the same request": method, path with its query, and the body. A
 * multipart body (an upload) is streamed by the route itself after this is taken, so its bytes are
 * not part of this fingerprint (`body` is the marker the caller passes for it): the upload has a
 * fingerprint of its own (uploadFingerprint).
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()}\n${url}\n${canonicalJson(body)}`).digest('base64url');
}

/**
 * What identifies an upload: its file's SHA-256, its file name and the form's text fields. Taken as
 * the route streams the file into the file store, kept with the answer, and compared with a retry's.
 */
export function uploadFingerprint(sha256: string, filename: string, fields: Record<string, string>): string {
  return createHash('sha256').update(canonicalJson({ sha256, filename, fields })).digest('base64url');
}

/** KV keys allow `[-/_=.a-zA-Z0-9]`; ids that are not plain (UUIDs are) travel base64url-encoded. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,200}$/;
const keyPart = (id: string): string => (PLAIN_ID.test(id) ? id : `b64_${Buffer.from(id).toString('base64url')}`);

/**
 * The bucket key of a caller's idempotency key: `<caller kind>.<caller id>.<hash of the key>`. Keys
 * belong to one caller: the same key from another user or API client is another request.
 */
export function recordKey(caller: { kind: string; id: string }, key: string): string {
  return `${keyPart(caller.kind)}.${keyPart(caller.id)}.${createHash('sha256').update(key).digest('base64url')}`;
}

/** A stored answer: status, the headers that matter, and the body (inline or in the file store). */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  /** the body, base64-encoded, when it fits in the record */
  body?: string;
  /** the file store key of a body too large for the record */
  bodyKey?: string;
  /** the body was a stream (a file) and was not kept */
  notKept?: true;
}

/** One entry of the bucket: a request that is running, or its answer. */
export type IdempotencyRecord =
  | { state: 'running'; fingerprint: string; method: string; path: string; startedAt: number; leaseUntil: number }
  | {
    state: 'done'; fingerprint: string; method: string; path: string; completedAt: number; answer: StoredAnswer;
    /** the uploadFingerprint of the file the route received, when it read one */
    upload?: string;
  };

/** Reads a bucket entry back; undefined for anything that is not a record. */
export function parseRecord(text: string): IdempotencyRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<IdempotencyRecord> | null;
    if (!value || typeof value.fingerprint !== 'string' || typeof value.method !== 'string' || typeof value.path !== 'string') return undefined;
    if (value.state === 'running' && typeof value.leaseUntil === 'number') return value as IdempotencyRecord;
    if (value.state === 'done' && typeof value.answer === 'object' && value.answer !== null && typeof value.answer.status === 'number') return value as IdempotencyRecord;
    return undefined;
  } catch {
    return undefined;
  }
}

/** What to do with a request whose key is already in the bucket. */
export type Decision =
  | { action: 'replay'; answer: StoredAnswer }
  | { action: 'mismatch'; method: string; path: string }
  | { action: 'wait'; retryAfterSeconds: number }
  /** the first request's process is gone (its lease ran out): this one may run in its place */
  | { action: 'take-over' };

/** The longest Retry-After a retry of a running request is given. */
const RETRY_AFTER_MAX_SECONDS = 5;

export function decide(existing: IdempotencyRecord, fingerprint: string, now: number): Decision {
  if (existing.fingerprint !== fingerprint) return { action: 'mismatch', method: existing.method, path: existing.path };
  if (existing.state === 'done') return { action: 'replay', answer: existing.answer };
  if (existing.leaseUntil <= now) return { action: 'take-over' };
  // the first request is most likely about to answer (its lease is a worst case): ask again soon
  return { action: 'wait', retryAfterSeconds: Math.max(1, Math.min(RETRY_AFTER_MAX_SECONDS, Math.ceil((existing.leaseUntil - now) / 1000))) };
}

/**
 * Whether an answer is remembered. 2xx changed something and 4xx is final for this body, so a retry
 * gets them again; a 5xx (the service failed or could not be reached), 408 and 429 say "try again",
 * so the key is released and the retry runs anew.
 */
export function isRemembered(status: number): boolean {
  if (status === 408 || status === 429) return false;
  return status >= 200 && status < 500;
}

/** Answer headers a replay repeats; the rest (request id, rate limits, CORS) are the retry's own. */
export const REPLAYED_HEADERS: readonly string[] = ['content-type', 'content-language', 'content-disposition', 'location', 'etag', 'last-modified'];

/** The headers of an answer worth keeping, lower-cased and as single strings. */
export function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
    else if (typeof value === 'number') kept[name] = String(value);
  }
  return kept;
}
