import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api, type HttpAnswer } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * The itinerant timetable solver through the gateway: its stored inputs, a solve job from queue to accepted
 * timetable, and 401 / 403 / 404 on every route (another district's ids answer 404). One story in order.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const BASE = '/api/v1/teacher-exchange/timetable-solver';
const NOBODY = '00000000-0000-4000-8000-000000000000';

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, person, school, alliance } = seed;
const bells = { weekdays: [1, 2, 3, 4, 5], periods: [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:50', endsAt: '09:30' }, { startsAt: '14:00', endsAt: '14:40' }] };

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'teacher-exchange'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['core'] = await school(ids['dA']!, '实验小学');
  ids['village'] = await school(ids['dA']!, '下湾村小学');
  ids['bCore'] = await school(ids['dB']!, '外县小学');
  ids['bVillage'] = await school(ids['dB']!, '外县村小');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  ids['allianceB'] = await alliance(ids['dB']!, '外县联盟', ids['bCore']!, [ids['bVillage']!]);
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  await seed.directorySees('teacher-exchange', t['allianceAdmin']!, ids['alliance']!, 2);
  await seed.directorySees('teacher-exchange', t['districtB']!, ids['allianceB']!, 2);
  const teacher = await api('POST', '/api/v1/teacher-exchange/teachers', {
    token: t['coreHead'], body: { schoolId: ids['core'], staffNo: 'M001', name: '陈音', gender: 'female', subjects: ['music'], title: 'first', rank: 'backbone', middleManager: false },
  });
  ids['music'] = teacher.body.id;
  const placement = await api('POST', '/api/v1/teacher-exchange/placements', {
    token: t['coreHead'], body: { teacherId: ids['music'], kind: 'itinerant', hosts: [{ schoolId: ids['village'], weeklyPeriods: 2 }], startsOn: '2026-09-01', endsOn: '2027-01-31' },
  });
  ids['placement'] = placement.body.id;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** Every route of the solver, with an id of `id` where the route takes one. */
const routes = (id: string): [string, string, unknown?][] => [
  ['GET', `${BASE}/schools/${id}/bells`], ['PUT', `${BASE}/schools/${id}/bells`, bells],
  ['GET', `${BASE}/schools/${id}/needs`], ['PUT', `${BASE}/schools/${id}/needs`, { lessons: [] }],
  ['GET', `${BASE}/teachers/${id}/limits`], ['PUT', `${BASE}/teachers/${id}/limits`, { unavailable: [], maxTravelMinutesPerDay: null }],
  ['GET', `${BASE}/alliances/${id}/travel`],
  ['GET', `${BASE}/solves/${id}`], ['POST', `${BASE}/solves/${id}/moves`, { lessonId: NOBODY, teacherId: NOBODY, weekday: 1, period: 0, to: { weekday: 2, period: 0 } }],
  ['POST', `${BASE}/solves/${id}/accept`],
];

describe('the solver\'s inputs', () => {
  it('answers 401 without a token on every route', async () => {
    for (const [method, path, body] of [...routes(NOBODY), ['PUT', `${BASE}/travel`, {}], ['POST', `${BASE}/solves`, {}]] as [string, string, unknown?][]) {
      expect([method, path, (await api(method, path, { body })).status]).toEqual([method, path, 401]);
    }
  });

  it('stores a school\'s bell schedule and lessons needed, entered by its admin', async () => {
    const put = await api('PUT', `${BASE}/schools/${ids['village']}/bells`, { token: t['villageHead'], body: bells });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ schoolId: ids['village'], weekdays: [1, 2, 3, 4, 5], periods: bells.periods });
    expect((await api('GET', `${BASE}/schools/${ids['village']}/bells`, { token: t['allianceAdmin'] })).body).toEqual(put.body);
    expect((await api('PUT', `${BASE}/schools/${ids['core']}/bells`, { token: t['coreHead'], body: bells })).status).toBe(200);
    const needs = await api('PUT', `${BASE}/schools/${ids['village']}/needs`, {
      token: t['villageHead'], body: { lessons: [{ subject: 'music', grade: 3, className: '1班', periodsPerWeek: 2 }] },
    });
    expect(needs.status).toBe(200);
    expect(needs.body.lessons).toEqual([expect.objectContaining({ subject: 'music', grade: 3, className: '1班', periodsPerWeek: 2, teacherId: null })]);
  });

  it('refuses bad rows in Chinese by default, naming the field, and keeps what was stored', async () => {
    const bad = await api('PUT', `${BASE}/schools/${ids['village']}/bells`, {
      token: t['villageHead'], body: { ...bells, periods: [{ startsAt: '08:00', endsAt: '08:40' }, { startsAt: '08:20', endsAt: '09:00' }] }, headers: { 'accept-language': 'zh-CN' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'periods[1].startsAt', message: expect.stringMatching(/[\u4e00-\u9fff]/) })]);
    const rows = await api('PUT', `${BASE}/schools/${ids['village']}/needs`, {
      token: t['villageHead'], body: { lessons: [{ subject: 'music', grade: 3, className: '1班', periodsPerWeek: 2 }, { subject: 'music', grade: 3, className: '1班', periodsPerWeek: 1 }] },
    });
    expect(rows.status).toBe(400);
    expect(rows.body.errors).toEqual([expect.objectContaining({ field: 'lessons[1].className' })]);
    expect((await api('GET', `${BASE}/schools/${ids['village']}/bells`, { token: t['villageHead'] })).body.periods).toEqual(bells.periods);
    expect((await api('GET', `${BASE}/schools/${ids['village']}/needs`, { token: t['villageHead'] })).body.lessons).toHaveLength(1);
  });

  it('stores a teacher\'s limits and travel minutes, entered by the alliance admin', async () => {
    const limits = await api('PUT', `${BASE}/teachers/${ids['music']}/limits`, {
      token: t['allianceAdmin'], body: { unavailable: [{ weekday: 3, startsAt: '13:00', endsAt: '17:00' }], maxTravelMinutesPerDay: 90 },
    });
    expect(limits.status).toBe(200);
    expect(limits.body).toMatchObject({ teacherId: ids['music'], maxTravelMinutesPerDay: 90 });
    const travel = await api('PUT', `${BASE}/travel`, { token: t['allianceAdmin'], body: { schoolAId: ids['village'], schoolBId: ids['core'], minutes: 25 } });
    expect(travel.status).toBe(200);
    expect((await api('GET', `${BASE}/alliances/${ids['alliance']}/travel`, { token: t['villageHead'] })).body.entries).toEqual([expect.objectContaining({ minutes: 25 })]);
  });

  it('answers 403 to roles that may not write, and 404 to another district on every id route', async () => {
    expect((await api('PUT', `${BASE}/schools/${ids['village']}/bells`, { token: t['allianceAdmin'], body: bells })).status).toBe(403);
    expect((await api('PUT', `${BASE}/teachers/${ids['music']}/limits`, { token: t['coreHead'], body: { unavailable: [], maxTravelMinutesPerDay: null } })).status).toBe(403);
    expect((await api('PUT', `${BASE}/travel`, { token: t['villageHead'], body: { schoolAId: ids['village'], schoolBId: ids['core'], minutes: 5 } })).status).toBe(403);
    expect((await api('POST', `${BASE}/solves`, { token: t['villageHead'], body: { allianceId: ids['alliance'] } })).status).toBe(403);
    for (const [method, path, body] of routes(ids['village']!).slice(0, 4)) expect([path, (await api(method, path, { token: t['districtB'], body })).status]).toEqual([path, 404]);
    for (const [method, path, body] of routes(ids['music']!).slice(4, 6)) expect([path, (await api(method, path, { token: t['districtB'], body })).status]).toEqual([path, 404]);
    const travel = routes(ids['alliance']!)[6]!;
    expect((await api(travel[0], travel[1], { token: t['districtB'] })).status).toBe(404);
    expect((await api('PUT', `${BASE}/travel`, { token: t['districtB'], body: { schoolAId: ids['village'], schoolBId: ids['core'], minutes: 5 } })).status).toBe(404);
    expect((await api('POST', `${BASE}/solves`, { token: t['districtB'], body: { allianceId: ids['alliance'] } })).status).toBe(404);
    expect((await api('GET', `${BASE}/alliances/${ids['alliance']}/travel`, { token: t['allianceAdmin'] })).body.entries).toEqual([expect.objectContaining({ minutes: 25 })]);
  });
});

