import {
  MembershipSubjects as S, type AllianceView, type CharterDocumentView, type CharterVersionView, type DistrictOverviewView, type JoinRequestView, type Page, type SchoolView, type TokenPairView,
} from '@jiaolian/contracts';
import { startHarness, type Harness } from '../test-support/harness.js';
import { createAdminCommand } from './create-admin.command.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { seedDemoCommand } from './seed-demo.command.js';

describe('membership commands', () => {
  let h: Harness;
  const output: string[] = [];
  let restoreStdout: () => void = () => undefined;

  beforeAll(async () => {
    h = await startHarness('membership_commands');
    restoreStdout = captureStdout(output);
  });

  afterAll(async () => {
    restoreStdout();
    await h?.close();
  });

  const login = (username: string, password = DEMO_PASSWORD): Promise<TokenPairView> => h.call<TokenPairView>(S.authLogin, { username, password }, '');

  it('seeds the demo county once, with a login per role, and prints no secret but the demo logins', async () => {
    await seedDemoCommand(h.app);
    const tables = ['school', 'alliance', 'app_user', 'alliance_body', 'alliance_body_member', 'audit_log', 'outbox_event'];
    const counts = await Promise.all(tables.map((table) => h.count(table)));
    await seedDemoCommand(h.app);
    expect(await Promise.all(tables.map((table) => h.count(table)))).toEqual(counts);
    // 8 logins (two counties) and 6 teachers sitting in the integrated alliance's council, 2 working groups and 2 studios
    expect(counts.slice(0, 5)).toEqual([22, 4, 14, 5, 15]);
    const [{ n: schoolsInBodies }] = (await h.db.query('SELECT count(DISTINCT school_id)::int AS n FROM membership.alliance_body_member')).rows as { n: number }[];
    expect(schoolsInBodies).toBeGreaterThanOrEqual(4);
    expect(output.join('')).toContain('admin, district.admin, alliance.admin, school.admin, teacher, district.admin.b, school.admin.b, teacher.b');
    expect(output.join('')).not.toMatch(/argon2|\$2[aby]\$|eyJ/);

    const district = await login('district.admin');
    const overview = await h.call<DistrictOverviewView>(S.districtOverview, { id: district.user.districtId }, district.accessToken);
    expect(overview).toMatchObject({ schools: 20, townships: 5, alliances: { active: 4, draft: 0, dissolved: 0 }, allianceKinds: { pairing: 1, alliance: 2, integrated: 1 }, pendingJoinRequests: 2, users: 10 });

    const alliances = await h.call<Page<AllianceView>>(S.allianceList, {}, district.accessToken);
    expect(Object.fromEntries(alliances.items.map((a) => [a.name, a.memberCount]))).toEqual({
      清溪县实验小学教联体: 5, 城关中学教育联盟: 4, '城关二小—后岙村小结对帮扶': 2, '清溪—溪南跨区域教育联盟': 2,
    });
    const pending = await h.call<Page<JoinRequestView>>(S.joinRequestList, { status: 'pending' }, district.accessToken);
    expect(pending.items.map((r) => r.kind).sort()).toEqual(['application', 'invitation']);
  });

  it('joins a school of the second demo county to the alliance across districts, approved by both district admins', async () => {
    const districtB = await login('district.admin.b');
    const alliances = await h.call<Page<AllianceView>>(S.allianceList, {}, districtB.accessToken);
    expect(alliances.items.map((a) => a.name)).toEqual(['清溪—溪南跨区域教育联盟']);
    const requests = await h.call<Page<JoinRequestView>>(S.joinRequestList, {}, districtB.accessToken);
    expect(requests.items).toEqual([expect.objectContaining({
      status: 'accepted', crossDistrict: true,
      approvals: [expect.objectContaining({ side: 'alliance', status: 'approved' }), expect.objectContaining({ side: 'school', status: 'approved' })],
    })]);
    const teacher = await login('teacher.b');
    expect((await h.call<Page<AllianceView>>(S.allianceList, {}, teacher.accessToken)).items.map((a) => a.name)).toEqual(['清溪—溪南跨区域教育联盟']);
    expect((await h.call<Page<SchoolView>>(S.schoolList, {}, teacher.accessToken)).items.map((s) => s.name).sort()).toEqual(['溪南县城南小学', '溪南县溪口镇中心小学'].sort());
  });

  it('seeds the demo alliance\'s charter in force and an amendment that the demo school admin has still to sign, once', async () => {
    const counts = [await h.count('charter_document'), await h.count('charter_version'), await h.count('charter_signature')];
    expect(counts).toEqual([1, 2, 9]);
    const head = await login('school.admin');
    const [alliance] = head.user.assignments;
    const secretariat = await login('alliance.admin');
    const allianceId = secretariat.user.assignments[0]?.allianceId as string;
    const [doc] = await h.call<CharterDocumentView[]>(S.charterList, { allianceId }, head.accessToken);
    expect(doc).toMatchObject({ title: '清溪县实验小学教联体章程', current: { number: 1, status: 'in_force', signedCount: 5 }, pending: { number: 2, status: 'signing', signedCount: 4 } });
    expect(doc?.unsignedSchools).toEqual([{ id: alliance?.schoolId, name: '临溪镇下湾村小学' }]);
    const amendment = await h.call<CharterVersionView>(S.charterVersionGet, { allianceId, documentId: doc?.id, versionId: doc?.pending?.id }, head.accessToken);
    expect(amendment.may.signFor).toEqual([alliance?.schoolId]);
    await seedDemoCommand(h.app);
    expect([await h.count('charter_document'), await h.count('charter_version'), await h.count('charter_signature')]).toEqual(counts);
  });

  it('gives each demo login its scope', async () => {
    const head = await login('school.admin');
    expect(head.user.assignments).toEqual([expect.objectContaining({ role: 'school_admin', scopeName: '临溪镇下湾村小学' })]);
    const school = await h.call<SchoolView>(S.schoolGet, { id: head.user.assignments[0]!.schoolId }, head.accessToken);
    expect(school.locale).toBe('village');
    expect(school.alliances.map((a) => a.name)).toEqual(['清溪县实验小学教联体']);
    const secretariat = await login('alliance.admin');
    expect(secretariat.user.assignments[0]).toMatchObject({ role: 'alliance_admin', scopeName: '清溪县实验小学教联体' });
    const teacher = await login('teacher');
    expect((await h.fail(S.auditList, {}, teacher.accessToken)).kind).toBe('forbidden');
    const admin = await login('admin');
    expect(admin.user.assignments).toEqual([expect.objectContaining({ role: 'platform_admin', districtId: '*' })]);
  });

  it('seeds a profile round of the current term with a profile for every demo school of both counties, once', async () => {
    expect(await h.count('profile_round')).toBe(2);
    expect(await h.count('school_profile')).toBe(22);
    const [{ n: schoolsWithout }] = (await h.db.query('SELECT count(*)::int AS n FROM membership.school s WHERE NOT EXISTS (SELECT 1 FROM membership.school_profile p WHERE p.school_id = s.id)')).rows as { n: number }[];
    expect(schoolsWithout).toBe(0);
    const districtB = await login('district.admin.b');
    const [round] = (await h.db.query('SELECT id FROM membership.profile_round WHERE district_id = $1', [districtB.user.districtId])).rows as { id: string }[];
    expect(round).toBeDefined();
    await seedDemoCommand(h.app);
    expect([await h.count('profile_round'), await h.count('school_profile')]).toEqual([2, 22]);
    // each county has its own taxonomy
    expect(await h.count('profile_tag', "code IN ('farm_base', 'youth_palace', 'science_tech', 'english')")).toBe(8);
  });

  it('create-admin resets the platform admin password from the environment, and needs one', async () => {
    const previous = process.env['JIAOLIAN_ADMIN_PASSWORD'];
    try {
      delete process.env['JIAOLIAN_ADMIN_PASSWORD'];
      await expect(createAdminCommand(h.app)).rejects.toThrow(/JIAOLIAN_ADMIN_PASSWORD/);
      process.env['JIAOLIAN_ADMIN_PASSWORD'] = 'A-New-Admin-Password-1';
      await createAdminCommand(h.app);
      expect((await h.fail(S.authLogin, { username: 'admin', password: DEMO_PASSWORD }, '')).kind).toBe('unauthenticated');
      expect((await login('admin', 'A-New-Admin-Password-1')).user.username).toBe('admin');
      expect(await h.count('app_user', "lower(username) = 'admin'")).toBe(1);
    } finally {
      if (previous === undefined) delete process.env['JIAOLIAN_ADMIN_PASSWORD'];
      else process.env['JIAOLIAN_ADMIN_PASSWORD'] = previous;
    }
  });
});

/** Records what the commands print (still printing it); returns the undo. */
function captureStdout(into: string[]): () => void {
  const original = process.stdout.write;
  const write = original.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    into.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  return () => { process.stdout.write = original; };
}
