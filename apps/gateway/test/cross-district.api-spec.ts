import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Alliances across districts (跨区域合作) through the gateway, as a third party uses it. 清溪县 (A) runs an
 * alliance; 溪南县 (B)'s 溪口镇中心小学 joins it with both education bureaus' approval. Every id route and
 * list of membership, activities, curriculum and assessment is then walked across the boundary, both
 * ways: the member school of B reaches the alliance's shared objects (its activity, shared resources and
 * facility, the alliance's exam) and nothing else of A; A's people reach B's school only as the
 * alliance's rules allow; a school of B outside the alliance reaches nothing of A. The alliance admin
 * finds the school of B among the schools to invite, with its district's name.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const DAY = 86400_000;

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

async function upload(token: string, fields: Record<string, string>, filename: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob(['lesson plan bytes 教案']), filename);
  const response = await fetch(`${stack.gatewayUrl}/api/v1/curriculum/resources`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json() };
}
const resource = (schoolId: string, title: string, visibility: 'school' | 'alliance' | 'district'): Record<string, string> => ({
  type: 'lesson_plan', schoolId, title, subject: '劳动', grade: '四年级', tags: '劳动教育', licence: '联盟内共享', visibility, description: title,
});

const meeting = (allianceId: string, organiserSchoolId: string, title: string): Record<string, unknown> => {
  const start = new Date(Date.now() + 5 * DAY);
  return {
    allianceId, organiserSchoolId, kind: 'joint_meeting', title, description: '议程：跨区域联合教研',
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    place: { kind: 'school', schoolId: organiserSchoolId, facilityName: '报告厅' }, audience: { teachers: true, studentGrades: [], parents: false },
    capacityPerSchool: 3,
  };
};

const NOWHERE = '00000000-0000-4000-8000-000000000000';

/**
 * What `who` gets from a route with an id they must not reach: 404 problem+json, or, where the route is
 * closed to their role altogether, the same 403 an id that exists nowhere gets (nothing tells the two apart).
 */
async function unreachable(who: string, method: string, path: string, id: string, body?: unknown): Promise<{ who: string; method: string; path: string; status: number | string }> {
  const answer = await api(method, path, { token: t[who], body });
  expect(answer.headers.get('content-type')).toMatch(PROBLEM);
  if (answer.status === 403 && (await api(method, path.replace(id, NOWHERE), { token: t[who], body })).status === 403) return { who, method, path, status: 'closed to the role' };
  return { who, method, path, status: answer.status };
}
const NOT_REACHED = [404, 'closed to the role'];

/** Waits until the services' directories show the alliance active with this many schools. */
async function directoriesSee(token: string, allianceId: string, schools: number): Promise<void> {
  await seed.directorySees('activities', token, allianceId, schools);
  await seed.directorySees('curriculum', token, allianceId, schools);
  await seed.directorySees('assessment', token, allianceId, schools);
}

