import { freePort, startStack, type RunningStack } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import { apiClient, schoolCode, type Api } from './http.js';

/*
 * The membership API through the gateway, exactly as a third party uses it: HTTP in, JSON out.
 * The tests run in order and build on each other (one district story), so each `it` states what it relies on.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;

let stack: RunningStack;
let api: Api;
let metricsPort: number;
let root: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function login(username: string, password = PASSWORD): Promise<string> {
  const answer = await api('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(answer.status).toBe(200);
  return answer.body.accessToken as string;
}

/** Creates a user in a district with one role and signs them in. */
async function userWithRole(by: string, districtId: string, username: string, role: Record<string, string>): Promise<{ id: string; token: string }> {
  const created = await api('POST', '/api/v1/users', { token: by, body: { districtId, username, displayName: username, password: PASSWORD } });
  expect(created.status).toBe(201);
  const assigned = await api('POST', `/api/v1/users/${created.body.id}/roles`, { token: by, body: role });
  expect(assigned.status).toBe(201);
  expect(assigned.body.assignments).toEqual(expect.arrayContaining([expect.objectContaining({ role: role['role'] })]));
  return { id: created.body.id as string, token: await login(username) };
}

async function newSchool(token: string, districtId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await api('POST', '/api/v1/schools', {
    token,
    body: { districtId, code: schoolCode(), name, stage: 'primary', locale: 'township', township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 18, ...extra },
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

beforeAll(async () => {
  metricsPort = await freePort();
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000', METRICS_PORT: String(metricsPort) } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('auth', () => {
  it('signs in with the right password and answers a token pair', async () => {
    const answer = await api('POST', '/api/v1/auth/login', { body: ADMIN });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number) });
    expect(answer.body.user).toMatchObject({ username: ADMIN.username });
    root = answer.body.accessToken;
  });

  it('answers a wrong password and an unknown user alike: 401 problem+json, same message', async () => {
    const wrong = await api('POST', '/api/v1/auth/login', { body: { username: ADMIN.username, password: 'not-the-password' } });
    const unknown = await api('POST', '/api/v1/auth/login', { body: { username: 'nobody.here', password: 'not-the-password' } });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      expect(answer.body).toMatchObject({ type: 'urn:jiaolian:problem:unauthenticated', status: 401 });
      expect(answer.body).not.toHaveProperty('accessToken');
    }
    expect(wrong.body.title).toBe(unknown.body.title);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rotates refresh tokens: the new one works, the used one no longer does', async () => {
    const first = await api('POST', '/api/v1/auth/login', { body: ADMIN });
    const refreshed = await api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await api('GET', '/api/v1/me', { token: refreshed.body.accessToken })).status).toBe(200);
    const reused = await api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(reused.status).toBe(401);
    expect(reused.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('logs out: 204, and the refresh token stops working', async () => {
    const pair = await api('POST', '/api/v1/auth/login', { body: ADMIN });
    const out = await api('POST', '/api/v1/auth/logout', { token: pair.body.accessToken, body: { refreshToken: pair.body.refreshToken } });
    expect(out.status).toBe(204);
    expect(out.body).toBeUndefined();
    expect((await api('POST', '/api/v1/auth/refresh', { body: { refreshToken: pair.body.refreshToken } })).status).toBe(401);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-jwt'],
  ])('answers 401 problem+json with %s', async (_, token) => {
    const answer = await api('GET', '/api/v1/me', { token });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.requestId).toBe(answer.headers.get('x-request-id'));
  });

  it('answers /me with the platform admin assignment', async () => {
    const answer = await api('GET', '/api/v1/me', { token: root });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ username: ADMIN.username, assignments: [expect.objectContaining({ role: 'platform_admin', districtId: '*' })] });
  });
});

