import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, schoolCode, type Api, type HttpAnswer } from './http.js';

/*
 * Limits as a school sees them. Every request of these tests comes from one address, like a school's
 * computer room behind NAT: 40 teachers sign in at 8:00 and work without a 429, while guessing one
 * account's password is slowed (3 failures per account and address here) and floods still stop
 * (120 requests per caller or, without a token, per address; 100 sign-ins per address).
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const TEACHERS = 40;
const PER_CALLER = 120;
const SIGN_INS_PER_ADDRESS = 100;

let stack: RunningStack;
let api: Api;
let root: string;
let teacherTokens: string[] = [];
let signInsSoFar = 0;

async function signIn(username: string, password: string): Promise<HttpAnswer> {
  signInsSoFar += 1;
  return api('POST', '/api/v1/auth/login', { body: { username, password } });
}

beforeAll(async () => {
  stack = await startStack({
    services: ['membership'],
    env: {
      RATE_LIMIT_LOGIN_MAX: '3', RATE_LIMIT_LOGIN_ADDRESS_MAX: String(SIGN_INS_PER_ADDRESS), RATE_LIMIT_MAX: String(PER_CALLER),
      // one window for the whole file, so the counts below cannot reset half-way
      RATE_LIMIT_WINDOW_MS: '600000',
    },
  });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  const login = await signIn(ADMIN.username, ADMIN.password);
  expect(login.status).toBe(200);
  root = login.body.accessToken;
  const district = await api('POST', '/api/v1/districts', { token: root, body: { code: '330782', name: '义乌市教育局', province: '浙江省', city: '金华市' } });
  const school = await api('POST', '/api/v1/schools', {
    token: root,
    body: { districtId: district.body.id, code: schoolCode(), name: '义乌市稠城第一小学', stage: 'primary', locale: 'urban', township: '稠城街道', studentCount: 1800, teacherCount: 90, classCount: 36 },
  });
  expect(school.status).toBe(201);
  for (let i = 1; i <= TEACHERS; i += 1) {
    const username = `teacher${String(i).padStart(2, '0')}`;
    const user = await api('POST', '/api/v1/users', { token: root, body: { districtId: district.body.id, username, displayName: `教师${i}`, password: PASSWORD } });
    expect(user.status).toBe(201);
    expect((await api('POST', `/api/v1/users/${user.body.id}/roles`, { token: root, body: { role: 'teacher', schoolId: school.body.id } })).status).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

it('answers 429 problem+json with Retry-After once one account has failed too often, while other routes still answer', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await signIn('nobody.here', 'wrong-password')).status);
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await signIn('NOBODY.here', 'wrong-password');
  expect(limited.status).toBe(429);
  expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(limited.body).toMatchObject({ type: 'urn:jiaolian:problem:rate-limited', status: 429 });
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
  expect((await api('GET', '/api/v1/me')).status).toBe(401);
});

it('lets 40 teachers behind one address sign in at the same minute and work, each on a budget of their own', async () => {
  const answers = await Promise.all(Array.from({ length: TEACHERS }, (_, i) => signIn(`teacher${String(i + 1).padStart(2, '0')}`, PASSWORD)));
  expect(answers.map((a) => a.status)).toEqual(Array(TEACHERS).fill(200));
  teacherTokens = answers.map((a) => a.body.accessToken as string);

  // 5 requests each: 200 from the address, more than one caller's budget of 120
  const work = await Promise.all(teacherTokens.flatMap((token) => Array.from({ length: 5 }, () => api('GET', '/api/v1/me', { token }))));
  expect(work.length).toBeGreaterThan(PER_CALLER);
  expect(work.filter((a) => a.status !== 200)).toEqual([]);
});

it("slows guessing one teacher's password from the address without locking out the teachers beside them", async () => {
  const guesses: number[] = [];
  for (let i = 0; i < 3; i += 1) guesses.push((await signIn('teacher01', `guess-${i}`)).status);
  expect(guesses).toEqual([401, 401, 401]);
  const limited = await signIn('teacher01', 'guess-4');
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  // the right password does not get through either until the window ends: otherwise guessing would go on
  expect((await signIn('teacher01', PASSWORD)).status).toBe(429);
  // a neighbour who mistypes once and then signs in is not affected, and their count starts again
  expect((await signIn('teacher02', 'typo')).status).toBe(401);
  expect((await signIn('teacher02', PASSWORD)).status).toBe(200);
  // teacher01's existing session is untouched
  expect((await api('GET', '/api/v1/me', { token: teacherTokens[0] })).status).toBe(200);
});

it('still stops a flood of sign-ins from one address across many accounts', async () => {
  const before = signInsSoFar;
  let answer: HttpAnswer | undefined;
  for (let i = 0; i <= SIGN_INS_PER_ADDRESS; i += 1) {
    answer = await signIn(`sprayed.${i}`, 'Summer2026!');
    if (answer.status === 429) break;
    expect(answer.status).toBe(401);
  }
  expect(answer?.status).toBe(429);
  expect(answer?.headers.get('x-ratelimit-limit')).toBe(String(SIGN_INS_PER_ADDRESS));
  expect(signInsSoFar).toBe(SIGN_INS_PER_ADDRESS + 1);
  expect(signInsSoFar - before).toBeLessThan(SIGN_INS_PER_ADDRESS);
});

it('limits requests without a valid token per address, and signed-in callers on their own budget', async () => {
  let status = 0;
  let sent = 0;
  while (status !== 429 && sent <= PER_CALLER + 5) {
    status = (await api('GET', '/api/v1/me', { token: 'not-a-token' })).status;
    sent += 1;
  }
  expect(status).toBe(429);
  expect(sent).toBeLessThanOrEqual(PER_CALLER);
  expect((await api('GET', '/api/v1/me', { token: teacherTokens[5] })).status).toBe(200);
});
