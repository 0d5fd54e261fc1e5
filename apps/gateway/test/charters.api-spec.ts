import { startStack, type RunningStack } from '@jiaolian/testing';
import { createHash, randomUUID } from 'node:crypto';
import { apiClient, type Api } from './http.js';
import { membershipSeeder } from './membership-seed.js';

/*
 * Charters and agreements through the gateway, as a third party uses them: an alliance admin drafts and
 * sends, each school admin signs for their own school, the last signature brings the version into force;
 * a file as the signed text, up and down; bad input as problem+json in Chinese by default that changes
 * nothing; every id route answers 401 without a token, 403 to a role it does not serve and 404 for a
 * foreign id (another district's alliance, or an id that belongs to no one).
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

const content = {
  kind: 'charter', title: '实验小学教育联盟章程',
  body: '第一条 本联盟由实验小学牵头，成员校平等协商、资源共享、共同发展。',
  sharedScope: '骨干教师交流、课程资源、功能室与统一检测',
  disputeResolution: '由联盟理事会协商解决；协商不成的，报县教育局裁决。',
  validFrom: '2026-09-01', validTo: '2029-08-31',
};
const docs = (allianceId = ids['alliance']): string => `/api/v1/alliances/${allianceId}/documents`;
const version = (documentId = ids['doc'], versionId = ids['v1'], allianceId = ids['alliance']): string => `${docs(allianceId)}/${documentId}/versions/${versionId}`;

async function upload(token: string, path: string, filename: string, content: Uint8Array<ArrayBuffer>): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  const form = new FormData();
  form.append('file', new Blob([content]), filename);
  const response = await fetch(`${stack.gatewayUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json() };
}

/**
 * The SHA-256 a school signs, as a third party recomputes it (format jiaolian.charter.v1): UTF-8 JSON of
 * the version's fields in a fixed order, duties by school id, text in NFC, and the SHA-256 and size of
 * the file's bytes in place of the file.
 */
function canonicalSha256(v: any, fileBytes: Uint8Array | null): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- the version as JSON
  const text = (value: string | null): string | null => (value === null ? null : value.normalize('NFC'));
  const canonical = {
    format: 'jiaolian.charter.v1', documentId: v.documentId, kind: v.kind, number: v.number, title: text(v.title), body: text(v.body),
    file: fileBytes ? { sha256: createHash('sha256').update(fileBytes).digest('hex'), size: fileBytes.length } : null,
    sharedScope: text(v.sharedScope),
    duties: [...v.duties as { school: { id: string }; duties: string }[]]
      .sort((a, b) => (a.school.id < b.school.id ? -1 : a.school.id > b.school.id ? 1 : 0))
      .map((d) => ({ schoolId: d.school.id, duties: d.duties.normalize('NFC') })),
    disputeResolution: text(v.disputeResolution), validFrom: v.validFrom, validTo: v.validTo,
  };
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('hex');
}

