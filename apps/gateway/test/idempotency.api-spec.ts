import { startStack, type RunningStack } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import { apiClient, schoolCode, type Api, type HttpAnswer } from './http.js';

/*
 * Idempotency-Key as a district platform's sync job sees it: it registers schools, its network drops
 * answers, and it sends the same request again with the same key. The retry must get the first answer
 * and register nothing twice, on whichever gateway replica and after a gateway restart.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';

let stack: RunningStack;
let api: Api;
let districtId: string;
let platform: string;
let secondAdmin: string;

const newSchool = (name: string): Record<string, unknown> => ({
  districtId, code: schoolCode(), name, stage: 'primary', locale: 'township', township: '佛堂镇', studentCount: 640, teacherCount: 42, classCount: 18,
});

const register = (token: string, body: unknown, key?: string, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
  api('POST', '/api/v1/schools', { token, body, headers: key === undefined ? headers : { 'idempotency-key': key, ...headers } });

/** The district's schools with this code (the list is what a user checks). */
async function schoolsWithCode(code: unknown): Promise<{ id: string }[]> {
  const list = await api('GET', `/api/v1/schools?pageSize=100`, { token: platform });
  expect(list.status).toBe(200);
  return (list.body.items as { id: string; code: string }[]).filter((s) => s.code === code);
}

