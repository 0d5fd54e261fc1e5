import { startStack, type RunningStack } from '@jiaolian/testing';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { apiClient, schoolCode, type Api } from './http.js';

/*
 * Papers, item scores and the item analysis through the gateway as a third party uses them: who may do
 * what (401, 403, 404 across districts), bad rows named by row and column in Chinese and English, and
 * malformed requests answered 4xx problem+json in Chinese that change no table.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;

let stack: RunningStack;
let api: Api;
let db: pg.Client;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const names: Record<string, string> = {};

async function login(username: string, password = PASSWORD): Promise<string> {
  const answer = await api('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(answer.status).toBe(200);
  return answer.body.accessToken as string;
}

async function userWithRole(by: string, districtId: string, username: string, role: Record<string, string>): Promise<string> {
  const created = await api('POST', '/api/v1/users', { token: by, body: { districtId, username, displayName: username, password: PASSWORD } });
  expect(created.status).toBe(201);
  expect((await api('POST', `/api/v1/users/${created.body.id}/roles`, { token: by, body: role })).status).toBe(201);
  return login(username);
}

async function newSchool(token: string, districtId: string, key: string, name: string): Promise<void> {
  const answer = await api('POST', '/api/v1/schools', {
    token, body: { districtId, code: schoolCode(), name, stage: 'junior', locale: 'township', township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 18 },
  });
  expect(answer.status).toBe(201);
  ids[key] = answer.body.id;
  names[key] = name;
}

async function activeAlliance(token: string, districtId: string, key: string, name: string, core: string, members: string[]): Promise<void> {
  const created = await api('POST', '/api/v1/alliances', { token, body: { districtId, name, kind: 'alliance', coreSchoolId: ids[core] } });
  expect(created.status).toBe(201);
  ids[key] = created.body.id;
  for (const member of members) {
    const invited = await api('POST', `/api/v1/alliances/${ids[key]}/invitations`, { token, body: { schoolId: ids[member] } });
    expect((await api('POST', `/api/v1/join-requests/${invited.body.id}/respond`, { token, body: { decision: 'accept' } })).status).toBe(200);
  }
  expect((await api('POST', `/api/v1/alliances/${ids[key]}/activate`, { token })).status).toBe(200);
}

async function untilDirectoryHas(token: string, allianceId: string, schools: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await api('GET', '/api/v1/assessment/directory', { token });
    const alliance = answer.body?.alliances?.find((a: { allianceId: string }) => a.allianceId === allianceId);
    if (alliance?.status === 'active' && alliance.schoolIds.length === schools) return;
    if (Date.now() > deadline) throw new Error(`the assessment directory did not see alliance ${allianceId}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function upload(path: string, token: string | undefined, content: string, language = 'en'): Promise<{ status: number; type: string | null; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), 'items.csv');
  const headers: Record<string, string> = { 'accept-language': language };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${stack.gatewayUrl}${path}`, { method: 'POST', headers, body: form });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

/** Row counts and a hash of every table this feature writes. */
async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const table of ['assessment.paper', 'assessment.item_score', 'assessment.item_score_import']) {
    const { rows } = await db.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`);
    parts.push(`${table} ${rows[0].n} ${rows[0].h}`);
  }
  return parts.join('\n');
}

const PAPER = [
  { no: '1', section: '一、选择题', fullMarks: 2, type: 'objective', key: 'B', knowledgePoints: ['函数'] },
  { no: '2', section: '一、选择题', fullMarks: 2, type: 'objective', key: 'C', knowledgePoints: ['函数'] },
  { no: '3', section: '二、解答题', fullMarks: 6, type: 'subjective', knowledgePoints: ['几何'] },
];
const sheet = (lines: string[]): string => ['学号,姓名,学校,班级,数学,1,2,3', ...lines].join('\n');
const rows = (): string[] => [
  `A001,张一,${names['s1']},七(1)班,10,B,C,6`,
  `A002,张二,${names['s1']},七(1)班,,B,A,4`,
  `A003,张三,${names['s1']},七(2)班,,A,C,3`,
  `B001,李一,${names['s2']},七(1)班,,B,D,2`,
  `B002,李二,${names['s2']},七(1)班,,C,A,1`,
];

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'assessment'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  const root = await login(ADMIN.username, ADMIN.password);
  for (const [key, code, name] of [['A', '330782', '义乌市教育局'], ['B', '330783', '东阳市教育局']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: root, body: { code, name, province: '浙江省', city: '金华市' } });
    ids[`district${key}`] = district.body.id;
    tokens[`district${key}`] = await userWithRole(root, district.body.id, `admin.${key.toLowerCase()}`, { role: 'district_admin' });
  }
  const dA = ids['districtA'] as string;
  await newSchool(tokens['districtA'] as string, dA, 's1', '城关中学');
  await newSchool(tokens['districtA'] as string, dA, 's2', '临溪镇初级中学');
  await activeAlliance(tokens['districtA'] as string, dA, 'alliance', '城关中学教育联盟', 's1', ['s2']);
  tokens['allianceAdmin'] = await userWithRole(tokens['districtA'] as string, dA, 'lianmeng', { role: 'alliance_admin', allianceId: ids['alliance'] as string });
  tokens['headS2'] = await userWithRole(tokens['districtA'] as string, dA, 'head.s2', { role: 'school_admin', schoolId: ids['s2'] as string });
  await untilDirectoryHas(tokens['districtA'] as string, ids['alliance'] as string, 2);
  const exam = await api('POST', '/api/v1/assessment/exams', {
    token: tokens['allianceAdmin'],
    body: { allianceId: ids['alliance'], term: '2026-2027-1', grade: '七年级', name: '期中统一检测', subjects: [{ name: '数学', fullMarks: 10 }], schools: [{ schoolId: ids['s1'] }, { schoolId: ids['s2'] }] },
  });
  expect(exam.status).toBe(201);
  ids['exam'] = exam.body.id;
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('papers, item scores and item analysis over HTTP', () => {
  it('answers 401 without a token and 403 to a school admin writing a paper', async () => {
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}/papers`)).status).toBe(401);
    const head = await api('PUT', `/api/v1/assessment/exams/${ids['exam']}/papers`, { token: tokens['headS2'], body: { subject: '数学', items: PAPER } });
    expect(head.status).toBe(403);
    expect(head.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('saves the paper and lists it', async () => {
    const saved = await api('PUT', `/api/v1/assessment/exams/${ids['exam']}/papers`, { token: tokens['allianceAdmin'], body: { subject: '数学', items: PAPER } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ subject: '数学', fullMarks: 10, editable: true });
    const listed = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/papers`, { token: tokens['allianceAdmin'] });
    expect(listed.body.papers[0].items.map((i: { no: string }) => i.no)).toEqual(['1', '2', '3']);
    // a school does not see a draft exam, nor its paper
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}/papers`, { token: tokens['headS2'] })).status).toBe(404);
  });

  it('names each bad row and column of an item sheet, in Chinese by default and in English, and imports nothing', async () => {
    await api('POST', `/api/v1/assessment/exams/${ids['exam']}/transitions`, { token: tokens['allianceAdmin'], body: { action: 'open' } });
    const before = await fingerprint();
    const bad = sheet([...rows(), `C001,王一,${names['s1']},七(1)班,9,B,C,6`]);
    const zh = await upload(`/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=数学`, tokens['allianceAdmin'], bad, 'zh-CN');
    expect(zh.status).toBe(400);
    expect(zh.type).toMatch(PROBLEM);
    expect(zh.body.errors).toEqual([expect.objectContaining({ row: 7, field: '数学', message: '各小题合计 10 分，与本行学科成绩 9 分不符' })]);
    const en = await upload(`/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=数学`, tokens['allianceAdmin'], bad);
    expect(en.body.errors).toEqual([expect.objectContaining({ row: 7, field: '数学', message: 'the items add up to 10, the subject score is 9' })]);
    expect(await fingerprint()).toBe(before);
  });

  it('previews, imports, and reads the analysis with its flags and the export', async () => {
    const preview = await upload(`/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=数学&dryRun=true`, tokens['allianceAdmin'], sheet(rows()));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, rowCounts: { inserted: 5 } });
    const imported = await upload(`/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=数学`, tokens['allianceAdmin'], sheet(rows()));
    expect(imported.body).toMatchObject({ dryRun: false, rowCounts: { inserted: 5, rejected: 0 } });
    const analysis = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/item-analysis?subject=${encodeURIComponent('数学')}`, { token: tokens['allianceAdmin'] });
    expect(analysis.status).toBe(200);
    expect(analysis.body).toMatchObject({ students: 5, subject: '数学', lowDiscrimination: 0.2 });
    // item 1: B B A B C → right 3 of 5; the weakest student (B002) and A003 miss it
    expect(analysis.body.items[0]).toMatchObject({ no: '1', difficulty: 0.6 });
    expect(analysis.body.items.every((i: { flags: string[] }) => Array.isArray(i.flags))).toBe(true);
    const response = await fetch(`${stack.gatewayUrl}/api/v1/assessment/exams/${ids['exam']}/item-analysis/export?subject=${encodeURIComponent('数学')}`, {
      headers: { authorization: `Bearer ${tokens['allianceAdmin']}` },
    });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['试题分析', '选项分布', '知识点得分率']);
  });

  it.each([
    ['GET', '/papers'],
    ['PUT', '/papers'],
    ['DELETE', '/papers?subject=数学'],
    ['GET', '/item-scores/template?subject=数学'],
    ['GET', '/item-analysis?subject=数学'],
    ['GET', '/item-analysis/export?subject=数学'],
  ])('answers 404 to %s /exams/:id%s from another district', async (method, suffix) => {
    const answer = await api(method, `/api/v1/assessment/exams/${ids['exam']}${suffix.replace('数学', encodeURIComponent('数学'))}`, {
      token: tokens['districtB'], body: method === 'PUT' ? { subject: '数学', items: PAPER } : undefined,
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('answers 404 to an item import into another district\'s exam', async () => {
    const answer = await upload(`/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=数学`, tokens['districtB'], sheet(rows()));
    expect(answer.status).toBe(404);
  });

  it.each([
    ['a body that is not an object', 'PUT', '/papers', [1, 2]],
    ['no items', 'PUT', '/papers', { subject: '数学', items: [] }],
    ['an unknown field', 'PUT', '/papers', { subject: '数学', items: PAPER, extra: 1 }],
    ['an item of a wrong type', 'PUT', '/papers', { subject: '数学', items: [{ ...PAPER[0], type: 'essay' }] }],
    ['negative full marks', 'PUT', '/papers', { subject: '数学', items: [{ ...PAPER[0], fullMarks: -1 }] }],
    ['a 10,000-character subject', 'PUT', '/papers', { subject: 'x'.repeat(10_000), items: PAPER }],
    ['a subject the exam lacks', 'DELETE', '/papers?subject=物理', undefined],
    ['no subject', 'DELETE', '/papers', undefined],
    ['a bad id', 'GET', '/item-analysis?subject=数学', undefined],
  ])('answers %s with 4xx problem+json in Chinese and changes nothing', async (_what, method, suffix, body) => {
    const before = await fingerprint();
    const path = _what === 'a bad id' ? `/api/v1/assessment/exams/not-a-uuid${suffix}` : `/api/v1/assessment/exams/${ids['exam']}${suffix}`;
    const answer = await api(method, encodeURI(path), { token: tokens['allianceAdmin'], body, headers: { 'accept-language': 'zh-CN' } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(JSON.stringify(answer.body)).toMatch(/[\u4e00-\u9fff]/);
    expect(await fingerprint()).toBe(before);
  });

  it('answers an import with a bad mode or without a file 400 and changes nothing', async () => {
    const before = await fingerprint();
    expect((await upload(`/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=数学&mode=some`, tokens['allianceAdmin'], sheet(rows()), 'zh-CN')).status).toBe(400);
    const empty = await fetch(`${stack.gatewayUrl}/api/v1/assessment/exams/${ids['exam']}/item-scores/import?subject=${encodeURIComponent('数学')}`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens['allianceAdmin']}`, 'content-type': 'application/json' }, body: '{}',
    });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    expect(await fingerprint()).toBe(before);
  });
});