describe('districts and their admins', () => {
  it('lets the platform admin create two districts, each with its own district admin', async () => {
    for (const [key, code, name] of [['A', '330782', '义乌市教育局'], ['B', '330783', '东阳市教育局']] as const) {
      const district = await api('POST', '/api/v1/districts', { token: root, body: { code, name, province: '浙江省', city: '金华市' } });
      expect(district.status).toBe(201);
      expect(district.body).toMatchObject({ code, name, id: expect.any(String) });
      ids[`district${key}`] = district.body.id;
      const admin = await userWithRole(root, district.body.id, `admin.${key.toLowerCase()}`, { role: 'district_admin' });
      ids[`admin${key}`] = admin.id;
      tokens[`district${key}`] = admin.token;
    }
    const me = await api('GET', '/api/v1/me', { token: tokens['districtA'] });
    expect(me.body.assignments).toEqual([expect.objectContaining({ role: 'district_admin', districtId: ids['districtA'] })]);
  });

  it('shows a district admin only their own district', async () => {
    const list = await api('GET', '/api/v1/districts', { token: tokens['districtA'] });
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([ids['districtA']]);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    expect((await api('GET', `/api/v1/districts/${ids['districtA']}/overview`, { token: tokens['districtA'] })).status).toBe(200);
  });

  it('refuses district creation by a district admin (403) and creates nothing', async () => {
    const answer = await api('POST', '/api/v1/districts', { token: tokens['districtA'], body: { code: '330784', name: '浦江县教育局' } });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    const all = await api('GET', '/api/v1/districts', { token: root });
    expect(all.body.total).toBe(2);
  });
});

describe('schools', () => {
  it('registers schools and answers them by id', async () => {
    ids['s1'] = await newSchool(tokens['districtA'], ids['districtA'], '城关第一小学', { locale: 'urban', studentCount: 1800 });
    ids['s2'] = await newSchool(tokens['districtA'], ids['districtA'], '佛堂镇中心小学');
    ids['s3'] = await newSchool(tokens['districtA'], ids['districtA'], '赤岸村小学', { locale: 'village', studentCount: 120 });
    ids['sB'] = await newSchool(tokens['districtB'], ids['districtB'], '东阳实验小学');
    const one = await api('GET', `/api/v1/schools/${ids['s1']}`, { token: tokens['districtA'] });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids['s1'], name: '城关第一小学', districtId: ids['districtA'], locale: 'urban', campuses: [] });
  });

  it('lists, pages, searches and sorts within the caller\'s district', async () => {
    const all = await api('GET', '/api/v1/schools', { token: tokens['districtA'] });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((s: { id: string }) => s.id)).not.toContain(ids['sB']);
    const page2 = await api('GET', '/api/v1/schools?page=2&pageSize=2&sort=name', { token: tokens['districtA'] });
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items).toHaveLength(1);
    const search = await api('GET', `/api/v1/schools?q=${encodeURIComponent('佛堂')}`, { token: tokens['districtA'] });
    expect(search.body.items.map((s: { id: string }) => s.id)).toEqual([ids['s2']]);
    const asc = await api('GET', '/api/v1/schools?sort=studentCount', { token: tokens['districtA'] });
    const desc = await api('GET', '/api/v1/schools?sort=-studentCount', { token: tokens['districtA'] });
    expect(asc.body.items[0].id).toBe(ids['s3']);
    expect(desc.body.items[0].id).toBe(ids['s1']);
    const village = await api('GET', '/api/v1/schools?locale=village', { token: tokens['districtA'] });
    expect(village.body.items.map((s: { id: string }) => s.id)).toEqual([ids['s3']]);
  });

  it('changes a school and adds a campus', async () => {
    const patched = await api('PATCH', `/api/v1/schools/${ids['s2']}`, { token: tokens['districtA'], body: { name: '佛堂镇第一小学', teacherCount: 45 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '佛堂镇第一小学', teacherCount: 45 });
    const campus = await api('POST', `/api/v1/schools/${ids['s2']}/campuses`, { token: tokens['districtA'], body: { name: '东校区' } });
    expect(campus.status).toBe(201);
    const again = await api('GET', `/api/v1/schools/${ids['s2']}`, { token: tokens['districtA'] });
    expect(again.body.name).toBe('佛堂镇第一小学');
    expect(again.body.campuses).toEqual([expect.objectContaining({ name: '东校区' })]);
  });

  it.each([
    ['code', { code: '123' }],
    ['studentCount', { studentCount: -1 }],
    ['districtId', { districtId: 'not-a-uuid' }],
  ])('rejects a bad %s with 400 naming the field, and registers nothing', async (field, bad) => {
    const body = { districtId: ids['districtA'], code: schoolCode(), name: '坏数据小学', stage: 'primary', locale: 'urban', township: '城关镇', studentCount: 1, teacherCount: 1, classCount: 1, ...bad };
    const answer = await api('POST', '/api/v1/schools', { token: tokens['districtA'], body });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body).toMatchObject({ type: 'urn:jiaolian:problem:validation-failed', status: 400, instance: '/api/v1/schools' });
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const list = await api('GET', '/api/v1/schools', { token: tokens['districtA'] });
    expect(list.body.total).toBe(3);
  });

  it('rejects an unknown field and a bad path id with 400 naming them', async () => {
    const extra = await api('PATCH', `/api/v1/schools/${ids['s1']}`, { token: tokens['districtA'], body: { name: '改名', code: '9999999999' } });
    expect(extra.status).toBe(400);
    expect(extra.body.errors.map((e: { field: string }) => e.field)).toContain('code');
    expect((await api('GET', `/api/v1/schools/${ids['s1']}`, { token: tokens['districtA'] })).body.name).toBe('城关第一小学');
    const badId = await api('GET', '/api/v1/schools/not-a-uuid', { token: tokens['districtA'] });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});

