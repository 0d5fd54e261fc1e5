import { startStack, type RunningStack } from '@jiaolian/testing';
import ExcelJS from 'exceljs';
import { apiClient, schoolCode, type Api } from './http.js';

/*
 * The assessment API through the gateway as a third party uses it: membership data is seeded through
 * the membership API, the assessment service learns it from events, then an exam runs its course.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let stack: RunningStack;
let api: Api;
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
  const code = schoolCode();
  const answer = await api('POST', '/api/v1/schools', {
    token, body: { districtId, code, name, stage: 'junior', locale: 'township', township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 18 },
  });
  expect(answer.status).toBe(201);
  ids[key] = answer.body.id;
  names[key] = name;
  names[`${key}Code`] = code;
}

async function activeAlliance(token: string, districtId: string, key: string, name: string, core: string, members: string[]): Promise<void> {
  const created = await api('POST', '/api/v1/alliances', { token, body: { districtId, name, kind: 'alliance', coreSchoolId: ids[core] } });
  expect(created.status).toBe(201);
  ids[key] = created.body.id;
  for (const member of members) {
    const invited = await api('POST', `/api/v1/alliances/${ids[key]}/invitations`, { token, body: { schoolId: ids[member] } });
    expect(invited.status).toBe(201);
    expect((await api('POST', `/api/v1/join-requests/${invited.body.id}/respond`, { token, body: { decision: 'accept' } })).status).toBe(200);
  }
  expect((await api('POST', `/api/v1/alliances/${ids[key]}/activate`, { token })).status).toBe(200);
}

/** Waits until the assessment service's directory shows the alliance with this many schools. */
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

