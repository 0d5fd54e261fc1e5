import ipaddr from 'ipaddr.js';

/**
 * The one rule for which addresses the integrations service may call at a user's request (webhook
 * endpoints and chat robots): public unicast only. Anything else (private, loopback, link-local,
 * carrier-grade NAT, multicast, documentation and other reserved blocks, unique-local and the IPv6
 * transition prefixes) is refused unless the deployment allows private targets. IPv4-mapped IPv6 is
 * judged as the IPv4 address it carries.
 *
 * Returns the ipaddr.js range name of an address that is not public, undefined for a public one;
 * a string that is not an IP address counts as not public ('invalid').
 */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}