async function schoolCount(): Promise<number> {
  return (await api('GET', '/api/v1/schools?pageSize=1', { token: platform })).body.total as number;
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_DISABLED: 'true', IDEMPOTENCY_WAIT_MS: '15000' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  const root = (await api('POST', '/api/v1/auth/login', { body: ADMIN })).body.accessToken as string;
  const district = await api('POST', '/api/v1/districts', { token: root, body: { code: '330782', name: '义乌市教育局', province: '浙江省', city: '金华市' } });
  expect(district.status).toBe(201);
  districtId = district.body.id;
  const admin = async (username: string): Promise<string> => {
    const user = await api('POST', '/api/v1/users', { token: root, body: { districtId, username, displayName: username, password: PASSWORD } });
    expect(user.status).toBe(201);
    expect((await api('POST', `/api/v1/users/${user.body.id}/roles`, { token: root, body: { role: 'district_admin' } })).status).toBe(201);
    const login = await api('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
    expect(login.status).toBe(200);
    return login.body.accessToken as string;
  };
  platform = await admin('yiwu.platform');
  secondAdmin = await admin('yiwu.admin');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

it('answers a retried POST with the first answer and registers the school once', async () => {
  const key = randomUUID();
  const body = newSchool('义乌市佛堂镇中心小学');
  const first = await register(platform, body, key);
  expect(first.status).toBe(201);
  expect(first.headers.get('idempotent-replayed')).toBeNull();

  const retry = await register(platform, body, key);
  expect(retry.status).toBe(201);
  expect(retry.body).toEqual(first.body);
  expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  // the retry is a request of its own: its own request id, though the body is the first answer's
  expect(retry.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));

  // the same body in another key order and spacing is the same request
  const reordered = Object.fromEntries(Object.entries(body).reverse());
  expect((await register(platform, reordered, key)).body).toEqual(first.body);
  expect(await schoolsWithCode(body['code'])).toEqual([expect.objectContaining({ id: first.body.id })]);
});

it('runs the same key from another caller as a request of its own', async () => {
  const key = `sync-${randomUUID()}`;
  const mine = await register(platform, newSchool('义乌市佛堂镇第二小学'), key);
  const theirs = await register(secondAdmin, newSchool('义乌市佛堂镇第三小学'), key);
  expect([mine.status, theirs.status]).toEqual([201, 201]);
  expect(theirs.body.id).not.toBe(mine.body.id);
  expect(theirs.headers.get('idempotent-replayed')).toBeNull();
});

it('refuses the same key with another body with 422 naming the header, in Chinese by default, and changes nothing', async () => {
  const key = randomUUID();
  const first = await register(platform, newSchool('义乌市赤岸镇中心小学'), key);
  expect(first.status).toBe(201);
  const before = await schoolCount();

  const other = newSchool('义乌市赤岸镇第二小学');
  const refused = await register(platform, other, key, { 'accept-language': 'zh-CN' });
  expect(refused.status).toBe(422);
  expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(refused.body).toMatchObject({ status: 422, code: 'gateway.idempotency.key-reused', errors: [expect.objectContaining({ field: 'Idempotency-Key' })] });
  expect(refused.body.detail).toContain('Idempotency-Key');
  expect(refused.body.detail).toMatch(/[\u4e00-\u9fff]/);

  // another path under the same key is another request too
  const elsewhere = await api('POST', '/api/v1/alliances', {
    token: platform, body: { districtId, name: '佛堂教育联盟', kind: 'alliance', coreSchoolId: first.body.id }, headers: { 'idempotency-key': key },
  });
  expect(elsewhere.status).toBe(422);
  expect((await api('GET', '/api/v1/alliances', { token: platform })).body.total).toBe(0);

  expect(await schoolCount()).toBe(before);
  expect(await schoolsWithCode(other['code'])).toEqual([]);
});

it('lets only one of several concurrent requests with one key run; the others get its answer', async () => {
  const key = randomUUID();
  const body = newSchool('义乌市大陈镇中心小学');
  const answers = await Promise.all(Array.from({ length: 6 }, () => register(platform, body, key)));
  expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  expect(answers.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
  expect(await schoolsWithCode(body['code'])).toHaveLength(1);
});

it('registers each school once when clients hang up at any moment and retry with their key', async () => {
  const attempts = Array.from({ length: 8 }, (_, i) => ({ key: randomUUID(), body: newSchool(`义乌市大陈镇第${i + 1}教学点`) }));
  // each client hangs up a few milliseconds after sending: before, during or after the work
  await Promise.all(attempts.map(({ key, body }, i) => fetch(`${stack.gatewayUrl}/api/v1/schools`, {
    method: 'POST',
    headers: { authorization: `Bearer ${platform}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(1 + i * 3),
  }).then((r) => r.text()).catch(() => undefined)));
  for (const { key, body } of attempts) {
    const retry = await register(platform, body, key);
    expect(retry.status).toBe(201);
    expect(await schoolsWithCode(body['code'])).toEqual([expect.objectContaining({ id: retry.body.id })]);
  }
});

it('replays a 4xx answer too: it was final for that body', async () => {
  const key = randomUUID();
  const bad = { ...newSchool('义乌市上溪镇中心小学'), code: '12345' };
  const first = await register(platform, bad, key);
  expect(first.status).toBe(400);
  const retry = await register(platform, bad, key);
  expect(retry.status).toBe(400);
  expect(retry.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  expect(retry.body).toEqual(first.body);
});

it('refuses a malformed key with 400 naming the header, and registers nothing', async () => {
  const before = await schoolCount();
  // fetch sends header values as Latin-1: 'é' arrives as one byte outside printable ASCII
  for (const key of ['k'.repeat(256), 'commande-é', '']) {
    const refused = await register(platform, newSchool('义乌市廿三里中心小学'), key, { 'accept-language': 'zh-CN' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', code: 'gateway.idempotency.key-invalid' })]);
    expect(refused.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(await schoolCount()).toBe(before);
});

it('keeps the key through a gateway restart: it lives in NATS, not in the process', async () => {
  const key = randomUUID();
  const body = newSchool('义乌市苏溪镇中心小学');
  const first = await register(platform, body, key);
  expect(first.status).toBe(201);
  await stack.kill('gateway');
  await stack.start('gateway');
  const retry = await register(platform, body, key);
  expect(retry.status).toBe(201);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  expect(retry.body).toEqual(first.body);
  expect(await schoolsWithCode(body['code'])).toHaveLength(1);
}, 120_000);

it('releases the key on a 5xx answer, so the retry runs again once the service is back', async () => {
  const key = randomUUID();
  const body = newSchool('义乌市义亭镇中心小学');
  await stack.kill('membership');
  const failed = await register(platform, body, key);
  expect(failed.status).toBeGreaterThanOrEqual(500);
  await stack.start('membership');
  let retry = await register(platform, body, key);
  for (let i = 0; i < 100 && retry.status >= 500; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    retry = await register(platform, body, key);
  }
  expect(retry.status).toBe(201);
  expect(retry.headers.get('idempotent-replayed')).toBeNull();
  expect(await schoolsWithCode(body['code'])).toEqual([expect.objectContaining({ id: retry.body.id })]);
}, 120_000);

it('declares the header on every write operation that takes a token, as one shared parameter', async () => {
  const document = (await api('GET', '/api/openapi.json')).body;
  expect(document.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
  const ref = { $ref: '#/components/parameters/IdempotencyKey' };
  const writes = Object.values(document.paths as Record<string, Record<string, { security?: unknown[]; parameters?: unknown[] }>>)
    .flatMap((item) => ['post', 'put', 'patch', 'delete'].map((method) => item[method]).filter((op) => op !== undefined));
  const secured = writes.filter((op) => (op.security ?? []).length > 0);
  expect(secured.length).toBeGreaterThan(20);
  expect(secured.filter((op) => !(op.parameters ?? []).some((p) => JSON.stringify(p) === JSON.stringify(ref)))).toEqual([]);
  expect(document.paths['/api/v1/schools'].post.responses['422']).toBeDefined();
  // sign-in takes no token and keeps no key
  expect(document.paths['/api/v1/auth/login'].post.parameters ?? []).not.toContainEqual(ref);
});
