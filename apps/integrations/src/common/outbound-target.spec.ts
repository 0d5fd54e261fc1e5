import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPrivateAddress, OutboundTargetError, parseOutboundUrl, postJson } from './outbound-target.js';

describe('outbound targets', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.5', true], ['192.168.1.10', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true], ['not-an-ip', true],
    ['8.8.8.8', false], ['101.226.4.6', false], ['2400:3200::1', false], ['::ffff:8.8.8.8', false],
  ])('judges %s private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  it.each([
    ['http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'scheme'],
    ['ftp://example.cn/x', 'scheme'],
    ['https://user:pw@example.cn/x', 'credentials'],
    ['https://127.0.0.1/x', 'private-address'],
    ['https://[::1]/x', 'private-address'],
    ['https://10.0.0.8/x', 'private-address'],
    ['not a url', 'invalid-url'],
  ])('refuses %s (%s) when private targets are not allowed', (url, problem) => {
    expect(() => parseOutboundUrl(url, false)).toThrow(expect.objectContaining({ problem }));
  });

  it('accepts a public https URL, and a local http URL only where the deployment allows it', () => {
    expect(parseOutboundUrl('https://oapi.dingtalk.com/robot/send?access_token=t', false).hostname).toBe('oapi.dingtalk.com');
    expect(parseOutboundUrl('http://127.0.0.1:9/x', true).port).toBe('9');
  });

  describe('postJson', () => {
    let server: http.Server;
    let port = 0;
    let hits = 0;
    beforeAll(async () => {
      server = http.createServer((request, response) => {
        hits += 1;
        request.resume();
        request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('reaches a local receiver when allowed', async () => {
      const before = hits;
      const response = await postJson(`http://127.0.0.1:${port}/x`, { a: 1 }, { allowPrivate: true });
      expect(response).toEqual({ status: 200, body: '{"errcode":0}' });
      expect(hits).toBe(before + 1);
    });

    it('never connects when a name resolves to a loopback address and private targets are not allowed', async () => {
      const before = hits;
      // http is refused first by scheme; https to a name resolving to loopback is refused by the guarded lookup.
      await expect(postJson(`https://localhost:${port}/x`, {}, { allowPrivate: false })).rejects.toBeInstanceOf(OutboundTargetError);
      await expect(postJson(`http://localhost:${port}/x`, {}, { allowPrivate: false })).rejects.toBeInstanceOf(OutboundTargetError);
      expect(hits).toBe(before);
    });
  });
});
