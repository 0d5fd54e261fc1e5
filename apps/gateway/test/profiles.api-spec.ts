import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, schoolCode, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * School profiles, the needs survey and pairing suggestions through the gateway, as a third party uses
 * them: the district opens a round, school admins answer, the district admin sees suggestions with their
 * reasons and turns one into a draft pairing. Every id route answers 401 without a token, 403 to a role
 * that may not, and 404 to another district's admin; bad input is problem+json in Chinese by default.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const TERM = '2026-2027-2';

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);

async function schoolAt(districtId: string, name: string, lat: number, lng: number): Promise<string> {
  const answer = await api('POST', '/api/v1/schools', {
    token: t['root'], body: {
      districtId, code: schoolCode(), name, stage: 'primary', locale: 'village', township: '城关镇', studentCount: 300, teacherCount: 20, classCount: 6, location: { lat, lng },
    },
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await seed.login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330792'], ['B', '330793']] as const) {
    ids[`d${key}`] = (await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } })).body.id;
  }
  ids['core'] = await schoolAt(ids['dA']!, '实验小学', 28.2, 112.9);
  ids['village'] = await schoolAt(ids['dA']!, '下湾村小学', 28.26, 112.9);
  ids['bSchool'] = await schoolAt(ids['dB']!, '外县小学', 28.2, 112.9);
  t['districtA'] = await seed.person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['coreHead'] = await seed.person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await seed.person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['teacher'] = await seed.person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const deadline = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describe('school profiles and pairing suggestions', () => {
  it('opens a round (201) with the default taxonomy; a malformed one is a Chinese problem that creates nothing', async () => {
    const bad = await api('POST', '/api/v1/profile-rounds', { token: t['districtA'], body: { districtId: ids['dA'], term: '2026-2027-3', deadline: 'soon' }, headers: { 'accept-language': 'zh-CN' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['deadline', 'term']);
    expect(bad.body.detail ?? bad.body.title).toMatch(/[\u4e00-\u9fff]/);
    expect((await api('GET', '/api/v1/profile-rounds', { token: t['districtA'] })).body.total).toBe(0);

    const round = await api('POST', '/api/v1/profile-rounds', { token: t['districtA'], body: { districtId: ids['dA'], term: TERM, deadline: deadline() } });
    expect(round.status).toBe(201);
    expect(round.body).toMatchObject({ status: 'open', schoolCount: 2, submittedCount: 0 });
    ids['round'] = round.body.id;
    const tags = await api('GET', `/api/v1/districts/${ids['dA']}/profile-tags`, { token: t['villageHead'] });
    expect(tags.status).toBe(200);
    for (const tag of tags.body.items) ids[`tag:${tag.code}`] = tag.id;
    expect(ids['tag:farm_base']).toBeDefined();
  });

  it('lets each school admin submit its profile and the district see who submitted', async () => {
    const core = await api('POST', `/api/v1/profile-rounds/${ids['round']}/profiles`, {
      token: t['coreHead'], body: { schoolId: ids['core'], strengths: [{ tagId: ids['tag:english'], level: 'high' }, { tagId: ids['tag:music'], level: 'high' }], needs: [], specialities: [ids['tag:youth_palace']], capacity: 2 },
    });
    expect(core.status).toBe(200);
    const village = await api('POST', `/api/v1/profile-rounds/${ids['round']}/profiles`, {
      token: t['villageHead'], body: { schoolId: ids['village'], strengths: [], needs: [{ tagId: ids['tag:english'], level: 'high' }, { tagId: ids['tag:music'], level: 'medium' }], specialities: [], capacity: 0, note: '缺英语、音乐专职教师' },
    });
    expect(village.status).toBe(200);
    ids['villageProfile'] = village.body.id;
    const round = await api('GET', `/api/v1/profile-rounds/${ids['round']}`, { token: t['districtA'] });
    expect(round.body.submittedCount).toBe(2);
    // a school admin cannot answer for another school
    const other = await api('POST', `/api/v1/profile-rounds/${ids['round']}/profiles`, {
      token: t['villageHead'], body: { schoolId: ids['core'], strengths: [], needs: [], specialities: [], capacity: 0 },
    });
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('shows the district admin suggestions with their reasons, solved to optimality', async () => {
    const answer = await api('GET', `/api/v1/districts/${ids['dA']}/pairing-suggestions?term=${TERM}&travelLimitKm=20`, { token: t['districtA'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'Optimal', profiles: 2, params: { travelLimitKm: 20, roadFactor: 1.3 } });
    expect(answer.body.suggestions).toHaveLength(1);
    const [s] = answer.body.suggestions;
    expect(s).toMatchObject({ kind: 'school', provider: { id: ids['core'] }, school: { id: ids['village'] } });
    expect(s.reasonZh).toMatch(/^提供 英语、音乐，[\d.]+ km$/);
    const english = await api('GET', `/api/v1/districts/${ids['dA']}/pairing-suggestions?term=${TERM}`, { token: t['districtA'], headers: { 'accept-language': 'en' } });
    expect(english.body.suggestions[0].reasonEn).toMatch(/^supplies English and Music, [\d.]+ km$/);
  });

  it('turns the suggestion into a draft pairing of both schools', async () => {
    const accepted = await api('POST', `/api/v1/districts/${ids['dA']}/pairing-suggestions/accept`, {
      token: t['districtA'], body: { term: TERM, supportingSchoolId: ids['core'], supportedSchoolId: ids['village'] },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ kind: 'pairing', status: 'draft', name: '实验小学—下湾村小学' });
    const alliance = await api('GET', `/api/v1/alliances/${accepted.body.id}`, { token: t['districtA'] });
    expect(alliance.body.members.map((m: { school: { id: string }; role: string }) => [m.school.id, m.role])).toEqual([[ids['core'], 'supporting'], [ids['village'], 'supported']]);
    const again = await api('POST', `/api/v1/districts/${ids['dA']}/pairing-suggestions/accept`, {
      token: t['districtA'], body: { term: TERM, supportingSchoolId: ids['core'], supportedSchoolId: ids['village'] },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('membership.pairing.not-a-suggestion');
  });

  it('shows a profile against the term before', async () => {
    const answer = await api('GET', `/api/v1/school-profiles/${ids['villageProfile']}/changes`, { token: t['teacher'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ previousTerm: null, changes: [] });
  });

  describe('access', () => {
    const routes = (): [string, string, Record<string, unknown> | undefined][] => [
      ['GET', `/api/v1/districts/${ids['dA']}/profile-tags`, undefined],
      ['POST', `/api/v1/districts/${ids['dA']}/profile-tags`, { category: 'speciality', code: 'calligraphy', nameZh: '书法特色', nameEn: 'Calligraphy' }],
      ['PATCH', `/api/v1/profile-tags/${ids['tag:farm_base']}`, { nameZh: '农耕实践基地' }],
      ['GET', `/api/v1/profile-rounds/${ids['round']}`, undefined],
      ['POST', `/api/v1/profile-rounds/${ids['round']}/close`, undefined],
      ['POST', `/api/v1/profile-rounds/${ids['round']}/profiles`, { schoolId: ids['village'], strengths: [], needs: [], specialities: [], capacity: 0 }],
      ['GET', `/api/v1/school-profiles/${ids['villageProfile']}`, undefined],
      ['GET', `/api/v1/school-profiles/${ids['villageProfile']}/changes`, undefined],
      ['GET', `/api/v1/districts/${ids['dA']}/pairing-suggestions?term=${TERM}`, undefined],
      ['POST', `/api/v1/districts/${ids['dA']}/pairing-suggestions/accept`, { term: TERM, supportingSchoolId: ids['core'], supportedSchoolId: ids['village'] }],
      ['PUT', `/api/v1/districts/${ids['dA']}/road-distances`, { schoolAId: ids['core'], schoolBId: ids['village'], km: 9 }],
    ];

    it('answers 401 without a token on every route', async () => {
      for (const [method, path, body] of routes()) {
        const answer = await api(method, path, { body });
        expect({ method, path, status: answer.status }).toEqual({ method, path, status: 401 });
      }
    });

    it("answers 404 to another district's admin on every id route, changing nothing", async () => {
      const audits = (await api('GET', '/api/v1/audit?pageSize=1', { token: t['districtA'] })).body.total;
      for (const [method, path, body] of routes()) {
        const answer = await api(method, path, { token: t['districtB'], body });
        expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
        expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      }
      expect((await api('GET', '/api/v1/audit?pageSize=1', { token: t['districtA'] })).body.total).toBe(audits);
    });

    it('answers 403 to a teacher on every route a teacher may not use', async () => {
      const forbidden = routes().filter(([method, path]) => !(method === 'GET' && /profile-tags|profile-rounds\/|school-profiles/.test(path)));
      for (const [method, path, body] of forbidden) {
        const answer = await api(method, path, { token: t['teacher'], body });
        expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
      }
    });

    it("hides a school's profile from another school (404)", async () => {
      expect((await api('GET', `/api/v1/school-profiles/${ids['villageProfile']}`, { token: t['coreHead'] })).status).toBe(404);
    });
  });
});