describe('solve jobs', () => {
  it('queues a solve, shows its proposal, and accepts it as timetable slots', async () => {
    const created = await api('POST', `${BASE}/solves`, { token: t['allianceAdmin'], body: { allianceId: ids['alliance'], timeLimitSeconds: 20 } });
    expect(created.status).toBe(201);
    ids['solve'] = created.body.id;
    let job: HttpAnswer;
    const deadline = Date.now() + 60_000;
    do {
      await new Promise((r) => setTimeout(r, 300));
      job = await api('GET', `${BASE}/solves/${ids['solve']}`, { token: t['allianceAdmin'] });
    } while (['queued', 'running'].includes(job.body.status) && Date.now() < deadline);
    expect(job.body).toMatchObject({ status: 'done', proposal: { outcome: 'optimal', gap: 0, breaks: [] } });
    expect(job.body.proposal.lessons).toHaveLength(2);
    // home → 下湾 → home, 25 minutes each way, on each of the two days
    expect(job.body.proposal.teachers).toEqual([expect.objectContaining({ teacherId: ids['music'], travelMinutes: 100 })]);
    for (const [method, path, body] of routes(ids['solve']!).slice(7)) {
      expect([path, (await api(method, path, { token: t['districtB'], body })).status]).toEqual([path, 404]);
      expect([path, (await api(method, path.replace(ids['solve']!, NOBODY), { token: t['allianceAdmin'], body })).status]).toEqual([path, 404]);
    }
    expect((await api('POST', `${BASE}/solves/${ids['solve']}/accept`, { token: t['villageHead'] })).status).toBe(403);
    const accepted = await api('POST', `${BASE}/solves/${ids['solve']}/accept`, { token: t['allianceAdmin'] });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ id: ids['solve'], slots: 2 });
    const slots = await api('GET', `/api/v1/teacher-exchange/slots?placementId=${ids['placement']}`, { token: t['villageHead'] });
    expect(slots.body.total).toBe(2);
    const again = await api('POST', `${BASE}/solves/${ids['solve']}/accept`, { token: t['allianceAdmin'] });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(PROBLEM);
  }, 120_000);
});
