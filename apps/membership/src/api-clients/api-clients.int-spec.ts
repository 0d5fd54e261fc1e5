import {
  MembershipSubjects as S, type ApiClientView, type ApiClientWithSecretView, type AuditRecordView, type ClientTokenView, type Page, type SchoolView,
} from '@jiaolian/contracts';
import { givenAlliance, givenDistrict, givenSchool } from '../test-support/factories.js';
import { startHarness, type Harness } from '../test-support/harness.js';

/** API clients of a district: create, rotate with a grace period, revoke, and no reach into another district. */
describe('API clients', () => {
  let h: Harness;
  let districtA: string;
  let districtB: string;
  let adminA: string;
  let adminB: string;
  let allianceA: string;
  let schoolA: string;

  const token = (clientId: string, clientSecret: string, scopes?: string[]): Promise<ClientTokenView> =>
    h.call<ClientTokenView>(S.oauthToken, { clientId, clientSecret, ...(scopes ? { scopes } : {}) }, '');
  const tokenFails = async (clientId: string, clientSecret: string): Promise<string> => (await h.fail(S.oauthToken, { clientId, clientSecret }, '')).code;
  const create = (overrides: Record<string, unknown> = {}, as = adminA): Promise<ApiClientWithSecretView> => h.call<ApiClientWithSecretView>(S.apiClientCreate, {
    districtId: districtA, name: '区域教育数据中心', scopes: ['membership:read'], reach: { districtIds: [districtA] }, ...overrides,
  }, as);
  /** Revocations reach the service through the bucket watch: wait until the outcome holds. */
  const eventually = async (check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };

  beforeAll(async () => {
    h = await startHarness('membership_api_clients');
    const platform = await h.systemToken();
    districtA = (await givenDistrict(h, platform, '青田县教育局')).id;
    districtB = (await givenDistrict(h, platform, '文成县教育局')).id;
    adminA = await h.tokenFor([{ role: 'district_admin', districtId: districtA }]);
    adminB = await h.tokenFor([{ role: 'district_admin', districtId: districtB }]);
    schoolA = (await givenSchool(h, adminA, districtA, { name: '青田县实验小学' })).id;
    allianceA = (await givenAlliance(h, adminA, districtA, schoolA, 'alliance', '青田县城乡教育联盟')).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a client whose secret is shown once and stored only as a hash, with an audit record', async () => {
    const created = await create({ description: '同步学校名录', reach: { allianceIds: [allianceA] } });
    expect(created.clientSecret).toMatch(/^jls_/);
    expect(created.client).toMatchObject({ districtId: districtA, status: 'active', scopes: ['membership:read'], reach: { districtIds: [], allianceIds: [allianceA] } });
    expect(created.client.clientId).toMatch(/^jlc_/);
    const { rows } = await h.db.query('SELECT secret_hash FROM membership.api_client_secret s JOIN membership.api_client c ON c.id = s.client_id WHERE c.client_id = $1', [created.client.clientId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].secret_hash).not.toContain(created.clientSecret.slice(4));
    const again = await h.call<ApiClientView>(S.apiClientGet, { id: created.client.id }, adminA);
    expect(JSON.stringify(again)).not.toContain(created.clientSecret);
    const audit = await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'api_client', entityId: created.client.id }, adminA);
    expect(audit.items.map((r) => r.action)).toEqual(['api_client.created']);
    expect(JSON.stringify(audit.items)).not.toContain(created.clientSecret);
  });

  it('issues a token that scopes data as the district admin would, and refuses what the scopes do not allow', async () => {
    const { client, clientSecret } = await create();
    const granted = await token(client.clientId, clientSecret);
    expect(granted).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'membership:read' });
    const schools = await h.call<Page<SchoolView>>(S.schoolList, { districtId: districtA }, granted.access_token);
    expect(schools.items.map((s) => s.id)).toContain(schoolA);
    const schoolB = await givenSchool(h, adminB, districtB);
    expect((await h.fail(S.schoolGet, { id: schoolB.id }, granted.access_token)).kind).toBe('not-found');
    expect((await h.fail(S.oauthToken, { clientId: client.clientId, clientSecret, scopes: ['assessment:read'] }, '')).code).toBe('membership.oauth.invalid-scope');
  });

  it('refuses a client token that holds no scope of the service (the bus is no trust boundary)', async () => {
    const { client, clientSecret } = await create({ scopes: ['assessment:read'] });
    const granted = await token(client.clientId, clientSecret);
    const refused = await h.fail(S.schoolList, { districtId: districtA }, granted.access_token);
    expect({ kind: refused.kind, code: refused.code }).toEqual({ kind: 'forbidden', code: 'auth.client-scope-missing' });
  });

  it('keeps the old secret working during the grace period after rotation, and not after', async () => {
    const { client, clientSecret: first } = await create();
    const rotated = await h.call<ApiClientWithSecretView>(S.apiClientRotateSecret, { id: client.id, body: { graceSeconds: 2 } }, adminA);
    expect(rotated.clientSecret).not.toBe(first);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    await expect(token(client.clientId, rotated.clientSecret)).resolves.toMatchObject({ token_type: 'Bearer' });
    await expect(token(client.clientId, first)).resolves.toMatchObject({ token_type: 'Bearer' });
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await tokenFails(client.clientId, first)).toBe('membership.oauth.invalid-client');
    await expect(token(client.clientId, rotated.clientSecret)).resolves.toMatchObject({ token_type: 'Bearer' });
    const audit = await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'api_client', entityId: client.id }, adminA);
    expect(audit.items.map((r) => r.action).sort()).toEqual(['api_client.created', 'api_client.secret_rotated']);
  });

  it('ends the old secret at once with a grace of 0', async () => {
    const { client, clientSecret: first } = await create();
    const rotated = await h.call<ApiClientWithSecretView>(S.apiClientRotateSecret, { id: client.id, body: { graceSeconds: 0 } }, adminA);
    expect(await tokenFails(client.clientId, first)).toBe('membership.oauth.invalid-client');
    await expect(token(client.clientId, rotated.clientSecret)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses a revoked client its tokens at once and new tokens afterwards', async () => {
    const { client, clientSecret } = await create();
    const granted = await token(client.clientId, clientSecret);
    await h.call(S.schoolList, {}, granted.access_token);
    const revoked = await h.call<ApiClientView>(S.apiClientRevoke, { id: client.id }, adminA);
    expect(revoked.status).toBe('revoked');
    expect(await eventually(async () => (await h.fail(S.schoolList, {}, granted.access_token).catch(() => undefined))?.code === 'auth.token-revoked')).toBe(true);
    expect(await tokenFails(client.clientId, clientSecret)).toBe('membership.oauth.invalid-client');
    expect((await h.fail(S.apiClientRotateSecret, { id: client.id, body: {} }, adminA)).kind).toBe('conflict');
  });

  it('answers the same error for an unknown client id and a wrong secret', async () => {
    const { client, clientSecret } = await create();
    expect(await tokenFails('jlc_doesnotexist0000', clientSecret)).toBe('membership.oauth.invalid-client');
    expect(await tokenFails(client.clientId, `${clientSecret}x`)).toBe('membership.oauth.invalid-client');
    const unknown = await h.fail(S.oauthToken, { clientId: 'jlc_doesnotexist0000', clientSecret }, '');
    const wrong = await h.fail(S.oauthToken, { clientId: client.clientId, clientSecret: 'jls_wrong' }, '');
    expect(wrong.detail).toBe(unknown.detail);
  });

  it("hides district A's client from district B's admin (404) and changes nothing", async () => {
    const { client } = await create();
    const before = [await h.count('api_client'), await h.count('api_client_secret'), await h.count('audit_log')];
    for (const [subject, data] of [
      [S.apiClientGet, { id: client.id }], [S.apiClientUpdate, { id: client.id, changes: { name: '改名' } }],
      [S.apiClientRotateSecret, { id: client.id, body: {} }], [S.apiClientRevoke, { id: client.id }],
    ] as const) {
      expect({ subject, kind: (await h.fail(subject, data, adminB)).kind }).toEqual({ subject, kind: 'not-found' });
    }
    const listed = await h.call<Page<ApiClientView>>(S.apiClientList, {}, adminB);
    expect(listed.items.map((c) => c.id)).not.toContain(client.id);
    expect((await h.fail(S.apiClientCreate, { districtId: districtA, name: 'x', scopes: ['membership:read'], reach: { districtIds: [districtA] } }, adminB)).kind).toBe('forbidden');
    expect([await h.count('api_client'), await h.count('api_client_secret'), await h.count('audit_log')]).toEqual(before);
  });

  it.each([
    ['no reach', { reach: {} }, 'reach'],
    ["another district's id", () => ({ reach: { districtIds: [districtB] } }), 'reach.districtIds'],
    ["another district's alliance", async () => {
      const core = await givenSchool(h, adminB, districtB);
      return { reach: { allianceIds: [(await givenAlliance(h, adminB, districtB, core.id)).id] } };
    }, 'reach.allianceIds'],
  ] as const)('refuses a client with %s, writing nothing', async (_, overrides, field) => {
    const body = typeof overrides === 'function' ? await overrides() : overrides;
    const before = await h.count('api_client');
    const error = await h.fail(S.apiClientCreate, { districtId: districtA, name: '坏应用', scopes: ['membership:read'], ...body }, adminA);
    expect({ kind: error.kind, field: error.errors?.[0]?.field }).toEqual({ kind: 'validation-failed', field });
    expect(await h.count('api_client')).toBe(before);
  });

  it('lets no client manage clients, whatever its scopes', async () => {
    const { client, clientSecret } = await create({ scopes: ['membership:write'] });
    const granted = await token(client.clientId, clientSecret);
    expect((await h.fail(S.apiClientList, {}, granted.access_token)).kind).toBe('forbidden');
    expect((await h.fail(S.apiClientCreate, { districtId: districtA, name: 'x', scopes: ['membership:write'], reach: { districtIds: [districtA] } }, granted.access_token)).kind).toBe('forbidden');
  });

  it('updates scopes and ends the tokens that carry the old ones', async () => {
    const { client, clientSecret } = await create({ scopes: ['membership:read', 'exchange:read'] });
    const granted = await token(client.clientId, clientSecret);
    const updated = await h.call<ApiClientView>(S.apiClientUpdate, { id: client.id, changes: { scopes: ['membership:read'], rateLimitPerMinute: 30 } }, adminA);
    expect(updated).toMatchObject({ scopes: ['membership:read'], rateLimitPerMinute: 30, version: client.version + 1 });
    expect(await eventually(async () => (await h.fail(S.schoolList, {}, granted.access_token).catch(() => undefined))?.code === 'auth.token-revoked')).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect((await token(client.clientId, clientSecret)).scope).toBe('membership:read');
  });
});
