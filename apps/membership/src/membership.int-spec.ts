import {
  MembershipEvents, MembershipSubjects as S, type AllianceDetailView, type AllianceView, type AuditRecordView, type DistrictOverviewView,
  type DistrictView, type DomainEvent, type JoinRequestView, type MeView, type Page, type RoleHolderView, type SchoolView, type TokenPairView,
  type UserView,
} from '@jiaolian/contracts';
import type { DomainError } from '@jiaolian/service-kit';
import { givenAlliance, givenDistrict, givenSchool, givenUser } from './test-support/factories.js';
import { startHarness, type Harness } from './test-support/harness.js';

describe('membership service over NATS', () => {
  let h: Harness;
  let platform: string;
  let district: DistrictView;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness('membership_ops');
    platform = await h.systemToken();
    district = await givenDistrict(h, platform, '清溪县教育局');
    admin = await h.tokenFor([{ role: 'district_admin', districtId: district.id }]);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('districts', () => {
    it('creates, lists, gets and rejects a duplicate code', async () => {
      const other = await givenDistrict(h, platform, '溪南县教育局');
      const list = await h.call<Page<DistrictView>>(S.districtList, { q: '溪南' }, platform);
      expect(list.items.map((d) => d.id)).toEqual([other.id]);
      expect(await h.call<DistrictView>(S.districtGet, { id: other.id }, platform)).toMatchObject({ name: '溪南县教育局', code: other.code });
      const error = await h.fail(S.districtCreate, { code: other.code, name: '重复' }, platform);
      expect(error.kind).toBe('conflict');
      expect(error.errors?.[0]?.field).toBe('code');
    });

    it('lets only the platform admin create districts', async () => {
      const before = await h.count('district');
      expect((await h.fail(S.districtCreate, { code: '123456', name: '越权县' }, admin)).kind).toBe('forbidden');
      expect(await h.count('district')).toBe(before);
    });

    it('lists only the districts a district admin belongs to', async () => {
      const list = await h.call<Page<DistrictView>>(S.districtList, {}, admin);
      expect(list.items.map((d) => d.id)).toEqual([district.id]);
      expect(list.total).toBe(1);
    });
  });

  describe('schools', () => {
    it('registers a school, announces it and records the audit in the same change', async () => {
      const school = await givenSchool(h, admin, district.id, { name: '清溪县实验小学', locale: 'urban', location: { lat: 28.45, lng: 119.92 } });
      expect(school).toMatchObject({ name: '清溪县实验小学', locale: 'urban', location: { lat: 28.45, lng: 119.92 }, campuses: [], alliances: [] });
      expect(await h.count('audit_log', "entity_id = $1 AND action = 'school.created'", [school.id])).toBe(1);
      expect(await h.count('outbox_event', "envelope->'data'->>'schoolId' = $1 AND subject = $2", [school.id, MembershipEvents.schoolRegistered])).toBe(1);
    });

    it('rejects a second school with the same 10-digit code and writes nothing', async () => {
      const school = await givenSchool(h, admin, district.id);
      const [audits, outbox] = [await h.count('audit_log'), await h.count('outbox_event')];
      const error = await h.fail(S.schoolCreate, {
        districtId: district.id, code: school.code, name: '重复学校', stage: 'primary', locale: 'village', township: '城关镇', studentCount: 1, teacherCount: 1, classCount: 1,
      }, admin);
      expect(error.kind).toBe('conflict');
      expect([await h.count('audit_log'), await h.count('outbox_event')]).toEqual([audits, outbox]);
    });

    it('updates a school by its own admin, adds a campus, and filters the list', async () => {
      const school = await givenSchool(h, admin, district.id, { township: '白沙乡', stage: 'nine_year', name: '白沙乡中心学校' });
      const head = await h.tokenFor([{ role: 'school_admin', districtId: district.id, schoolId: school.id }]);
      const updated = await h.call<SchoolView>(S.schoolUpdate, { id: school.id, changes: { studentCount: 520, address: '白沙乡溪口路1号' } }, head);
      expect(updated).toMatchObject({ studentCount: 520, address: '白沙乡溪口路1号', name: '白沙乡中心学校' });
      const audit = await h.db.query("SELECT before, after FROM membership.audit_log WHERE entity_id = $1 AND action = 'school.updated'", [school.id]);
      expect(audit.rows[0].before.studentCount).toBe(100);
      expect(audit.rows[0].after.studentCount).toBe(520);
      const withCampus = await h.call<SchoolView>(S.campusCreate, { schoolId: school.id, campus: { name: '东校区' } }, head);
      expect(withCampus.campuses.map((c) => c.name)).toEqual(['东校区']);
      const filtered = await h.call<Page<SchoolView>>(S.schoolList, { township: '白沙乡', stage: 'nine_year' }, admin);
      expect(filtered.items.map((s) => s.id)).toEqual([school.id]);
      const byCode = await h.call<Page<SchoolView>>(S.schoolList, { q: school.code }, admin);
      expect(byCode.items.map((s) => s.id)).toEqual([school.id]);
      const other = await givenSchool(h, admin, district.id);
      expect((await h.fail(S.schoolUpdate, { id: other.id, changes: { studentCount: 1 } }, head)).kind).toBe('forbidden');
    });

    it('pages and sorts the list', async () => {
      const page = await h.call<Page<SchoolView>>(S.schoolList, { districtId: district.id, pageSize: 2, page: 1, sort: '-createdAt' }, admin);
      expect(page.items).toHaveLength(2);
      expect(page.total).toBeGreaterThan(2);
      expect(page.items[0]!.createdAt >= page.items[1]!.createdAt).toBe(true);
      expect((await h.fail(S.schoolList, { sort: 'password' }, admin)).errors?.[0]?.field).toBe('sort');
    });
  });

  describe('alliances', () => {
    it('runs the lifecycle draft → active → dissolved, keeping membership history', async () => {
      const core = await givenSchool(h, admin, district.id, { locale: 'urban' });
      const member = await givenSchool(h, admin, district.id);
      const alliance = await givenAlliance(h, admin, district.id, core.id, 'alliance', '城关中学教育联盟');
      expect(alliance).toMatchObject({ status: 'draft', memberCount: 1, coreSchool: { id: core.id, name: core.name } });
      expect(alliance.members).toEqual([expect.objectContaining({ school: { id: core.id, name: core.name }, role: 'core', status: 'active', leftAt: null })]);

      const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: member.id, message: '欢迎' } }, admin);
      expect(invitation).toMatchObject({ kind: 'invitation', status: 'pending', role: 'member', school: { id: member.id } });
      const accepted = await h.call<JoinRequestView>(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, admin);
      expect(accepted.status).toBe('accepted');

      const active = await h.call<AllianceDetailView>(S.allianceActivate, { id: alliance.id }, admin);
      expect(active.status).toBe('active');
      expect(active.activatedAt).not.toBeNull();
      expect((await h.fail(S.allianceActivate, { id: alliance.id }, admin)).kind).toBe('conflict');

      const renamed = await h.call<AllianceDetailView>(S.allianceUpdate, { id: alliance.id, changes: { description: '联合教研' } }, admin);
      expect(renamed.description).toBe('联合教研');

      expect((await h.fail(S.allianceDissolve, { id: alliance.id, body: { reason: '' } }, admin)).errors?.[0]?.field).toBe('body.reason');
      const dissolved = await h.call<AllianceDetailView>(S.allianceDissolve, { id: alliance.id, body: { reason: '整合为教联体' } }, admin);
      expect(dissolved).toMatchObject({ status: 'dissolved', memberCount: 0 });
      expect(dissolved.members).toHaveLength(2);
      expect(dissolved.members.every((m) => m.status === 'left' && m.leftAt && m.leftReason === '整合为教联体')).toBe(true);
      expect((await h.fail(S.allianceUpdate, { id: alliance.id, changes: { name: '新名' } }, admin)).kind).toBe('conflict');

      const ofAlliance = (events: DomainEvent[]) => events.filter((e) => (e.data as { allianceId?: string }).allianceId === alliance.id);
      const events = await h.events(district.id, (all) => ofAlliance(all).filter((e) => e.subject === MembershipEvents.memberLeft).length >= 2);
      const subjects = ofAlliance(events).map((e) => e.subject);
      expect(subjects).toEqual(expect.arrayContaining([
        MembershipEvents.allianceCreated, MembershipEvents.allianceActivated, MembershipEvents.allianceDissolved,
        MembershipEvents.memberJoined, MembershipEvents.memberLeft,
      ]));
      expect(subjects.filter((s) => s === MembershipEvents.memberLeft)).toHaveLength(2);
    });

    it('lets a school head apply, the alliance admin accept, and the head leave; a re-join opens a new period', async () => {
      const core = await givenSchool(h, admin, district.id);
      const school = await givenSchool(h, admin, district.id);
      const alliance = await givenAlliance(h, admin, district.id, core.id);
      await h.call(S.allianceActivate, { id: alliance.id }, admin);
      const head = await h.tokenFor([{ role: 'school_admin', districtId: district.id, schoolId: school.id }]);
      const secretariat = await h.tokenFor([{ role: 'alliance_admin', districtId: district.id, allianceId: alliance.id }]);

      const application = await h.call<JoinRequestView>(S.allianceApply, { id: alliance.id, body: { schoolId: school.id } }, head);
      expect((await h.fail(S.allianceApply, { id: alliance.id, body: { schoolId: school.id } }, head)).kind).toBe('conflict');
      // the application is announced once (the refused second one announces nothing), for the notification centre
      const announced = await h.db.query(`SELECT envelope->'data' AS data FROM membership.outbox_event WHERE subject = $1 AND envelope->'data'->>'allianceId' = $2`, [MembershipEvents.joinRequestCreated, alliance.id]);
      expect(announced.rows.map((r: { data: unknown }) => r.data)).toEqual([expect.objectContaining({
        joinRequestId: application.id, kind: 'application', schoolId: school.id, schoolName: school.name, allianceName: alliance.name,
      })]);
      expect((await h.fail(S.joinRequestRespond, { id: application.id, body: { decision: 'accept' } }, head)).kind).toBe('forbidden');
      const pending = await h.call<Page<JoinRequestView>>(S.joinRequestList, { allianceId: alliance.id, status: 'pending' }, secretariat);
      expect(pending.items.map((r) => r.id)).toEqual([application.id]);
      await h.call(S.joinRequestRespond, { id: application.id, body: { decision: 'accept', comment: '欢迎' } }, secretariat);
      expect((await h.fail(S.allianceInvite, { id: alliance.id, body: { schoolId: school.id } }, secretariat)).kind).toBe('conflict');

      expect((await h.fail(S.allianceLeave, { id: alliance.id, body: { schoolId: core.id, reason: '退出' } }, secretariat)).kind).toBe('conflict');
      const left = await h.call<AllianceDetailView>(S.allianceLeave, { id: alliance.id, body: { schoolId: school.id, reason: '调整办学' } }, head);
      expect(left.memberCount).toBe(1);

      const again = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: school.id } }, secretariat);
      await h.call(S.joinRequestRespond, { id: again.id, body: { decision: 'accept' } }, head);
      const detail = await h.call<AllianceDetailView>(S.allianceGet, { id: alliance.id }, secretariat);
      const periods = detail.members.filter((m) => m.school.id === school.id);
      expect(periods.map((m) => m.status)).toEqual(['left', 'active']);
      expect(periods[0]).toMatchObject({ leftReason: '调整办学' });

      const mine = await h.call<Page<AllianceView>>(S.allianceList, { schoolId: school.id }, head);
      expect(mine.items.map((a) => a.id)).toEqual([alliance.id]);
      expect((await h.call<SchoolView>(S.schoolGet, { id: school.id }, head)).alliances).toEqual([{ id: alliance.id, name: alliance.name, role: 'member' }]);
    });

    it('lets the asking side withdraw and the asked side decline', async () => {
      const core = await givenSchool(h, admin, district.id);
      const school = await givenSchool(h, admin, district.id);
      const alliance = await givenAlliance(h, admin, district.id, core.id);
      const head = await h.tokenFor([{ role: 'school_admin', districtId: district.id, schoolId: school.id }]);
      const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: school.id } }, admin);
      expect((await h.fail(S.joinRequestRespond, { id: invitation.id, body: { decision: 'withdraw' } }, head)).kind).toBe('forbidden');
      expect((await h.call<JoinRequestView>(S.joinRequestRespond, { id: invitation.id, body: { decision: 'decline' } }, head)).status).toBe('declined');
      expect((await h.fail(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, head)).kind).toBe('conflict');
      const second = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: school.id } }, admin);
      expect((await h.call<JoinRequestView>(S.joinRequestRespond, { id: second.id, body: { decision: 'withdraw' } }, admin)).status).toBe('withdrawn');
      expect((await h.call<AllianceDetailView>(S.allianceGet, { id: alliance.id }, admin)).memberCount).toBe(1);
    });

    it('keeps a pairing to one supporting and one supported school', async () => {
      const helper = await givenSchool(h, admin, district.id, { locale: 'urban' });
      const [first, second] = [await givenSchool(h, admin, district.id), await givenSchool(h, admin, district.id)];
      const pairing = await givenAlliance(h, admin, district.id, helper.id, 'pairing');
      expect(pairing.members[0]?.role).toBe('supporting');
      expect((await h.fail(S.allianceInvite, { id: pairing.id, body: { schoolId: first!.id, role: 'member' } }, admin)).errors?.[0]?.field).toBe('body.role');
      const a = await h.call<JoinRequestView>(S.allianceInvite, { id: pairing.id, body: { schoolId: first!.id } }, admin);
      const b = await h.call<JoinRequestView>(S.allianceInvite, { id: pairing.id, body: { schoolId: second!.id } }, admin);
      expect(a.role).toBe('supported');
      await h.call(S.joinRequestRespond, { id: a.id, body: { decision: 'accept' } }, admin);
      expect((await h.fail(S.joinRequestRespond, { id: b.id, body: { decision: 'accept' } }, admin)).kind).toBe('conflict');
    });

    it('keeps a school in at most one active integrated alliance', async () => {
      const [coreA, coreB, shared] = [await givenSchool(h, admin, district.id), await givenSchool(h, admin, district.id), await givenSchool(h, admin, district.id)];
      const first = await givenAlliance(h, admin, district.id, coreA!.id, 'integrated');
      const second = await givenAlliance(h, admin, district.id, coreB!.id, 'integrated');
      for (const alliance of [first, second]) {
        const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: shared!.id } }, admin);
        await h.call(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, admin);
      }
      await h.call(S.allianceActivate, { id: first.id }, admin);
      expect((await h.fail(S.allianceActivate, { id: second.id }, admin)).kind).toBe('conflict');
      expect((await h.call<AllianceDetailView>(S.allianceGet, { id: second.id }, admin)).status).toBe('draft');
    });

    it("asks both districts' approval before a school of another district joins (governance/cross-district has the whole story)", async () => {
      const core = await givenSchool(h, admin, district.id);
      const otherDistrict = await givenDistrict(h, platform);
      const foreign = await givenSchool(h, platform, otherDistrict.id);
      const alliance = await givenAlliance(h, admin, district.id, core.id);
      const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: foreign.id } }, admin);
      expect(invitation).toMatchObject({ status: 'pending', crossDistrict: true });
      expect(invitation.approvals.map((a) => [a.side, a.district.id, a.status])).toEqual([['alliance', district.id, 'pending'], ['school', otherDistrict.id, 'pending']]);
      expect((await h.call<JoinRequestView>(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, platform)).status).toBe('pending');
      expect(await h.count('alliance_member', 'school_id = $1', [foreign.id])).toBe(0);
    });
  });

  describe('users and roles', () => {
    it('creates users, assigns and revokes roles, and a school admin only manages teachers of their school', async () => {
      const school = await givenSchool(h, admin, district.id);
      const otherSchool = await givenSchool(h, admin, district.id);
      const head = await h.tokenFor([{ role: 'school_admin', districtId: district.id, schoolId: school.id }]);
      const user = await givenUser(h, head, district.id, `Teacher.${Date.now()}`);
      expect(user).toMatchObject({ status: 'active', assignments: [], lastLoginAt: null });
      expect((await h.fail(S.userCreate, { districtId: district.id, username: user.username.toUpperCase(), displayName: 'x', password: 'Correct-Horse-42' }, admin)).kind).toBe('conflict');

      const withRole = await h.call<UserView>(S.roleAssign, { userId: user.id, assignment: { role: 'teacher', schoolId: school.id } }, head);
      expect(withRole.assignments).toEqual([expect.objectContaining({ role: 'teacher', schoolId: school.id, districtId: district.id, scopeName: school.name })]);
      expect((await h.fail(S.roleAssign, { userId: user.id, assignment: { role: 'teacher', schoolId: otherSchool.id } }, head)).kind).toBe('forbidden');
      expect((await h.fail(S.roleAssign, { userId: user.id, assignment: { role: 'school_admin', schoolId: school.id } }, head)).kind).toBe('forbidden');
      expect((await h.fail(S.roleAssign, { userId: user.id, assignment: { role: 'teacher' } }, admin)).errors?.[0]?.field).toBe('assignment.schoolId');

      const listed = await h.call<Page<UserView>>(S.userList, { schoolId: school.id, role: 'teacher' }, head);
      expect(listed.items.map((u) => u.id)).toEqual([user.id]);
      const revoked = await h.call<UserView>(S.roleRevoke, { userId: user.id, assignmentId: withRole.assignments[0]!.id }, head);
      expect(revoked.assignments).toEqual([]);
      expect(await h.count('audit_log', "entity_type = 'role_assignment' AND after->>'userId' = $1", [user.id])).toBe(1);
      expect(await h.count('audit_log', "entity_type = 'role_assignment' AND before->>'userId' = $1", [user.id])).toBe(1);

      expect((await h.fail(S.userUpdate, { id: user.id, changes: { displayName: '新名字' } }, head)).kind).toBe('forbidden');
      const renamed = await h.call<UserView>(S.userUpdate, { id: user.id, changes: { displayName: '新名字' } }, admin);
      expect(renamed.displayName).toBe('新名字');
      expect((await h.call<UserView>(S.userGet, { id: user.id }, admin)).displayName).toBe('新名字');
      const audits = await h.db.query("SELECT before::text || after::text AS body FROM membership.audit_log WHERE entity_id = $1", [user.id]);
      expect(audits.rows.some((r: { body: string | null }) => /argon2|password_hash|passwordHash/.test(r.body ?? ''))).toBe(false);
    });

    it('tells a system caller who holds a role at some schools, and refuses anyone else', async () => {
      const school = await givenSchool(h, admin, district.id);
      const elsewhere = await givenSchool(h, admin, district.id);
      const head = await givenUser(h, admin, district.id);
      const teacher = await givenUser(h, admin, district.id);
      const otherHead = await givenUser(h, admin, district.id);
      await h.call(S.roleAssign, { userId: head.id, assignment: { role: 'school_admin', schoolId: school.id } }, admin);
      await h.call(S.roleAssign, { userId: teacher.id, assignment: { role: 'teacher', schoolId: school.id } }, admin);
      await h.call(S.roleAssign, { userId: otherHead.id, assignment: { role: 'school_admin', schoolId: elsewhere.id } }, admin);

      const holders = await h.call<RoleHolderView[]>(S.roleHolders, { districtId: district.id, roles: ['school_admin'], schoolIds: [school.id] }, platform);
      expect(holders).toEqual([expect.objectContaining({ userId: head.id, role: 'school_admin', schoolId: school.id, displayName: '测试用户' })]);

      const error = await h.fail(S.roleHolders, { districtId: district.id, roles: ['school_admin'], schoolIds: [school.id] }, admin);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'membership.role-holders.system-only' });
      expect((await h.fail(S.roleHolders, { districtId: district.id, roles: ['nobody'] }, platform)).kind).toBe('validation-failed');
    });
  });

  describe('auth', () => {
    let username: string;
    const password = 'Correct-Horse-42';
    let userId: string;
    let school: SchoolView;

    beforeAll(async () => {
      school = await givenSchool(h, admin, district.id, { name: '临溪镇下湾村小学' });
      const user = await givenUser(h, admin, district.id, `wang.${Date.now()}`, password);
      username = user.username;
      userId = user.id;
      await h.call(S.roleAssign, { userId, assignment: { role: 'school_admin', schoolId: school.id } }, admin);
    });

    it('logs in with the right password only, answering the same error for a wrong user or password', async () => {
      const wrongPassword = await h.fail(S.authLogin, { username, password: 'not-the-password' }, '');
      const wrongUser = await h.fail(S.authLogin, { username: 'nobody.here', password }, '');
      expect(wrongPassword.kind).toBe('unauthenticated');
      expect(wrongUser.toBody()).toEqual(wrongPassword.toBody());

      const pair = await h.call<TokenPairView>(S.authLogin, { username: username.toUpperCase(), password }, '');
      expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: userId, username } });
      expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const caller = await h.tokens.verify(pair.accessToken);
      expect(caller.assignments).toEqual([{ role: 'school_admin', districtId: district.id, schoolId: school.id }]);
      const stored = await h.db.query('SELECT token_hash, expires_at FROM membership.refresh_token WHERE user_id = $1', [userId]);
      expect(stored.rows[0].token_hash).not.toContain(pair.refreshToken);
      expect(new Date(stored.rows[0].expires_at).getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600 * 1000);

      const me = await h.call<MeView>(S.authMe, {}, pair.accessToken);
      expect(me.assignments).toEqual([expect.objectContaining({ role: 'school_admin', scopeName: '临溪镇下湾村小学' })]);
      expect((await h.call<UserView>(S.userGet, { id: userId }, admin)).lastLoginAt).not.toBeNull();
    });

    /** Resolves once the service itself refuses the access token (revocations reach it through the bus within moments). */
    const refusedByService = async (accessToken: string): Promise<void> => {
      const deadline = Date.now() + 2_000;
      while ((await h.call(S.authMe, {}, accessToken).then(() => 'accepted', (e: unknown) => (e as DomainError).kind)) !== 'unauthenticated') {
        if (Date.now() > deadline) throw new Error('the service still accepts the access token 2 s after its revocation');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it('rotates refresh tokens and ends only the session whose used token comes back, with an audit record', async () => {
      const first = await h.call<TokenPairView>(S.authLogin, { username, password }, '');
      const other = await h.call<TokenPairView>(S.authLogin, { username, password }, '');
      const second = await h.call<TokenPairView>(S.authRefresh, { refreshToken: first.refreshToken }, '');
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await h.tokens.verify(second.accessToken)).sessionId).toBe((await h.tokens.verify(first.accessToken)).sessionId);
      expect((await h.tokens.verify(other.accessToken)).sessionId).not.toBe((await h.tokens.verify(first.accessToken)).sessionId);
      const audits = await h.count('audit_log', "entity_id = $1 AND action = 'session.revoked'", [userId]);

      const replay = await h.fail(S.authRefresh, { refreshToken: first.refreshToken }, '');
      expect(replay.kind).toBe('unauthenticated');
      expect((await h.fail(S.authRefresh, { refreshToken: second.refreshToken }, '')).kind).toBe('unauthenticated');
      await refusedByService(second.accessToken);
      expect(await h.count('audit_log', "entity_id = $1 AND action = 'session.revoked'", [userId])).toBe(audits + 1);

      // the other login goes on
      expect((await h.call<MeView>(S.authMe, {}, other.accessToken)).id).toBe(userId);
      const next = await h.call<TokenPairView>(S.authRefresh, { refreshToken: other.refreshToken }, '');
      expect((await h.call<MeView>(S.authMe, {}, next.accessToken)).id).toBe(userId);
    });

    it('logs out, and a disabled user can neither log in nor refresh; their access tokens stop working at once', async () => {
      const pair = await h.call<TokenPairView>(S.authLogin, { username, password }, '');
      const logouts = await h.count('audit_log', "entity_id = $1 AND action = 'user.logged_out'", [userId]);
      await h.call(S.authLogout, { refreshToken: pair.refreshToken }, pair.accessToken);
      expect((await h.fail(S.authRefresh, { refreshToken: pair.refreshToken }, '')).kind).toBe('unauthenticated');
      await refusedByService(pair.accessToken);
      expect(await h.count('audit_log', "entity_id = $1 AND action = 'user.logged_out'", [userId])).toBe(logouts + 1);

      const live = await h.call<TokenPairView>(S.authLogin, { username, password }, '');
      await h.call(S.userUpdate, { id: userId, changes: { status: 'disabled' } }, admin);
      expect((await h.fail(S.authLogin, { username, password }, '')).kind).toBe('unauthenticated');
      expect((await h.fail(S.authRefresh, { refreshToken: live.refreshToken }, '')).kind).toBe('unauthenticated');
      await refusedByService(live.accessToken);
      await h.call(S.userUpdate, { id: userId, changes: { status: 'active' } }, admin);
    });

    it('refuses every other subject without a caller', async () => {
      expect((await h.fail(S.authMe, {}, '')).kind).toBe('unauthenticated');
      expect((await h.fail(S.schoolList, {}, 'not-a-token')).kind).toBe('unauthenticated');
    });
  });

  describe('overview and audit', () => {
    it('counts the district for real', async () => {
      const overview = await h.call<DistrictOverviewView>(S.districtOverview, { id: district.id }, admin);
      const { rows: [facts] } = await h.db.query(
        'SELECT count(*)::int AS schools, count(DISTINCT township)::int AS townships, sum(student_count)::int AS students FROM membership.school WHERE district_id = $1', [district.id]);
      expect(overview).toMatchObject({ district: { id: district.id }, schools: facts.schools, townships: facts.townships, students: facts.students });
      expect(overview.alliances.active + overview.alliances.draft + overview.alliances.dissolved).toBe(await h.count('alliance', 'district_id = $1', [district.id]));
      expect(overview.alliances.dissolved).toBeGreaterThanOrEqual(1);
      expect(overview.users).toBe(await h.count('app_user', 'district_id = $1', [district.id]));
      expect(overview.schoolsInAlliances).toBeGreaterThan(0);
    });

    it('shows the district admin the audit trail of their district only', async () => {
      const page = await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'alliance', pageSize: 5 }, admin);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((r) => r.entityType === 'alliance')).toBe(true);
      const otherAdmin = await h.tokenFor([{ role: 'district_admin', districtId: (await givenDistrict(h, platform)).id }]);
      expect((await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'alliance' }, otherAdmin)).total).toBe(0);
      const teacher = await h.tokenFor([{ role: 'teacher', districtId: district.id, schoolId: (await givenSchool(h, admin, district.id)).id }]);
      expect((await h.fail(S.auditList, {}, teacher)).kind).toBe('forbidden');
    });
  });
});
