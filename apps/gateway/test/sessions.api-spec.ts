import { MembershipSubjects } from '@jiaolian/contracts';
import { BusClient, DomainError } from '@jiaolian/service-kit';
import { startStack, type RunningStack } from '@jiaolian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { apiClient, schoolCode, type Api } from './http.js';

/*
 * Sessions end when they should, on every replica: two gateways share one NATS, and a logout, a
 * disabled account or a role taken away through the first one voids the access tokens on both, and
 * in the services behind them, within about two seconds (not when the token would have expired).
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const WITHIN_MS = 2_000;

let stack: RunningStack;
let first: Api;
let second: Api;
let nc: NatsConnection;
let bus: BusClient;
let root: string;
let districtId: string;
let schoolId: string;

interface Pair { accessToken: string; refreshToken: string }

async function login(username: string, password = PASSWORD): Promise<Pair> {
  const answer = await first('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(answer.status).toBe(200);
  return answer.body as Pair;
}

/** A user of the district holding the given roles at the school. */
async function user(username: string, roles: string[]): Promise<{ id: string; assignmentIds: Record<string, string> }> {
  const created = await first('POST', '/api/v1/users', { token: root, body: { districtId, username, displayName: username, password: PASSWORD } });
  expect(created.status).toBe(201);
  const assignmentIds: Record<string, string> = {};
  for (const role of roles) {
    const assigned = await first('POST', `/api/v1/users/${created.body.id}/roles`, { token: root, body: { role, schoolId } });
    expect(assigned.status).toBe(201);
    assignmentIds[role] = assigned.body.assignments.find((a: { role: string }) => a.role === role).id;
  }
  return { id: created.body.id as string, assignmentIds };
}

/** The status each gateway answers for GET /me with the token. */
async function meOnBoth(token: string): Promise<[number, number]> {
  const [a, b] = await Promise.all([first('GET', '/api/v1/me', { token }), second('GET', '/api/v1/me', { token })]);
  return [a.status, b.status];
}