/** Uploads a sheet; the answer is in English unless `language` says otherwise (as with `api`). */
async function upload(path: string, token: string, filename: string, content: string, language = 'en'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), filename);
  const response = await fetch(`${stack.gatewayUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'accept-language': language }, body: form });
  return { status: response.status, body: await response.json() };
}

async function workbook(path: string, token: string): Promise<{ status: number; type: string | null; disposition: string | null; book?: ExcelJS.Workbook }> {
  const response = await fetch(`${stack.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const result = { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') };
  if (response.status !== 200) return result;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return { ...result, book };
}

const rows = (): string[] => [
  `A001,张一,${names['s1']},七(1)班,90,100`,
  `A002,张二,${names['s1']},七(1)班,80,90`,
  `A003,张三,${names['s1']},七(2)班,70,80`,
  `B001,李一,${names['s2Code']},七(1)班,60,70`,
  `B002,李二,${names['s2Code']},七(1)班,40,50`,
];
const csv = (lines: string[]): string => ['学号,姓名,学校,班级,数学,语文', ...lines].join('\n');

beforeAll(async () => {
  stack = await startStack({ services: ['membership', 'assessment'], env: { RATE_LIMIT_LOGIN_MAX: '1000' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  const root = await login(ADMIN.username, ADMIN.password);
  for (const [key, code, name] of [['A', '330782', '义乌市教育局'], ['B', '330783', '东阳市教育局']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: root, body: { code, name, province: '浙江省', city: '金华市' } });
    expect(district.status).toBe(201);
    ids[`district${key}`] = district.body.id;
    tokens[`district${key}`] = await userWithRole(root, district.body.id, `admin.${key.toLowerCase()}`, { role: 'district_admin' });
  }
  const [dA, dB] = [ids['districtA'] as string, ids['districtB'] as string];
  await newSchool(tokens['districtA'] as string, dA, 's1', '城关中学');
  await newSchool(tokens['districtA'] as string, dA, 's2', '临溪镇初级中学');
  await newSchool(tokens['districtA'] as string, dA, 's3', '石桥镇中学');
  await newSchool(tokens['districtB'] as string, dB, 'b1', '东阳外国语学校');
  await activeAlliance(tokens['districtA'] as string, dA, 'alliance', '城关中学教育联盟', 's1', ['s2', 's3']);
  await activeAlliance(tokens['districtB'] as string, dB, 'allianceB', '东阳教育联盟', 'b1', []);
  tokens['allianceAdmin'] = await userWithRole(tokens['districtA'] as string, dA, 'lianmeng', { role: 'alliance_admin', allianceId: ids['alliance'] as string });
  tokens['headS2'] = await userWithRole(tokens['districtA'] as string, dA, 'head.s2', { role: 'school_admin', schoolId: ids['s2'] as string });
  tokens['headS3'] = await userWithRole(tokens['districtA'] as string, dA, 'head.s3', { role: 'school_admin', schoolId: ids['s3'] as string });
  tokens['teacherS1'] = await userWithRole(tokens['districtA'] as string, dA, 'teacher.s1', { role: 'teacher', schoolId: ids['s1'] as string });
  await untilDirectoryHas(tokens['districtA'] as string, ids['alliance'] as string, 3);
  await untilDirectoryHas(tokens['districtB'] as string, ids['allianceB'] as string, 1);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('unified exams', () => {
  it('lets the alliance admin create an exam: 201 with default lines', async () => {
    const answer = await api('POST', '/api/v1/assessment/exams', {
      token: tokens['allianceAdmin'],
      body: {
        allianceId: ids['alliance'], term: '2026-2027-1', grade: '七年级', name: '期中统一检测',
        subjects: [{ name: '数学', fullMarks: 100 }, { name: '语文', fullMarks: 120 }],
        schools: [{ schoolId: ids['s1'], classes: ['七(1)班', '七(2)班'] }, { schoolId: ids['s2'] }],
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'draft', allianceName: '城关中学教育联盟', canManage: true });
    expect(answer.body.subjects[1]).toEqual({ name: '语文', fullMarks: 120, passLine: 72, excellentLine: 102, lowLine: 48 });
    ids['exam'] = answer.body.id;
    const other = await api('POST', '/api/v1/assessment/exams', {
      token: tokens['districtB'],
      body: { allianceId: ids['allianceB'], term: '2026-2027-1', grade: '七年级', name: '东阳月考', subjects: [{ name: '数学', fullMarks: 100 }], schools: [{ schoolId: ids['b1'] }] },
    });
    expect(other.status).toBe(201);
    ids['examB'] = other.body.id;
  });

  it('answers 400 problem+json naming the field, and a school admin creating one 403', async () => {
    const bad = await api('POST', '/api/v1/assessment/exams', {
      token: tokens['allianceAdmin'],
      body: { allianceId: ids['alliance'], term: '2026-1', grade: '七年级', name: 'x', subjects: [], schools: [{ schoolId: ids['s1'] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['term', 'subjects']));
    const head = await api('POST', '/api/v1/assessment/exams', {
      token: tokens['headS2'],
      body: { allianceId: ids['alliance'], term: '2026-2027-1', grade: '七年级', name: 'x', subjects: [{ name: '数学', fullMarks: 100 }], schools: [{ schoolId: ids['s2'] }] },
    });
    expect(head.status).toBe(403);
  });

  it('opens the exam; the participating school sees it, the non-participating one does not', async () => {
    const opened = await api('POST', `/api/v1/assessment/exams/${ids['exam']}/transitions`, { token: tokens['allianceAdmin'], body: { action: 'open' } });
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('open');
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}`, { token: tokens['headS2'] })).body).toMatchObject({ canManage: false, canEnterScores: true });
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}`, { token: tokens['headS3'] })).status).toBe(404);
    const listed = await api('GET', '/api/v1/assessment/exams?term=2026-2027-1', { token: tokens['headS3'] });
    expect(listed.body.total).toBe(0);
    const again = await api('POST', `/api/v1/assessment/exams/${ids['exam']}/transitions`, { token: tokens['allianceAdmin'], body: { action: 'open' } });
    expect(again.status).toBe(409);
  });

  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['POST', '/transitions'],
    ['GET', '/scores'],
    ['GET', '/scores/template'],
    ['POST', '/scores/corrections'],
    ['GET', '/scores/corrections'],
    ['GET', '/analysis'],
    ['GET', '/analysis/export'],
  ])('answers 404 to %s /exams/:id%s of another district', async (method, suffix) => {
    const bodies: Record<string, unknown> = {
      PATCH: { name: '改名' }, '/transitions': { action: 'publish' }, '/scores/corrections': { studentNo: 'A001', subject: '数学', score: 1, reason: '试探' },
    };
    const body = method === 'GET' ? undefined : bodies[suffix] ?? bodies[method];
    const answer = await api(method, `/api/v1/assessment/exams/${ids['exam']}${suffix}`, { token: tokens['districtB'], body });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    const theirs = await api('GET', `/api/v1/assessment/exams/${ids['examB']}`, { token: tokens['allianceAdmin'] });
    expect(theirs.status).toBe(404);
  });

  it.each(['', '/scores', '/scores/corrections', '/analysis', '/analysis/export', '/scores/template'])(
    'answers 404 to GET /exams/:id%s for a school of the alliance that does not sit the exam', async (suffix) => {
      const answer = await api('GET', `/api/v1/assessment/exams/${ids['exam']}${suffix}`, { token: tokens['headS3'] });
      expect(answer.status).toBe(404);
    });

  it('answers 404 to an import into another district\'s exam and stores nothing', async () => {
    const answer = await upload(`/api/v1/assessment/exams/${ids['exam']}/scores/import`, tokens['districtB'] as string, 'scores.csv', csv(rows()));
    expect(answer.status).toBe(404);
    const scores = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores`, { token: tokens['allianceAdmin'] });
    expect(scores.body.total).toBe(0);
  });
});

describe('scores', () => {
  it('serves the import template as an .xlsx with the exam\'s columns', async () => {
    const answer = await workbook(`/api/v1/assessment/exams/${ids['exam']}/scores/template`, tokens['allianceAdmin'] as string);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(XLSX);
    expect(answer.disposition).toContain("filename*=UTF-8''");
    expect(answer.book?.getWorksheet('成绩')?.getRow(1).values).toEqual([undefined, '学号', '姓名', '学校', '班级', '数学', '语文']);
  });

  it('rejects a sheet with bad rows: 400 listing each row, nothing imported', async () => {
    const answer = await upload(`/api/v1/assessment/exams/${ids['exam']}/scores/import`, tokens['allianceAdmin'] as string, 'scores.csv',
      csv([...rows(), `C001,王一,${names['s3']},七(1)班,60,70`, 'C002,王二,城关中学,七(1)班,abc,70']));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ row: 7, field: '学校', message: `${names['s3']} does not take part in this exam` }),
      expect.objectContaining({ row: 8, field: '数学', message: 'the score abc is not a number (up to 2 decimals)' }),
    ]);
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores`, { token: tokens['allianceAdmin'] })).body.total).toBe(0);
  });

  it('previews an import with dryRun=true: each row\'s outcome and errors, the empty-cell option, nothing stored', async () => {
    const path = `/api/v1/assessment/exams/${ids['exam']}/scores/import?dryRun=true&empty=absent`;
    const answer = await upload(path, tokens['allianceAdmin'] as string, 'scores.csv', csv([...rows(), `C001,王一,${names['s1']},七(1)班,-5,缺考`]));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      importId: null, dryRun: true, mode: 'all', empty: 'absent', blocked: true, rows: 6, skippedRows: 1, inserted: 10,
      rowCounts: { inserted: 5, updated: 0, unchanged: 0, rejected: 1 },
    });
    expect(answer.body.rowOutcomes.at(-1)).toEqual({
      row: 7, studentNo: 'C001', outcome: 'rejected', errors: [expect.objectContaining({ row: 7, field: '数学', message: 'the score -5 must be 0 or more' })],
    });
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores`, { token: tokens['allianceAdmin'] })).body.total).toBe(0);
  });

  it('speaks Chinese to a zh-CN caller: the preview\'s row errors and the 400 of a rejected sheet, with the same codes', async () => {
    const path = `/api/v1/assessment/exams/${ids['exam']}/scores/import`;
    const bad = csv([...rows(), `C001,王一,${names['s1']},七(1)班,-5,缺考`]);
    const preview = await upload(`${path}?dryRun=true`, tokens['allianceAdmin'] as string, 'scores.csv', bad, 'zh-CN');
    expect(preview.status).toBe(200);
    const negative = { row: 7, field: '数学', code: 'assessment.score-import.score-negative', params: { field: '数学', score: '-5' }, message: '成绩“-5”不能是负数' };
    expect(preview.body.errors).toEqual([negative]);
    expect(preview.body.rowOutcomes.at(-1)).toEqual({ row: 7, studentNo: 'C001', outcome: 'rejected', errors: [negative] });
    const rejected = await upload(path, tokens['allianceAdmin'] as string, 'scores.csv', bad, 'zh-CN');
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ code: 'import.rows-rejected', detail: '共 6 行，其中 1 行有错误，未导入任何数据', errors: [negative] });
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores`, { token: tokens['allianceAdmin'] })).body.total).toBe(0);
  });

  it.each([
    ['empty=blank', 'empty'],
    ['dryRun=yes', 'dryRun'],
  ])('answers 400 problem+json naming the option for %s', async (query, field) => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/assessment/exams/${ids['exam']}/scores/import?${query}`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens['allianceAdmin']}` }, body: (() => { const f = new FormData(); f.append('file', new Blob([csv(rows())], { type: 'text/csv' }), 's.csv'); return f; })(),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(PROBLEM);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ field })]);
  });

  it('imports a good sheet, and the same sheet again changes nothing', async () => {
    const first = await upload(`/api/v1/assessment/exams/${ids['exam']}/scores/import`, tokens['allianceAdmin'] as string, 'scores.csv', csv(rows()));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mode: 'all', rows: 5, inserted: 10, updated: 0, unchanged: 0, errors: [] });
    const second = await upload(`/api/v1/assessment/exams/${ids['exam']}/scores/import`, tokens['allianceAdmin'] as string, 'scores.csv', csv(rows()));
    expect(second.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
  });

  it('lets a school admin import only their own school\'s rows (valid-only skips the others)', async () => {
    const answer = await upload(`/api/v1/assessment/exams/${ids['exam']}/scores/import?mode=valid-only`, tokens['headS2'] as string, 'mine.csv',
      csv([`B001,李一,${names['s2']},七(1)班,61,70`, `A001,张一,${names['s1']},七(1)班,10,10`]));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ acceptedRows: 1, skippedRows: 1, updated: 1, unchanged: 1 });
    expect(answer.body.errors).toEqual([expect.objectContaining({ row: 3, field: '学校', message: `you may only import scores of your own school, not ${names['s1']}` })]);
    const a001 = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores?q=A001`, { token: tokens['allianceAdmin'] });
    expect(a001.body.items[0].scores).toEqual({ 数学: 90, 语文: 100 });
  });

  it('corrects a score with a reason and lists the correction; the teacher sees only their school', async () => {
    const corrected = await api('POST', `/api/v1/assessment/exams/${ids['exam']}/scores/corrections`, {
      token: tokens['headS2'], body: { studentNo: 'B001', subject: '数学', score: 60, reason: '复核：第5题多给1分' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.scores['数学']).toBe(60);
    const list = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores/corrections`, { token: tokens['allianceAdmin'] });
    expect(list.body.items[0]).toMatchObject({ studentNo: 'B001', before: 61, after: 60, reason: '复核：第5题多给1分' });
    const teacher = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/scores`, { token: tokens['teacherS1'] });
    expect(teacher.body.items.map((s: { studentNo: string }) => s.studentNo)).toEqual(['A001', 'A002', 'A003']);
    const noReason = await api('POST', `/api/v1/assessment/exams/${ids['exam']}/scores/corrections`, {
      token: tokens['headS2'], body: { studentNo: 'B001', subject: '数学', score: 59 },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
  });
});

describe('analysis', () => {
  it('keeps it from schools until published (403), then shows the teacher their school and the alliance', async () => {
    expect((await api('GET', `/api/v1/assessment/exams/${ids['exam']}/analysis`, { token: tokens['teacherS1'] })).status).toBe(403);
    const full = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/analysis`, { token: tokens['allianceAdmin'] });
    const math = full.body.subjects.find((s: { subject: string }) => s.subject === '数学');
    // 90 80 70 | 60 40: alliance mean 68, s1 mean 80 (超均率 (80-68)/68), s2 mean 50
    expect(math.alliance).toMatchObject({ count: 5, mean: 68, median: 70, passRate: 0.8, excellentRate: 0.2, lowRate: 0 });
    expect(math.schools.map((s: { schoolName: string; mean: number; rank: number; aboveMeanRatio: number }) => [s.schoolName, s.mean, s.rank, s.aboveMeanRatio]))
      .toEqual([[names['s1'], 80, 1, 0.1765], [names['s2'], 50, 2, -0.2647]]);
    expect((await api('POST', `/api/v1/assessment/exams/${ids['exam']}/transitions`, { token: tokens['allianceAdmin'], body: { action: 'publish' } })).status).toBe(200);
    const limited = await api('GET', `/api/v1/assessment/exams/${ids['exam']}/analysis`, { token: tokens['teacherS1'] });
    expect(limited.status).toBe(200);
    expect(limited.body.limitedToSchools).toBe(true);
    const own = limited.body.subjects.find((s: { subject: string }) => s.subject === '数学');
    expect(own.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([ids['s1']]);
    expect(own.alliance.mean).toBe(68);
  });

  it('answers the 一分一段表 with exact figures, for the alliance or the caller\'s own school', async () => {
    const path = `/api/v1/assessment/exams/${ids['exam']}/score-distribution`;
    const math = await api('GET', `${path}?subject=${encodeURIComponent('数学')}`, { token: tokens['allianceAdmin'] });
    expect(math.status).toBe(200);
    // 90 80 70 | 60 40
    expect(math.body).toMatchObject({ subject: '数学', fullMarks: 100, step: 1, schoolId: null, students: 5, limitedToSchools: false });
    expect(math.body.rows).toEqual([
      { low: 90, high: 91, count: 1, cumulative: 1, cumulativeRate: 0.2, allianceCumulative: null },
      { low: 80, high: 81, count: 1, cumulative: 2, cumulativeRate: 0.4, allianceCumulative: null },
      { low: 70, high: 71, count: 1, cumulative: 3, cumulativeRate: 0.6, allianceCumulative: null },
      { low: 60, high: 61, count: 1, cumulative: 4, cumulativeRate: 0.8, allianceCumulative: null },
      { low: 40, high: 41, count: 1, cumulative: 5, cumulativeRate: 1, allianceCumulative: null },
    ]);
    // totals 190 170 150 | 130 90, counted by the teacher of s1 in their own school with the alliance rank beside
    const total = await api('GET', `${path}?subject=total&step=10&schoolId=${ids['s1']}`, { token: tokens['teacherS1'] });
    expect(total.status).toBe(200);
    expect(total.body).toMatchObject({ subject: 'total', fullMarks: 220, step: 10, students: 3, limitedToSchools: true, schools: [{ schoolId: ids['s1'], schoolName: names['s1'] }] });
    expect(total.body.rows.map((r: { low: number; count: number; cumulative: number; allianceCumulative: number }) => [r.low, r.count, r.cumulative, r.allianceCumulative]))
      .toEqual([[190, 1, 1, 1], [170, 1, 2, 2], [150, 1, 3, 3]]);
    expect((await api('GET', `${path}?subject=total&schoolId=${ids['s2']}`, { token: tokens['teacherS1'] })).status).toBe(404);
  });

  it('answers 400 naming the field for a bad step, and 404 for another district\'s exam', async () => {
    const path = `/api/v1/assessment/exams/${ids['exam']}/score-distribution`;
    const bad = await api('GET', `${path}?subject=total&step=3`, { token: tokens['allianceAdmin'] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['step']);
    const foreign = await api('GET', `${path}?subject=total`, { token: tokens['districtB'] });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('exports the analysis as an .xlsx workbook', async () => {
    const answer = await workbook(`/api/v1/assessment/exams/${ids['exam']}/analysis/export`, tokens['allianceAdmin'] as string);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(XLSX);
    const sheet = answer.book?.getWorksheet('数学');
    const values = sheet?.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : [])) ?? [];
    expect(values).toEqual(expect.arrayContaining([['全体', 5, 68, expect.any(Number), 70, 90, 40, '80.00%', '20.00%', '0.00%']]));
  });
});
