import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { LookupAddress } from 'node:dns';
import { ValidationError } from '@jiaolian/service-kit';
import { nonPublicRange } from '../common/public-address.js';

/*
 * Where webhooks may go. A subscription names a URL that the integrations service will call from
 * inside the deployment's network; without a guard any client could make it probe the district's
 * intranet or the cloud metadata service (server-side request forgery). So: https only, and every
 * address the host resolves to must be a public unicast address. The check runs when a subscription
 * is saved and again at each attempt, on the very address the connection then uses, because DNS
 * answers can change between the two (DNS rebinding).
 */

export interface TargetPolicy {
  /** Private, loopback and plain-http targets allowed (local development and tests only). */
  allowPrivate: boolean;
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** Whether an address is one a webhook may reach under the policy; the range name when it is not. */
export function refusedRange(address: string, policy: TargetPolicy): string | undefined {
  return policy.allowPrivate ? undefined : nonPublicRange(address);
}

/** The URL parsed and checked for its form: scheme and no embedded credentials. */
export function parseTargetUrl(raw: string, policy: TargetPolicy, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw ValidationError.of(field, 'integrations.webhook.url-invalid');
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw ValidationError.of(field, 'integrations.webhook.url-https-required', { scheme: 'https://' });
  if (url.username !== '' || url.password !== '') throw ValidationError.of(field, 'integrations.webhook.url-credentials');
  return url;
}

/** The host of a URL without IPv6 brackets, as a resolver or ipaddr.js wants it. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * The addresses a host resolves to, each checked; a 400 naming the field when the host does not
 * resolve or any address is not public (one bad address is enough: the connection may pick it).
 */
export async function checkedAddresses(host: string, policy: TargetPolicy, resolve: Resolver = systemResolver, field = 'url'): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) throw ValidationError.of(field, 'integrations.webhook.url-unresolvable', { host });
  for (const { address } of addresses) {
    const range = refusedRange(address, policy);
    if (range !== undefined) throw ValidationError.of(field, 'integrations.webhook.url-private', { address, range });
  }
  return addresses;
}

/** The whole check a subscription's URL passes when it is saved. */
export async function checkTarget(raw: string, policy: TargetPolicy, resolve: Resolver = systemResolver, field = 'url'): Promise<URL> {
  const url = parseTargetUrl(raw, policy, field);
  await checkedAddresses(hostOf(url), policy, resolve, field);
  return url;
}