/** How long until both gateways answer 401 problem+json to the token (fails past WITHIN_MS). */
async function refusedOnBothWithin(token: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [a, b] = await Promise.all([first('GET', '/api/v1/me', { token }), second('GET', '/api/v1/me', { token })]);
    if (a.status === 401 && b.status === 401) {
      expect(a.headers.get('content-type')).toMatch(PROBLEM);
      expect(b.headers.get('content-type')).toMatch(PROBLEM);
      return Date.now() - started;
    }
    if (Date.now() - started > WITHIN_MS) throw new Error(`still answered ${a.status} / ${b.status} ${WITHIN_MS} ms after the revocation`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What membership itself answers when the token arrives on the bus without any gateway in between. */
async function serviceAnswer(token: string): Promise<string> {
  return bus.request(MembershipSubjects.authMe, {}, { callerToken: token, requestId: 'sessions-api-spec' })
    .then(() => 'accepted', (error: unknown) => (error instanceof DomainError ? error.kind : String(error)));
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000' } });
  first = apiClient(stack.gatewayUrl);
  second = apiClient(await stack.addGateway());
  nc = await connect({ servers: stack.natsUrl });
  bus = new BusClient(nc, 10_000);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  root = (await login(ADMIN.username, ADMIN.password)).accessToken;
  const district = await first('POST', '/api/v1/districts', { token: root, body: { code: '330782', name: '义乌市教育局', province: '浙江省', city: '金华市' } });
  expect(district.status).toBe(201);
  districtId = district.body.id;
  const school = await first('POST', '/api/v1/schools', {
    token: root,
    body: { districtId, code: schoolCode(), name: '义乌市下湾村小学', stage: 'primary', locale: 'township', township: '城关镇', studentCount: 300, teacherCount: 20, classCount: 6 },
  });
  expect(school.status).toBe(201);
  schoolId = school.body.id;
}, 180_000);

afterAll(async () => {
  await nc?.drain();
  await stack?.stop();
});

it('ends the session on both gateways and in the service after a logout through one of them, and no other session', async () => {
  await user('wang.li', ['teacher']);
  const pair = await login('wang.li');
  const otherLogin = await login('wang.li');
  expect(await meOnBoth(pair.accessToken)).toEqual([200, 200]);
  expect(await serviceAnswer(pair.accessToken)).toBe('accepted');

  const out = await first('POST', '/api/v1/auth/logout', { token: pair.accessToken, body: { refreshToken: pair.refreshToken } });
  expect(out.status).toBe(204);

  expect(await refusedOnBothWithin(pair.accessToken)).toBeLessThan(WITHIN_MS);
  expect(await serviceAnswer(pair.accessToken)).toBe('unauthenticated');
  expect((await second('POST', '/api/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
  // the same user's other login is another session
  expect(await meOnBoth(otherLogin.accessToken)).toEqual([200, 200]);
});

it('voids every token of a user disabled through one gateway on both, and refuses the next sign-in', async () => {
  const { id } = await user('li.na', ['teacher']);
  const pairs = [await login('li.na'), await login('li.na')];
  for (const pair of pairs) expect(await meOnBoth(pair.accessToken)).toEqual([200, 200]);

  const disabled = await first('PATCH', `/api/v1/users/${id}`, { token: root, body: { status: 'disabled' } });
  expect(disabled.status).toBe(200);

  for (const pair of pairs) {
    expect(await refusedOnBothWithin(pair.accessToken)).toBeLessThan(WITHIN_MS);
    expect(await serviceAnswer(pair.accessToken)).toBe('unauthenticated');
    expect((await second('POST', '/api/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
  }
  expect((await second('POST', '/api/v1/auth/login', { body: { username: 'li.na', password: PASSWORD } })).status).toBe(401);
  // the admin who did it is untouched
  expect(await meOnBoth(root)).toEqual([200, 200]);
});

it('voids a token that still carries a role taken away; the refreshed token has the roles left', async () => {
  const { id, assignmentIds } = await user('zhao.qiang', ['teacher', 'school_admin']);
  const pair = await login('zhao.qiang');
  const schoolAdminRoute = await second('GET', `/api/v1/users/${id}`, { token: pair.accessToken });
  expect(schoolAdminRoute.status).toBe(200);

  const revoked = await first('DELETE', `/api/v1/users/${id}/roles/${assignmentIds['school_admin']}`, { token: root });
  expect(revoked.status).toBe(200);

  expect(await refusedOnBothWithin(pair.accessToken)).toBeLessThan(WITHIN_MS);
  expect(await serviceAnswer(pair.accessToken)).toBe('unauthenticated');
  const refreshed = await second('POST', '/api/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } });
  expect(refreshed.status).toBe(200);
  expect(refreshed.body.user.assignments.map((a: { role: string }) => a.role)).toEqual(['teacher']);
  const me = await first('GET', '/api/v1/me', { token: refreshed.body.accessToken });
  expect(me.status).toBe(200);
  expect(me.body.assignments.map((a: { role: string }) => a.role)).toEqual(['teacher']);
  expect(await meOnBoth(refreshed.body.accessToken)).toEqual([200, 200]);
});

it('ends only the session whose rotated refresh token comes back: its refresh and access tokens, not the other login', async () => {
  await user('chen.jie', ['teacher']);
  const familyA = await login('chen.jie');
  const familyB = await login('chen.jie');
  const rotated = await first('POST', '/api/v1/auth/refresh', { body: { refreshToken: familyA.refreshToken } });
  expect(rotated.status).toBe(200);

  // a stolen copy of the first refresh token comes back through the other gateway
  const replay = await second('POST', '/api/v1/auth/refresh', { body: { refreshToken: familyA.refreshToken } });
  expect(replay.status).toBe(401);
  expect(replay.headers.get('content-type')).toMatch(PROBLEM);

  expect(await refusedOnBothWithin(rotated.body.accessToken)).toBeLessThan(WITHIN_MS);
  expect((await first('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);
  expect(await meOnBoth(familyB.accessToken)).toEqual([200, 200]);
  const nextB = await second('POST', '/api/v1/auth/refresh', { body: { refreshToken: familyB.refreshToken } });
  expect(nextB.status).toBe(200);
  expect(await meOnBoth(nextB.body.accessToken)).toEqual([200, 200]);
});

it('refuses revoked tokens on a gateway that starts after the revocations, from its first answer', async () => {
  await user('sun.mei', ['teacher']);
  const pair = await login('sun.mei');
  expect((await first('POST', '/api/v1/auth/logout', { token: pair.accessToken, body: { refreshToken: pair.refreshToken } })).status).toBe(204);
  const late = apiClient(await stack.addGateway());
  const answer = await late('GET', '/api/v1/me', { token: pair.accessToken });
  expect(answer.status).toBe(401);
  expect((await late('GET', '/api/v1/me', { token: root })).status).toBe(200);
});
