import { startStack, type RunningStack } from '@jiaolian/testing';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Curriculum through the gateway, as a third party uses it: resources uploaded and downloaded as
 * streams, Chinese search, facilities and bookings. Membership data is seeded through the membership
 * API; the tests wait until the curriculum directory has heard of it. One story, in order.
 */
const ADMIN = { username: 'root', password: 'Root#Pass-2026' };
const PASSWORD = 'Passw0rd#2026';
const PROBLEM = /^application\/problem\+json/;
const DAY = 86_400_000;

let stack: RunningStack;
let api: Api;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const seed = membershipSeeder(() => api, () => t['root']!, PASSWORD);
const { login, person, school, alliance } = seed;
const directorySees = (token: string, allianceId: string, schools: number): Promise<void> => seed.directorySees('curriculum', token, allianceId, schools);

async function upload(token: string, fields: Record<string, string>, filename: string, content: string | Uint8Array, path = '/api/v1/curriculum/resources'): Promise<{ status: number; body: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([content as BlobPart]), filename);
  const response = await fetch(`${stack.gatewayUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const resourceFields = (schoolId: string, extra: Record<string, string> = {}): Record<string, string> => ({
  type: 'lesson_plan', schoolId, title: '农耕文化劳动教育', subject: '劳动', grade: '四年级', edition: '人教版', unit: '第二单元',
  tags: '劳动教育,农耕', licence: '联盟内共享', visibility: 'alliance', description: '二十四节气与农事体验', ...extra,
});

/** A two-hour slot `days` ahead starting at `hourUtc`. */
const slot = (days: number, hourUtc: number, hours = 2): { startsAt: string; endsAt: string } => {
  const start = new Date(Date.now() + days * DAY);
  start.setUTCHours(hourUtc, 0, 0, 0);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours * 3600_000).toISOString() };
};

beforeAll(async () => {
  stack = await startStack({
    services: ['membership', 'curriculum'],
    env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true', CURRICULUM_FILE_MAX_MB: '1', CURRICULUM_VIDEO_MAX_MB: '2' },
  });
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
  t['coreTeacher'] = await person(ids['dA']!, 'core.teacher', { role: 'teacher', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['villageTeacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  t['outsideTeacher'] = await person(ids['dA']!, 'outside.teacher', { role: 'teacher', schoolId: ids['outside']! });
  t['outsideHead'] = await person(ids['dA']!, 'outside.head', { role: 'school_admin', schoolId: ids['outside']! });
  t['bHead'] = await person(ids['dB']!, 'b.head', { role: 'school_admin', schoolId: ids['bCore']! });
  t['allianceAdminB'] = await person(ids['dB']!, 'alliance.b', { role: 'alliance_admin', allianceId: ids['allianceB']! });
  await directorySees(t['districtA']!, ids['alliance']!, 2);
  await directorySees(t['districtB']!, ids['allianceB']!, 2);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('resources', () => {
  it('uploads a resource as a multipart stream and answers its metadata', async () => {
    const answer = await upload(t['coreTeacher']!, resourceFields(ids['core']!), '农耕教案.docx', 'lesson plan bytes 教案');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      title: '农耕文化劳动教育', schoolName: '实验小学', ownerName: 'core.teacher', tags: ['劳动教育', '农耕'], visibility: 'alliance', downloadCount: 0, canEdit: true,
      file: { filename: '农耕教案.docx', size: Buffer.byteLength('lesson plan bytes 教案') },
    });
    ids['nonggeng'] = answer.body.id;
    const hidden = await upload(t['villageTeacher']!, resourceFields(ids['village']!, { title: '农耕体验校本课程', visibility: 'school' }), '校本课程.pdf', '%PDF-1.4 tiny');
    expect(hidden.status).toBe(201);
    ids['hidden'] = hidden.body.id;
  });

  it('finds 农耕文化劳动教育 by 农耕 for an alliance partner; another school\'s school-only resource is not found', async () => {
    const search = (token: string, q: string): Promise<string[]> =>
      api('GET', `/api/v1/curriculum/resources?q=${encodeURIComponent(q)}`, { token }).then((a) => { expect(a.status).toBe(200); return a.body.items.map((r: { title: string }) => r.title); });
    expect(await search(t['villageTeacher']!, '农耕')).toEqual(expect.arrayContaining(['农耕文化劳动教育', '农耕体验校本课程']));
    expect(await search(t['coreTeacher']!, '农耕')).toEqual(['农耕文化劳动教育']);
    expect(await search(t['outsideTeacher']!, '农耕')).toEqual([]);
    expect(await search(t['bHead']!, '农耕')).toEqual([]);
    const filtered = await api('GET', `/api/v1/curriculum/resources?type=lesson_plan&subject=${encodeURIComponent('劳动')}&schoolId=${ids['core']}`, { token: t['villageTeacher'] });
    expect(filtered.body.items.map((r: { id: string }) => r.id)).toEqual([ids['nonggeng']]);
  });

  it('answers 400 naming the file for a wrong type or a file over the limit, and keeps no resource', async () => {
    const wrongType = await upload(t['coreTeacher']!, resourceFields(ids['core']!, { type: 'lesson_video', title: '课例' }), '课例.docx', 'x');
    expect(wrongType.status).toBe(400);
    expect(wrongType.headers.get('content-type')).toMatch(PROBLEM);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining('.mp4'), code: 'curriculum.resource.file-type' })]);
    const notAllowed = await upload(t['coreTeacher']!, resourceFields(ids['core']!), 'tool.exe', 'MZ');
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.errors[0].field).toBe('file');
    const tooLarge = await upload(t['coreTeacher']!, resourceFields(ids['core']!, { title: '超大文件' }), 'big.pdf', new Uint8Array(1024 * 1024 + 10));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining('1 MB'), code: 'curriculum.resource.file-too-large' })]);
    const badField = await upload(t['coreTeacher']!, resourceFields(ids['core']!, { visibility: 'everyone' }), 'a.pdf', 'x');
    expect(badField.status).toBe(400);
    expect(badField.body.errors.map((e: { field: string }) => e.field)).toEqual(['visibility']);
    const all = await api('GET', '/api/v1/curriculum/resources', { token: t['districtA'] });
    expect(all.body.total).toBe(2);
  });

  it('streams the download with its Chinese file name and counts it', async () => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/curriculum/resources/${ids['nonggeng']}/download`, { headers: { authorization: `Bearer ${t['villageTeacher']}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('农耕教案.docx')}`);
    expect(await response.text()).toBe('lesson plan bytes 教案');
    const after = await api('GET', `/api/v1/curriculum/resources/${ids['nonggeng']}`, { token: t['villageTeacher'] });
    expect(after.body.downloadCount).toBe(1);
  });

  it('lets the uploader change metadata; a partner school gets 403; nothing changes', async () => {
    const refused = await api('PATCH', `/api/v1/curriculum/resources/${ids['nonggeng']}`, { token: t['villageHead'], body: { title: '改' } });
    expect(refused.status).toBe(403);
    const changed = await api('PATCH', `/api/v1/curriculum/resources/${ids['nonggeng']}`, { token: t['coreTeacher'], body: { tags: ['劳动教育', '农耕', '节气'] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: '农耕文化劳动教育', tags: ['劳动教育', '农耕', '节气'] });
  });
});

