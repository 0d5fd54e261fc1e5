import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * The organisation of an alliance through the gateway, as a third party uses it: an alliance admin
 * builds a working group with people of two member schools; a school outside the alliance answers 422
 * naming the field; every id route answers 401 without a token, 403 to a role that may not act and 404
 * to another district; refused requests change nothing. A work plan (activities) names the body that
 * owns it, checked against membership as the caller, and the body's plans are listed by it.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, school, alliance } = seed;
async function person(districtId: string, username: string, role: Record<string, string>): Promise<string> {
  const { id, token } = await seed.personWithId(districtId, username, role);
  ids[`user:${username}`] = id;
  return token;
}

const counts = async (): Promise<unknown> => {
  const bodies = await api('GET', `/api/v1/alliances/${ids['alliance']}/bodies?includeDissolved=true`, { token: t['districtA'] });
  const details = await Promise.all((bodies.body as { id: string }[]).map((b) => api('GET', `/api/v1/bodies/${b.id}`, { token: t['districtA'] })));
  return details.map((d) => [d.body.id, d.body.name, d.body.status, d.body.members.length]);
};

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'activities'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['core'] = await school(ids['dA']!, '实验小学');
  ids['village'] = await school(ids['dA']!, '下湾村小学');
  ids['outside'] = await school(ids['dA']!, '东湖小学');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教育联盟', ids['core']!, [ids['village']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['coreTeacher'] = await person(ids['dA']!, 'core.teacher', { role: 'teacher', schoolId: ids['core']! });
  t['villageTeacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['outsideTeacher'] = await person(ids['dA']!, 'outside.teacher', { role: 'teacher', schoolId: ids['outside']! });
  await seed.directorySees('activities', t['allianceAdmin']!, ids['alliance']!, 2);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('alliance bodies', () => {
  it('lets the alliance admin build a working group with members of two schools and see it in the organisation', async () => {
    const council = await api('POST', `/api/v1/alliances/${ids['alliance']}/bodies`, { token: t['allianceAdmin'], body: { kind: 'council', name: '联盟理事会' } });
    expect(council.status).toBe(201);
    const group = await api('POST', `/api/v1/alliances/${ids['alliance']}/bodies`, {
      token: t['allianceAdmin'], body: { kind: 'working_group', category: 'teaching_research', name: '教学研讨组', parentId: council.body.id, responsibilities: '组织联合教研' },
    });
    expect(group.status).toBe(201);
    ids['council'] = council.body.id;
    ids['group'] = group.body.id;

    const candidates = await api('GET', `/api/v1/alliances/${ids['alliance']}/body-candidates`, { token: t['allianceAdmin'] });
    expect(candidates.status).toBe(200);
    const names = candidates.body.items.map((c: { user: { displayName: string }; school: { name: string } }) => `${c.user.displayName}@${c.school.name}`);
    expect(names).toEqual(expect.arrayContaining(['core.teacher@实验小学', 'village.teacher@下湾村小学']));
    expect(names).not.toContain('outside.teacher@东湖小学');

    const leader = await api('POST', `/api/v1/bodies/${ids['group']}/members`, {
      token: t['allianceAdmin'], body: { userId: ids['user:core.teacher'], schoolId: ids['core'], role: 'leader', termFrom: '2026-09-01', termTo: '2028-08-31' },
    });
    expect(leader.status).toBe(201);
    const member = await api('POST', `/api/v1/bodies/${ids['group']}/members`, {
      token: t['allianceAdmin'], body: { userId: ids['user:village.teacher'], schoolId: ids['village'], role: 'member', termFrom: '2026-09-01' },
    });
    expect(member.status).toBe(201);
    expect(member.body.members.map((m: { school: { name: string }; role: string }) => [m.school.name, m.role])).toEqual([['实验小学', 'leader'], ['下湾村小学', 'member']]);
    ids['villageMember'] = member.body.members[1].id;

    const chart = await api('GET', `/api/v1/alliances/${ids['alliance']}/bodies`, { token: t['villageTeacher'] });
    expect(chart.status).toBe(200);
    expect(chart.body.map((b: { name: string; parentId: string | null; memberCount: number }) => [b.name, b.parentId, b.memberCount]))
      .toEqual([['联盟理事会', null, 0], ['教学研讨组', ids['council'], 2]]);
    const mine = await api('GET', `/api/v1/users/${ids['user:village.teacher']}/body-memberships`, { token: t['villageTeacher'] });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([expect.objectContaining({ body: { id: ids['group'], name: '教学研讨组' }, role: 'member', status: 'current' })]);
  });

  it('answers 422 problem+json in Chinese naming the field for a school outside the alliance, and writes nothing', async () => {
    const before = await counts();
    const answer = await api('POST', `/api/v1/bodies/${ids['group']}/members`, {
      token: t['allianceAdmin'], headers: { 'accept-language': 'zh-CN' },
      body: { userId: ids['user:outside.teacher'], schoolId: ids['outside'], role: 'member', termFrom: '2026-09-01' },
    });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['schoolId']);
    expect(answer.body.detail).toContain('成员校');
    const badTerm = await api('POST', `/api/v1/bodies/${ids['group']}/members`, {
      token: t['allianceAdmin'], body: { userId: ids['user:village.teacher'], schoolId: ids['village'], role: 'boss', termFrom: '2026-13-01' },
    });
    expect(badTerm.status).toBe(400);
    expect(badTerm.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['role', 'termFrom']));
    const secondLeader = await api('POST', `/api/v1/bodies/${ids['group']}/members`, {
      token: t['allianceAdmin'], body: { userId: ids['user:village.teacher'], schoolId: ids['village'], role: 'leader', termFrom: '2026-09-01' },
    });
    expect(secondLeader.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('ends a membership and keeps it in the history', async () => {
    const ended = await api('POST', `/api/v1/bodies/${ids['group']}/members/${ids['villageMember']}/end`, { token: t['allianceAdmin'], body: { endedOn: '2027-01-31', reason: '调离' } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ memberCount: 1 });
    expect(ended.body.members.find((m: { id: string }) => m.id === ids['villageMember'])).toMatchObject({ status: 'ended', endedOn: '2027-01-31' });
  });

  it('lets a work plan name the body that owns it, and refuses a body that is not one of the alliance\'s (422 naming bodyId)', async () => {
    const plan = (bodyId: string, title: string) => ({
      allianceId: ids['alliance'], term: '2026-2027-1', title, goals: '联合教研常态化', measures: '每月一次同课异构', ownerName: 'core.teacher', bodyId,
    });
    const refused = await api('POST', '/api/v1/plans', { token: t['allianceAdmin'], body: plan('00000000-0000-4000-8000-000000000000', '教研组计划') });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(PROBLEM);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['bodyId']);
    expect((await api('GET', '/api/v1/plans', { token: t['allianceAdmin'] })).body.total).toBe(0);

    const created = await api('POST', '/api/v1/plans', { token: t['allianceAdmin'], body: plan(ids['group']!, '教学研讨组学期计划') });
    expect(created.status).toBe(201);
    expect(created.body.bodyId).toBe(ids['group']);
    const owned = await api('GET', `/api/v1/plans?bodyId=${ids['group']}`, { token: t['allianceAdmin'] });
    expect(owned.body.items.map((p: { title: string }) => p.title)).toEqual(['教学研讨组学期计划']);
    expect((await api('GET', `/api/v1/plans?bodyId=${ids['council']}`, { token: t['allianceAdmin'] })).body.total).toBe(0);
  });

  it('lets an activity name the body that runs it, refuses an unknown body or another alliance\'s (422 naming bodyId, nothing written), and lists the body\'s activities', async () => {
    ids['otherAlliance'] = await alliance(ids['dA']!, '东湖小学教育联盟', ids['outside']!, []);
    const otherBody = await api('POST', `/api/v1/alliances/${ids['otherAlliance']}/bodies`, { token: t['districtA'], body: { kind: 'council', name: '东湖联盟理事会' } });
    expect(otherBody.status).toBe(201);
    const activity = (bodyId: string | undefined, title: string) => ({
      allianceId: ids['alliance'], organiserSchoolId: ids['core'], kind: 'discussion', title, startsAt: '2026-10-15T06:00:00Z', endsAt: '2026-10-15T08:00:00Z',
      place: { kind: 'school', schoolId: ids['core'] }, audience: { teachers: true, studentGrades: [], parents: false }, ...(bodyId ? { bodyId } : {}),
    });
    for (const bodyId of ['00000000-0000-4000-8000-000000000000', otherBody.body.id as string]) {
      const refused = await api('POST', '/api/v1/activities', { token: t['allianceAdmin'], headers: { 'accept-language': 'zh-CN' }, body: activity(bodyId, '研讨组同课异构') });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(PROBLEM);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'bodyId', code: 'activities.activity.body-not-found' })]);
      expect(refused.body.detail).toContain('承办机构');
    }
    expect((await api('GET', '/api/v1/activities', { token: t['allianceAdmin'] })).body.total).toBe(0);

    const created = await api('POST', '/api/v1/activities', { token: t['allianceAdmin'], body: activity(ids['group'], '教学研讨组同课异构') });
    expect(created.status).toBe(201);
    expect(created.body.bodyId).toBe(ids['group']);
    const plain = await api('POST', '/api/v1/activities', { token: t['allianceAdmin'], body: activity(undefined, '联盟联席会议') });
    expect(plain.body.bodyId).toBeNull();
    const run = async (bodyId: string): Promise<string[]> =>
      (await api('GET', `/api/v1/activities?bodyId=${bodyId}`, { token: t['villageTeacher'] })).body.items.map((a: { title: string }) => a.title);
    expect(await run(ids['group']!)).toEqual(['教学研讨组同课异构']);
    expect(await run(ids['council']!)).toEqual([]);

    // moving it to another alliance's body is refused and keeps the link; null removes it
    const moved = await api('PATCH', `/api/v1/activities/${created.body.id}`, { token: t['allianceAdmin'], body: { bodyId: otherBody.body.id } });
    expect(moved.status).toBe(422);
    expect(moved.body.errors.map((e: { field: string }) => e.field)).toEqual(['bodyId']);
    expect((await api('GET', `/api/v1/activities/${created.body.id}`, { token: t['allianceAdmin'] })).body.bodyId).toBe(ids['group']);
    const toCouncil = await api('PATCH', `/api/v1/activities/${created.body.id}`, { token: t['allianceAdmin'], body: { bodyId: ids['council'] } });
    expect(toCouncil.body.bodyId).toBe(ids['council']);
    expect(await run(ids['council']!)).toEqual(['教学研讨组同课异构']);
    const unlinked = await api('PATCH', `/api/v1/activities/${created.body.id}`, { token: t['allianceAdmin'], body: { bodyId: null } });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.bodyId).toBeNull();
    expect(await run(ids['council']!)).toEqual([]);
    // another district sees none of the body's activities
    expect((await api('GET', `/api/v1/activities?bodyId=${ids['group']}`, { token: t['districtB'] })).body.total).toBe(0);
  });

  const idRoutes = (): [string, string, string, unknown?][] => [
    ['GET', `/api/v1/alliances/${ids['alliance']}/bodies`, 'read'],
    ['POST', `/api/v1/alliances/${ids['alliance']}/bodies`, 'write', { kind: 'secretariat', name: '秘书处' }],
    ['GET', `/api/v1/alliances/${ids['alliance']}/body-candidates`, 'manage'],
    ['GET', `/api/v1/bodies/${ids['group']}`, 'read'],
    ['PATCH', `/api/v1/bodies/${ids['group']}`, 'write', { name: '改名' }],
    ['POST', `/api/v1/bodies/${ids['group']}/dissolve`, 'write', { reason: '撤销' }],
    ['POST', `/api/v1/bodies/${ids['group']}/members`, 'write', { userId: ids['user:core.teacher'], schoolId: ids['core'], role: 'member', termFrom: '2026-09-01' }],
    ['POST', `/api/v1/bodies/${ids['group']}/members/${ids['villageMember']}/end`, 'write', { endedOn: '2027-02-01' }],
    ['GET', `/api/v1/users/${ids['user:core.teacher']}/body-memberships`, 'read'],
  ];

  it('answers 401 without a token on every route', async () => {
    for (const [method, path, , body] of idRoutes()) {
      const answer = await api(method, path, { body });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 401 });
    }
  });

  it('answers 403 to a teacher on every write and 404 to another district on every route, changing nothing', async () => {
    const before = await counts();
    for (const [method, path, kind, body] of idRoutes()) {
      if (kind !== 'read') {
        const refused = await api(method, path, { token: t['villageTeacher'], body });
        expect({ method, path, status: refused.status }).toEqual({ method, path, status: 403 });
        expect(refused.headers.get('content-type')).toMatch(PROBLEM);
      }
      const foreign = await api(method, path, { token: t['districtB'], body });
      expect({ method, path, status: foreign.status }).toEqual({ method, path, status: 404 });
    }
    for (const [method, path] of [['GET', '/api/v1/bodies/00000000-0000-4000-8000-000000000000'], ['GET', '/api/v1/alliances/00000000-0000-4000-8000-000000000000/bodies']]) {
      expect((await api(method!, path!, { token: t['allianceAdmin'] })).status).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });
});
