import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attempt } from './sender.js';

interface Seen { headers: http.IncomingHttpHeaders; body: string }

describe(attempt.name, () => {
  let server: http.Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: (res: http.ServerResponse) => void;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const open = { allowPrivate: true };
  const request = (path: string, timeoutMs = 2_000) => ({
    url: `${base}${path}`, headers: { 'webhook-id': 'msg_1' }, body: JSON.stringify({ name: '城关第一小学' }), timeoutMs,
  });

  it('posts the body with its headers and reports the status and the start of the answer', async () => {
    answer = (res) => res.writeHead(202).end('accepted 已收到');

    const sut = await attempt(request('/hook'), open);

    expect(sut).toMatchObject({ status: 202, excerpt: 'accepted 已收到' });
    expect(seen[0]!.headers).toMatchObject({ 'webhook-id': 'msg_1', 'content-type': 'application/json' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ name: '城关第一小学' });
  });

  it('keeps only the first 1024 characters of a long answer', async () => {
    answer = (res) => res.writeHead(500).end('x'.repeat(100_000));

    const sut = await attempt(request('/hook'), open);

    expect(sut.status).toBe(500);
    expect(sut.excerpt).toHaveLength(1024);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    answer = () => undefined;

    const sut = await attempt(request('/slow', 200), open);

    expect(sut.status).toBeNull();
    expect(sut.excerpt).toMatch(/timed out after 200 ms/);
    expect(sut.durationMs).toBeLessThan(1_500);
  });

  it('reports a refused connection without throwing', async () => {
    const sut = await attempt({ ...request('/'), url: 'http://127.0.0.1:1/hook' }, open);

    expect(sut).toMatchObject({ status: null });
    expect(sut.excerpt).toMatch(/^no answer: .*ECONNREFUSED/);
  });

  it('refuses a private target at attempt time when the deployment does not allow it, sending nothing', async () => {
    answer = (res) => res.writeHead(200).end();

    const sut = await attempt(request('/hook'), { allowPrivate: false });

    expect(sut).toMatchObject({ status: null });
    expect(sut.excerpt).toMatch(/^refused: /);
    expect(seen).toHaveLength(0);
  });
});