describe('versions of a resource\'s file', () => {
  it('takes a revised file from the uploader (201, version 2), keeps the first downloadable, and refuses a partner (403) and a wrong file (400)', async () => {
    const versionsPath = `/api/v1/curriculum/resources/${ids['nonggeng']}/versions`;
    const partner = await upload(t['villageHead']!, { note: '改' }, '农耕教案-改.docx', 'partner edit', versionsPath);
    expect(partner.status).toBe(403);
    const wrong = await upload(t['coreTeacher']!, {}, '农耕.exe', 'not a document', versionsPath);
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toMatch(PROBLEM);

    const revised = await upload(t['coreTeacher']!, { note: '补充了节气农事表' }, '农耕教案-第二版.docx', 'lesson plan bytes 教案 v2', versionsPath);
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ id: ids['nonggeng'], version: 2, file: { filename: '农耕教案-第二版.docx' } });

    const versions = await api('GET', versionsPath, { token: t['villageTeacher'] });
    expect(versions.status).toBe(200);
    expect(versions.body.map((v: { version: number; current: boolean; note: string | null }) => [v.version, v.current, v.note])).toEqual([[2, true, '补充了节气农事表'], [1, false, null]]);
    const latest = await fetch(`${stack.gatewayUrl}/api/v1/curriculum/resources/${ids['nonggeng']}/download`, { headers: { authorization: `Bearer ${t['villageTeacher']}` } });
    expect(await latest.text()).toBe('lesson plan bytes 教案 v2');
    const first = await fetch(`${stack.gatewayUrl}${versionsPath}/1/download`, { headers: { authorization: `Bearer ${t['villageTeacher']}` } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('农耕教案.docx')}`);
    expect(await first.text()).toBe('lesson plan bytes 教案');
    const bad = await api('GET', `${versionsPath}/first/download`, { token: t['villageTeacher'] });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['version']));
    expect((await api('GET', `${versionsPath}/9/download`, { token: t['villageTeacher'] })).status).toBe(404);
  });
});

describe('facilities and bookings', () => {
  it('lets the core school share its lab; partners see it, a teacher may not register one', async () => {
    const body = { schoolId: ids['core'], kind: 'lab', name: '科学实验室', capacity: 40, openHours: '周一至周五 14:00–17:00' };
    expect((await api('POST', '/api/v1/curriculum/facilities', { token: t['coreTeacher'], body })).status).toBe(403);
    const created = await api('POST', '/api/v1/curriculum/facilities', { token: t['coreHead'], body });
    expect(created.status).toBe(201);
    ids['lab'] = created.body.id;
    const seen = await api('GET', '/api/v1/curriculum/facilities', { token: t['villageTeacher'] });
    expect(seen.body.items.map((f: { id: string }) => f.id)).toEqual([ids['lab']]);
    expect((await api('GET', '/api/v1/curriculum/facilities', { token: t['outsideTeacher'] })).body.total).toBe(0);
  });

  it('lets exactly one of two simultaneous overlapping requests in; the other gets 409 naming the time', async () => {
    const [a, b] = await Promise.all([
      api('POST', '/api/v1/curriculum/bookings', { token: t['villageTeacher'], body: { facilityId: ids['lab'], schoolId: ids['village'], purpose: '科学课', attendees: 30, ...slot(5, 6) } }),
      api('POST', '/api/v1/curriculum/bookings', { token: t['villageHead'], body: { facilityId: ids['lab'], schoolId: ids['village'], purpose: '科学课', attendees: 30, ...slot(5, 7) } }),
    ]);
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const lost = a!.status === 409 ? a! : b!;
    expect(lost.headers.get('content-type')).toMatch(PROBLEM);
    expect(lost.body.detail).toMatch(/already booked for \d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} \(Asia\/Shanghai\)/);
    ids['booking'] = (a!.status === 201 ? a! : b!).body.id;
    const list = await api('GET', `/api/v1/curriculum/bookings?facilityId=${ids['lab']}`, { token: t['coreHead'] });
    expect(list.body.total).toBe(1);
  });

  it('lets only the facility school\'s admin decide; a rejection needs a reason', async () => {
    expect((await api('POST', `/api/v1/curriculum/bookings/${ids['booking']}/approve`, { token: t['villageHead'] })).status).toBe(403);
    const noReason = await api('POST', `/api/v1/curriculum/bookings/${ids['booking']}/reject`, { token: t['coreHead'], body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const approved = await api('POST', `/api/v1/curriculum/bookings/${ids['booking']}/approve`, { token: t['coreHead'] });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', requesterSchoolName: '下湾村小学', ownerSchoolName: '实验小学' });
    const again = await api('POST', `/api/v1/curriculum/bookings/${ids['booking']}/approve`, { token: t['coreHead'] });
    expect(again.status).toBe(409);
    const incoming = await api('GET', '/api/v1/curriculum/bookings?direction=incoming&status=approved', { token: t['coreHead'] });
    expect(incoming.body.items.map((x: { id: string }) => x.id)).toEqual([ids['booking']]);
  });
});

describe('another district, alliance or school sees nothing by id', () => {
  const idRoutes = (): [string, string, unknown?][] => [
    ['GET', `/api/v1/curriculum/resources/${ids['nonggeng']}`],
    ['PATCH', `/api/v1/curriculum/resources/${ids['nonggeng']}`, { title: 'x' }],
    ['DELETE', `/api/v1/curriculum/resources/${ids['nonggeng']}`],
    ['GET', `/api/v1/curriculum/resources/${ids['nonggeng']}/download`],
    ['GET', `/api/v1/curriculum/resources/${ids['nonggeng']}/versions`],
    ['GET', `/api/v1/curriculum/resources/${ids['nonggeng']}/versions/1/download`],
    ['GET', `/api/v1/curriculum/facilities/${ids['lab']}`],
    ['PATCH', `/api/v1/curriculum/facilities/${ids['lab']}`, { capacity: 1 }],
    ['GET', `/api/v1/curriculum/bookings/${ids['booking']}`],
    ['POST', `/api/v1/curriculum/bookings/${ids['booking']}/approve`],
    ['POST', `/api/v1/curriculum/bookings/${ids['booking']}/reject`, { reason: 'x' }],
    ['POST', `/api/v1/curriculum/bookings/${ids['booking']}/cancel`, {}],
  ];

  it.each(['districtB', 'bHead'])('answers 404 problem+json on every id route for %s of another district', async (who) => {
    for (const [method, path, body] of idRoutes()) {
      const answer = await api(method, path, { token: t[who], body });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    }
  });

  it('answers 404 on the read routes to the admin of another alliance of another district', async () => {
    for (const [method, path] of idRoutes().filter(([m]) => m === 'GET')) {
      expect({ path, status: (await api(method, path, { token: t['allianceAdminB'] })).status }).toEqual({ path, status: 404 });
    }
  });

  it('answers 404 to a school outside the alliance for the alliance resource, the facility and its booking', async () => {
    for (const [method, path, body] of idRoutes()) {
      const answer = await api(method, path, { token: t['outsideHead'], body });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
  });

  it('answers 404 to the partner school for the other school\'s school-only resource', async () => {
    for (const [method, path] of [['GET', `/api/v1/curriculum/resources/${ids['hidden']}`], ['GET', `/api/v1/curriculum/resources/${ids['hidden']}/download`],
      ['DELETE', `/api/v1/curriculum/resources/${ids['hidden']}`]] as const) {
      expect((await api(method, path, { token: t['coreHead'] })).status).toBe(404);
    }
    expect((await api('GET', `/api/v1/curriculum/resources/${ids['hidden']}`, { token: t['villageTeacher'] })).status).toBe(200);
    // and everything is still there
    // one download before the revision, then the current and the first version once each
    expect((await api('GET', `/api/v1/curriculum/resources/${ids['nonggeng']}`, { token: t['coreTeacher'] })).body.downloadCount).toBe(3);
    expect((await api('GET', `/api/v1/curriculum/bookings/${ids['booking']}`, { token: t['coreHead'] })).body.status).toBe('approved');
  });
});
