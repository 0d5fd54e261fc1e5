import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { nonPublicRange } from './public-address.js';

/**
 * Outbound HTTP to addresses that users typed in (robot webhooks, webhook endpoints).
 * A user-supplied URL must not reach the deployment's own network (cloud metadata, PostgreSQL, NATS,
 * the admin ports of other services), so private, loopback, link-local and similar addresses are
 * refused unless the deployment allows them (local tests and the local launcher do). The check runs
 * in the socket's DNS lookup, so the address connected to is the address checked (no DNS rebinding).
 * Webhook endpoints follow the same rule under the same switch, so one setting opens both or neither.
 */
export const ALLOW_PRIVATE_TARGETS_ENV = 'WEBHOOKS_ALLOW_PRIVATE_TARGETS';

export function privateTargetsAllowed(): boolean {
  const raw = process.env[ALLOW_PRIVATE_TARGETS_ENV];
  return raw !== undefined && ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export type TargetProblem = 'invalid-url' | 'scheme' | 'private-address' | 'credentials';

export class OutboundTargetError extends Error {
  constructor(readonly problem: TargetProblem, message: string) {
    super(message);
    this.name = 'OutboundTargetError';
  }
}

/** True when the IP literal is not a public internet address (the rule of public-address.ts). */
export function isPrivateAddress(ip: string): boolean {
  return nonPublicRange(ip) !== undefined;
}

/**
 * Checks what can be checked without the network: an absolute http(s) URL without credentials;
 * https unless private targets are allowed; an IP literal host must be public unless allowed.
 */
export function parseOutboundUrl(raw: string, allowPrivate = privateTargetsAllowed()): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundTargetError('invalid-url', 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new OutboundTargetError('scheme', `scheme ${url.protocol} is not allowed (https only)`);
  }
  if (url.username || url.password) throw new OutboundTargetError('credentials', 'URLs with credentials are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && net.isIP(host) !== 0 && isPrivateAddress(host)) {
    throw new OutboundTargetError('private-address', `${host} is a private or reserved address`);
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for sockets that refuses private answers, so a public name cannot resolve to an internal host. */
function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const refused = list.find((entry) => isPrivateAddress(entry.address));
    if (refused) {
      const error: NodeJS.ErrnoException = new OutboundTargetError('private-address', `${hostname} resolves to ${refused.address}, a private or reserved address`);
      return callback(error, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), []);
    return callback(null, first.address, first.family);
  });
}

export interface OutboundResponse {
  status: number;
  body: string;
}

export interface PostOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
  allowPrivate?: boolean;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a JSON body to a user-supplied URL under the private-address rule. Redirects are not followed
 * (a redirect could point inside); the response body is read up to 64 KiB.
 */
export async function postJson(rawUrl: string, payload: unknown, options: PostOptions = {}): Promise<OutboundResponse> {
  const allowPrivate = options.allowPrivate ?? privateTargetsAllowed();
  const url = parseOutboundUrl(rawUrl, allowPrivate);
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const transport = url.protocol === 'https:' ? https : http;
  return await new Promise<OutboundResponse>((resolve, reject) => {
    const request = transport.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(body.length),
        'user-agent': 'Jiaolian-Notifications/1',
        ...options.headers,
      },
      timeout: options.timeoutMs ?? 10_000,
      ...(allowPrivate ? {} : { lookup: guardedLookup as unknown as net.LookupFunction }),
    }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
