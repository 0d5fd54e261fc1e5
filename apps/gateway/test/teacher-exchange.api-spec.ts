import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Teacher exchange through the gateway, as a third party uses it. Membership data is seeded through the
 * membership API; the tests wait until the teacher-exchange directory has heard of it. One story in order.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const YEAR = 2026;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, person, school, alliance } = seed;
const directorySees = (token: string, allianceId: string, schools: number): Promise<void> => seed.directorySees('teacher-exchange', token, allianceId, schools);

/** Uploads a roster; the answer is in English unless `language` says otherwise (as with `api`). */
async function upload(token: string, fields: Record<string, string>, filename: string, content: string | Uint8Array, language = 'en'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([content as BlobPart]), filename);
  const response = await fetch(`${stack.gatewayUrl}/api/v1/teacher-exchange/teachers/import`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'accept-language': language }, body: form,
  });
  return { status: response.status, body: await response.json() };
}

const csv = (rows: string[]): string => `\uFEFF工号,姓名,性别,任教学科,职称,骨干级别,是否中层\n${rows.join('\n')}\n`;

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
  ids['outside'] = await school(ids['dA']!, '城东小学');
  ids['bCore'] = await school(ids['dB']!, '外县小学');
  ids['bVillage'] = await school(ids['dB']!, '外县村小');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教联体', ids['core']!, [ids['village']!]);
  ids['allianceB'] = await alliance(ids['dB']!, '外县联盟', ids['bCore']!, [ids['bVillage']!]);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['outsideHead'] = await person(ids['dA']!, 'outside.head', { role: 'school_admin', schoolId: ids['outside']! });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['allianceAdminB'] = await person(ids['dB']!, 'alliance.b', { role: 'alliance_admin', allianceId: ids['allianceB']! });
  t['bHead'] = await person(ids['dB']!, 'b.head', { role: 'school_admin', schoolId: ids['bCore']! });
  await directorySees(t['districtA']!, ids['alliance']!, 2);
  await directorySees(t['districtB']!, ids['allianceB']!, 2);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('teachers', () => {
  it('lets a school admin add a teacher and shows subject codes, school name and rank', async () => {
    const answer = await api('POST', '/api/v1/teacher-exchange/teachers', {
      token: t['coreHead'], body: { schoolId: ids['core'], staffNo: 'S001', name: '王丽', gender: 'female', subjects: ['chinese', 'morality_law'], title: 'senior', rank: 'backbone', middleManager: true },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ schoolName: '实验小学', subjects: ['chinese', 'morality_law'], rank: 'backbone', middleManager: true });
    ids['wang'] = answer.body.id;
  });

  it('answers 400 naming a bad subject and 409 for a staff number used at the school, writing nothing', async () => {
    const body = { schoolId: ids['core'], staffNo: 'S002', name: '赵', gender: 'male', subjects: ['calligraphy'], title: 'first', rank: 'none', middleManager: false };
    const bad = await api('POST', '/api/v1/teacher-exchange/teachers', { token: t['coreHead'], body });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('subjects');
    const dup = await api('POST', '/api/v1/teacher-exchange/teachers', { token: t['coreHead'], body: { ...body, subjects: ['math'], staffNo: 'S001' } });
    expect(dup.status).toBe(409);
    expect((await api('GET', '/api/v1/teacher-exchange/teachers', { token: t['coreHead'] })).body.total).toBe(1);
  });

  it('searches by name or staff number and filters by subject and rank', async () => {
    await api('POST', '/api/v1/teacher-exchange/teachers', {
      token: t['villageHead'], body: { schoolId: ids['village'], staffNo: 'V001', name: '李明', gender: 'male', subjects: ['math'], title: 'second', rank: 'none', middleManager: false },
    });
    const list = (q: string): Promise<string[]> => api('GET', `/api/v1/teacher-exchange/teachers?${q}`, { token: t['districtA'] }).then((a) => a.body.items.map((x: { name: string }) => x.name));
    expect(await list('')).toEqual(['王丽', '李明']);
    expect(await list(`q=${encodeURIComponent('李')}`)).toEqual(['李明']);
    expect(await list('q=S001')).toEqual(['王丽']);
    expect(await list('subject=math')).toEqual(['李明']);
    expect(await list('rank=backbone')).toEqual(['王丽']);
    expect((await api('GET', '/api/v1/teacher-exchange/teachers', { token: t['districtB'] })).body.total).toBe(0);
  });
});

