import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Mentorship (师徒结对) and lesson observation (听课评课) through the gateway, as a third party uses
 * them: 401 without a token, 403 for a role that may not, 404 for another district's ids, problem+json
 * naming the field, and a lesson plan checked against the real resource library.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const TERM = '2024-2025-1';

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, person, school, alliance } = seed;

async function uploadPlan(token: string, schoolId: string): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries({
    type: 'lesson_plan', schoolId, title: '分数的初步认识', subject: '数学', grade: '三年级', edition: '人教版', unit: '第八单元', tags: '分数', licence: '联盟内共享',
    visibility: 'alliance', description: '三年级上册 分数的初步认识',
  })) form.append(k, v);
  form.append('file', new Blob(['教案 lesson plan']), '分数的初步认识.docx');
  const response = await fetch(`${stack.gatewayUrl}/api/v1/curriculum/resources`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as { id: string };
  expect({ status: response.status, body }).toMatchObject({ status: 201 });
  return body.id;
}

const teacher = (schoolId: string, staffNo: string, name: string): Record<string, unknown> => ({
  schoolId, staffNo, name, gender: 'female', subjects: ['math'], title: 'first', rank: 'backbone', middleManager: false,
});

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'teacher-exchange', 'curriculum'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['core'] = await school(ids['dA']!, '实验小学');
  ids['village'] = await school(ids['dA']!, '下湾村小学');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['villageTeacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  await seed.directorySees('teacher-exchange', t['districtA']!, ids['alliance']!, 2);
  await seed.directorySees('curriculum', t['districtA']!, ids['alliance']!, 2);
  ids['mentor'] = (await api('POST', '/api/v1/teacher-exchange/teachers', { token: t['coreHead'], body: teacher(ids['core']!, 'T001', '王雅琴') })).body.id;
  ids['apprentice'] = (await api('POST', '/api/v1/teacher-exchange/teachers', { token: t['villageHead'], body: teacher(ids['village']!, 'X001', '李晓燕') })).body.id;
  ids['plan'] = await uploadPlan(t['villageTeacher']!, ids['village']!);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('mentorship', () => {
  it('pairs a mentor and an apprentice (201) and answers 400 in Chinese by default naming the field', async () => {
    const created = await api('POST', '/api/v1/teacher-exchange/mentorships', {
      token: t['coreHead'], body: { mentorId: ids['mentor'], apprenticeId: ids['apprentice'], term: TERM, goals: '每月示范课与汇报课各一节' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mentorName: '王雅琴', apprenticeName: '李晓燕', status: 'active', missedMonths: 4 });
    ids['pair'] = created.body.id;
    const bad = await api('POST', '/api/v1/teacher-exchange/mentorships', {
      token: t['coreHead'], headers: { 'accept-language': 'zh-CN' }, body: { mentorId: ids['mentor'], apprenticeId: ids['mentor'], term: TERM, goals: '目标' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'apprenticeId', message: '徒弟不能与师傅是同一位教师' })]);
    const duplicate = await api('POST', '/api/v1/teacher-exchange/mentorships', {
      token: t['villageHead'], body: { mentorId: ids['mentor'], apprenticeId: ids['apprentice'], term: TERM, goals: '目标' },
    });
    expect(duplicate.status).toBe(409);
  });

  it('records a report lesson with a lesson plan from the resource library; a foreign plan id is a bad field', async () => {
    const lesson = { month: '2024-10', kind: 'report', scheduledOn: '2024-10-16', startsAt: '09:00', place: '下湾村小学 三楼', videoUrl: 'https://video.example.cn/1', reflection: '课堂节奏较好', done: true };
    const recorded = await api('POST', `/api/v1/teacher-exchange/mentorships/${ids['pair']}/lessons`, { token: t['villageHead'], body: { ...lesson, lessonPlanId: ids['plan'] } });
    expect(recorded.status).toBe(200);
    expect(recorded.body.months[1].report).toMatchObject({ lessonPlanTitle: '分数的初步认识', videoUrl: 'https://video.example.cn/1', doneAt: expect.any(String) });
    const foreign = await api('POST', `/api/v1/teacher-exchange/mentorships/${ids['pair']}/lessons`, {
      token: t['villageHead'], body: { ...lesson, lessonPlanId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'lessonPlanId' })]);
    const http = await api('POST', `/api/v1/teacher-exchange/mentorships/${ids['pair']}/lessons`, { token: t['villageHead'], body: { ...lesson, lessonPlanId: ids['plan'], videoUrl: 'http://video.example.cn/1' } });
    expect(http.status).toBe(400);
    expect(http.body.errors).toEqual([expect.objectContaining({ field: 'videoUrl' })]);
  });

  it.each([
    ['GET', ''], ['POST', '/lessons'], ['POST', '/comments'], ['POST', '/close'],
  ])('answers %s /mentorships/:id%s with 401 without a token, 403 for a teacher role on writes, 404 for another district', async (method, tail) => {
    const path = `/api/v1/teacher-exchange/mentorships/${ids['pair']}${tail}`;
    const body = tail === '/lessons' ? { month: '2024-11', kind: 'demo', scheduledOn: '2024-11-06', startsAt: '10:00', place: '实验小学' }
      : tail === '/comments' ? { side: 'mentor', text: '好' } : undefined;
    expect((await api(method, path, { body })).status).toBe(401);
    if (method === 'POST') expect((await api(method, path, { token: t['villageTeacher'], body })).status).toBe(403);
    const foreign = await api(method, path, { token: t['districtB'], body });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('shows missed months per school to admins only', async () => {
    const missed = await api('GET', `/api/v1/teacher-exchange/mentorships/missed?term=${TERM}`, { token: t['districtA'] });
    expect(missed.status).toBe(200);
    expect(missed.body.schools.map((s: { schoolName: string; missedMonths: number }) => `${s.schoolName} ${s.missedMonths}`).sort()).toEqual(['下湾村小学 4', '实验小学 4']);
    expect((await api('GET', `/api/v1/teacher-exchange/mentorships/missed?term=${TERM}`, { token: t['villageTeacher'] })).status).toBe(403);
  });
});

describe('lesson observation', () => {
  it('serves the default rubric and records an observation against it', async () => {
    const rubric = await api('GET', `/api/v1/teacher-exchange/observation-rubric?districtId=${ids['dA']}`, { token: t['villageTeacher'] });
    expect(rubric.status).toBe(200);
    expect(rubric.body).toMatchObject({ version: 1, maxTotal: 100 });
    const scores = Object.fromEntries(rubric.body.dimensions.map((d: { key: string }) => [d.key, 18]));
    const recorded = await api('POST', '/api/v1/teacher-exchange/observations', {
      token: t['villageHead'],
      body: { observerId: ids['apprentice'], observedId: ids['mentor'], observedOn: '2024-10-09', subject: '数学', className: '三年级1班', topic: '分数的初步认识', rubricVersion: 1, scores },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ total: 90, percent: 90 });
    ids['observation'] = recorded.body.id;
    const stats = await api('GET', `/api/v1/teacher-exchange/observation-stats?districtId=${ids['dA']}`, { token: t['coreHead'] });
    expect(stats.body.schools).toEqual(expect.arrayContaining([expect.objectContaining({ schoolName: '实验小学', received: 1, averageReceived: 90 })]));
  });

  it('keeps the rubric editor to the district admin, and ids of another district unseen', async () => {
    const dimensions = [{ key: 'goals', name: '教学目标', levels: [{ label: '优秀', score: 10 }, { label: '合格', score: 6 }] }];
    expect((await api('PUT', '/api/v1/teacher-exchange/observation-rubric', { token: t['coreHead'], body: { districtId: ids['dA'], dimensions } })).status).toBe(403);
    expect((await api('PUT', '/api/v1/teacher-exchange/observation-rubric', { token: t['districtB'], body: { districtId: ids['dA'], dimensions } })).status).toBe(404);
    expect((await api('GET', `/api/v1/teacher-exchange/observations/${ids['observation']}`)).status).toBe(401);
    expect((await api('GET', `/api/v1/teacher-exchange/observations/${ids['observation']}`, { token: t['districtB'] })).status).toBe(404);
    expect((await api('GET', `/api/v1/teacher-exchange/observations/${ids['observation']}`, { token: t['villageTeacher'] })).status).toBe(200);
    const saved = await api('PUT', '/api/v1/teacher-exchange/observation-rubric', { token: t['districtA'], body: { districtId: ids['dA'], dimensions } });
    expect(saved.body).toMatchObject({ version: 2, maxTotal: 10, versions: [2, 1] });
  });
});
