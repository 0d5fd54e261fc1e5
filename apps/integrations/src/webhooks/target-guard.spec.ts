import type { LookupAddress } from 'node:dns';
import { ValidationError } from '@jiaolian/service-kit';
import { checkTarget, type Resolver } from './target-guard.js';

const strict = { allowPrivate: false };
const dns = (table: Record<string, string[]>): Resolver => async (host) => {
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
};

async function refusal(url: string, resolve: Resolver, policy = strict): Promise<{ field: string; code?: string; params?: unknown }> {
  try {
    await checkTarget(url, policy, resolve);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const first = (error as ValidationError).errors![0]!;
    return { field: first.field, code: first.code, params: first.params };
  }
  throw new Error(`${url} was accepted`);
}

describe(checkTarget.name, () => {
  const resolve = dns({
    'hooks.edu-platform.cn': ['116.62.10.10', '2400:3200::10'],
    'intranet.example': ['10.1.2.3'],
    'split.example': ['116.62.10.11', '192.168.1.20'],
    'rebind.example': ['127.0.0.1'],
    'meta.example': ['169.254.169.254'],
    'v6-local.example': ['fd00::1'],
    'mapped.example': ['::ffff:127.0.0.1'],
  });

  it('accepts https to a host whose every address is public', async () => {
    const sut = await checkTarget('https://hooks.edu-platform.cn/jiaolian/events?tenant=3', strict, resolve);

    expect(sut.hostname).toBe('hooks.edu-platform.cn');
  });

  it.each([
    ['plain http', 'http://hooks.edu-platform.cn/x', 'integrations.webhook.url-https-required'],
    ['another scheme', 'ftp://hooks.edu-platform.cn/x', 'integrations.webhook.url-https-required'],
    ['not a URL', 'hooks.edu-platform.cn/x', 'integrations.webhook.url-invalid'],
    ['credentials in the URL', 'https://admin:pw@hooks.edu-platform.cn/x', 'integrations.webhook.url-credentials'],
    ['a host that does not resolve', 'https://nowhere.example/x', 'integrations.webhook.url-unresolvable'],
  ])('refuses %s with a 400 naming url', async (_case, url, code) => {
    const sut = await refusal(url, resolve);

    expect(sut).toMatchObject({ field: 'url', code });
  });

  it.each([
    ['a private IPv4 address', 'https://intranet.example/', '10.1.2.3', 'private'],
    ['a host with one public and one private address', 'https://split.example/', '192.168.1.20', 'private'],
    ['a name resolving to loopback', 'https://rebind.example/', '127.0.0.1', 'loopback'],
    ['the cloud metadata address (link-local)', 'https://meta.example/', '169.254.169.254', 'linkLocal'],
    ['a unique-local IPv6 address', 'https://v6-local.example/', 'fd00::1', 'uniqueLocal'],
    ['an IPv4-mapped loopback', 'https://mapped.example/', '::ffff:127.0.0.1', 'loopback'],
    ['a literal loopback address', 'https://127.0.0.1:8443/', '127.0.0.1', 'loopback'],
    ['a literal IPv6 loopback', 'https://[::1]/', '::1', 'loopback'],
    ['a multicast address', 'https://224.0.0.251/', '224.0.0.251', 'multicast'],
    ['the unspecified address', 'https://0.0.0.0/', '0.0.0.0', 'unspecified'],
  ])('refuses %s', async (_case, url, address, range) => {
    const sut = await refusal(url, resolve);

    expect(sut).toMatchObject({ field: 'url', code: 'integrations.webhook.url-private', params: { address, range } });
  });

  it('lets a deployment that allows private targets use loopback over plain http', async () => {
    const sut = await checkTarget('http://127.0.0.1:9100/hook', { allowPrivate: true }, resolve);

    expect(sut.port).toBe('9100');
  });
});
