import { createHmac, randomBytes } from 'node:crypto';

/*
 * Webhook signatures as the Standard Webhooks specification defines them: the secret is `whsec_`
 * followed by base64 key bytes; the signature is `v1,` + base64 HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<body>`; several signatures are separated by spaces, which lets a
 * receiver keep verifying with the old secret while a rotated one rolls out.
 */

const SECRET_PREFIX = 'whsec_';
/** 32 key bytes: the specification asks for 24 to 64; HMAC-SHA256's block size makes more pointless. */
const SECRET_BYTES = 32;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A new secret in the `whsec_<base64>` form receivers' Standard Webhooks libraries accept. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('A webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** One `v1,<base64>` signature of a message. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * The three headers of one attempt, signed with every secret given (the current one first, then any
 * previous one still within its grace period).
 */
export function signedHeaders(secrets: readonly string[], id: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('A webhook is signed with at least one secret');
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => sign(secret, id, timestamp, body)).join(' '),
  };
}
