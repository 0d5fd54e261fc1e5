import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';

/*
 * GET /dashboard brings every service's key figures together for the caller's scope. Only membership
 * runs here: the other four must show as down with no figures, never as an error of the whole page.
 */
const DEMO_PASSWORD = 'Jiaolian@2026';

let stack: RunningStack;
let api: Api;

async function login(username: string): Promise<string> {
  const answer = await api('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(answer.status).toBe(200);
  return answer.body.accessToken as string;
}

type Figures = { service: string; status: string; figures: { key: string; value: number }[] }[];
const figuresOf = (services: Figures, service: string): Record<string, number> =>
  Object.fromEntries((services.find((s) => s.service === service)?.figures ?? []).map((f) => [f.key, f.value]));

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('seed-demo', 'membership');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/v1/dashboard', () => {
  it('answers 401 without a token', async () => {
    expect((await api('GET', '/api/v1/dashboard')).status).toBe(401);
  });

  it("gives the district admin the district's figures and marks services that do not answer as down", async () => {
    const token = await login('district.admin');
    const answer = await api('GET', '/api/v1/dashboard', { token });
    expect(answer.status).toBe(200);
    const services = answer.body.services as Figures;
    expect(services.map((s) => s.service).sort()).toEqual(['activities', 'assessment', 'curriculum', 'integrations', 'membership', 'teacher-exchange']);
    expect(services.find((s) => s.service === 'membership')?.status).toBe('up');
    for (const down of ['teacher-exchange', 'curriculum', 'activities', 'assessment', 'integrations']) {
      expect(services.find((s) => s.service === down)).toEqual({ service: down, status: 'down', figures: [] });
    }
    const membership = figuresOf(services, 'membership');
    const schools = await api('GET', '/api/v1/schools?pageSize=1', { token });
    expect(membership['schools.total']).toBe(schools.body.total);
    const active = await api('GET', '/api/v1/alliances?status=active&pageSize=1', { token });
    expect(membership['alliances.active']).toBe(active.body.total);
    const pending = await api('GET', '/api/v1/join-requests?status=pending&pageSize=1', { token });
    expect(membership['joinRequests.pending']).toBe(pending.body.total);
  });

  it("gives a teacher only their school's alliances and no district-wide school count", async () => {
    const token = await login('teacher');
    const answer = await api('GET', '/api/v1/dashboard', { token });
    expect(answer.status).toBe(200);
    const membership = figuresOf(answer.body.services as Figures, 'membership');
    expect(membership).not.toHaveProperty('schools.total');
    const district = figuresOf((await api('GET', '/api/v1/dashboard', { token: await login('district.admin') })).body.services as Figures, 'membership');
    expect(membership['alliances.active']).toBeGreaterThan(0);
    expect(membership['alliances.active']).toBeLessThan(district['alliances.active']!);
  });
});
