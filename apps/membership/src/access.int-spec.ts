import { MembershipSubjects as S, type JoinRequestView, type UserView } from '@jiaolian/contracts';
import { givenAlliance, givenDistrict, givenSchool, givenUser } from './test-support/factories.js';
import { startHarness, type Harness } from './test-support/harness.js';

/** What a caller outside an object's district, alliance or school gets: not found, and nothing written. */
describe('membership access and rejected changes', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let adminToken: string;
  const written = async (): Promise<number[]> => {
    const counts: number[] = [];
    for (const table of ['audit_log', 'outbox_event', 'school', 'campus', 'alliance', 'alliance_member', 'join_request', 'join_request_approval', 'app_user', 'role_assignment']) {
      counts.push(await h.count(table));
    }
    return counts;
  };

  beforeAll(async () => {
    h = await startHarness('membership_access');
    const platform = await h.systemToken();
    const district = await givenDistrict(h, platform);
    adminToken = await h.tokenFor([{ role: 'district_admin', districtId: district.id }]);
    const core = await givenSchool(h, adminToken, district.id);
    const school = await givenSchool(h, adminToken, district.id);
    const draft = await givenAlliance(h, adminToken, district.id, core.id, 'alliance');
    const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: draft.id, body: { schoolId: school.id } }, adminToken);
    const user = await givenUser(h, adminToken, district.id);
    const withRole = await h.call<UserView>(S.roleAssign, { userId: user.id, assignment: { role: 'teacher', schoolId: school.id } }, adminToken);
    ids = { district: district.id, core: core.id, school: school.id, alliance: draft.id, request: invitation.id, user: user.id, assignment: withRole.assignments[0]!.id };
  });

  afterAll(async () => {
    await h?.close();
  });

  const idSubjects = (): [string, string, unknown][] => [
    ['districtGet', S.districtGet, { id: ids['district'] }],
    ['districtOverview', S.districtOverview, { id: ids['district'] }],
    ['schoolGet', S.schoolGet, { id: ids['school'] }],
    ['schoolUpdate', S.schoolUpdate, { id: ids['school'], changes: { studentCount: 1 } }],
    ['campusCreate', S.campusCreate, { schoolId: ids['school'], campus: { name: '北校区' } }],
    ['allianceGet', S.allianceGet, { id: ids['alliance'] }],
    ['allianceUpdate', S.allianceUpdate, { id: ids['alliance'], changes: { name: '改名' } }],
    ['allianceActivate', S.allianceActivate, { id: ids['alliance'] }],
    ['allianceDissolve', S.allianceDissolve, { id: ids['alliance'], body: { reason: '测试' } }],
    ['allianceInvite', S.allianceInvite, { id: ids['alliance'], body: { schoolId: ids['school'] } }],
    ['allianceApply', S.allianceApply, { id: ids['alliance'], body: { schoolId: ids['school'] } }],
    ['allianceLeave', S.allianceLeave, { id: ids['alliance'], body: { schoolId: ids['school'], reason: '测试' } }],
    ['joinRequestRespond', S.joinRequestRespond, { id: ids['request'], body: { decision: 'accept' } }],
    ['joinRequestApprove', S.joinRequestApprove, { id: ids['request'], body: { decision: 'approve' } }],
    ['userGet', S.userGet, { id: ids['user'] }],
    ['userUpdate', S.userUpdate, { id: ids['user'], changes: { displayName: '改名' } }],
    ['roleAssign', S.roleAssign, { userId: ids['user'], assignment: { role: 'teacher', schoolId: ids['core'] } }],
    ['roleRevoke', S.roleRevoke, { userId: ids['user'], assignmentId: ids['assignment'] }],
  ];

  it('answers not-found to the admin of another district for every id subject, writing nothing', async () => {
    const platform = await h.systemToken();
    const other = await givenDistrict(h, platform);
    const stranger = await h.tokenFor([{ role: 'district_admin', districtId: other.id }]);
    const before = await written();
    for (const [name, subject, data] of idSubjects()) {
      const error = await h.fail(subject, data, stranger);
      expect({ name, kind: error.kind }).toEqual({ name, kind: 'not-found' });
    }
    expect(await written()).toEqual(before);
  });

  it('hides a draft alliance and its requests from the admin of another alliance', async () => {
    const otherCore = await givenSchool(h, adminToken, ids['district']!);
    const otherAlliance = await givenAlliance(h, adminToken, ids['district']!, otherCore.id);
    const secretariat = await h.tokenFor([{ role: 'alliance_admin', districtId: ids['district']!, allianceId: otherAlliance.id }]);
    const before = await written();
    const allianceSubjects = idSubjects().filter(([name]) => name.startsWith('alliance') || name.startsWith('joinRequest') || name.startsWith('user') || name.startsWith('role'));
    for (const [name, subject, data] of allianceSubjects) {
      const error = await h.fail(subject, data, secretariat);
      expect({ name, kind: error.kind }).toEqual({ name, kind: 'not-found' });
    }
    expect(await written()).toEqual(before);
  });

  it('hides another school\'s requests and users from a school admin', async () => {
    const mySchool = await givenSchool(h, adminToken, ids['district']!);
    const head = await h.tokenFor([{ role: 'school_admin', districtId: ids['district']!, schoolId: mySchool.id }]);
    const before = await written();
    for (const [name, subject, data] of idSubjects().filter(([n]) => ['joinRequestRespond', 'userGet', 'userUpdate', 'roleAssign', 'roleRevoke', 'allianceGet'].includes(n))) {
      const error = await h.fail(subject, data, head);
      expect({ name, kind: error.kind }).toEqual({ name, kind: 'not-found' });
    }
    expect(await written()).toEqual(before);
  });

  it.each([
    ['schoolCreate', S.schoolCreate, () => ({ districtId: ids['district'], code: '12345', name: '短码', stage: 'primary', locale: 'village', township: '城关镇', studentCount: 1, teacherCount: 1, classCount: 1 }), 'code'],
    ['schoolUpdate', S.schoolUpdate, () => ({ id: ids['school'], changes: { studentCount: -1 } }), 'changes.studentCount'],
    ['allianceCreate', S.allianceCreate, () => ({ districtId: ids['district'], name: '联盟', kind: 'club', coreSchoolId: ids['core'] }), 'kind'],
    ['allianceInvite', S.allianceInvite, () => ({ id: ids['alliance'], body: { schoolId: 'not-a-uuid' } }), 'body.schoolId'],
    ['joinRequestRespond', S.joinRequestRespond, () => ({ id: ids['request'], body: { decision: 'maybe' } }), 'body.decision'],
    ['userCreate', S.userCreate, () => ({ districtId: ids['district'], username: 'ok.name', displayName: '短密码', password: 'short' }), 'password'],
    ['roleAssign', S.roleAssign, () => ({ userId: ids['user'], assignment: { role: 'platform_admin' } }), 'assignment.role'],
    ['allianceGet', S.allianceGet, () => ({ id: ids['alliance'], extra: 1 }), 'extra'],
  ])('rejects invalid %s naming the field and writing nothing', async (_name, subject, data, field) => {
    const before = await written();
    const error = await h.fail(subject, data(), adminToken);
    expect(error.kind).toBe('validation-failed');
    expect(error.errors?.map((e) => e.field)).toContain(field);
    expect(await written()).toEqual(before);
  });

  it('writes no audit or event for a change that is refused', async () => {
    const teacher = await h.tokenFor([{ role: 'teacher', districtId: ids['district']!, schoolId: ids['school']! }]);
    const before = await written();
    expect((await h.fail(S.allianceLeave, { id: ids['alliance'], body: { schoolId: ids['core'], reason: '退出' } }, adminToken)).kind).toBe('conflict');
    expect((await h.fail(S.schoolCreate, {
      districtId: ids['district'], code: '2133110999', name: '越权学校', stage: 'primary', locale: 'village', township: '城关镇', studentCount: 1, teacherCount: 1, classCount: 1,
    }, teacher)).kind).toBe('forbidden');
    expect((await h.fail(S.allianceInvite, { id: ids['alliance'], body: { schoolId: ids['school'] } }, adminToken)).kind).toBe('conflict');
    expect(await written()).toEqual(before);
  });

  it('shows school heads the non-draft alliances of their district, and drafts only to their admins', async () => {
    const head = await h.tokenFor([{ role: 'school_admin', districtId: ids['district']!, schoolId: ids['school']! }]);
    const visible = async (token: string): Promise<string[]> =>
      (await h.call<{ items: { id: string }[] }>(S.allianceList, { pageSize: 200 }, token)).items.map((a) => a.id);
    expect(await visible(head)).not.toContain(ids['alliance']);
    expect(await visible(adminToken)).toContain(ids['alliance']);
    const own = await h.tokenFor([{ role: 'alliance_admin', districtId: ids['district']!, allianceId: ids['alliance']! }]);
    expect(await visible(own)).toContain(ids['alliance']);
  });
});