describe('alliances', () => {
  it('creates school admins, a teacher and an alliance admin for district A', async () => {
    for (const key of ['s2', 's3']) {
      const admin = await userWithRole(tokens['districtA'], ids['districtA'], `head.${key}`, { role: 'school_admin', schoolId: ids[key] });
      tokens[`head${key}`] = admin.token;
      ids[`head${key}`] = admin.id;
    }
    const teacher = await userWithRole(tokens['districtA'], ids['districtA'], 'teacher.s1', { role: 'teacher', schoolId: ids['s1'] });
    tokens['teacher'] = teacher.token;
    ids['teacher'] = teacher.id;
  });

  it('refuses alliance creation by a teacher (403) and creates nothing', async () => {
    const answer = await api('POST', '/api/v1/alliances', { token: tokens['teacher'], body: { districtId: ids['districtA'], name: '教师联盟', kind: 'alliance', coreSchoolId: ids['s1'] } });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect((await api('GET', '/api/v1/alliances', { token: tokens['districtA'] })).body.total).toBe(0);
  });

  it('creates a draft alliance around its core school and activates it', async () => {
    const created = await api('POST', '/api/v1/alliances', {
      token: tokens['districtA'],
      body: { districtId: ids['districtA'], name: '城关一小教育联盟', kind: 'alliance', coreSchoolId: ids['s1'], startsOn: '2026-09-01' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', kind: 'alliance', coreSchool: { id: ids['s1'] }, memberCount: 1 });
    ids['alliance'] = created.body.id;
    const activated = await api('POST', `/api/v1/alliances/${ids['alliance']}/activate`, { token: tokens['districtA'] });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    const patched = await api('PATCH', `/api/v1/alliances/${ids['alliance']}`, { token: tokens['districtA'], body: { description: '城乡学校共同体' } });
    expect(patched.body.description).toBe('城乡学校共同体');
  });

  it('invites a school, whose admin accepts: the school becomes a member', async () => {
    const invited = await api('POST', `/api/v1/alliances/${ids['alliance']}/invitations`, { token: tokens['districtA'], body: { schoolId: ids['s2'], message: '欢迎加入' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ kind: 'invitation', status: 'pending', school: { id: ids['s2'] } });
    ids['invitation'] = invited.body.id;
    const pending = await api('GET', `/api/v1/join-requests?schoolId=${ids['s2']}&status=pending`, { token: tokens['heads2'] });
    expect(pending.body.items.map((r: { id: string }) => r.id)).toEqual([ids['invitation']]);
    const accepted = await api('POST', `/api/v1/join-requests/${ids['invitation']}/respond`, { token: tokens['heads2'], body: { decision: 'accept' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const alliance = await api('GET', `/api/v1/alliances/${ids['alliance']}`, { token: tokens['districtA'] });
    expect(alliance.body.memberCount).toBe(2);
    expect(alliance.body.members).toEqual(expect.arrayContaining([expect.objectContaining({ school: expect.objectContaining({ id: ids['s2'] }), status: 'active' })]));
  });

  it('rejects an invitation naming a bad schoolId with 400, and invites nobody', async () => {
    const answer = await api('POST', `/api/v1/alliances/${ids['alliance']}/invitations`, { token: tokens['districtA'], body: { schoolId: 'school-3' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'schoolId' })]);
    const requests = await api('GET', `/api/v1/join-requests?allianceId=${ids['alliance']}`, { token: tokens['districtA'] });
    expect(requests.body.total).toBe(1);
  });

  it('takes an application from a school, which the alliance side declines', async () => {
    const applied = await api('POST', `/api/v1/alliances/${ids['alliance']}/applications`, { token: tokens['heads3'], body: { schoolId: ids['s3'], message: '申请加入' } });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ kind: 'application', status: 'pending' });
    ids['application'] = applied.body.id;
    const declined = await api('POST', `/api/v1/join-requests/${ids['application']}/respond`, { token: tokens['districtA'], body: { decision: 'decline', comment: '名额已满' } });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    const alliance = await api('GET', `/api/v1/alliances/${ids['alliance']}`, { token: tokens['districtA'] });
    expect(alliance.body.memberCount).toBe(2);
  });

  it('lets a member school leave, then dissolves the alliance', async () => {
    const left = await api('POST', `/api/v1/alliances/${ids['alliance']}/leave`, { token: tokens['heads2'], body: { schoolId: ids['s2'], reason: '学校撤并' } });
    expect(left.status).toBe(200);
    expect(left.body.memberCount).toBe(1);
    expect(left.body.members).toEqual(expect.arrayContaining([expect.objectContaining({ school: expect.objectContaining({ id: ids['s2'] }), status: 'left', leftReason: '学校撤并' })]));
    const dissolved = await api('POST', `/api/v1/alliances/${ids['alliance']}/dissolve`, { token: tokens['districtA'], body: { reason: '调整为教联体' } });
    expect(dissolved.status).toBe(200);
    expect(dissolved.body).toMatchObject({ status: 'dissolved', dissolvedAt: expect.any(String) });
  });

  it('records the changes in the audit trail', async () => {
    const audit = await api('GET', `/api/v1/audit?entityId=${ids['alliance']}`, { token: tokens['districtA'] });
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(3);
    expect(audit.body.items[0]).toMatchObject({ entityId: ids['alliance'], requestId: expect.any(String) });
  });
});

describe('tenancy: another district\'s, alliance\'s or school\'s ids answer 404', () => {
  const uuid = randomUUID();
  beforeAll(async () => {
    // A draft alliance and a pending invitation in district A, for the cross-tenant probes.
    const draft = await api('POST', '/api/v1/alliances', { token: tokens['districtA'], body: { districtId: ids['districtA'], name: '佛堂结对', kind: 'pairing', coreSchoolId: ids['s2'] } });
    ids['draft'] = draft.body.id;
    const invited = await api('POST', `/api/v1/alliances/${ids['draft']}/invitations`, { token: tokens['districtA'], body: { schoolId: ids['s3'] } });
    ids['pending'] = invited.body.id;
  });

  type Ids = Record<string, string>;
  const routes: [string, string, (i: Ids) => string, ((i: Ids) => Record<string, unknown>) | undefined][] = [
    ['GET', 'district', (i) => `/api/v1/districts/${i['districtA']}`, undefined],
    ['GET', 'district overview', (i) => `/api/v1/districts/${i['districtA']}/overview`, undefined],
    ['GET', 'school', (i) => `/api/v1/schools/${i['s1']}`, undefined],
    ['PATCH', 'school', (i) => `/api/v1/schools/${i['s1']}`, () => ({ name: '越权改名' })],
    ['POST', 'school campus', (i) => `/api/v1/schools/${i['s1']}/campuses`, () => ({ name: '越权校区' })],
    ['GET', 'alliance', (i) => `/api/v1/alliances/${i['draft']}`, undefined],
    ['PATCH', 'alliance', (i) => `/api/v1/alliances/${i['draft']}`, () => ({ name: '越权' })],
    ['POST', 'alliance activate', (i) => `/api/v1/alliances/${i['draft']}/activate`, undefined],
    ['POST', 'alliance dissolve', (i) => `/api/v1/alliances/${i['draft']}/dissolve`, () => ({ reason: '越权' })],
    ['POST', 'alliance invitation', (i) => `/api/v1/alliances/${i['draft']}/invitations`, (i) => ({ schoolId: i['sB'] })],
    ['POST', 'alliance application', (i) => `/api/v1/alliances/${i['draft']}/applications`, (i) => ({ schoolId: i['sB'] })],
    ['POST', 'alliance leave', (i) => `/api/v1/alliances/${i['draft']}/leave`, (i) => ({ schoolId: i['s2'], reason: '越权' })],
    ['POST', 'join request respond', (i) => `/api/v1/join-requests/${i['pending']}/respond`, () => ({ decision: 'accept' })],
    ['POST', 'join request approval', (i) => `/api/v1/join-requests/${i['pending']}/approval`, () => ({ decision: 'approve' })],
    ['GET', 'user', (i) => `/api/v1/users/${i['heads2']}`, undefined],
    ['PATCH', 'user', (i) => `/api/v1/users/${i['heads2']}`, () => ({ displayName: '越权' })],
    ['POST', 'user role', (i) => `/api/v1/users/${i['heads2']}/roles`, (i) => ({ role: 'teacher', schoolId: i['sB'] })],
    ['DELETE', 'user role', (i) => `/api/v1/users/${i['heads2']}/roles/${uuid}`, undefined],
  ];

  it.each(routes)('%s %s of district A as district B\'s admin', async (method, _, path, body) => {
    const answer = await api(method, path(ids), { token: tokens['districtB'], body: body?.(ids) });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.type).toBe('urn:jiaolian:problem:not-found');
  });

  it('changed nothing in district A while probing', async () => {
    expect((await api('GET', `/api/v1/schools/${ids['s1']}`, { token: tokens['districtA'] })).body).toMatchObject({ name: '城关第一小学', campuses: [] });
    expect((await api('GET', `/api/v1/alliances/${ids['draft']}`, { token: tokens['districtA'] })).body).toMatchObject({ name: '佛堂结对', status: 'draft' });
    expect((await api('GET', `/api/v1/join-requests?allianceId=${ids['draft']}`, { token: tokens['districtA'] })).body.items).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('answers 404 to another school\'s admin for a user and a join request of another school', async () => {
    // head.s3 administers s3; head.s2 belongs to s2 and the invitation of `alliance` concerned s2.
    expect((await api('GET', `/api/v1/users/${ids['heads2']}`, { token: tokens['heads3'] })).status).toBe(404);
    expect((await api('POST', `/api/v1/join-requests/${ids['invitation']}/respond`, { token: tokens['heads3'], body: { decision: 'decline' } })).status).toBe(404);
  });

  it('answers 404 to another alliance\'s admin for a draft alliance and its join request', async () => {
    const other = await api('POST', '/api/v1/alliances', { token: tokens['districtA'], body: { districtId: ids['districtA'], name: '赤岸联盟', kind: 'alliance', coreSchoolId: ids['s3'] } });
    const admin = await userWithRole(tokens['districtA'], ids['districtA'], 'alliance.admin', { role: 'alliance_admin', allianceId: other.body.id });
    expect((await api('GET', `/api/v1/alliances/${ids['draft']}`, { token: admin.token })).status).toBe(404);
    expect((await api('POST', `/api/v1/join-requests/${ids['pending']}/respond`, { token: admin.token, body: { decision: 'withdraw' } })).status).toBe(404);
  });

  it('answers 404 for an id that exists nowhere', async () => {
    expect((await api('GET', `/api/v1/schools/${uuid}`, { token: root })).status).toBe(404);
  });
});

describe('the HTTP surface', () => {
  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await api('GET', '/api/v1/me', { token: root, headers: { 'x-request-id': 'trace-42.a' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-42.a');
    const replaced = await api('GET', '/api/v1/me', { token: root, headers: { 'x-request-id': 'bad id\twith space' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const answer = await api('GET', '/api/v1/no-such-thing', { token: root });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body).toMatchObject({ status: 404, instance: '/api/v1/no-such-thing', requestId: answer.headers.get('x-request-id') });
  });

  it('sends security headers and allows the console origin', async () => {
    const answer = await api('GET', '/health/live', { headers: { origin: 'http://localhost:5173' } });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const foreign = await api('GET', '/health/live', { headers: { origin: 'http://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports the membership service up and the others down', async () => {
    const answer = await api('GET', '/api/v1/system/services', { token: tokens['teacher'] });
    expect(answer.status).toBe(200);
    const byName = Object.fromEntries(answer.body.services.map((s: { service: string; status: string }) => [s.service, s.status]));
    expect(byName).toEqual({ membership: 'up', 'teacher-exchange': 'down', curriculum: 'down', activities: 'down', assessment: 'down', integrations: 'down' });
  });

  it('answers 503 problem+json when the service behind a route is not running', async () => {
    const answer = await api('GET', '/api/v1/curriculum/directory', { token: root });
    expect(answer.status).toBe(503);
    expect(answer.body.type).toBe('urn:jiaolian:problem:unavailable');
  });

  it('counts requests by route and status on the internal metrics port, and serves no /metrics on the public one', async () => {
    const outside = await api('GET', '/metrics');
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toMatch(PROBLEM);
    expect(JSON.stringify(outside.body)).not.toContain('jiaolian_');
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/jiaolian_http_requests_total\{method="GET",route="\/api\/v1\/schools\/:id",status="404"/);
    expect(text).toContain('jiaolian_process_cpu_seconds_total');
    expect(text).toContain('app="gateway"');
  });
});

describe('the OpenAPI document', () => {
  const membershipRoutes = [
    'post /api/v1/auth/login', 'post /api/v1/auth/refresh', 'post /api/v1/auth/logout', 'get /api/v1/me',
    'get /api/v1/districts', 'post /api/v1/districts', 'get /api/v1/districts/{id}', 'get /api/v1/districts/{id}/overview',
    'get /api/v1/schools', 'post /api/v1/schools', 'get /api/v1/schools/{id}', 'patch /api/v1/schools/{id}', 'post /api/v1/schools/{id}/campuses',
    'get /api/v1/alliances', 'post /api/v1/alliances', 'get /api/v1/alliances/{id}', 'patch /api/v1/alliances/{id}',
    'post /api/v1/alliances/{id}/activate', 'post /api/v1/alliances/{id}/dissolve', 'post /api/v1/alliances/{id}/invitations',
    'post /api/v1/alliances/{id}/applications', 'post /api/v1/alliances/{id}/leave',
    'get /api/v1/join-requests', 'post /api/v1/join-requests/{id}/respond', 'post /api/v1/join-requests/{id}/approval',
    'get /api/v1/users', 'post /api/v1/users', 'get /api/v1/users/{id}', 'patch /api/v1/users/{id}', 'post /api/v1/users/{id}/roles',
    'delete /api/v1/users/{id}/roles/{assignmentId}', 'get /api/v1/audit',
  ];
  const noRequestBody = new Set(['get', 'delete']);
  const noBodyPosts = new Set(['post /api/v1/alliances/{id}/activate']);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is arbitrary JSON here
  let doc: any;

  beforeAll(async () => {
    doc = (await api('GET', '/api/openapi.json')).body;
  });

  it('is OpenAPI 3.1 with a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(membershipRoutes)('documents %s with its request and response schemas', (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const operation = doc.paths[path]?.[method];
    expect(operation).toBeDefined();
    if (!noRequestBody.has(method) && !noBodyPosts.has(route)) {
      expect(operation.requestBody.content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\//);
    }
    const success = Object.keys(operation.responses).find((s) => s.startsWith('2'));
    expect(success).toBeDefined();
    if (success !== '204') expect(operation.responses[success as string].content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\//);
    expect(operation.responses['400'].content['application/problem+json']).toBeDefined();
  });

  it('documents lists as pages', () => {
    expect(doc.components.schemas.SchoolViewPage.required).toEqual(expect.arrayContaining(['items', 'total', 'page', 'pageSize']));
    expect(doc.paths['/api/v1/schools'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'sort', 'q']));
  });
});
