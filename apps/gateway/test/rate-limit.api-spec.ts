import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';

/** The sign-in route is throttled per IP well below the global limit (password guessing). */
let stack: RunningStack;
let api: Api;

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '3', RATE_LIMIT_MAX: '1000' } });
  api = apiClient(stack.gatewayUrl);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

it('answers 429 problem+json with Retry-After once the sign-in limit is spent, while other routes still answer', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    statuses.push((await api('POST', '/api/v1/auth/login', { body: { username: 'nobody.here', password: 'wrong-password' } })).status);
  }
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await api('POST', '/api/v1/auth/login', { body: { username: 'nobody.here', password: 'wrong-password' } });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(limited.body).toMatchObject({ type: 'urn:jiaolian:problem:rate-limited', status: 429 });
  expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  expect((await api('GET', '/api/v1/me')).status).toBe(401);
});
