import { startStack, type RunningStack } from '@jiaolian/testing';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import yauzl from 'yauzl';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Briefings and term archives through the gateway, as a third party uses them: who issues and reads
 * which briefing (foreign ids 404), the PDF (starts with %PDF, its first page carries the Chinese title)
 * and the workbook, bad input as Chinese problem+json that issues nothing, and an archive requested,
 * built and downloaded as a zip. Only membership and activities run: the other services' sections say
 * not available.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, school, alliance, person } = seed;

async function download(token: string, path: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const response = await fetch(`${stack.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

async function firstPageText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  return content.items.map((item) => ('str' in item ? item.str : '')).join('');
}

function zipEntries(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const names: string[] = [];
      file.on('entry', (entry: yauzl.Entry) => { names.push(entry.fileName); file.readEntry(); });
      file.on('end', () => resolve(names));
      file.readEntry();
    });
  });
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'activities'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true', ARCHIVE_POLL_MS: '300' } });
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
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['teacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  await seed.directorySees('activities', t['allianceAdmin']!, ids['alliance']!, 2);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('briefings', () => {
  it('lets the alliance admin issue the alliance briefing of a quarter (201), frozen with the other services marked not available', async () => {
    const answer = await api('POST', '/api/v1/briefings', { token: t['allianceAdmin'], body: { scope: 'alliance', allianceId: ids['alliance'], quarter: '2026-Q3' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      scope: 'alliance', allianceId: ids['alliance'], scopeName: '实验小学教联体', period: '2026-Q3', from: '2026-07-01', to: '2026-09-30', term: '2026-2027-1',
      title: '实验小学教联体2026年第三季度工作简报',
    });
    // the services not running cannot answer; membership counts the alliance's two member schools, both joined this term
    const unavailable = answer.body.content.services.filter((s: { available: boolean }) => !s.available).map((s: { service: string }) => s.service);
    expect(unavailable.sort()).toEqual(['assessment', 'curriculum', 'teacher-exchange']);
    expect(answer.body.content.services.find((s: { service: string }) => s.service === 'membership').figures).toEqual(expect.arrayContaining([
      { key: 'membership.alliance.member-schools', unit: 'count', value: 2 }, { key: 'membership.alliance.joined', unit: 'count', value: 2 },
    ]));
    ids['briefing'] = answer.body.id;
  });

  it('serves the PDF with the Chinese title on its first page and the workbook that opens', async () => {
    const pdf = await download(t['teacher']!, `/api/v1/briefings/${ids['briefing']}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toContain(encodeURIComponent('实验小学教联体2026年第三季度工作简报.pdf'));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await firstPageText(pdf.bytes);
    expect(text).toContain('实验小学教联体2026年第三季度工作简报');
    expect(text).toContain('2026年第三季度');

    const xlsx = await download(t['allianceAdmin']!, `/api/v1/briefings/${ids['briefing']}/xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet('概览')!.getRow(2).getCell(2).value).toBe('实验小学教联体2026年第三季度工作简报');
  });

  it('lets member schools read their alliance briefing, not issue one; another district gets 404', async () => {
    const list = await api('GET', '/api/v1/briefings', { token: t['villageHead'] });
    expect(list.body.items.map((b: { id: string }) => b.id)).toEqual([ids['briefing']]);
    const refused = await api('POST', '/api/v1/briefings', { token: t['villageHead'], body: { scope: 'alliance', allianceId: ids['alliance'], quarter: '2026-Q3' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(PROBLEM);
    const foreign = await api('GET', `/api/v1/briefings/${ids['briefing']}`, { token: t['districtB'] });
    expect(foreign.status).toBe(404);
    expect((await download(t['districtB']!, `/api/v1/briefings/${ids['briefing']}/pdf`)).status).toBe(404);
    const foreignIssue = await api('POST', '/api/v1/briefings', { token: t['districtB'], body: { scope: 'alliance', allianceId: ids['alliance'], quarter: '2026-Q3' } });
    expect(foreignIssue.status).toBe(404);
    expect((await api('GET', '/api/v1/briefings', { token: t['districtB'] })).body.items).toEqual([]);
  });

  it.each([
    ['two periods', { scope: 'alliance', quarter: '2026-Q3', term: '2026-2027-1' }, 'quarter'],
    ['no alliance', { scope: 'district', quarter: '2026-Q3' }, 'districtId'],
    ['a quarter not begun', { scope: 'alliance', quarter: '2099-Q1' }, 'quarter'],
    ['days the wrong way round', { scope: 'alliance', from: '2026-09-30', to: '2026-09-01' }, 'to'],
    ['a malformed quarter', { scope: 'alliance', quarter: '2026-Q5' }, 'quarter'],
  ])('refuses %s in Chinese by default, naming the field, and issues nothing', async (_case, body, field) => {
    const before = (await api('GET', '/api/v1/briefings', { token: t['districtA'] })).body.total;
    const answer = await api('POST', '/api/v1/briefings', {
      token: t['districtA'], body: { allianceId: body.scope === 'alliance' ? ids['alliance'] : undefined, ...body }, headers: { 'accept-language': 'zh-CN' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(JSON.stringify(answer.body.errors)).toContain(field);
    expect(answer.body.detail ?? answer.body.title).toMatch(/[\u4e00-\u9fff]/);
    expect((await api('GET', '/api/v1/briefings', { token: t['districtA'] })).body.total).toBe(before);
  });

  it('lets the district admin issue the district briefing under the district\'s own name, which schools do not see', async () => {
    const answer = await api('POST', '/api/v1/briefings', { token: t['districtA'], body: { scope: 'district', districtId: ids['dA'], term: '2025-2026-2' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ scope: 'district', scopeName: 'A县教育局', title: 'A县教育局2025-2026学年第二学期工作简报' });
    expect((await api('GET', `/api/v1/briefings/${answer.body.id}`, { token: t['villageHead'] })).status).toBe(404);
    const onlyAlliance = await api('POST', '/api/v1/briefings', { token: t['allianceAdmin'], body: { scope: 'district', districtId: ids['dA'], term: '2025-2026-2' } });
    expect(onlyAlliance.status).toBe(403);
  });
});

describe('term archives', () => {
  it('builds the alliance archive in the background and serves the zip; schools may not ask for one', async () => {
    const queued = await api('POST', '/api/v1/archives', { token: t['allianceAdmin'], body: { scope: 'alliance', allianceId: ids['alliance'], term: '2026-2027-1' } });
    expect(queued.status).toBe(201);
    expect(['queued', 'running', 'done']).toContain(queued.body.status);
    let job = queued.body;
    const deadline = Date.now() + 60_000;
    while (job.status === 'queued' || job.status === 'running') {
      if (Date.now() > deadline) throw new Error(`archive still ${job.status}`);
      await new Promise((r) => setTimeout(r, 300));
      job = (await api('GET', `/api/v1/archives/${queued.body.id}`, { token: t['allianceAdmin'] })).body;
    }
    expect(job).toMatchObject({ status: 'done', progress: 100, error: null });
    const zip = await download(t['allianceAdmin']!, `/api/v1/archives/${job.id}/download`);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe('application/zip');
    expect(await zipEntries(zip.bytes)).toEqual(expect.arrayContaining(['activities/activities.csv', 'attendance/registrations.csv', 'plans/plans.csv', 'README.txt']));

    const list = await api('GET', '/api/v1/archives?term=2026-2027-1', { token: t['districtA'] });
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([job.id]);
    expect((await api('GET', '/api/v1/archives', { token: t['villageHead'] })).status).toBe(403);
    expect((await api('GET', `/api/v1/archives/${job.id}`, { token: t['districtB'] })).status).toBe(404);
    const bad = await api('POST', '/api/v1/archives', { token: t['allianceAdmin'], body: { scope: 'alliance', allianceId: ids['alliance'], term: '2026-2027-3' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
  });
});
