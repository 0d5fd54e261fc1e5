import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api, type HttpAnswer } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * API clients as a third party meets them: a district admin registers a client and sees its secret
 * once; the client gets a token by the client credentials grant (HTTP Basic or body, form or JSON),
 * reaches its own district and nothing of another (404), cannot write with a read scope, cannot use
 * routes open to no client, is throttled by its own limit, shows in the audit under its own name, and
 * stops at once when revoked.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const CLIENT_LIMIT = 5;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);

interface Registered { id: string; clientId: string; secret: string }

async function register(body: Record<string, unknown>, token = t['districtA']!): Promise<Registered> {
  const answer = await api('POST', '/api/v1/api-clients', { token, body: { districtId: ids['dA'], reach: { districtIds: [ids['dA']] }, ...body } });
  expect(answer.status).toBe(201);
  return { id: answer.body.client.id, clientId: answer.body.client.clientId, secret: answer.body.clientSecret };
}

/** POST to the token endpoint as an OAuth library does: a form, credentials by HTTP Basic unless given in the fields. */
async function tokenRequest(fields: Record<string, string>, options: { basic?: [string, string]; json?: boolean; language?: string } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded' };
  if (options.language) headers['accept-language'] = options.language;
  if (options.basic) headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(options.basic[0])}:${encodeURIComponent(options.basic[1])}`).toString('base64')}`;
  const response = await fetch(`${stack.gatewayUrl}/api/v1/oauth/token`, {
    method: 'POST', headers, body: options.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

async function accessToken(client: Registered, scope?: string): Promise<string> {
  const answer = await tokenRequest({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, { basic: [client.clientId, client.secret] });
  expect(answer.status).toBe(200);
  return answer.body.access_token as string;
}

beforeAll(async () => {
  stack = await startStack({
    services: ['membership'],
    env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_LOGIN_ADDRESS_MAX: '1000', RATE_LIMIT_MAX: '100000' },
  });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await seed.login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '331121'], ['B', '331122']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['schoolA'] = await seed.school(ids['dA']!, '青田县实验小学');
  ids['schoolB'] = await seed.school(ids['dB']!, '文成县实验小学');
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('API clients and the token endpoint', () => {
  let reader: Registered;

  it('registers a client and shows its secret once, never again', async () => {
    reader = await register({ name: '区域教育数据中心', scopes: ['membership:read'] });
    expect(reader.clientId).toMatch(/^jlc_/);
    expect(reader.secret).toMatch(/^jls_/);
    const read = await api('GET', `/api/v1/api-clients/${reader.id}`, { token: t['districtA'] });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: '区域教育数据中心', scopes: ['membership:read'], status: 'active' });
    const list = await api('GET', '/api/v1/api-clients?q=数据中心', { token: t['districtA'] });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([reader.id]);
    expect(JSON.stringify([read.body, list.body])).not.toContain(reader.secret);
  });

  it.each([
    ['HTTP Basic and a form', { basic: true, json: false }],
    ['HTTP Basic and JSON', { basic: true, json: true }],
    ['the body and a form', { basic: false, json: false }],
    ['the body and JSON', { basic: false, json: true }],
  ])('issues a Bearer token to credentials sent by %s, never cached', async (_, how) => {
    const fields: Record<string, string> = { grant_type: 'client_credentials', ...(how.basic ? {} : { client_id: reader.clientId, client_secret: reader.secret }) };
    const answer = await tokenRequest(fields, { json: how.json, ...(how.basic ? { basic: [reader.clientId, reader.secret] as [string, string] } : {}) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600, scope: 'membership:read' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it("reaches its district's schools and gets 404 on another district's school", async () => {
    const token = await accessToken(reader);
    const own = await api('GET', `/api/v1/schools/${ids['schoolA']}`, { token });
    expect(own.status).toBe(200);
    const list = await api('GET', '/api/v1/schools?pageSize=200', { token });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([ids['schoolA']]);
    const foreign = await api('GET', `/api/v1/schools/${ids['schoolB']}`, { token });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(PROBLEM);
    expect(JSON.stringify(foreign.body)).not.toContain('文成县');
  });

  it('refuses a write to a read-only client with 403 and changes nothing', async () => {
    const token = await accessToken(reader);
    const before = await api('GET', `/api/v1/schools?districtId=${ids['dA']}`, { token: t['districtA'] });
    const answer = await api('PATCH', `/api/v1/schools/${ids['schoolA']}`, { token, body: { studentCount: 1 } });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.code).toBe('gateway.auth.scope-missing');
    const created = await api('POST', '/api/v1/schools', { token, body: { districtId: ids['dA'], code: '2133999999', name: '不该存在', stage: 'primary', locale: 'urban', township: '城关镇', studentCount: 1, teacherCount: 1, classCount: 1 } });
    expect(created.status).toBe(403);
    const after = await api('GET', `/api/v1/schools?districtId=${ids['dA']}`, { token: t['districtA'] });
    expect(after.body).toEqual(before.body);
  });

  it('refuses clients on routes no client may use, whatever the scopes', async () => {
    const writer = await register({ name: '全权限应用', scopes: ['membership:write'] });
    const token = await accessToken(writer);
    for (const [method, path] of [['GET', '/api/v1/api-clients'], ['GET', '/api/v1/users'], ['GET', '/api/v1/audit'], ['GET', '/api/v1/me']] as const) {
      const answer = await api(method, path, { token });
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({ path, status: 403, code: 'gateway.auth.client-not-allowed' });
    }
    const minted = await api('POST', '/api/v1/api-clients', { token, body: { districtId: ids['dA'], name: 'x', scopes: ['membership:write'], reach: { districtIds: [ids['dA']] } } });
    expect(minted.status).toBe(403);
  });

  it('answers a wrong secret and an unknown client the same 401 invalid_client, in Chinese by default', async () => {
    const wrong = await tokenRequest({ grant_type: 'client_credentials' }, { basic: [reader.clientId, `${reader.secret}x`] });
    const unknown = await tokenRequest({ grant_type: 'client_credentials' }, { basic: ['jlc_nobodyatallxxxx', reader.secret] });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(answer.body).toMatchObject({ error: 'invalid_client', code: 'membership.oauth.invalid-client', detail: '应用身份验证失败' });
    }
    expect({ ...wrong.body, requestId: 0 }).toEqual({ ...unknown.body, requestId: 0 });
  });

  it.each([
    ['an unsupported grant type', { grant_type: 'password', username: 'root', password: ADMIN.password }, 400, 'unsupported_grant_type'],
    ['no grant type', {}, 400, 'invalid_request'],
    ['an unknown scope', { grant_type: 'client_credentials', scope: 'membership:admin' }, 400, 'invalid_scope'],
    ['a scope not granted', { grant_type: 'client_credentials', scope: 'membership:read assessment:read' }, 400, 'invalid_scope'],
  ])('answers %s with the RFC 6749 error', async (_, fields, status, error) => {
    const answer = await tokenRequest(fields as Record<string, string>, { basic: [reader.clientId, reader.secret], language: 'en' });
    expect({ status: answer.status, error: answer.body.error }).toEqual({ status, error });
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('narrows a token to the scopes asked for', async () => {
    const both = await register({ name: '家校通', scopes: ['membership:read', 'membership:write'] });
    const answer = await tokenRequest({ grant_type: 'client_credentials', scope: 'membership:read' }, { basic: [both.clientId, both.secret] });
    expect(answer.body.scope).toBe('membership:read');
    const patch = await api('PATCH', `/api/v1/schools/${ids['schoolA']}`, { token: answer.body.access_token, body: { studentCount: 2 } });
    expect(patch.status).toBe(403);
  });

  it('names the client as the actor in the audit', async () => {
    const writer = await register({ name: '区数据中台', scopes: ['membership:write'] });
    const token = await accessToken(writer);
    const patch = await api('PATCH', `/api/v1/schools/${ids['schoolA']}`, { token, body: { studentCount: 640 } });
    expect(patch.status).toBe(200);
    const audit = await api('GET', `/api/v1/audit?entityType=school&entityId=${ids['schoolA']}`, { token: t['districtA'] });
    expect(audit.body.items[0]).toMatchObject({ actorKind: 'client', actorId: writer.id, actorName: '区数据中台', action: 'school.updated' });
    const registration = await api('GET', `/api/v1/audit?entityType=api_client&entityId=${writer.id}`, { token: t['districtA'] });
    expect(registration.body.items.map((r: { action: string }) => r.action)).toEqual(['api_client.created']);
  });

  it('hides a client of district A from the admin of district B (404) and lets B change nothing', async () => {
    for (const [method, path, body] of [
      ['GET', `/api/v1/api-clients/${reader.id}`, undefined], ['PATCH', `/api/v1/api-clients/${reader.id}`, { name: '改名' }],
      ['POST', `/api/v1/api-clients/${reader.id}/secret`, {}], ['POST', `/api/v1/api-clients/${reader.id}/revoke`, {}],
    ] as const) {
      const answer = await api(method, path, { token: t['districtB'], ...(body ? { body } : {}) });
      expect({ path, method, status: answer.status }).toEqual({ path, method, status: 404 });
    }
    expect((await api('GET', '/api/v1/api-clients', { token: t['districtB'] })).body.total).toBe(0);
    expect(await accessToken(reader)).toEqual(expect.any(String));
  });

  it("throttles a client by its own limit, not the deployment's, with 429 problem+json and Retry-After", async () => {
    const slow = await register({ name: '限速应用', scopes: ['membership:read'], rateLimitPerMinute: CLIENT_LIMIT });
    const token = await accessToken(slow);
    const statuses: number[] = [];
    let refused: HttpAnswer | undefined;
    for (let i = 0; i < CLIENT_LIMIT + 2; i += 1) {
      const answer = await api('GET', `/api/v1/schools/${ids['schoolA']}`, { token });
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses).toEqual([...Array<number>(CLIENT_LIMIT).fill(200), 429, 429]);
    expect(refused?.headers.get('content-type')).toMatch(PROBLEM);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    // another client and the district admin keep their own budgets
    expect((await api('GET', `/api/v1/schools/${ids['schoolA']}`, { token: await accessToken(reader) })).status).toBe(200);
    expect((await api('GET', `/api/v1/schools/${ids['schoolA']}`, { token: t['districtA'] })).status).toBe(200);
  });

  it('rotates the secret: the new one works, the old one during its grace period only', async () => {
    const rotating = await register({ name: '轮换应用', scopes: ['membership:read'] });
    const rotated = await api('POST', `/api/v1/api-clients/${rotating.id}/secret`, { token: t['districtA'], body: { graceSeconds: 0 } });
    expect(rotated.status).toBe(201);
    expect(rotated.body.clientSecret).not.toBe(rotating.secret);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, { basic: [rotating.clientId, rotating.secret] })).status).toBe(401);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, { basic: [rotating.clientId, rotated.body.clientSecret] })).status).toBe(200);
    const bad = await api('POST', `/api/v1/api-clients/${rotating.id}/secret`, { token: t['districtA'], body: { graceSeconds: 8 * 24 * 3600 } });
    expect({ status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'graceSeconds' });
  });

  it('revokes a client: its live token is refused at once and no new one is issued', async () => {
    const doomed = await register({ name: '停用应用', scopes: ['membership:read'] });
    const token = await accessToken(doomed);
    expect((await api('GET', `/api/v1/schools/${ids['schoolA']}`, { token })).status).toBe(200);
    const revoked = await api('POST', `/api/v1/api-clients/${doomed.id}/revoke`, { token: t['districtA'] });
    expect(revoked.body.status).toBe('revoked');
    const deadline = Date.now() + 5_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await api('GET', `/api/v1/schools/${ids['schoolA']}`, { token })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect((await tokenRequest({ grant_type: 'client_credentials' }, { basic: [doomed.clientId, doomed.secret] })).status).toBe(401);
  });

  it('declares the client credentials flow and each operation\'s scopes in the OpenAPI document', async () => {
    const doc = (await api('GET', '/api/openapi.json')).body;
    const flow = doc.components.securitySchemes.oauth2.flows.clientCredentials;
    expect(flow.tokenUrl).toBe('/api/v1/oauth/token');
    expect(Object.keys(flow.scopes)).toEqual(expect.arrayContaining(['membership:read', 'membership:write', 'exchange:read', 'assessment:write', 'integrations:read']));
    const oauthOf = (path: string, method: string): unknown => (doc.paths[path][method].security as Record<string, string[]>[]).find((s) => 'oauth2' in s)?.['oauth2'];
    expect(oauthOf('/api/v1/schools', 'get')).toEqual(['membership:read', 'membership:write']);
    expect(oauthOf('/api/v1/schools', 'post')).toEqual(['membership:write']);
    expect(oauthOf('/api/v1/teacher-exchange/placements', 'get')).toEqual(['exchange:read', 'exchange:write']);
    expect(oauthOf('/api/v1/users', 'get')).toBeUndefined();
    expect(oauthOf('/api/v1/api-clients', 'post')).toBeUndefined();
    expect(doc.paths['/api/v1/oauth/token'].post.requestBody.content).toHaveProperty(['application/x-www-form-urlencoded']);
  });
});
