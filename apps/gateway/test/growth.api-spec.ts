import { startStack, type RunningStack } from '@jiaolian/testing';
import ExcelJS from 'exceljs';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Growth and value-added (增值评价) through the gateway as a third party reads it: two exams of one
 * alliance a term apart with the same student numbers; roles and tenancy (401, 403 before publication
 * for school staff, 404 for another district's exam or a school that does not sit it), problem+json in
 * Chinese by default naming the field, the figures with n and intervals, and the .xlsx export.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};
const names = { core: '城关第一初级中学', township: '临溪镇初级中学', village: '下湾村九年一贯制学校', other: '石桥镇中学' };

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);

// 城关 两个班 of 10, 临溪 one of 10, 下湾 one of 4; current = prior + the class's gain ± 5 alternately
const CLASSES = [
  { school: 'core', className: '七(1)班', n: 10, gain: 6 },
  { school: 'core', className: '七(2)班', n: 10, gain: 0 },
  { school: 'township', className: '七(1)班', n: 10, gain: -4 },
  { school: 'village', className: '七(1)班', n: 4, gain: 2 },
] as const;
const students = CLASSES.flatMap((c, ci) => Array.from({ length: c.n }, (_, i) => {
  const prior = 40 + ((i * 13 + ci * 7) % 45);
  return { no: `G${ci}${i}`, name: `学生${ci}${i}`, school: c.school, className: c.className, prior, current: prior + c.gain + (i % 2 ? -5 : 5) };
}));

async function examWithScores(term: string, name: string, which: 'prior' | 'current'): Promise<string> {
  const created = await api('POST', '/api/v1/assessment/exams', {
    token: t['allianceAdmin'],
    body: {
      allianceId: ids['alliance'], term, grade: '七年级', name, subjects: [{ name: '数学', fullMarks: 100 }, { name: '语文', fullMarks: 100 }],
      schools: [{ schoolId: ids['core'] }, { schoolId: ids['township'] }, { schoolId: ids['village'] }],
    },
  });
  expect(created.status).toBe(201);
  expect((await api('POST', `/api/v1/assessment/exams/${created.body.id}/transitions`, { token: t['allianceAdmin'], body: { action: 'open' } })).status).toBe(200);
  const sheet = ['学号,姓名,学校,班级,数学,语文', ...students.map((s) => `${s.no},${s.name},${names[s.school]},${s.className},${s[which]},80`)].join('\n');
  const form = new FormData();
  form.append('file', new Blob([sheet], { type: 'text/csv' }), 'scores.csv');
  const response = await fetch(`${stack.gatewayUrl}/api/v1/assessment/exams/${created.body.id}/scores/import`, {
    method: 'POST', headers: { authorization: `Bearer ${t['allianceAdmin']}` }, body: form,
  });
  expect(response.status).toBe(200);
  return created.body.id as string;
}

const path = (query: Record<string, string>, exam = ids['current']!, suffix = ''): string =>
  `/api/v1/assessment/exams/${exam}/growth${suffix}?${new URLSearchParams(query).toString()}`;