const exam = (allianceId: string, name: string, schoolIds: string[]): Record<string, unknown> => ({
  allianceId, term: '2026-2027-1', grade: '四年级', name, subjects: [{ name: '数学', fullMarks: 100 }], schools: schoolIds.map((schoolId) => ({ schoolId })),
});

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'activities', 'curriculum', 'assessment'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code, name] of [['A', '331199', '清溪县教育局'], ['B', '331198', '溪南县教育局']] as const) {
    ids[`d${key}`] = (await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name } })).body.id;
  }
  ids['core'] = await school(ids['dA']!, '清溪实验小学');
  ids['village'] = await school(ids['dA']!, '清溪下湾村小学');
  ids['outside'] = await school(ids['dA']!, '清溪城东小学');
  ids['foreign'] = await school(ids['dB']!, '溪口镇中心小学');
  ids['bCore'] = await school(ids['dB']!, '溪南城南小学');
  ids['bVillage'] = await school(ids['dB']!, '溪南竹坑村小');
  ids['alliance'] = await alliance(ids['dA']!, '清溪—溪南跨区域教育联盟', ids['core']!, [ids['village']!]);
  ids['allianceB'] = await alliance(ids['dB']!, '溪南本地联盟', ids['bCore']!, [ids['bVillage']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['coreTeacher'] = await person(ids['dA']!, 'core.teacher', { role: 'teacher', schoolId: ids['core']! });
  t['outsideTeacher'] = await person(ids['dA']!, 'outside.teacher', { role: 'teacher', schoolId: ids['outside']! });
  t['foreignHead'] = await person(ids['dB']!, 'foreign.head', { role: 'school_admin', schoolId: ids['foreign']! });
  t['foreignTeacher'] = await person(ids['dB']!, 'foreign.teacher', { role: 'teacher', schoolId: ids['foreign']! });
  t['bHead'] = await person(ids['dB']!, 'b.head', { role: 'school_admin', schoolId: ids['bCore']! });
  t['bTeacher'] = await person(ids['dB']!, 'b.teacher', { role: 'teacher', schoolId: ids['bCore']! });
  await directoriesSee(t['districtA']!, ids['alliance']!, 2);
  await directoriesSee(t['districtB']!, ids['allianceB']!, 2);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('joining across districts', () => {
  it('lists the schools of B among the schools the alliance may invite, with the district\'s name, and not its members', async () => {
    const path = `/api/v1/alliances/${ids['alliance']}/invite-candidates`;
    const other = await api('GET', `${path}?districts=other`, { token: t['allianceAdmin'] });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: ids['foreign'], name: '溪口镇中心小学', district: { id: ids['dB'], name: '溪南县教育局' }, crossDistrict: true }),
    ]));
    expect(other.body.items.every((c: { crossDistrict: boolean }) => c.crossDistrict)).toBe(true);
    const all = await api('GET', `${path}?q=${encodeURIComponent('清溪')}`, { token: t['allianceAdmin'] });
    expect(all.body.items.map((c: { id: string; crossDistrict: boolean }) => [c.id, c.crossDistrict])).toEqual([[ids['outside'], false]]);
    const own = await api('GET', `${path}?districts=own`, { token: t['districtA'] });
    expect(own.body.items.map((c: { id: string }) => c.id)).toEqual([ids['outside']]);
    const bad = await api('GET', `${path}?districts=everywhere`, { token: t['allianceAdmin'] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['districts']);
    expect((await api('GET', path)).status).toBe(401);
    for (const who of ['coreHead', 'coreTeacher']) expect({ who, status: (await api('GET', path, { token: t[who] })).status }).toEqual({ who, status: 403 });
    for (const [who, target] of [['districtB', path], ['allianceAdmin', path.replace(ids['alliance']!, NOWHERE)], ['districtA', path.replace(ids['alliance']!, ids['allianceB']!)]] as const) {
      const answer = await api('GET', target, { token: t[who] });
      expect({ who, target, status: answer.status }).toEqual({ who, target, status: 404 });
    }
  });

  it('invites the school of B: pending, with both districts\' approvals outstanding', async () => {
    const invited = await api('POST', `/api/v1/alliances/${ids['alliance']}/invitations`, { token: t['allianceAdmin'], body: { schoolId: ids['foreign'], message: '诚邀跨区域加入' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      status: 'pending', crossDistrict: true,
      approvals: [{ side: 'alliance', district: { id: ids['dA'], name: '清溪县教育局' }, status: 'pending' }, { side: 'school', district: { id: ids['dB'], name: '溪南县教育局' }, status: 'pending' }],
    });
    ids['request'] = invited.body.id;
  });

  it('answers the approval route 401 without a token, 403 to a school admin, 404 to an unrelated district, 400 naming the field, 409 within one district', async () => {
    const path = `/api/v1/join-requests/${ids['request']}/approval`;
    expect((await api('POST', path, { body: { decision: 'approve' } })).status).toBe(401);
    expect((await api('POST', path, { token: t['foreignHead'], body: { decision: 'approve' } })).status).toBe(403);
    const bad = await api('POST', path, { token: t['districtB'], body: { decision: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('decision');
    const third = await api('POST', '/api/v1/districts', { token: t['root'], body: { code: '331197', name: '第三县教育局' } });
    const thirdAdmin = await person(third.body.id, 'district.c', { role: 'district_admin' });
    expect((await api('POST', path, { token: thirdAdmin, body: { decision: 'approve' } })).status).toBe(404);
    const local = await api('POST', `/api/v1/alliances/${ids['alliance']}/invitations`, { token: t['allianceAdmin'], body: { schoolId: ids['outside'] } });
    const within = await api('POST', `/api/v1/join-requests/${local.body.id}/approval`, { token: t['districtA'], body: { decision: 'approve' } });
    expect(within.status).toBe(409);
    expect(within.body.code).toBe('membership.join-request.no-approval-needed');
    expect((await api('POST', `/api/v1/join-requests/${local.body.id}/respond`, { token: t['districtA'], body: { decision: 'withdraw' } })).status).toBe(200);
    const request = await api('GET', `/api/v1/join-requests?allianceId=${ids['alliance']}&status=pending`, { token: t['districtA'] });
    expect(request.body.items).toEqual([expect.objectContaining({ id: ids['request'], approvals: [expect.objectContaining({ status: 'pending' }), expect.objectContaining({ status: 'pending' })] })]);
  });

  it('joins once B approved, the school accepted and A approved; B\'s admin finds it waiting for them first', async () => {
    const waiting = await api('GET', '/api/v1/join-requests?awaitingMyApproval=true', { token: t['districtB'] });
    expect(waiting.body.items.map((r: { id: string }) => r.id)).toEqual([ids['request']]);
    expect((await api('POST', `/api/v1/join-requests/${ids['request']}/approval`, { token: t['districtB'], body: { decision: 'approve', comment: '同意' } })).body.status).toBe('pending');
    expect((await api('GET', '/api/v1/join-requests?awaitingMyApproval=true', { token: t['districtB'] })).body.items).toEqual([]);
    expect((await api('POST', `/api/v1/join-requests/${ids['request']}/respond`, { token: t['foreignHead'], body: { decision: 'accept' } })).body.status).toBe('pending');
    const accepted = await api('POST', `/api/v1/join-requests/${ids['request']}/approval`, { token: t['districtA'], body: { decision: 'approve' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    await directoriesSee(t['districtA']!, ids['alliance']!, 3);
  });
});

describe('the alliance\'s shared objects across the boundary', () => {
  beforeAll(async () => {
    const activity = await api('POST', '/api/v1/activities', { token: t['allianceAdmin'], body: meeting(ids['alliance']!, ids['core']!, '跨区域联合教研活动') });
    expect(activity.status).toBe(201);
    ids['activity'] = activity.body.id;
    const activityB = await api('POST', '/api/v1/activities', { token: t['districtB'], body: meeting(ids['allianceB']!, ids['bCore']!, '溪南本地教研活动') });
    expect(activityB.status).toBe(201);
    ids['activityB'] = activityB.body.id;
    for (const [key, token, schoolId, title, visibility] of [
      ['shared', 'coreTeacher', 'core', '农耕文化劳动教育', 'alliance'], ['schoolOnly', 'coreTeacher', 'core', '实验小学校内教案', 'school'],
      ['districtOnly', 'coreTeacher', 'core', '清溪县内共享教案', 'district'], ['foreignShared', 'foreignTeacher', 'foreign', '溪口镇特色课程', 'alliance'],
      ['bDistrict', 'bTeacher', 'bCore', '溪南县内共享教案', 'district'],
    ] as const) {
      const answer = await upload(t[token]!, resource(ids[schoolId]!, title, visibility), `${title}.docx`);
      expect(answer.status).toBe(201);
      ids[key] = answer.body.id;
    }
    // the alliance's exam with the school of B in it, and an exam of another alliance of A
    const shared = await api('POST', '/api/v1/assessment/exams', { token: t['allianceAdmin'], body: exam(ids['alliance']!, '跨区域统一检测', [ids['core']!, ids['foreign']!]) });
    expect(shared.status).toBe(201);
    ids['exam'] = shared.body.id;
    expect((await api('POST', `/api/v1/assessment/exams/${ids['exam']}/transitions`, { token: t['allianceAdmin'], body: { action: 'open' } })).status).toBe(200);
    ids['allianceA2'] = await alliance(ids['dA']!, '清溪城东联盟', ids['outside']!, []);
    await seed.directorySees('assessment', t['districtA']!, ids['allianceA2']!, 1);
    const local = await api('POST', '/api/v1/assessment/exams', { token: t['districtA'], body: exam(ids['allianceA2']!, '清溪县内月考', [ids['outside']!]) });
    expect(local.status).toBe(201);
    ids['examA'] = local.body.id;
    expect((await api('POST', `/api/v1/assessment/exams/${ids['examA']}/transitions`, { token: t['districtA'], body: { action: 'open' } })).status).toBe(200);
    for (const [key, token, schoolId] of [['lab', 'coreHead', 'core'], ['bLab', 'bHead', 'bCore']] as const) {
      const answer = await api('POST', '/api/v1/curriculum/facilities', { token: t[token], body: { schoolId: ids[schoolId], kind: 'lab', name: '科学实验室', capacity: 40, openHours: '周一至周五 14:00–17:00' } });
      expect(answer.status).toBe(201);
      ids[key] = answer.body.id;
    }
  });

  it('lets the member school of B reach the alliance, its activity, its shared resources and facility, and register for the activity', async () => {
    for (const who of ['foreignHead', 'foreignTeacher']) {
      expect((await api('GET', `/api/v1/alliances/${ids['alliance']}`, { token: t[who] })).status).toBe(200);
      expect((await api('GET', `/api/v1/activities/${ids['activity']}`, { token: t[who] })).body.title).toBe('跨区域联合教研活动');
      expect((await api('GET', `/api/v1/curriculum/resources/${ids['shared']}`, { token: t[who] })).status).toBe(200);
      expect((await api('GET', `/api/v1/curriculum/facilities/${ids['lab']}`, { token: t[who] })).status).toBe(200);
      const activities = await api('GET', '/api/v1/activities', { token: t[who] });
      expect(activities.body.items.map((a: { title: string }) => a.title)).toEqual(['跨区域联合教研活动']);
    }
    // the alliance's exam, and no other exam of A
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}`, { token: t['foreignHead'] })).body).toMatchObject({ name: '跨区域统一检测', canManage: false });
    const exams = await api('GET', '/api/v1/assessment/exams', { token: t['foreignHead'] });
    expect(exams.body.items.map((e: { name: string }) => e.name)).toEqual(['跨区域统一检测']);
    const registered = await api('POST', `/api/v1/activities/${ids['activity']}/registrations`, {
      token: t['foreignHead'], body: { schoolId: ids['foreign'], participantKind: 'teacher', participantName: '郑宇' },
    });
    expect(registered.status).toBe(201);
  });

  it('lets A\'s alliance partners reach B\'s member school only as the alliance shares it', async () => {
    expect((await api('GET', `/api/v1/curriculum/resources/${ids['foreignShared']}`, { token: t['coreTeacher'] })).status).toBe(200);
    for (const who of ['coreTeacher', 'coreHead', 'allianceAdmin', 'districtA']) {
      for (const [path, id] of [['schools', ids['foreign']], ['schools', ids['bCore']], ['alliances', ids['allianceB']], ['districts', ids['dB']],
        ['users', ids['user:foreign.teacher']], ['activities', ids['activityB']], ['curriculum/resources', ids['bDistrict']], ['curriculum/facilities', ids['bLab']]] as const) {
        const seen = await unreachable(who, 'GET', `/api/v1/${path}/${id}`, id!);
        expect([seen, NOT_REACHED.includes(seen.status)]).toEqual([seen, true]);
      }
    }
    // the school outside the alliance in A does not reach B's member school's shared resource
    expect((await api('GET', `/api/v1/curriculum/resources/${ids['foreignShared']}`, { token: t['outsideTeacher'] })).status).toBe(404);
  });

  const aRoutes = (): [string, string, unknown?][] => [
    ['GET', `/api/v1/schools/${ids['core']}`],
    ['PATCH', `/api/v1/schools/${ids['core']}`, { name: '越权改名' }],
    ['GET', `/api/v1/districts/${ids['dA']}`],
    ['GET', `/api/v1/users/${ids['user:core.teacher']}`],
    ['GET', `/api/v1/curriculum/resources/${ids['schoolOnly']}`],
    ['GET', `/api/v1/curriculum/resources/${ids['districtOnly']}`],
    ['GET', `/api/v1/curriculum/resources/${ids['districtOnly']}/download`],
    ['PATCH', `/api/v1/curriculum/resources/${ids['shared']}`, { title: '越权' }],
    ['PATCH', `/api/v1/curriculum/facilities/${ids['lab']}`, { capacity: 1 }],
    ['PATCH', `/api/v1/activities/${ids['activity']}`, { title: '越权' }],
    ['POST', `/api/v1/activities/${ids['activity']}/cancel`, { reason: '越权' }],
    ['GET', `/api/v1/assessment/exams/${ids['examA']}`],
  ];

  it('keeps everything else of A from the member school of B: its schools, users, district, and objects not shared with the alliance', async () => {
    for (const [method, path, body] of aRoutes()) {
      const answer = await api(method, path, { token: t['foreignHead'], body });
      // shared objects the school may read but not run answer 403; everything else of A is not found
      const expected = path.includes(ids['shared']!) || path.includes(ids['lab']!) || path.includes(ids['activity']!) ? 403 : 404;
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: expected });
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    }
    const schools = await api('GET', '/api/v1/schools', { token: t['foreignHead'] });
    expect(schools.body.items.map((s: { id: string }) => s.id)).not.toContain(ids['core']);
    const resources = await api('GET', '/api/v1/curriculum/resources', { token: t['foreignTeacher'] });
    expect(resources.body.items.map((r: { title: string }) => r.title).sort()).toEqual(['农耕文化劳动教育', '溪南县内共享教案', '溪口镇特色课程'].sort());
    expect((await api('GET', `/api/v1/activities/${ids['activity']}`, { token: t['allianceAdmin'] })).body.title).toBe('跨区域联合教研活动');
  });

  it('shows a school of B outside the alliance nothing of A', async () => {
    for (const [method, path, body] of [['GET', `/api/v1/alliances/${ids['alliance']}`], ['GET', `/api/v1/activities/${ids['activity']}`],
      ['GET', `/api/v1/curriculum/resources/${ids['shared']}`], ['GET', `/api/v1/curriculum/facilities/${ids['lab']}`],
      ['GET', `/api/v1/assessment/exams/${ids['exam']}`], ...aRoutes()] as [string, string, unknown?][]) {
      for (const who of ['bHead', 'bTeacher']) {
        const id = path.split('/').find((part) => /^[0-9a-f]{8}-/.test(part))!;
        const seen = await unreachable(who, method, path, id, body);
        expect([seen, NOT_REACHED.includes(seen.status)]).toEqual([seen, true]);
      }
    }
    expect((await api('GET', '/api/v1/activities', { token: t['bTeacher'] })).body.items.map((a: { title: string }) => a.title)).toEqual(['溪南本地教研活动']);
    expect((await api('GET', '/api/v1/assessment/exams', { token: t['bHead'] })).body.total).toBe(0);
    expect((await api('GET', '/api/v1/alliances', { token: t['bTeacher'] })).body.items.map((a: { name: string }) => a.name)).toEqual(['溪南本地联盟']);
  });

  it('lets B\'s district admin take its school out; then the school reaches nothing of the alliance', async () => {
    // the alliance names each member's district, so B's admin finds their own school in it
    const seen = await api('GET', `/api/v1/alliances/${ids['alliance']}`, { token: t['districtB'] });
    expect(seen.body.members.filter((m: { status: string }) => m.status === 'active').map((m: { school: { id: string }; schoolDistrictId: string }) => [m.school.id, m.schoolDistrictId]))
      .toEqual(expect.arrayContaining([[ids['foreign'], ids['dB']], [ids['core'], ids['dA']]]));
    const left = await api('POST', `/api/v1/alliances/${ids['alliance']}/leave`, { token: t['districtB'], body: { schoolId: ids['foreign'], reason: '学期结束' } });
    expect(left.status).toBe(200);
    await directoriesSee(t['districtA']!, ids['alliance']!, 2);
    for (const path of [`/api/v1/alliances/${ids['alliance']}`, `/api/v1/activities/${ids['activity']}`, `/api/v1/curriculum/resources/${ids['shared']}`]) {
      expect({ path, status: (await api('GET', path, { token: t['foreignTeacher'] })).status }).toEqual({ path, status: 404 });
    }
  });
});
