import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Teachers as users through the gateway: a school admin creates accounts for roster teachers in bulk,
 * the first login must change the handed-out password before anything else, and the teacher reads
 * their week (with activities and curriculum answering their parts).
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, person, school, alliance } = seed;

const rosterTeacher = async (token: string, schoolId: string, staffNo: string, name: string): Promise<string> => {
  const answer = await api('POST', '/api/v1/teacher-exchange/teachers', {
    token, body: { schoolId, staffNo, name, gender: 'female', subjects: ['music'], title: 'first', rank: 'none', middleManager: false },
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
};

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'teacher-exchange', 'activities', 'curriculum'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330784'], ['B', '330785']] as const) {
    ids[`d${key}`] = (await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } })).body.id;
  }
  ids['core'] = await school(ids['dA']!, '实验小学');
  ids['village'] = await school(ids['dA']!, '下湾村小学');
  ids['bSchool'] = await school(ids['dB']!, '外县小学');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['bHead'] = await person(ids['dB']!, 'b.head', { role: 'school_admin', schoolId: ids['bSchool']! });
  await seed.directorySees('teacher-exchange', t['districtA']!, ids['alliance']!, 2);
  ids['chen'] = await rosterTeacher(t['coreHead']!, ids['core']!, 'M001', '陈音');
  ids['wang'] = await rosterTeacher(t['coreHead']!, ids['core']!, 'M002', '王琴');
  ids['villageTeacher'] = await rosterTeacher(t['villageHead']!, ids['village']!, 'V001', '李雪');
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('teacher accounts', () => {
  let chen: { username: string; initialPassword: string };

  it('lets the school admin create accounts for its roster teachers, with the initial passwords shown once', async () => {
    const created = await api('POST', '/api/v1/teacher-exchange/teachers/accounts', { token: t['coreHead'], body: { schoolId: ids['core'], teacherIds: [ids['chen'], ids['wang']] } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ created: 2, existing: 0 });
    chen = created.body.accounts.find((a: { teacherId: string }) => a.teacherId === ids['chen']);
    expect(chen.initialPassword).toHaveLength(12);

    const again = await api('POST', '/api/v1/teacher-exchange/teachers/accounts', { token: t['coreHead'], body: { schoolId: ids['core'], teacherIds: [ids['chen']] } });
    expect(again.body).toMatchObject({ created: 0, existing: 1, accounts: [{ initialPassword: null, mustChangePassword: true }] });
    const listed = await api('GET', `/api/v1/teacher-exchange/teachers/accounts?schoolId=${ids['core']}`, { token: t['coreHead'] });
    expect(listed.body.map((a: { username: string }) => a.username).sort()).toHaveLength(2);
  });

  it.each([
    ['without a token', undefined, 401],
    ['by a teacher', 'teacher', 403],
    ['by the admin of another school', 'villageHead', 404],
    ['by the school admin of another district', 'bHead', 404],
  ])('refuses creating accounts %s, creating none', async (_, who, status) => {
    const token = who === 'teacher' ? await login(chen.username, chen.initialPassword).catch(() => undefined) : who ? t[who] : undefined;
    const before = await api('GET', `/api/v1/teacher-exchange/teachers/accounts?schoolId=${ids['core']}`, { token: t['coreHead'] });
    const answer = await api('POST', '/api/v1/teacher-exchange/teachers/accounts', { token, body: { schoolId: ids['core'], teacherIds: [ids['chen']] } });
    // a teacher with a handed-out password is refused before anything else (403 too)
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    const after = await api('GET', `/api/v1/teacher-exchange/teachers/accounts?schoolId=${ids['core']}`, { token: t['coreHead'] });
    expect(after.body).toHaveLength(before.body.length);
  });

  it("answers not found for another school's teacher named in the request", async () => {
    const answer = await api('POST', '/api/v1/teacher-exchange/teachers/accounts', { token: t['villageHead'], body: { schoolId: ids['village'], teacherIds: [ids['villageTeacher'], ids['chen']] } });
    expect(answer.status).toBe(404);
    expect((await api('GET', `/api/v1/teacher-exchange/teachers/accounts?schoolId=${ids['village']}`, { token: t['villageHead'] })).body).toEqual([]);
  });

  it('makes the first login change the password before anything else, in Chinese by default', async () => {
    const pair = await api('POST', '/api/v1/auth/login', { body: { username: chen.username, password: chen.initialPassword } });
    expect(pair.body.user).toMatchObject({ mustChangePassword: true, teacherId: ids['chen'] });
    const token = pair.body.accessToken as string;
    const week = await api('GET', '/api/v1/me/week', { token, headers: { 'accept-language': 'zh-CN' } });
    expect(week.status).toBe(403);
    expect(week.body).toMatchObject({ code: 'gateway.auth.password-change-required' });
    expect(week.body.detail).toContain('请先修改初始密码');
    expect((await api('GET', '/api/v1/me', { token })).status).toBe(200);

    const weak = await api('POST', '/api/v1/me/password', { token, body: { currentPassword: chen.initialPassword, newPassword: 'aaaaaaaaaaaa' } });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('newPassword');
    const changed = await api('POST', '/api/v1/me/password', { token, body: { currentPassword: chen.initialPassword, newPassword: 'Yinyue#2026ok' } });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    // the token of the first login is void; the new pair reaches the week
    expect((await api('GET', '/api/v1/me', { token })).status).toBe(401);
    const mine = await api('GET', '/api/v1/me/week?from=2026-12-09', { token: changed.body.accessToken });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ from: '2026-12-07', to: '2026-12-13', teacherId: ids['chen'], entries: [] });
    expect(mine.body.sources).toEqual([{ kind: 'lesson', available: true }, { kind: 'activity', available: true }, { kind: 'booking', available: true }, { kind: 'mentorship', available: true }]);
  });

  it('refuses a malformed week and feed token without a 5xx', async () => {
    const token = await login(chen.username, 'Yinyue#2026ok');
    expect((await api('GET', '/api/v1/me/week?from=2026-13-40', { token })).status).toBe(400);
    expect((await api('GET', '/api/v1/me/week')).status).toBe(401);
    expect((await api('GET', '/api/v1/me/week/feeds/nope.ics')).status).toBe(404);
    const feed = await api('POST', '/api/v1/me/week/feed-token', { token });
    const ics = await fetch(`${stack.gatewayUrl}${feed.body.feedPath}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
  });
});
