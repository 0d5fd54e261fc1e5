import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';

/**
 * Errors in the caller's language: every problem+json carries a stable code and its parameters;
 * title, detail and field messages follow Accept-Language, zh-CN by default and English on request.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const LATIN_SENTENCE = /[A-Za-z]{3,}\s+[A-Za-z]{3,}/;
let stack: RunningStack;
let api: Api;
let token: string;

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  token = (await api('POST', '/api/v1/auth/login', { body: ADMIN })).body.accessToken as string;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const badSchool = { districtId: 'not-a-uuid', code: '12', name: 'x'.repeat(300), stage: 'primary', locale: 'township' };

it('answers a third party without a language preference in Chinese, with codes and parameters', async () => {
  const answer = await api('POST', '/api/v1/schools', { token, body: badSchool, headers: { 'accept-language': '' } });
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.headers.get('content-language')).toBe('zh-CN');
  expect(answer.body).toMatchObject({ title: '输入有误', detail: '请求中有不符合要求的字段', code: 'validation-failed' });
  expect(answer.body.errors).toEqual(expect.arrayContaining([
    expect.objectContaining({ field: 'districtId', code: 'field.isUuid', message: 'districtId 必须是 UUID 格式的编号' }),
    expect.objectContaining({ field: 'name', code: 'field.maxLength', params: expect.objectContaining({ max: expect.any(Number) }) }),
  ]));
  for (const e of answer.body.errors as { message: string }[]) expect(e.message).not.toMatch(LATIN_SENTENCE);
});

it('answers in English when asked, with the same codes', async () => {
  const zh = await api('POST', '/api/v1/schools', { token, body: badSchool, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
  const en = await api('POST', '/api/v1/schools', { token, body: badSchool, headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
  expect(en.headers.get('content-language')).toBe('en');
  expect(en.body).toMatchObject({ title: 'Validation failed', code: 'validation-failed' });
  expect(en.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'districtId', message: 'districtId must be a UUID' })]));
  const codes = (body: { errors: { field: string; code: string }[] }): string[] => body.errors.map((e) => `${e.field}:${e.code}`).sort();
  expect(codes(en.body)).toEqual(codes(zh.body));
});

it.each([
  ['a foreign or unknown id', 'GET', '/api/v1/schools/6f1c1a52-0a4b-4c55-9a55-5a2f1e2b9c01', 404, 'not-found', '未找到学校，或您无权查看'],
  ['an unknown route', 'GET', '/api/v1/no-such-thing', 404, 'http.route-not-found', '不存在的接口：GET /api/v1/no-such-thing'],
  ['no access token', 'GET', '/api/v1/me', 401, 'gateway.auth.token-missing', '请提供访问令牌：Authorization: Bearer <token>'],
])('answers %s in Chinese by default', async (_, method, path, status, code, detail) => {
  const answer = await api(method, path, { token: path === '/api/v1/me' ? undefined : token, headers: { 'accept-language': 'zh-CN' } });
  expect(answer.status).toBe(status);
  expect(answer.body.code).toBe(code);
  if (detail) expect(answer.body.detail).toBe(detail);
  expect(`${answer.body.title} ${answer.body.detail ?? ''}`).not.toMatch(LATIN_SENTENCE);
});

it('answers a service\'s own rule in the caller\'s language, naming the value and the field', async () => {
  const body = { code: '330799', name: '双语县教育局' };
  expect((await api('POST', '/api/v1/districts', { token, body })).status).toBe(201);
  const zh = await api('POST', '/api/v1/districts', { token, body, headers: { 'accept-language': 'zh-CN' } });
  expect(zh.status).toBe(409);
  expect(zh.body).toMatchObject({ title: '操作冲突', detail: '代码为 330799 的区县已存在', code: 'membership.district.code-exists', params: { code: '330799' } });
  expect(zh.body.errors).toEqual([expect.objectContaining({ field: 'code', code: 'membership.district.code-used', message: '该区县代码已被使用' })]);
  const en = await api('POST', '/api/v1/districts', { token, body, headers: { 'accept-language': 'en' } });
  expect(en.body).toMatchObject({ title: 'Conflict', detail: 'A district with code 330799 already exists', code: 'membership.district.code-exists' });
  expect(en.body.errors).toEqual([expect.objectContaining({ field: 'code', message: 'code is already used' })]);
  expect((await api('GET', '/api/v1/districts?q=330799', { token })).body.total).toBe(1);
});

it('answers every over-large body with a 413 the client can read, never a reset connection', async () => {
  // The client is still sending when the gateway refuses; the gateway reads the rest before it closes,
  // so not one of these requests ends in a failed fetch (before, about one in twenty did under load).
  const huge = { code: '330798', name: 'x'.repeat(1_100_000) };
  const answers = await Promise.all(Array.from({ length: 40 }, () =>
    api('POST', '/api/v1/districts', { token, body: huge }).then((answer) => answer.status, (error: Error) => `${error.message} ${String(error.cause)}`)));
  expect(answers.filter((status) => status !== 413)).toEqual([]);
  expect((await api('GET', '/api/v1/districts?q=330798', { token })).body.total).toBe(0);
});