describe('teacher import', () => {
  it('offers the template for download as .xlsx and .csv', async () => {
    const xlsx = await fetch(`${stack.gatewayUrl}/api/v1/teacher-exchange/teachers/import-template?format=xlsx`, { headers: { authorization: `Bearer ${t['villageHead']}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(encodeURIComponent('教师导入模板.xlsx'));
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip, as every .xlsx is
    const text = await (await fetch(`${stack.gatewayUrl}/api/v1/teacher-exchange/teachers/import-template?format=csv`, { headers: { authorization: `Bearer ${t['villageHead']}` } })).text();
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('工号,姓名,性别,任教学科,职称,骨干级别,是否中层');
  });

  it('answers 400 listing every bad row with its number and imports nothing by default', async () => {
    const file = csv(['V002,张三,男,语文,一级,无,否', 'V003,,女,数学,,,', 'V004,赵六,男,书法,,,']);
    const answer = await upload(t['villageHead']!, { schoolId: ids['village']! }, 'teachers.csv', file);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ row: 3, field: '姓名' }),
      expect.objectContaining({ row: 4, field: '任教学科' }),
    ]);
    expect((await api('GET', `/api/v1/teacher-exchange/teachers?schoolId=${ids['village']}`, { token: t['villageHead'] })).body.total).toBe(1);
  });

  it('imports the good rows with mode=valid-only, and re-importing updates by staff number without duplicates', async () => {
    const file = csv(['V002,张三,男,语文,一级,骨干教师,是', 'V003,,女,数学,,,', 'V001,李明,男,数学、科学,一级,,否']);
    const first = await upload(t['villageHead']!, { schoolId: ids['village']!, mode: 'valid-only' }, 'teachers.csv', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, created: 1, updated: 1, skipped: 1, errors: [expect.objectContaining({ row: 3 })] });
    const again = await upload(t['villageHead']!, { schoolId: ids['village']!, mode: 'valid-only' }, 'teachers.csv', file);
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    const list = await api('GET', `/api/v1/teacher-exchange/teachers?schoolId=${ids['village']}&sort=staffNo`, { token: t['villageHead'] });
    expect(list.body.items.map((x: { staffNo: string }) => x.staffNo)).toEqual(['V001', 'V002']);
    expect(list.body.items[0].subjects).toEqual(['math', 'science']);
  });

  it('previews an import with dryRun=true: every row\'s outcome, a renamed staff number as a conflict, nothing stored; 400 for a bad dryRun', async () => {
    const count = async (): Promise<number> => (await api('GET', `/api/v1/teacher-exchange/teachers?schoolId=${ids['village']}`, { token: t['villageHead'] })).body.total;
    const before = await count();
    const file = csv(['V001,李敏,男,数学,,,', 'V009,周九,女,语文,,,']);
    const answer = await upload(t['villageHead']!, { schoolId: ids['village']!, mode: 'valid-only', dryRun: 'true' }, 'teachers.csv', file);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dryRun: true, rowCounts: { inserted: 1, rejected: 1 } });
    expect(answer.body.rowOutcomes.map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([[2, 'rejected'], [3, 'inserted']]);
    expect(answer.body.errors[0]).toMatchObject({ code: 'exchange.teacher-import.staff-no-stored', message: expect.stringContaining('conflict') });
    const zh = await upload(t['villageHead']!, { schoolId: ids['village']!, mode: 'valid-only', dryRun: 'true' }, 'teachers.csv', file, 'zh-CN');
    expect(zh.body.rowOutcomes[0].errors).toEqual([expect.objectContaining({ code: 'exchange.teacher-import.staff-no-stored', message: expect.stringMatching(/^工号“V001”已是本校教师“.+”，本行是“李敏”$/) })]);
    expect(zh.body.errors).toEqual(zh.body.rowOutcomes[0].errors);
    expect(await count()).toBe(before);
    const bad = await upload(t['villageHead']!, { schoolId: ids['village']!, dryRun: 'maybe' }, 'teachers.csv', file);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'dryRun' })]);
    expect(await count()).toBe(before);
  });

  it('refuses an import into another school (403) or another district\'s school (404), and a file of another type (400)', async () => {
    const file = csv(['X001,某某,男,语文,,,']);
    expect((await upload(t['villageHead']!, { schoolId: ids['core']! }, 'a.csv', file)).status).toBe(403);
    expect((await upload(t['villageHead']!, { schoolId: ids['bCore']! }, 'a.csv', file)).status).toBe(404);
    const wrongType = await upload(t['villageHead']!, { schoolId: ids['village']! }, 'a.txt', file);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
  });
});

describe('placements', () => {
  const path = (action = ''): string => `/api/v1/teacher-exchange/placements/${ids['placement']}${action}`;

  it('refuses a host school outside the alliance', async () => {
    const answer = await api('POST', '/api/v1/teacher-exchange/placements', {
      token: t['coreHead'], body: { teacherId: ids['wang'], kind: 'rotation', hosts: [{ schoolId: ids['outside'] }], startsOn: '2026-09-01', endsOn: '2027-01-31' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'hosts' })]);
  });

  it('runs a rotation through home and host approval, activation and completion', async () => {
    const proposed = await api('POST', '/api/v1/teacher-exchange/placements', {
      token: t['coreHead'], body: { teacherId: ids['wang'], kind: 'rotation', hosts: [{ schoolId: ids['village'] }], startsOn: '2026-09-01', endsOn: '2027-01-31' },
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', allianceId: ids['alliance'], homeSchoolName: '实验小学', hosts: [expect.objectContaining({ schoolName: '下湾村小学' })] });
    ids['placement'] = proposed.body.id;
    expect((await api('POST', path('/approve'), { token: t['villageHead'], body: {} })).status).toBe(403);
    expect((await api('POST', path('/approve'), { token: t['coreHead'], body: {} })).body.status).toBe('home_approved');
    expect((await api('POST', path('/approve'), { token: t['villageHead'], body: {} })).body.status).toBe('approved');
    const filtered = await api('GET', '/api/v1/teacher-exchange/placements?status=approved', { token: t['villageHead'] });
    expect(filtered.body.items.map((p: { id: string }) => p.id)).toEqual([ids['placement']]);
    expect((await api('GET', '/api/v1/teacher-exchange/placements?status=proposed', { token: t['villageHead'] })).body.total).toBe(0);
    expect((await api('POST', path('/activate'), { token: t['allianceAdmin'] })).body.status).toBe('active');
  });

  it('needs a reason to reject or cancel (400) and a fitting status (409)', async () => {
    const noReason = await api('POST', path('/cancel'), { token: t['allianceAdmin'], body: {} });
    expect(noReason.status).toBe(400);
    expect(new Set(noReason.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['reason']));
    expect((await api('POST', path('/cancel'), { token: t['allianceAdmin'], body: { reason: '已开始' } })).status).toBe(409);
  });

  // Where the caller's role may never take an action the gateway answers 403 before the service is asked;
  // everywhere else the service answers 404, exactly as for an id that does not exist.
  const ROUTE_ROLES: Record<string, string[]> = {
    '/approve': ['district_admin', 'school_admin'], '/reject': ['district_admin', 'school_admin'], '/activate': ['district_admin', 'alliance_admin'],
    '/complete': ['district_admin', 'alliance_admin', 'school_admin'], '/cancel': ['district_admin', 'alliance_admin', 'school_admin'],
  };
  it.each([
    ['another district\'s admin', 'districtB', 'district_admin'],
    ['another district\'s alliance admin', 'allianceAdminB', 'alliance_admin'],
    ['a school admin of a school it does not involve', 'outsideHead', 'school_admin'],
  ])('answers 404 on every placement id route to %s, and changes nothing', async (_, who, role) => {
    const token = t[who];
    expect((await api('GET', path(), { token })).status).toBe(404);
    for (const [action, roles] of Object.entries(ROUTE_ROLES)) {
      const answer = await api('POST', path(action), { token, body: action === '/reject' || action === '/cancel' ? { reason: '不同意' } : {} });
      expect([action, answer.status]).toEqual([action, roles.includes(role) ? 404 : 403]);
    }
    expect((await api('GET', path(), { token: t['allianceAdmin'] })).body.status).toBe('active');
  });

  it('completes the placement', async () => {
    const done = await api('POST', path('/complete'), { token: t['coreHead'] });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
  });
});

describe('404 on teacher id routes outside the caller\'s reach', () => {
  it.each([['districtB'], ['bHead'], ['outsideHead'], ['allianceAdminB']])('%s', async (who) => {
    const token = t[who];
    expect((await api('GET', `/api/v1/teacher-exchange/teachers/${ids['wang']}`, { token })).status).toBe(404);
    const patch = await api('PATCH', `/api/v1/teacher-exchange/teachers/${ids['wang']}`, { token, body: { name: '改名' } });
    expect(patch.status).toBe(who === 'allianceAdminB' ? 403 : 404); // alliance admins never change teachers: the gateway says so first
    expect((await api('GET', `/api/v1/teacher-exchange/teachers/${ids['wang']}`, { token: t['coreHead'] })).body.name).toBe('王丽');
  });
});

describe('quotas', () => {
  it('lets the alliance admin set the year\'s quotas and shows which schools are behind', async () => {
    const set = await api('PUT', '/api/v1/teacher-exchange/quotas', {
      token: t['allianceAdmin'], body: { allianceId: ids['alliance'], year: YEAR, rules: [{ category: 'middle_manager', min: 1, max: 2 }, { category: 'backbone', min: 3, max: 4 }] },
    });
    expect(set.status).toBe(200);
    expect((await api('PUT', '/api/v1/teacher-exchange/quotas', { token: t['coreHead'], body: { allianceId: ids['alliance'], year: YEAR, rules: [] } })).status).toBe(403);
    const progress = await api('GET', `/api/v1/teacher-exchange/quotas/progress?allianceId=${ids['alliance']}&year=${YEAR}`, { token: t['districtA'] });
    expect(progress.status).toBe(200);
    const core = progress.body.schools.find((s: { schoolId: string }) => s.schoolId === ids['core']);
    expect(core.categories).toEqual([
      expect.objectContaining({ category: 'middle_manager', actual: 1, state: 'met' }),
      expect.objectContaining({ category: 'backbone', actual: 1, state: 'behind' }),
    ]);
    expect(core.behind).toBe(true);
  });

  it('answers 404 for another district\'s alliance', async () => {
    for (const route of [`quotas?allianceId=${ids['alliance']}&year=${YEAR}`, `quotas/progress?allianceId=${ids['alliance']}&year=${YEAR}`]) {
      expect((await api('GET', `/api/v1/teacher-exchange/${route}`, { token: t['districtB'] })).status).toBe(404);
    }
    const put = await api('PUT', '/api/v1/teacher-exchange/quotas', { token: t['allianceAdminB'], body: { allianceId: ids['alliance'], year: YEAR, rules: [] } });
    expect(put.status).toBe(404);
  });
});

describe('itinerant timetable', () => {
  const SLOTS = '/api/v1/teacher-exchange/slots';
  const lesson = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    placementId: ids['itinerant'], weekday: 2, startsAt: '14:00', endsAt: '14:40', schoolId: ids['village'], subject: 'music', grade: 3, className: '1班', ...extra,
  });

  beforeAll(async () => {
    const proposed = await api('POST', '/api/v1/teacher-exchange/placements', {
      token: t['coreHead'], body: { teacherId: ids['wang'], kind: 'itinerant', hosts: [{ schoolId: ids['village'], weeklyPeriods: 2 }], startsOn: '2027-02-20', endsOn: '2027-07-10' },
    });
    ids['itinerant'] = proposed.body.id;
  });

  it('answers 401 without a token', async () => {
    expect((await api('GET', SLOTS, {})).status).toBe(401);
    expect((await api('POST', SLOTS, { body: lesson() })).status).toBe(401);
  });

  it('lets the home school admin add a slot and refuses a clash with 409 naming the slot it clashes with', async () => {
    const created = await api('POST', SLOTS, { token: t['coreHead'], body: lesson() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ schoolName: '下湾村小学', weekday: 2, startsAt: '14:00', endsAt: '14:40', travelWarnings: [] });
    ids['slot'] = created.body.id;
    const clash = await api('POST', SLOTS, { token: t['villageHead'], body: lesson({ startsAt: '14:30', endsAt: '15:10' }) });
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toMatch(PROBLEM);
    expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'startsAt', message: expect.stringContaining(ids['slot']!) })]);
  });

  it('answers 400 naming the field and writes nothing', async () => {
    const bad = await api('POST', SLOTS, { token: t['coreHead'], body: lesson({ weekday: 2, startsAt: '15:00', endsAt: '25:00' }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['endsAt']);
    expect((await api('GET', `${SLOTS}?placementId=${ids['itinerant']}`, { token: t['coreHead'] })).body.total).toBe(1);
  });

  it('answers 403 to a role that may not edit timetables', async () => {
    expect((await api('POST', SLOTS, { token: t['allianceAdmin'], body: lesson({ weekday: 3 }) })).status).toBe(403);
    expect((await api('DELETE', `${SLOTS}/${ids['slot']}`, { token: t['allianceAdmin'] })).status).toBe(403);
  });

  it.each([['districtB'], ['bHead'], ['outsideHead']])('answers 404 to %s for the placement and the slot, and changes nothing', async (who) => {
    const token = t[who];
    expect((await api('POST', SLOTS, { token, body: lesson({ weekday: 3 }) })).status).toBe(404);
    expect((await api('PATCH', `${SLOTS}/${ids['slot']}`, { token, body: { ...lesson({ weekday: 3 }), placementId: undefined } })).status).toBe(404);
    expect((await api('DELETE', `${SLOTS}/${ids['slot']}`, { token })).status).toBe(404);
    expect((await api('GET', SLOTS, { token })).body.total).toBe(0);
    expect((await api('GET', `${SLOTS}?placementId=${ids['itinerant']}`, { token: t['coreHead'] })).body.items[0].weekday).toBe(2);
  });

  it('shows the teacher\'s week and the host school\'s week, and lists with paging', async () => {
    const week = await api('GET', `${SLOTS}/week?teacherId=${ids['wang']}&on=2027-03-03`, { token: t['villageHead'] });
    expect(week.status).toBe(200);
    expect(week.body).toMatchObject({ weekStart: '2027-03-01', slots: [expect.objectContaining({ id: ids['slot'], teacherName: '王丽' })], travelWarnings: [] });
    const school = await api('GET', `${SLOTS}/week?schoolId=${ids['village']}&on=2027-03-03`, { token: t['villageHead'] });
    expect(school.body.slots).toHaveLength(1);
    const page = await api('GET', `${SLOTS}?allianceId=${ids['alliance']}&weekday=2&pageSize=5&sort=startsAt`, { token: t['allianceAdmin'] });
    expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
  });

  it('moves and removes a slot', async () => {
    const moved = await api('PATCH', `${SLOTS}/${ids['slot']}`, { token: t['villageHead'], body: { ...lesson({ weekday: 4 }), placementId: undefined } });
    expect(moved.status).toBe(200);
    expect(moved.body.weekday).toBe(4);
    expect((await api('DELETE', `${SLOTS}/${ids['slot']}`, { token: t['coreHead'] })).status).toBe(204);
    expect((await api('GET', `${SLOTS}?placementId=${ids['itinerant']}`, { token: t['coreHead'] })).body.total).toBe(0);
  });
});

describe('renames in membership', () => {
  /** polls `read` until `done` holds for its answer or `withinMs` has passed; returns the last answer */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
    const deadline = Date.now() + withinMs;
    let value = await read();
    while (!done(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    return value;
  }

  it('shows a renamed school and alliance in the teacher and placement views within a few seconds', async () => {
    const school = await api('PATCH', `/api/v1/schools/${ids['core']}`, { token: t['coreHead'], body: { name: '清溪县实验教育集团' } });
    expect(school.status).toBe(200);
    const alliance = await api('PATCH', `/api/v1/alliances/${ids['alliance']}`, { token: t['allianceAdmin'], body: { name: '清溪县实验教联体' } });
    expect(alliance.status).toBe(200);
    const started = Date.now();

    const teacher = await eventually(
      () => api('GET', `/api/v1/teacher-exchange/teachers/${ids['wang']}`, { token: t['coreHead'] }),
      (answer) => answer.body.schoolName === '清溪县实验教育集团', 5_000,
    );
    expect(teacher.body.schoolName).toBe('清溪县实验教育集团');
    const placement = await eventually(
      () => api('GET', `/api/v1/teacher-exchange/placements/${ids['itinerant']}`, { token: t['villageHead'] }),
      (answer) => answer.body.allianceName === '清溪县实验教联体', 5_000,
    );
    expect(placement.body).toMatchObject({ homeSchoolName: '清溪县实验教育集团', allianceName: '清溪县实验教联体' });
    expect(Date.now() - started).toBeLessThan(5_000);
    // the school was renamed, not replaced: the other school names are as they were
    expect(placement.body.hosts).toEqual([expect.objectContaining({ schoolId: ids['village'], schoolName: '下湾村小学' })]);
  });
});
