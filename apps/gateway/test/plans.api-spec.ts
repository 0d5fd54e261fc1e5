import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Work plans through the gateway, as a third party uses them: roles and tenancy (a school sees its own
 * plan and the alliance plan, never another school's; foreign ids 404), bad input as problem+json that
 * changes nothing, the status flow's 409s, progress with an uploaded evidence file, and the overdue list.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const TERM = '2026-2027-1';

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

async function upload(token: string, path: string, filename: string, content: string, note = '送教课例照片'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  form.append('note', note);
  form.append('file', new Blob([content]), filename);
  const response = await fetch(`${stack.gatewayUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' }, body: form });
  return { status: response.status, body: await response.json() };
}

const planBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  allianceId: ids['alliance'], schoolId: ids['village'], term: TERM, title: '下湾村小学 2026-2027 学年第一学期工作计划',
  goals: '数学课堂教学质量明显提升', measures: '跟岗学习、送教下乡、同步教研', ownerName: '王校长', ownerUserId: ids['user:village.head'], ...over,
});

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
  ids['township'] = await school(ids['dA']!, '临溪镇中心小学');
  ids['bCore'] = await school(ids['dB']!, '外县小学');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!, ids['township']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['townshipHead'] = await person(ids['dA']!, 'township.head', { role: 'school_admin', schoolId: ids['township']! });
  t['teacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  await seed.directorySees('activities', t['allianceAdmin']!, ids['alliance']!, 3);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('work plans', () => {
  it('lets the village head start the school plan (201) and the township head its own', async () => {
    const answer = await api('POST', '/api/v1/plans', { token: t['villageHead'], body: planBody() });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ level: 'school', status: 'draft', term: TERM, school: { id: ids['village'], name: '下湾村小学' }, can: { edit: true, review: false } });
    ids['villagePlan'] = answer.body.id;
    const township = await api('POST', '/api/v1/plans', { token: t['townshipHead'], body: planBody({ schoolId: ids['township'], title: '临溪镇中心小学计划' }) });
    expect(township.status).toBe(201);
    ids['townshipPlan'] = township.body.id;
  });

  it.each([
    ['term', { term: '2026-2027-3' }],
    ['ownerName', { ownerName: '   ' }],
    ['allianceId', { allianceId: 'not-a-uuid' }],
    ['title', { title: 'x'.repeat(101) }],
  ])('answers 400 problem+json naming %s and creates nothing', async (field, bad) => {
    const answer = await api('POST', '/api/v1/plans', { token: t['allianceAdmin'], body: planBody({ ...bad, schoolId: undefined }) });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await api('GET', '/api/v1/plans', { token: t['allianceAdmin'] })).body.total).toBe(2);
  });

  it('shows a school head its own plan, 404 for another school\'s plan, and nothing to another district', async () => {
    const mine = await api('GET', `/api/v1/plans?term=${TERM}`, { token: t['villageHead'] });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([ids['villagePlan']]);
    const other = await api('GET', `/api/v1/plans/${ids['townshipPlan']}`, { token: t['villageHead'] });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(PROBLEM);
    expect((await api('GET', `/api/v1/plans/${ids['villagePlan']}`, { token: t['districtB'] })).status).toBe(404);
    expect((await api('GET', '/api/v1/plans', { token: t['districtB'] })).body.total).toBe(0);
    expect((await api('GET', `/api/v1/plans/${ids['villagePlan']}`, { token: t['allianceAdmin'] })).status).toBe(200);
    // a teacher reads the school's plan but writes nothing: the route refuses (403)
    expect((await api('GET', `/api/v1/plans/${ids['villagePlan']}`, { token: t['teacher'] })).status).toBe(200);
    expect((await api('POST', '/api/v1/plans', { token: t['teacher'], body: planBody({ term: '2027-2028-1' }) })).status).toBe(403);
  });

  it('adds a target with a milestone (a due day outside the term is 400), refuses 409 for illegal steps, and runs submit and approve', async () => {
    const outside = await api('POST', `/api/v1/plans/${ids['villagePlan']}/targets`, {
      token: t['villageHead'],
      body: { title: '提升数学课堂质量', assignees: [{ kind: 'subject_group', name: '数学教研组' }], milestones: [{ title: '越界', dueOn: '2027-03-01', expectedResult: '无' }] },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors.map((e: { field: string }) => e.field)).toEqual(['milestones.0.dueOn']);
    const added = await api('POST', `/api/v1/plans/${ids['villagePlan']}/targets`, {
      token: t['villageHead'],
      body: {
        title: '提升数学课堂质量', assignees: [{ kind: 'subject_group', name: '数学教研组' }, { kind: 'teacher', name: '李老师', userId: ids['user:village.teacher'] }],
        milestones: [{ title: '九月：跟岗学习', dueOn: '2026-09-30', expectedResult: '跟岗日志与听课记录' }, { title: '一月：期末同步检测', dueOn: '2027-01-20', expectedResult: '质量分析报告' }],
      },
    });
    expect(added.status).toBe(201);
    expect(added.body.targets[0].milestones).toHaveLength(2);
    ids['target'] = added.body.targets[0].id;
    ids['september'] = added.body.targets[0].milestones[0].id;

    const early = await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['allianceAdmin'], body: { action: 'approve' } });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(PROBLEM);
    expect(early.body.code).toBe('activities.plan.illegal-transition');
    expect((await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['villageHead'], body: { action: 'fly' } })).status).toBe(400);
    expect((await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['villageHead'], body: { action: 'submit' } })).status).toBe(200);
    expect((await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['villageHead'], body: { action: 'approve' } })).status).toBe(403);
    const zh = await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['villageHead'], body: { action: 'submit' }, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.status).toBe(409);
    expect(zh.body.detail).toBe('处于“已提交”状态的计划不能执行“提交”');
    const approved = await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['allianceAdmin'], body: { action: 'approve' } });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
  });

  it('shows the September milestone as overdue to its owner and the alliance admin, not to the township head', async () => {
    const mine = await api('GET', '/api/v1/plans/milestones?status=overdue&mine=true', { token: t['villageHead'] });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((m: { id: string; overdue: boolean }) => [m.id, m.overdue])).toEqual([[ids['september'], true]]);
    expect((await api('GET', '/api/v1/plans/milestones?status=overdue', { token: t['allianceAdmin'] })).body.total).toBe(1);
    expect((await api('GET', '/api/v1/plans/milestones?status=overdue', { token: t['townshipHead'] })).body.total).toBe(0);
  });

  it('takes progress with an uploaded evidence file, downloads it for those who see the plan, and refuses others and bad files', async () => {
    const bad = await api('POST', `/api/v1/plans/milestones/${ids['september']}/progress`, { token: t['villageHead'], body: { percent: 90, status: 'done', comment: '完成' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['percent']);
    expect((await api('POST', `/api/v1/plans/milestones/${ids['september']}/progress`, { token: t['townshipHead'], body: { percent: 100, status: 'done', comment: '完成' } })).status).toBe(404);
    const done = await api('POST', `/api/v1/plans/milestones/${ids['september']}/progress`, { token: t['villageHead'], body: { percent: 100, status: 'done', comment: '跟岗两周完成' } });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: 'done', percent: 100, overdue: false, onTime: false });

    const exe = await upload(t['villageHead']!, `/api/v1/plans/milestones/${ids['september']}/evidence`, 'virus.exe', 'MZ');
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0].field).toBe('file');
    const foreign = await upload(t['townshipHead']!, `/api/v1/plans/milestones/${ids['september']}/evidence`, '照片.jpg', 'jpeg bytes');
    expect(foreign.status).toBe(404);
    const uploaded = await upload(t['villageHead']!, `/api/v1/plans/milestones/${ids['september']}/evidence`, '跟岗日志.pdf', '%PDF-1.4 跟岗日志');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.evidence).toEqual([expect.objectContaining({ kind: 'file', title: '跟岗日志.pdf', note: '送教课例照片', verified: true })]);
    const evidenceId = uploaded.body.evidence[0].id as string;
    const file = await fetch(`${stack.gatewayUrl}/api/v1/plans/evidence/${evidenceId}/download`, { headers: { authorization: `Bearer ${t['allianceAdmin']}` } });
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('%PDF-1.4 跟岗日志');
    expect((await api('GET', `/api/v1/plans/evidence/${evidenceId}/download`, { token: t['townshipHead'] })).status).toBe(404);
  });

  it('assesses the target (reviewer only) and closes the plan; a closed plan takes no more progress', async () => {
    expect((await api('POST', `/api/v1/plans/targets/${ids['target']}/assessment`, { token: t['villageHead'], body: { rating: 'met', comment: '自评' } })).status).toBe(403);
    const badRating = await api('POST', `/api/v1/plans/targets/${ids['target']}/assessment`, { token: t['allianceAdmin'], body: { rating: 'great', comment: '好' } });
    expect(badRating.status).toBe(400);
    const assessed = await api('POST', `/api/v1/plans/targets/${ids['target']}/assessment`, { token: t['allianceAdmin'], body: { rating: 'partly', comment: '跟岗完成，期末检测待开展' } });
    expect(assessed.status).toBe(200);
    expect(assessed.body.targets[0].assessment).toMatchObject({ rating: 'partly' });
    expect((await api('POST', `/api/v1/plans/${ids['villagePlan']}/transitions`, { token: t['allianceAdmin'], body: { action: 'close' } })).body.status).toBe('closed');
    const after = await api('POST', `/api/v1/plans/milestones/${ids['september']}/progress`, { token: t['villageHead'], body: { percent: 100, status: 'done', comment: '再报' } });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('activities.plan.not-approved');
  });
});