const good = (): Record<string, string> => ({ priorExamId: ids['prior']!, subject: '数学' });

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'assessment'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await seed.login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330782'], ['B', '330783']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  for (const key of ['core', 'township', 'village', 'other'] as const) ids[key] = await seed.school(ids['dA']!, names[key]);
  ids['alliance'] = await seed.alliance(ids['dA']!, '城关一中教育联盟', ids['core']!, [ids['township']!, ids['village']!, ids['other']!]);
  t['allianceAdmin'] = await seed.person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['districtB'] = await seed.person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['villageTeacher'] = await seed.person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['otherHead'] = await seed.person(ids['dA']!, 'other.head', { role: 'school_admin', schoolId: ids['other']! });
  await seed.directorySees('assessment', t['allianceAdmin']!, ids['alliance']!, 4);
  ids['prior'] = await examWithScores('2025-2026-2', '期末统一检测', 'prior');
  ids['current'] = await examWithScores('2026-2027-1', '期中统一检测', 'current');
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('growth and value-added through the gateway', () => {
  it('answers 401 without a token', async () => {
    const answer = await api('GET', path(good()));
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('compares schools and classes by value-added with n, raw and shrunk figures and intervals', async () => {
    const answer = await api('GET', path(good()), { token: t['allianceAdmin'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ subject: '数学', currentStudents: 34, linkedStudents: 34, limitedToSchools: false, priorExamName: '期末统一检测' });
    expect(answer.body.schools.map((s: { schoolName: string; n: number }) => [s.schoolName, s.n]).sort())
      .toEqual([[names.core, 20], [names.township, 10], [names.village, 4]].sort());
    for (const s of [...answer.body.schools, ...answer.body.classes]) {
      expect(s.low).toBeLessThanOrEqual(s.valueAdded);
      expect(s.high).toBeGreaterThanOrEqual(s.valueAdded);
      expect(s.rawLow).toBeLessThan(s.rawHigh);
      expect(Math.abs(s.valueAdded)).toBeLessThanOrEqual(Math.abs(s.rawValueAdded) + 1e-9);
    }
    // the class that gained most leads, the one that lost trails
    expect(answer.body.classes[0]).toMatchObject({ schoolName: names.core, className: '七(1)班', rank: 1 });
    expect(answer.body.classes.at(-1)).toMatchObject({ schoolName: names.township });
  });

  it('answers 400 problem+json naming the field, in Chinese', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ subject: '数学' }, 'priorExamId'],
      [{ priorExamId: 'x', subject: '数学' }, 'priorExamId'],
      [{ priorExamId: ids['prior']!, subject: '英语' }, 'subject'],
      [{ priorExamId: ids['current']!, subject: '数学' }, 'priorExamId'],
    ];
    for (const [query, field] of cases) {
      const answer = await api('GET', path(query), { token: t['allianceAdmin'], headers: { 'accept-language': 'zh-CN' } });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(JSON.stringify(answer.body)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps it from school staff until both exams are published (403), then shows their own school only', async () => {
    expect((await api('GET', path(good()), { token: t['villageTeacher'] })).status).toBe(403);
    for (const id of [ids['prior'], ids['current']]) {
      expect((await api('POST', `/api/v1/assessment/exams/${id}/transitions`, { token: t['allianceAdmin'], body: { action: 'publish' } })).status).toBe(200);
    }
    const answer = await api('GET', path(good()), { token: t['villageTeacher'] });
    expect(answer.status).toBe(200);
    expect(answer.body.limitedToSchools).toBe(true);
    expect(answer.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([ids['village']]);
  });

  it('answers 404 to another district and to a school that does not sit the exam', async () => {
    for (const [token, suffix] of [[t['districtB'], ''], [t['otherHead'], ''], [t['districtB'], '/export']] as const) {
      const answer = await api('GET', path(good(), ids['current'], suffix), { token });
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    }
  });

  it('exports the figures as .xlsx', async () => {
    const response = await fetch(`${stack.gatewayUrl}${path(good(), ids['current'], '/export')}`, { headers: { authorization: `Bearer ${t['allianceAdmin']}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.getWorksheet('学校增值')!.rowCount).toBe(4 + 3);
    expect(book.getWorksheet('班级增值')!.rowCount).toBe(4 + 4);
  });

  it('follows one school over its exams; another school\'s trend answers 404 to school staff and another district', async () => {
    const trend = (schoolId: string, token?: string) => api('GET', `/api/v1/assessment/schools/${schoolId}/growth-trend?subject=${encodeURIComponent('数学')}`, { token });
    expect((await trend(ids['village']!)).status).toBe(401);
    const answer = await trend(ids['village']!, t['allianceAdmin']);
    expect(answer.status).toBe(200);
    expect(answer.body.points.map((p: { examId: string; n: number }) => [p.examId, p.n])).toEqual([[ids['prior'], 4], [ids['current'], 4]]);
    expect(answer.body.points[1].valueAdded).toEqual(expect.any(Number));
    expect((await trend(ids['village']!, t['villageTeacher'])).status).toBe(200);
    for (const [schoolId, token] of [[ids['core']!, t['villageTeacher']!], [ids['village']!, t['districtB']!]]) {
      const refused = await trend(schoolId, token);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(PROBLEM);
    }
  });
});
