import { MembershipSubjects as S, type MeView, type TeacherAccountsResultView, type TeacherAccountView, type TokenPairView } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import { givenDistrict, givenSchool } from '../test-support/factories.js';
import { startHarness, type Harness } from '../test-support/harness.js';

/** Accounts for roster teachers, handed out with an initial password that must be replaced at the first login. */
describe('teacher accounts and the first password', () => {
  let h: Harness;
  let districtId: string;
  let school: { id: string; code: string };
  let otherSchoolId: string;
  let schoolAdmin: string;
  const teacher = (staffNo: string, displayName: string) => ({ teacherId: randomUUID(), staffNo, displayName });

  beforeAll(async () => {
    h = await startHarness('membership_teacher_accounts');
    const district = await givenDistrict(h, await h.systemToken());
    districtId = district.id;
    const admin = await h.tokenFor([{ role: 'district_admin', districtId }]);
    const created = await givenSchool(h, admin, districtId, { name: '清溪县青山镇中心小学' });
    school = { id: created.id, code: created.code };
    otherSchoolId = (await givenSchool(h, admin, districtId, { name: '清溪县实验小学' })).id;
    schoolAdmin = await h.tokenFor([{ role: 'school_admin', districtId, schoolId: school.id }]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets a school admin create accounts for its teachers, once each, with predictable usernames and audit', async () => {
    const wang = teacher('T-001', '王丽');
    const li = teacher('T-002', '李强');
    const audits = await h.count('audit_log');
    const first = await h.call<TeacherAccountsResultView>(S.teacherAccountsProvision, { districtId, schoolId: school.id, teachers: [wang, li] }, schoolAdmin);
    expect(first).toMatchObject({ created: 2, existing: 0 });
    expect(first.accounts.map((a) => a.username)).toEqual([`t${school.code}.t-001`, `t${school.code}.t-002`]);
    expect(first.accounts.every((a) => a.created && a.mustChangePassword && a.initialPassword?.length === 12)).toBe(true);
    expect(await h.count('role_assignment', "role = 'teacher' AND school_id = $1", [school.id])).toBe(2);
    expect(await h.count('audit_log')).toBe(audits + 4);
    expect(await h.count('audit_log', "action = 'user.created' AND after::text LIKE '%' || $1 || '%'", [first.accounts[0]!.initialPassword])).toBe(0);

    // asked again: nothing new, and the passwords are not shown a second time
    const again = await h.call<TeacherAccountsResultView>(S.teacherAccountsProvision, { districtId, schoolId: school.id, teachers: [wang, li] }, schoolAdmin);
    expect(again).toMatchObject({ created: 0, existing: 2 });
    expect(again.accounts.map((a) => a.initialPassword)).toEqual([null, null]);
    expect(await h.count('app_user', 'roster_teacher_id = ANY($1::uuid[])', [[wang.teacherId, li.teacherId]])).toBe(2);

    const seen = await h.call<TeacherAccountView[]>(S.teacherAccountsOf, { teacherIds: [wang.teacherId, li.teacherId, randomUUID()] }, schoolAdmin);
    expect(seen.map((a) => a.teacherId).sort()).toEqual([wang.teacherId, li.teacherId].sort());
    const stranger = await h.tokenFor([{ role: 'school_admin', districtId, schoolId: otherSchoolId }]);
    expect(await h.call<TeacherAccountView[]>(S.teacherAccountsOf, { teacherIds: [wang.teacherId] }, stranger)).toEqual([]);
  });

  it('refuses the admin of another school or district and a teacher, writing nothing', async () => {
    const users = await h.count('app_user');
    const otherAdmin = await h.tokenFor([{ role: 'school_admin', districtId, schoolId: otherSchoolId }]);
    const aTeacher = await h.tokenFor([{ role: 'teacher', districtId, schoolId: school.id }]);
    const foreign = await h.tokenFor([{ role: 'district_admin', districtId: (await givenDistrict(h, await h.systemToken(), '邻县教育局')).id }]);
    const request = { districtId, schoolId: school.id, teachers: [teacher('T-009', '赵敏')] };
    expect((await h.fail(S.teacherAccountsProvision, request, otherAdmin)).kind).toBe('forbidden');
    expect((await h.fail(S.teacherAccountsProvision, request, aTeacher)).kind).toBe('forbidden');
    expect((await h.fail(S.teacherAccountsProvision, request, foreign)).kind).toBe('not-found');
    expect((await h.fail(S.teacherAccountsProvision, { ...request, teachers: [] }, schoolAdmin)).kind).toBe('validation-failed');
    expect(await h.count('app_user')).toBe(users);
  });

  it('makes the first login carry the must-change mark until the user chooses a new password', async () => {
    const zhao = teacher('T-010', '赵敏');
    const { accounts: [account] } = await h.call<TeacherAccountsResultView>(S.teacherAccountsProvision, { districtId, schoolId: school.id, teachers: [zhao] }, schoolAdmin);
    const login = await h.call<TokenPairView>(S.authLogin, { username: account!.username, password: account!.initialPassword }, '');
    expect(login.user).toMatchObject({ mustChangePassword: true, teacherId: zhao.teacherId });
    expect((await h.tokens.verify(login.accessToken)).mustChangePassword).toBe(true);

    const wrong = await h.fail(S.authChangePassword, { currentPassword: 'not-it', newPassword: 'Qingxi#2026ab' }, login.accessToken);
    expect(wrong.errors?.[0]?.field).toBe('currentPassword');
    const weak = await h.fail(S.authChangePassword, { currentPassword: account!.initialPassword, newPassword: '1234567890' }, login.accessToken);
    expect(weak.errors?.[0]?.field).toBe('newPassword');
    expect(await h.count('app_user', 'id = $1 AND must_change_password', [account!.userId])).toBe(1);

    const changed = await h.call<TokenPairView>(S.authChangePassword, { currentPassword: account!.initialPassword, newPassword: 'Qingxi#2026ab' }, login.accessToken);
    expect(changed.user.mustChangePassword).toBe(false);
    expect((await h.tokens.verify(changed.accessToken)).mustChangePassword).toBeUndefined();
    expect(await h.count('audit_log', "action = 'user.password_changed' AND entity_id = $1", [account!.userId])).toBe(1);
    // the old session is over; the new password signs in without the mark
    await expect(h.call(S.authRefresh, { refreshToken: login.refreshToken }, '')).rejects.toMatchObject({ kind: 'unauthenticated' });
    const next = await h.call<TokenPairView>(S.authLogin, { username: account!.username, password: 'Qingxi#2026ab' }, '');
    expect(next.user.mustChangePassword).toBe(false);
    expect((await h.call<MeView>(S.authMe, {}, next.accessToken)).teacherId).toBe(zhao.teacherId);
  });
});
