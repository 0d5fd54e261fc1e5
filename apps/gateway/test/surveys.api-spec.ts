import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Satisfaction surveys through the gateway, as a third party and a parent's phone use them: roles and
 * tenancy (foreign ids 404), bad input as problem+json in Chinese that changes nothing, a link that answers
 * once (the second answer 409), and results and the export that never show a group under the threshold —
 * nor its free text.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const TERM = '2026-2027-1';
const VILLAGE_SECRET = '二年级李老师上课经常打电话';

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, school, alliance } = seed;

const QUESTIONS = [
  { kind: 'likert', title: '您对学校与联盟合作办学的满意度', required: true, satisfaction: true },
  { kind: 'multiple', title: '您最希望加强的方面', options: ['课堂教学', '课后服务', '家校沟通'] },
  { kind: 'text', title: '其他意见和建议' },
];

const answers = (value: number, text?: string): { answers: unknown[] } => ({
  answers: [{ questionId: 'q1', value }, { questionId: 'q2', choices: [0, 2] }, ...(text ? [{ questionId: 'q3', text }] : [])],
});

async function links(schoolId: string, count: number): Promise<string[]> {
  const answer = await api('POST', `/api/v1/surveys/${ids['survey']}/link-batches`, {
    token: t['allianceAdmin'], body: { schoolId, audience: 'parents', count, linkBase: 'https://jiaolian.example.cn' },
  });
  expect(answer.status).toBe(201);
  return answer.body.links.map((l: { token: string }) => l.token);
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'assessment'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
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
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['allianceAdmin'] = await seed.person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['villageHead'] = await seed.person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['teacher'] = await seed.person(ids['dA']!, 'core.teacher', { role: 'teacher', schoolId: ids['core']! });
  await seed.directorySees('assessment', t['allianceAdmin']!, ids['alliance']!, 2);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('surveys', () => {
  it('lets the district admin keep a template (201), not a school admin (403)', async () => {
    const created = await api('POST', '/api/v1/surveys/templates', { token: t['districtA'], body: { title: '家长满意度调查', questions: QUESTIONS } });
    expect(created.status).toBe(201);
    ids['template'] = created.body.id;
    const refused = await api('POST', '/api/v1/surveys/templates', { token: t['villageHead'], body: { title: 'x', questions: QUESTIONS } });
    expect(refused.status).toBe(403);
    expect((await api('GET', `/api/v1/surveys/templates/${ids['template']}`, { token: t['districtB'] })).status).toBe(404);
  });

  it('answers bad input with problem+json in Chinese by default, naming the field, and creates nothing', async () => {
    const body = {
      title: '家长满意度', term: TERM, level: 'alliance', allianceId: ids['alliance'], audiences: ['parents', 'teachers'],
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), anonymous: true,
    };
    for (const bad of [{ ...body, templateId: ids['template'], minGroupSize: 2 }, { ...body }, { ...body, questions: [{ kind: 'single', title: '只有一个选项', options: ['是'] }] }]) {
      const answer = await api('POST', '/api/v1/surveys', { token: t['allianceAdmin'], body: bad, headers: { 'accept-language': 'zh-CN' } });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      expect(answer.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await api('GET', '/api/v1/surveys', { token: t['allianceAdmin'] })).body.total).toBe(0);
    const created = await api('POST', '/api/v1/surveys', { token: t['allianceAdmin'], body: { ...body, templateId: ids['template'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', minGroupSize: 5, schoolCount: 2 });
    ids['survey'] = created.body.id;
    expect((await api('POST', `/api/v1/surveys/${ids['survey']}/transitions`, { token: t['allianceAdmin'], body: { action: 'open' } })).status).toBe(200);
  });

  it('hides the survey and its results from another district (404)', async () => {
    expect((await api('GET', `/api/v1/surveys/${ids['survey']}`, { token: t['districtB'] })).status).toBe(404);
    expect((await api('GET', `/api/v1/surveys/${ids['survey']}/results`, { token: t['districtB'] })).status).toBe(404);
    expect((await api('POST', `/api/v1/surveys/${ids['survey']}/link-batches`, { token: t['districtB'], body: { schoolId: ids['core'], audience: 'parents', count: 1 } })).status).toBe(404);
  });

  it('lets a parent answer through a link without signing in, once (second answer 409)', async () => {
    const [token] = await links(ids['core']!, 1);
    const view = await api('GET', `/api/v1/public/surveys/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ schoolName: '实验小学', audience: 'parents', anonymous: true });
    expect((await api('POST', `/api/v1/public/surveys/${token}`, { body: answers(5) })).status).toBe(201);
    const again = await api('POST', `/api/v1/public/surveys/${token}`, { body: answers(1), headers: { 'accept-language': 'zh-CN' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(PROBLEM);
    expect(again.body.detail).toBe('该链接已经作答过；每个链接只能作答一次');
    expect((await api('GET', `/api/v1/public/surveys/${token}`)).status).toBe(409);
    expect((await api('POST', '/api/v1/public/surveys/not-a-token!', { body: answers(5) })).status).toBe(400);
    expect((await api('POST', `/api/v1/public/surveys/${'A'.repeat(22)}`, { body: answers(5) })).status).toBe(404);
  });

  it('lets a teacher answer in the console once, and not read results', async () => {
    const mine = await api('GET', '/api/v1/surveys/mine', { token: t['teacher'] });
    expect(mine.body.map((s: { id: string }) => s.id)).toContain(ids['survey']);
    expect((await api('POST', `/api/v1/surveys/${ids['survey']}/responses`, { token: t['teacher'], body: answers(4) })).status).toBe(201);
    expect((await api('POST', `/api/v1/surveys/${ids['survey']}/responses`, { token: t['teacher'], body: answers(4) })).status).toBe(409);
    expect((await api('GET', `/api/v1/surveys/${ids['survey']}/results`, { token: t['teacher'] })).status).toBe(403);
  });

  it('never shows a group under the threshold, in the results or the export', async () => {
    for (const token of await links(ids['core']!, 5)) expect((await api('POST', `/api/v1/public/surveys/${token}`, { body: answers(4, '希望多开展送教活动') })).status).toBe(201);
    const village = await links(ids['village']!, 2);
    await api('POST', `/api/v1/public/surveys/${village[0]}`, { body: answers(1, VILLAGE_SECRET) });
    await api('POST', `/api/v1/public/surveys/${village[1]}`, { body: answers(2) });

    for (const breakdown of ['school-audience', 'school', 'audience']) {
      const results = await api('GET', `/api/v1/surveys/${ids['survey']}/results?breakdown=${breakdown}`, { token: t['allianceAdmin'] });
      expect(results.status).toBe(200);
      expect(JSON.stringify(results.body)).not.toContain(VILLAGE_SECRET);
      expect(results.body.shownResponses).toBe(6);
    }
    const results = await api('GET', `/api/v1/surveys/${ids['survey']}/results`, { token: t['allianceAdmin'] });
    const group = (schoolId: string, audience: string) => results.body.groups.find((g: { school: { id: string }; audience: string }) => g.school.id === schoolId && g.audience === audience);
    expect(group(ids['core']!, 'parents')).toMatchObject({ shown: true, responses: 6 });
    expect(group(ids['village']!, 'parents')).toEqual(expect.objectContaining({ shown: false, responses: null, questions: [] }));
    expect(group(ids['core']!, 'teachers')).toMatchObject({ shown: false, responses: null });

    const own = await api('GET', `/api/v1/surveys/${ids['survey']}/results`, { token: t['villageHead'] });
    expect(own.status).toBe(200);
    expect(own.body.groups.every((g: { school: { id: string }; shown: boolean }) => g.school.id === ids['village'] && !g.shown)).toBe(true);
    expect(JSON.stringify(own.body)).not.toContain(VILLAGE_SECRET);

    const response = await fetch(`${stack.gatewayUrl}/api/v1/surveys/${ids['survey']}/results/export`, { headers: { authorization: `Bearer ${t['allianceAdmin']}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.value)); })));
    expect(cells.join('\n')).toContain('希望多开展送教活动');
    expect(cells.join('\n')).not.toContain(VILLAGE_SECRET);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总体', '1 实验小学 · 家长', '未显示的组']);
  });
});
