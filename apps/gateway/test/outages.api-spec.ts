import { createDatabase, startPostgres, startStack, type RunningPostgres, type RunningStack } from '@jiaolian/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiClient, type Api, type HttpAnswer } from './http.js';

/**
 * What a caller and the orchestrator see while NATS or membership's PostgreSQL is down, and after
 * they come back: 503 problem+json at once (never a hang, a 504 or a 500), the gateway not ready,
 * and everything working again without restarting any process. The stack's NATS and a PostgreSQL of
 * this file's own are really stopped and started again.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
let stack: RunningStack;
let api: Api;
let postgres: RunningPostgres;
let dataDir: string;
/** an access token issued before the outages */
let token: string;

/** The PostgreSQL on the same port and data directory (persistent: stopping it keeps the data). */
const runPostgres = (port?: number): Promise<RunningPostgres> => startPostgres({ dataDir, port, persistent: true });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'jiaolian-outage-pg-'));
  postgres = await runPostgres();
  const databaseUrl = await createDatabase(postgres.url(), 'outages');
  stack = await startStack({ services: ['membership'], env: { DATABASE_URL: databaseUrl, RATE_LIMIT_LOGIN_MAX: '1000' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function timed<T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await call();
  return { answer, ms: performance.now() - started };
}

const login = (language = 'en'): Promise<HttpAnswer> => api('POST', '/api/v1/auth/login', { body: ADMIN, headers: { 'accept-language': language } });
const ready = (): Promise<HttpAnswer> => api('GET', '/health/ready');

/** Polls until `check` holds; returns how long that took. */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

it('signs in and is ready while everything runs', async () => {
  expect((await ready()).status).toBe(200);
  expect((await ready()).body).toEqual({ status: 'ok', checks: { nats: 'up', membership: 'up' } });
  const answer = await login();
  expect(answer.status).toBe(200);
  token = answer.body.accessToken as string;
});

describe('NATS down', () => {
  beforeAll(async () => {
    await stack.nats.kill();
  });

  it('answers a request 503 problem+json at once, in the caller\'s language, with the catalogued code', async () => {
    // the gateway learns of the drop from its socket; give it the moment it takes
    await until(async () => (await login()).status === 503, 2000);
    const { answer: en, ms } = await timed(() => login());
    expect(ms).toBeLessThan(1000);
    expect(en.status).toBe(503);
    expect(en.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(en.body).toMatchObject({ status: 503, code: 'bus.disconnected', detail: 'The message bus cannot be reached; try again shortly' });

    const { answer: zh, ms: zhMs } = await timed(() => login('zh-CN'));
    expect(zhMs).toBeLessThan(1000);
    expect(zh.body).toMatchObject({ status: 503, code: 'bus.disconnected', detail: '暂时无法连接消息总线，请稍后再试' });
  });

  it('answers a signed-in route the same way, never 504', async () => {
    const { answer, ms } = await timed(() => api('GET', '/api/v1/me', { token }));
    expect(ms).toBeLessThan(1000);
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('bus.disconnected');
  });

  it('reports not ready, at once', async () => {
    const { answer, ms } = await timed(() => ready());
    expect(ms).toBeLessThan(1000);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe('unavailable');
    expect(answer.body.checks.nats).toMatch(/^down/);
  });

  it('serves again once NATS is back, without restarting the gateway', async () => {
    await stack.nats.start();
    const readyMs = await until(async () => (await ready()).status === 200, 20_000);
    const answer = await login();
    expect(answer.status).toBe(200);
    expect(answer.body.accessToken).toEqual(expect.any(String));
    expect(readyMs).toBeLessThan(20_000);
  });
});

describe("membership's database down", () => {
  let port: number;

  beforeAll(async () => {
    port = postgres.port;
    await postgres.stop();
  });

  it('answers sign-in 503 problem+json with the catalogued code, not 500', async () => {
    const { answer: en, ms } = await timed(() => login());
    expect(ms).toBeLessThan(2000);
    expect(en.status).toBe(503);
    expect(en.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(en.body).toMatchObject({ status: 503, code: 'database.unavailable', detail: 'The service cannot reach its database; try again shortly' });
    const zh = await login('zh-CN');
    expect(zh.body).toMatchObject({ status: 503, code: 'database.unavailable', detail: '服务暂时无法连接数据库，请稍后再试' });
  });

  it('reports not ready, naming membership', async () => {
    await until(async () => (await ready()).status === 503, 3000);
    const answer = await ready();
    expect(answer.body).toEqual({ status: 'unavailable', checks: { nats: 'up', membership: 'down: its database is unreachable' } });
  });

  it('serves again once the database is back, without restarting anything', async () => {
    postgres = await runPostgres(port);
    await until(async () => (await ready()).status === 200, 20_000);
    const answer = await login();
    expect(answer.status).toBe(200);
    expect(answer.body.accessToken).toEqual(expect.any(String));
  });
});
