import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Indicator frameworks and term evaluations through the gateway, with every service up and answering
 * its term facts: roles and tenancy (a school sees its own evaluation and the ranking positions, not
 * another school's details; foreign ids 404), bad input as problem+json in Chinese by default that
 * changes nothing, the three steps to publication, and a framework in use becoming a new version.
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

const evaluationOf = async (schoolId: string | null): Promise<{ id: string; total: number | null }> => {
  const list = await api('GET', `/api/v1/evaluation/evaluations?term=${TERM}&pageSize=50`, { token: t['districtA'] });
  return list.body.items.find((e: { schoolId: string | null }) => e.schoolId === schoolId);
};

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'activities', 'teacher-exchange', 'curriculum', 'assessment'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
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
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!, ids['township']!]);
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['villageHead'] = await seed.person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['allianceAdmin'] = await seed.person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  await seed.directorySees('assessment', t['allianceAdmin']!, ids['alliance']!, 3);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('term evaluation through the gateway', () => {
  it('lets the district admin copy the default framework; a school head may not (403)', async () => {
    const refused = await api('POST', '/api/v1/evaluation/frameworks', { token: t['villageHead'], body: { districtId: ids['dA'], name: '指标', term: TERM } });
    expect(refused.status).toBe(403);
    const created = await api('POST', '/api/v1/evaluation/frameworks', { token: t['districtA'], body: { districtId: ids['dA'], name: '2026 年考核指标', term: TERM } });
    expect(created.status).toBe(201);
    expect(created.body.dimensions).toHaveLength(5);
    ids['framework'] = created.body.id;
    expect((await api('GET', `/api/v1/evaluation/frameworks/${ids['framework']}`, { token: t['districtB'] })).status).toBe(404);
  });

  it('lists the term facts a computed indicator may name, with their meaning in both languages, to any role', async () => {
    const facts = await api('GET', '/api/v1/evaluation/frameworks/facts', { token: t['villageHead'] });
    expect(facts.status).toBe(200);
    expect(facts.body.items.length).toBeGreaterThanOrEqual(13);
    expect(facts.body.items).toContainEqual(expect.objectContaining({ key: 'teacher-exchange.quota.completion', service: 'teacher-exchange', kind: 'rate' }));
    const satisfaction = facts.body.items.find((f: { key: string }) => f.key === 'assessment.surveys.satisfaction');
    expect(satisfaction.description).toContain('满意度');
    expect(satisfaction.descriptionEn).toContain('satisfaction');
  });

  it('answers a tree whose weights do not sum to 100 with 400 problem+json in Chinese by default, and stores nothing', async () => {
    const framework = (await api('GET', `/api/v1/evaluation/frameworks/${ids['framework']}`, { token: t['districtA'] })).body;
    const dimensions = framework.dimensions.map((d: { indicators: { source?: string; sourceEn?: string }[] }) => ({
      ...d, indicators: d.indicators.map(({ source: _s, sourceEn: _e, ...i }) => i),
    }));
    dimensions[0].weight = 40;
    const answer = await api('POST', '/api/v1/evaluation/frameworks', { token: t['districtA'], headers: { 'accept-language': 'zh-CN' }, body: { districtId: ids['dA'], name: '有误', term: TERM, dimensions } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors[0]).toMatchObject({ field: 'dimensions', code: 'assessment.framework.weights-sum' });
    expect(answer.body.errors[0].message).toContain('权重之和必须为 100');
    expect((await api('GET', '/api/v1/evaluation/frameworks', { token: t['districtA'] })).body.total).toBe(1);
  });

  it('opens the term for the alliance and its three schools with every service answering its facts', async () => {
    const opened = await api('POST', '/api/v1/evaluation/evaluations', { token: t['districtA'], body: { frameworkId: ids['framework'], term: TERM } });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ created: 4, refreshed: 0, unavailable: [] });
    const detail = await api('GET', `/api/v1/evaluation/evaluations/${(await evaluationOf(ids['village']!)).id}`, { token: t['villageHead'] });
    expect(detail.status).toBe(200);
    const indicators = detail.body.dimensions.flatMap((d: { indicators: object[] }) => d.indicators);
    // nothing happened in the term yet: counts are 0, rates and surveys have no data
    expect(indicators.find((i: { code: string }) => i.code === 'teacher.placements')).toMatchObject({ value: 0, score: 0, noData: false });
    expect(indicators.find((i: { code: string }) => i.code === 'satisfaction.survey')).toMatchObject({ score: null, noData: true });
  });

  it('shows a school head only the own evaluation; another school\'s and a foreign district\'s reads answer 404', async () => {
    const mine = await api('GET', `/api/v1/evaluation/evaluations?term=${TERM}`, { token: t['villageHead'] });
    expect(mine.body.items.map((e: { schoolId: string }) => e.schoolId)).toEqual([ids['village']]);
    const township = await evaluationOf(ids['township']!);
    const other = await api('GET', `/api/v1/evaluation/evaluations/${township.id}`, { token: t['villageHead'] });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(PROBLEM);
    expect((await api('GET', `/api/v1/evaluation/evaluations/${township.id}/drill-down?indicator=teacher.quota`, { token: t['villageHead'] })).status).toBe(404);
    expect((await api('GET', `/api/v1/evaluation/evaluations/${township.id}`, { token: t['districtB'] })).status).toBe(404);
    expect((await api('POST', `/api/v1/evaluation/evaluations/${township.id}/transitions`, { token: t['districtB'], body: { action: 'publish' } })).status).toBe(404);
  });

  it('runs self-evaluation, alliance review and district review to publication; illegal steps answer 409', async () => {
    const id = (await evaluationOf(ids['village']!)).id;
    const early = await api('POST', `/api/v1/evaluation/evaluations/${id}/transitions`, { token: t['districtA'], body: { action: 'publish' } });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(PROBLEM);
    const scored = await api('POST', `/api/v1/evaluation/evaluations/${id}/scores`, { token: t['villageHead'], body: { scores: [{ indicator: 'teacher.development', score: 8, evidence: '师徒结对 3 对' }] } });
    expect(scored.status).toBe(200);
    expect((await api('POST', `/api/v1/evaluation/evaluations/${id}/transitions`, { token: t['villageHead'], body: { action: 'submit' } })).status).toBe(200);
    expect((await api('POST', `/api/v1/evaluation/evaluations/${id}/transitions`, { token: t['villageHead'], body: { action: 'approve' } })).status).toBe(403);
    expect((await api('POST', `/api/v1/evaluation/evaluations/${id}/transitions`, { token: t['allianceAdmin'], body: { action: 'approve' } })).status).toBe(200);
    const published = await api('POST', `/api/v1/evaluation/evaluations/${id}/transitions`, { token: t['districtA'], body: { action: 'publish' } });
    expect(published.status).toBe(200);
    expect(published.body.step).toBe('published');
    expect((await api('POST', `/api/v1/evaluation/evaluations/${id}/refresh`, { token: t['districtA'] })).status).toBe(409);
  });

  it('gives a school head the ranking positions with only its own scores', async () => {
    const ranking = await api('GET', `/api/v1/evaluation/rankings?term=${TERM}&allianceId=${ids['alliance']}`, { token: t['villageHead'] });
    expect(ranking.status).toBe(200);
    expect(ranking.body.items).toHaveLength(3);
    for (const item of ranking.body.items) {
      if (item.targetId === ids['village']) expect(item.total).toEqual(expect.any(Number));
      else expect(item).toMatchObject({ total: null, evaluationId: null, dimensions: [] });
    }
    expect((await api('GET', `/api/v1/evaluation/rankings?term=${TERM}&allianceId=${ids['alliance']}`, { token: t['districtB'] })).status).toBe(404);
  });

  it('makes a change to a framework in use its next version', async () => {
    const framework = (await api('GET', `/api/v1/evaluation/frameworks/${ids['framework']}`, { token: t['districtA'] })).body;
    const changed = await api('PATCH', `/api/v1/evaluation/frameworks/${ids['framework']}`, { token: t['districtA'], body: { name: '2026 年考核指标（修订）' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, lineageId: framework.lineageId, name: '2026 年考核指标（修订）' });
    expect((await api('GET', `/api/v1/evaluation/frameworks/${ids['framework']}`, { token: t['districtA'] })).body).toMatchObject({ version: 1, name: '2026 年考核指标', inUse: true });
  });
});