beforeAll(async () => {
  stack = await startStack({ services: ['membership'], env: { RATE_LIMIT_LOGIN_MAX: '1000', RATE_LIMIT_DISABLED: 'true' } });
  api = apiClient(stack.gatewayUrl);
  await stack.run('create-admin', 'membership', { JIAOLIAN_ADMIN_USERNAME: ADMIN.username, JIAOLIAN_ADMIN_PASSWORD: ADMIN.password });
  t['root'] = await login(ADMIN.username, ADMIN.password);
  for (const [key, code] of [['A', '330791'], ['B', '330792']] as const) {
    const district = await api('POST', '/api/v1/districts', { token: t['root'], body: { code, name: `${key}县教育局` } });
    ids[`d${key}`] = district.body.id;
  }
  ids['core'] = await school(ids['dA']!, '实验小学');
  ids['village'] = await school(ids['dA']!, '下湾村小学');
  ids['bCore'] = await school(ids['dB']!, '外县小学');
  ids['alliance'] = await alliance(ids['dA']!, '实验小学教育联盟', ids['core']!, [ids['village']!]);
  ids['bAlliance'] = await alliance(ids['dB']!, '外县教育联盟', ids['bCore']!, []);
  t['districtA'] = await person(ids['dA']!, 'district.a', { role: 'district_admin' });
  t['districtB'] = await person(ids['dB']!, 'district.b', { role: 'district_admin' });
  t['allianceAdmin'] = await person(ids['dA']!, 'alliance.a', { role: 'alliance_admin', allianceId: ids['alliance']! });
  t['coreHead'] = await person(ids['dA']!, 'core.head', { role: 'school_admin', schoolId: ids['core']! });
  t['villageHead'] = await person(ids['dA']!, 'village.head', { role: 'school_admin', schoolId: ids['village']! });
  t['bHead'] = await person(ids['dB']!, 'b.head', { role: 'school_admin', schoolId: ids['bCore']! });
  t['teacher'] = await person(ids['dA']!, 'village.teacher', { role: 'teacher', schoolId: ids['village']! });
  const foreign = await api('POST', docs(ids['bAlliance']), { token: t['districtB'], body: { ...content, title: '外县联盟章程' } });
  expect(foreign.status).toBe(201);
  ids['bDoc'] = foreign.body.documentId;
  ids['bV1'] = foreign.body.id;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('charters and agreements', () => {
  it('lets the alliance admin draft a charter (201), which only the alliance admins see while it is a draft', async () => {
    const created = await api('POST', docs(), { token: t['allianceAdmin'], body: content });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', number: 1, kind: 'charter', title: '实验小学教育联盟章程', may: { edit: true, send: true } });
    ids['doc'] = created.body.documentId;
    ids['v1'] = created.body.id;
    expect((await api('GET', docs(), { token: t['villageHead'] })).body).toEqual([]);
    expect((await api('GET', version(), { token: t['villageHead'] })).status).toBe(404);
  });

  it.each([
    ['kind', { kind: 'constitution' }],
    ['title', { title: '   ' }],
    ['validTo', { validTo: '2029-02-30' }],
    ['duties.0.schoolId', { duties: [{ schoolId: 'not-a-uuid', duties: '送教' }] }],
    ['body', { body: 'x'.repeat(100_001) }],
  ])('answers 400 problem+json in Chinese naming %s, and creates nothing', async (field, bad) => {
    const answer = await api('POST', docs(), { token: t['allianceAdmin'], body: { ...content, ...bad }, headers: { 'accept-language': 'zh-CN' } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(answer.body.detail ?? answer.body.title).toMatch(/[\u4e00-\u9fff]/);
    const listed = await api('GET', docs(), { token: t['allianceAdmin'] });
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([ids['doc']]);
  });

  it('answers 400 naming the field for a reversed validity, in English on request', async () => {
    const answer = await api('POST', docs(), { token: t['allianceAdmin'], body: { ...content, validFrom: '2030-01-01' }, headers: { 'accept-language': 'en' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ field: 'validTo', code: 'membership.charter.validity-order' });
    expect(answer.body.errors[0].message).toBe('validTo must not be before validFrom');
  });

  it('attaches a file to the draft and streams the same bytes back; the file\'s hash is part of what is signed', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 实验小学教育联盟章程（盖章扫描件）');
    const attached = await upload(t['allianceAdmin']!, `${version()}/file`, '联盟章程.pdf', bytes);
    expect(attached.status).toBe(201);
    expect(attached.body.file).toMatchObject({ filename: '联盟章程.pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const refused = await upload(t['allianceAdmin']!, `${version()}/file`, 'virus.exe', bytes);
    expect(refused.status).toBe(400);
    const response = await fetch(`${stack.gatewayUrl}${version()}/file`, { headers: { authorization: `Bearer ${t['allianceAdmin']}` } });
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('binds the exact file bytes into the hash a school signs: a third party recomputes it from the version and the downloaded bytes; other bytes give another hash', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 实验小学教育联盟章程（盖章扫描件）');
    const current = (await api('GET', version(), { token: t['allianceAdmin'] })).body;
    const downloaded = new Uint8Array(await (await fetch(`${stack.gatewayUrl}${version()}/file`, { headers: { authorization: `Bearer ${t['allianceAdmin']}` } })).arrayBuffer());
    expect(downloaded).toEqual(pdf);
    expect(current.contentSha256).toBe(canonicalSha256(current, downloaded));

    // one byte more: another file hash, another signed hash; the same bytes again give the same hash back
    const other = new TextEncoder().encode('%PDF-1.4 实验小学教育联盟章程（盖章扫描件）.');
    const replaced = await upload(t['allianceAdmin']!, `${version()}/file`, '联盟章程.pdf', other);
    expect(replaced.status).toBe(201);
    expect(replaced.body.file.sha256).toBe(createHash('sha256').update(other).digest('hex'));
    expect(replaced.body.contentSha256).not.toBe(current.contentSha256);
    expect(replaced.body.contentSha256).toBe(canonicalSha256(replaced.body, other));
    const restored = await upload(t['allianceAdmin']!, `${version()}/file`, '联盟章程.pdf', pdf);
    expect(restored.body.contentSha256).toBe(current.contentSha256);
  });

  it('sends, refuses a signature for another school (403), and comes into force when the last school signs', async () => {
    const sent = await api('POST', `${version()}/send`, { token: t['allianceAdmin'] });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'signing', requiredCount: 2, signedCount: 0 });
    // what the schools sign is the hash over the version with the attached file's bytes
    expect(sent.body.sentSha256).toBe(canonicalSha256(sent.body, new TextEncoder().encode('%PDF-1.4 实验小学教育联盟章程（盖章扫描件）')));
    expect((await api('PATCH', version(), { token: t['allianceAdmin'], body: { title: '改名' } })).status).toBe(409);

    const forOther = await api('POST', `${version()}/sign`, { token: t['coreHead'], body: { schoolId: ids['village'] } });
    expect(forOther.status).toBe(403);
    expect(forOther.body.code).toBe('membership.charter.sign-forbidden');
    expect((await api('POST', `${version()}/sign`, { token: t['districtA'], body: { schoolId: ids['village'] } })).status).toBe(403);

    const first = await api('POST', `${version()}/sign`, { token: t['villageHead'], body: { schoolId: ids['village'] } });
    expect(first.status).toBe(200);
    expect(first.body.schools.find((s: { school: { id: string } }) => s.school.id === ids['village']).signature)
      .toMatchObject({ signedByName: 'village.head', contentSha256: sent.body.sentSha256, hashMatches: true });
    const listed = await api('GET', docs(), { token: t['teacher'] });
    expect(listed.body[0].unsignedSchools).toEqual([{ id: ids['core'], name: '实验小学' }]);

    const last = await api('POST', `${version()}/sign`, { token: t['coreHead'], body: { schoolId: ids['core'] } });
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'in_force', signedCount: 2 });
    const detail = await api('GET', `${docs()}/${ids['doc']}`, { token: t['teacher'] });
    expect(detail.body).toMatchObject({ current: { id: ids['v1'], status: 'in_force' }, pending: null, unsignedSchools: [] });
  });

  it('drafts an amendment and withdraws it when it is out for signing (409 for a second draft)', async () => {
    const amended = await api('POST', `${docs()}/${ids['doc']}/versions`, { token: t['allianceAdmin'] });
    expect(amended.status).toBe(201);
    ids['v2'] = amended.body.id;
    expect(amended.body).toMatchObject({ number: 2, status: 'draft', amends: ids['v1'] });
    expect((await api('POST', `${docs()}/${ids['doc']}/versions`, { token: t['allianceAdmin'] })).status).toBe(409);
    expect((await api('POST', `${version(ids['doc'], ids['v2'])}/send`, { token: t['allianceAdmin'] })).status).toBe(200);
    await api('POST', `${version(ids['doc'], ids['v2'])}/sign`, { token: t['coreHead'], body: { schoolId: ids['core'] } });
    const withdrawn = await api('POST', `${version(ids['doc'], ids['v2'])}/withdraw`, { token: t['allianceAdmin'], body: { reason: '补充争议解决条款' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'draft', signedCount: 0 });
  });

  describe('every id route: 401 without a token, 403 for a role it does not serve, 404 for a foreign id', () => {
    const routes = (): [string, string, (a: string, d: string, v: string) => string, unknown][] => [
      ['GET', 'list', (a) => docs(a), undefined],
      ['POST', 'create', (a) => docs(a), content],
      ['GET', 'document', (a, d) => `${docs(a)}/${d}`, undefined],
      ['POST', 'amend', (a, d) => `${docs(a)}/${d}/versions`, undefined],
      ['GET', 'version', (a, d, v) => version(d, v, a), undefined],
      ['PATCH', 'edit', (a, d, v) => version(d, v, a), { title: '新标题' }],
      ['GET', 'file', (a, d, v) => `${version(d, v, a)}/file`, undefined],
      ['POST', 'send', (a, d, v) => `${version(d, v, a)}/send`, undefined],
      ['POST', 'withdraw', (a, d, v) => `${version(d, v, a)}/withdraw`, {}],
      ['POST', 'sign', (a, d, v) => `${version(d, v, a)}/sign`, { schoolId: ids['bCore'] }],
    ];

    it('answers 401 without a token', async () => {
      for (const [method, name, path, body] of routes()) {
        const answer = await api(method, path(ids['alliance']!, ids['doc']!, ids['v1']!), { body });
        expect({ name, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ name, status: 401, type: expect.stringMatching(PROBLEM) });
      }
    });

    it('answers 403 to a role the route does not serve', async () => {
      const writes = routes().filter(([method]) => method !== 'GET');
      for (const [method, name, path, body] of writes) {
        const token = name === 'sign' ? t['allianceAdmin'] : t['teacher'];
        const answer = await api(method, path(ids['alliance']!, ids['doc']!, ids['v1']!), { token, body });
        expect({ name, status: answer.status }).toEqual({ name, status: 403 });
      }
    });

    it('answers 404 for another district\'s alliance, document and version, and for ids of no one, changing nothing', async () => {
      const before = (await api('GET', `${docs(ids['bAlliance'])}/${ids['bDoc']}`, { token: t['districtB'] })).body;
      const nobody = randomUUID();
      for (const [method, name, path, body] of routes()) {
        const token = name === 'sign' ? t['villageHead'] : t['districtA'];
        const tries: [string, string, string, string][] = [
          ['foreign alliance', ids['bAlliance']!, ids['bDoc']!, ids['bV1']!],
          ['foreign document under our alliance', ids['alliance']!, ids['bDoc']!, ids['bV1']!],
          ['unknown ids', ids['alliance']!, nobody, nobody],
        ];
        for (const [how, a, d, v] of tries) {
          if (name === 'list' || name === 'create') { if (how !== 'foreign alliance') continue; }
          const answer = await api(method, path(a, d, v), { token, body });
          expect({ name, how, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ name, how, status: 404, type: expect.stringMatching(PROBLEM) });
        }
      }
      const after = (await api('GET', `${docs(ids['bAlliance'])}/${ids['bDoc']}`, { token: t['districtB'] })).body;
      expect(after).toEqual(before);
      // the other district's own school admin still cannot sign a draft it may not see
      expect((await api('POST', `${version(ids['bDoc'], ids['bV1'], ids['bAlliance'])}/sign`, { token: t['bHead'], body: { schoolId: ids['bCore'] } })).status).toBe(404);
    });
  });
});
