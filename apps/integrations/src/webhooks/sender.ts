import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { DomainError } from '@jiaolian/service-kit';
import { RESPONSE_EXCERPT_CHARS } from './delivery.rules.js';
import { checkedAddresses, hostOf, parseTargetUrl, type Resolver, type TargetPolicy } from './target-guard.js';

/*
 * One HTTP attempt of a webhook: POST the body with its signed headers and report what happened. The
 * target is checked again here (a subscription's host may have been re-pointed since it was saved) and
 * the connection is made to exactly the addresses that passed the check, through the lookup hook of
 * Node's HTTP client, so a second DNS answer cannot slip a private address in between.
 */

export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface AttemptResult {
  /** the receiver's HTTP status, null when there was no answer (refused target, network error, timeout) */
  status: number | null;
  durationMs: number;
  /** the start of the receiver's answer body, or the reason there was none */
  excerpt: string;
}

// Keep-alive agents: a fast receiver then costs one round trip per event, not a TCP and TLS handshake.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/** A lookup for Node's HTTP client answering only with the addresses already checked. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return ((_host: string, options: { all?: boolean; family?: number | string }, callback: (...args: unknown[]) => void) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const usable = wanted.length > 0 ? wanted : addresses;
    if (options.all) callback(null, usable);
    else callback(null, usable[0]!.address, usable[0]!.family);
  }) as LookupFunction;
}

export async function attempt(request: AttemptRequest, policy: TargetPolicy, resolve?: Resolver): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let addresses: LookupAddress[];
  let url: URL;
  try {
    url = parseTargetUrl(request.url, policy);
    addresses = await checkedAddresses(hostOf(url), policy, resolve);
  } catch (error) {
    const reason = error instanceof DomainError ? (error.errors?.[0]?.message ?? error.message) : String(error);
    return { status: null, durationMs: elapsed(), excerpt: `refused: ${reason}` };
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolvePromise) => {
    let settled = false;
    const finish = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      resolvePromise(result);
    };
    const req = client.request(url, {
      method: 'POST',
      agent: agents[url.protocol as 'http:' | 'https:'],
      lookup: pinnedLookup(addresses),
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(request.body),
        'user-agent': 'Jiaolian-Webhooks/1',
      },
      timeout: request.timeoutMs,
    }, (res) => {
      let excerpt = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (excerpt.length < RESPONSE_EXCERPT_CHARS) excerpt += chunk;
      });
      res.on('end', () => finish({ status: res.statusCode ?? null, durationMs: elapsed(), excerpt: excerpt.slice(0, RESPONSE_EXCERPT_CHARS) }));
      res.on('error', (error) => finish({ status: res.statusCode ?? null, durationMs: elapsed(), excerpt: `response broken: ${error.message}` }));
    });
    // the whole attempt, answer included, is bounded: a receiver that trickles its answer is a timeout too
    const deadline = setTimeout(() => {
      req.destroy(new Error(`timed out after ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`timed out after ${request.timeoutMs} ms`)));
    req.on('error', (error) => finish({ status: null, durationMs: elapsed(), excerpt: `no answer: ${error.message}` }));
    req.on('close', () => clearTimeout(deadline));
    req.end(request.body);
  });
}
