import {
  MembershipEvents, MembershipSubjects as S, type AuditRecordView, type BodyCandidateView, type BodyDetailView, type BodyRefView, type BodyView,
  type JoinRequestView, type Page, type UserBodyMembershipView, type UserView,
} from '@jiaolian/contracts';
import { givenAlliance, givenDistrict, givenSchool, givenUser } from '../../test-support/factories.js';
import { startHarness, type Harness } from '../../test-support/harness.js';

/**
 * 城关镇教育联盟: 城关一小 (core) with 南山小学 and 北岭小学 as members; 东湖小学 is a school of the same
 * district outside the alliance. Teachers of each sit in the alliance's bodies.
 */
describe('alliance organisation (bodies)', () => {
  let h: Harness;
  let district: string;
  let admin: string;
  let outsider: string;
  let allianceId: string;
  let secretariatAdmin: string;
  const schools: Record<'core' | 'south' | 'north' | 'east', string> = { core: '', south: '', north: '', east: '' };
  const people: Record<'wang' | 'li' | 'zhao' | 'chen' | 'sun', string> = { wang: '', li: '', zhao: '', chen: '', sun: '' };

  const teacher = async (name: string, schoolId: string): Promise<string> => {
    const user = await givenUser(h, admin, district);
    await h.call<UserView>(S.userUpdate, { id: user.id, changes: { displayName: name } }, admin);
    await h.call<UserView>(S.roleAssign, { userId: user.id, assignment: { role: 'teacher', schoolId } }, admin);
    return user.id;
  };
  const createBody = (body: Record<string, unknown>, as = admin): Promise<BodyDetailView> => h.call<BodyDetailView>(S.bodyCreate, { allianceId, body }, as);
  const add = (bodyId: string, body: Record<string, unknown>, as = admin): Promise<BodyDetailView> => h.call<BodyDetailView>(S.bodyMemberAdd, { id: bodyId, body }, as);
  const written = async (): Promise<number[]> => [await h.count('alliance_body'), await h.count('alliance_body_member'), await h.count('audit_log'), await h.count('outbox_event')];

  beforeAll(async () => {
    h = await startHarness('membership_bodies');
    const platform = await h.systemToken();
    district = (await givenDistrict(h, platform, '城关县教育局')).id;
    admin = await h.tokenFor([{ role: 'district_admin', districtId: district }]);
    const other = (await givenDistrict(h, platform, '临江县教育局')).id;
    outsider = await h.tokenFor([{ role: 'district_admin', districtId: other }]);
    schools.core = (await givenSchool(h, admin, district, { name: '城关一小', locale: 'urban' })).id;
    schools.south = (await givenSchool(h, admin, district, { name: '南山小学' })).id;
    schools.north = (await givenSchool(h, admin, district, { name: '北岭小学' })).id;
    schools.east = (await givenSchool(h, admin, district, { name: '东湖小学' })).id;
    allianceId = (await givenAlliance(h, admin, district, schools.core, 'alliance', '城关镇教育联盟')).id;
    for (const schoolId of [schools.south, schools.north]) {
      const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: allianceId, body: { schoolId } }, admin);
      await h.call(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, admin);
    }
    await h.call(S.allianceActivate, { id: allianceId }, admin);
    secretariatAdmin = await h.tokenFor([{ role: 'alliance_admin', districtId: district, allianceId }]);
    people.wang = await teacher('王丽', schools.core);
    people.li = await teacher('李强', schools.south);
    people.zhao = await teacher('赵敏', schools.north);
    people.chen = await teacher('陈晨', schools.south);
    people.sun = await teacher('孙悦', schools.east);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sets up a council with a working group under it, audited and announced', async () => {
    const council = await createBody({ kind: 'council', name: '联盟理事会', responsibilities: '审议年度计划' }, secretariatAdmin);
    expect(council).toMatchObject({ kind: 'council', category: null, status: 'active', parent: null, alliance: { id: allianceId, name: '城关镇教育联盟' }, members: [] });
    const group = await createBody({ kind: 'working_group', category: 'teaching_research', name: '教学研讨组', parentId: council.id });
    expect(group).toMatchObject({ parentId: council.id, parent: { id: council.id, name: '联盟理事会' }, category: 'teaching_research' });

    const bodies = await h.call<BodyView[]>(S.bodyList, { allianceId }, admin);
    expect(bodies.filter((b) => [council.id, group.id].includes(b.id)).map((b) => [b.name, b.parentId])).toEqual([['联盟理事会', null], ['教学研讨组', council.id]]);
    const audit = await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'alliance_body', entityId: group.id }, admin);
    expect(audit.items.map((r) => r.action)).toEqual(['body.created']);
    expect(await h.count('outbox_event', "subject = $1 AND envelope->'data'->>'bodyId' = $2", [MembershipEvents.bodyCreated, group.id])).toBe(1);

    const before = await written();
    expect((await h.fail(S.bodyCreate, { allianceId, body: { kind: 'council', name: '第二理事会' } }, admin)).code).toBe('membership.body.single-kind-exists');
    const badParent = await h.fail(S.bodyCreate, { allianceId, body: { kind: 'working_group', category: 'teacher_training', name: '教师培训组', parentId: allianceId } }, admin);
    expect({ kind: badParent.kind, field: badParent.errors?.[0]?.field }).toEqual({ kind: 'validation-failed', field: 'parentId' });
    const noSubject = await h.fail(S.bodyCreate, { allianceId, body: { kind: 'subject_centre', name: '数学学科中心组' } }, admin);
    expect({ code: noSubject.code, field: noSubject.errors?.[0]?.field }).toEqual({ code: 'membership.body.subject-required', field: 'subject' });
    expect(await written()).toEqual(before);
  });

  it('takes members from several member schools for a term, one leader at a time, and refuses a school outside the alliance', async () => {
    const group = await createBody({ kind: 'working_group', category: 'student_activities', name: '学生活动组' });
    await add(group.id, { userId: people.wang, schoolId: schools.core, role: 'leader', termFrom: '2026-09-01', termTo: '2028-08-31' });
    await add(group.id, { userId: people.li, schoolId: schools.south, role: 'deputy', termFrom: '2026-09-01' });
    const withThree = await add(group.id, { userId: people.zhao, schoolId: schools.north, role: 'member', termFrom: '2026-09-01', termTo: '2027-01-31' }, secretariatAdmin);
    expect(withThree.members.map((m) => [m.user.displayName, m.school.name, m.role, m.status])).toEqual([
      ['王丽', '城关一小', 'leader', 'current'], ['李强', '南山小学', 'deputy', 'current'], ['赵敏', '北岭小学', 'member', 'current'],
    ]);
    expect(withThree).toMatchObject({ memberCount: 3, leaderName: '王丽' });

    const before = await written();
    const foreign = await h.fail(S.bodyMemberAdd, { id: group.id, body: { userId: people.sun, schoolId: schools.east, role: 'member', termFrom: '2026-09-01' } }, admin);
    expect({ kind: foreign.kind, code: foreign.code, field: foreign.errors?.[0]?.field }).toEqual({ kind: 'unprocessable', code: 'membership.body.school-not-member', field: 'schoolId' });
    const wrongSchool = await h.fail(S.bodyMemberAdd, { id: group.id, body: { userId: people.chen, schoolId: schools.north, role: 'member', termFrom: '2026-09-01' } }, admin);
    expect({ kind: wrongSchool.kind, code: wrongSchool.code, field: wrongSchool.errors?.[0]?.field }).toEqual({ kind: 'unprocessable', code: 'membership.body.user-not-at-school', field: 'userId' });
    expect((await h.fail(S.bodyMemberAdd, { id: group.id, body: { userId: people.chen, schoolId: schools.south, role: 'leader', termFrom: '2026-09-01' } }, admin)).code)
      .toBe('membership.body.leader-exists');
    expect((await h.fail(S.bodyMemberAdd, { id: group.id, body: { userId: people.li, schoolId: schools.south, role: 'member', termFrom: '2027-09-01' } }, admin)).code)
      .toBe('membership.body.already-member');
    const backwards = await h.fail(S.bodyMemberAdd, { id: group.id, body: { userId: people.chen, schoolId: schools.south, role: 'member', termFrom: '2026-09-01', termTo: '2026-06-30' } }, admin);
    expect({ code: backwards.code, field: backwards.errors?.[0]?.field }).toEqual({ code: 'membership.body.term-invalid', field: 'termTo' });
    expect(await written()).toEqual(before);
  });

  it('ends a membership keeping its history, lets a new leader in, and shows both on the person\'s page', async () => {
    const studio = await createBody({ kind: 'studio', category: 'master_teacher', subject: '语文', name: '王丽名师工作室' });
    const joined = await add(studio.id, { userId: people.wang, schoolId: schools.core, role: 'leader', termFrom: '2026-09-01' });
    const memberId = joined.members[0]!.id;
    expect((await h.fail(S.bodyMemberEnd, { bodyId: studio.id, memberId, body: { endedOn: '2026-08-01' } }, admin)).errors?.[0]?.field).toBe('endedOn');
    const ended = await h.call<BodyDetailView>(S.bodyMemberEnd, { bodyId: studio.id, memberId, body: { endedOn: '2027-01-31', reason: '调任' } }, admin);
    expect(ended.members[0]).toMatchObject({ id: memberId, status: 'ended', endedOn: '2027-01-31', endReason: '调任' });
    expect(ended).toMatchObject({ memberCount: 0, leaderName: null });
    expect((await h.fail(S.bodyMemberEnd, { bodyId: studio.id, memberId, body: { endedOn: '2027-02-01' } }, admin)).code).toBe('membership.body.member-ended');

    const next = await add(studio.id, { userId: people.li, schoolId: schools.south, role: 'leader', termFrom: '2027-02-01' });
    expect(next.members.map((m) => [m.user.displayName, m.status])).toEqual([['李强', 'current'], ['王丽', 'ended']]);

    const mine = await h.call<UserBodyMembershipView[]>(S.userBodyMemberships, { id: people.wang }, admin);
    expect(mine.filter((m) => m.body.id === studio.id)).toEqual([expect.objectContaining({ bodyKind: 'studio', status: 'ended', alliance: { id: allianceId, name: '城关镇教育联盟' } })]);
    const events = await h.count('outbox_event', "subject = $1 AND envelope->'data'->>'bodyMemberId' = $2", [MembershipEvents.bodyMemberEnded, memberId]);
    expect(events).toBe(1);
  });

  it('dissolves a body: its terms end, the bodies under it move up, and it takes no new members', async () => {
    const centre = await createBody({ kind: 'subject_centre', subject: '数学', name: '数学学科中心组' });
    const sub = await createBody({ kind: 'working_group', category: 'other', name: '数学命题小组', parentId: centre.id });
    await add(centre.id, { userId: people.zhao, schoolId: schools.north, role: 'member', termFrom: '2026-09-01' });
    const dissolved = await h.call<BodyDetailView>(S.bodyDissolve, { id: centre.id, body: { reason: '并入教学研讨组' } }, admin);
    expect(dissolved).toMatchObject({ status: 'dissolved', dissolveReason: '并入教学研讨组', memberCount: 0 });
    expect(dissolved.members.map((m) => m.status)).toEqual(['ended']);
    expect((await h.call<BodyDetailView>(S.bodyGet, { id: sub.id }, admin)).parentId).toBeNull();
    expect((await h.call<BodyView[]>(S.bodyList, { allianceId }, admin)).map((b) => b.id)).not.toContain(centre.id);
    expect((await h.call<BodyView[]>(S.bodyList, { allianceId, includeDissolved: true }, admin)).map((b) => b.id)).toContain(centre.id);
    const before = await written();
    expect((await h.fail(S.bodyMemberAdd, { id: centre.id, body: { userId: people.li, schoolId: schools.south, role: 'member', termFrom: '2026-09-01' } }, admin)).code).toBe('membership.body.dissolved');
    expect(await written()).toEqual(before);
  });

  it('offers the teachers of member schools as candidates, and nobody else', async () => {
    const page = await h.call<Page<BodyCandidateView>>(S.bodyCandidates, { allianceId, pageSize: 200 }, secretariatAdmin);
    const ids = page.items.map((c) => c.user.id);
    expect(ids).toEqual(expect.arrayContaining([people.wang, people.li, people.zhao, people.chen]));
    expect(ids).not.toContain(people.sun);
    const south = await h.call<Page<BodyCandidateView>>(S.bodyCandidates, { allianceId, schoolId: schools.south, q: '李' }, secretariatAdmin);
    expect(south.items.map((c) => c.user.displayName)).toEqual(['李强']);
  });

  it('hides another district\'s organisation (404) and lets only admins change it', async () => {
    const group = await createBody({ kind: 'working_group', category: 'resource_sharing', name: '资源共享组' });
    for (const [subject, data] of [
      [S.bodyGet, { id: group.id }], [S.bodyList, { allianceId }], [S.bodyCreate, { allianceId, body: { kind: 'secretariat', name: '秘书处' } }],
      [S.bodyUpdate, { id: group.id, changes: { name: '改名' } }], [S.bodyDissolve, { id: group.id, body: { reason: '无' } }],
      [S.bodyMemberAdd, { id: group.id, body: { userId: people.li, schoolId: schools.south, role: 'member', termFrom: '2026-09-01' } }],
      [S.userBodyMemberships, { id: people.wang }], [S.bodyCandidates, { allianceId }],
    ] as const) {
      expect({ subject, kind: (await h.fail(subject, data, outsider)).kind }).toEqual({ subject, kind: 'not-found' });
    }
    expect(await h.call<BodyRefView[]>(S.bodyRefs, { ids: [group.id] }, outsider)).toEqual([]);
    expect(await h.call<BodyRefView[]>(S.bodyRefs, { ids: [group.id] }, admin)).toEqual([expect.objectContaining({ id: group.id, allianceId, name: '资源共享组', status: 'active' })]);

    const teacherToken = await h.tokenFor([{ role: 'teacher', districtId: district, schoolId: schools.south }], people.li);
    expect((await h.call<BodyDetailView>(S.bodyGet, { id: group.id }, teacherToken)).name).toBe('资源共享组');
    const before = await written();
    expect((await h.fail(S.bodyUpdate, { id: group.id, changes: { name: '改名' } }, teacherToken)).code).toBe('membership.body.manage-forbidden');
    expect((await h.fail(S.bodyCandidates, { allianceId }, teacherToken)).kind).toBe('forbidden');
    expect(await written()).toEqual(before);
  });

  it('moves a body under another, never under itself or one of its own', async () => {
    const top = await createBody({ kind: 'working_group', category: 'teacher_training', name: '教师培训组' });
    const child = await createBody({ kind: 'working_group', category: 'other', name: '新教师培训小组', parentId: top.id });
    const loop = await h.fail(S.bodyUpdate, { id: top.id, changes: { parentId: child.id } }, admin);
    expect({ code: loop.code, field: loop.errors?.[0]?.field }).toEqual({ code: 'membership.body.parent-cycle', field: 'parentId' });
    const moved = await h.call<BodyDetailView>(S.bodyUpdate, { id: child.id, changes: { parentId: null, responsibilities: '组织新教师培训' } }, admin);
    expect(moved).toMatchObject({ parentId: null, responsibilities: '组织新教师培训' });
    expect(await h.count('outbox_event', "subject = $1 AND envelope->'data'->>'bodyId' = $2", [MembershipEvents.bodyChanged, child.id])).toBe(1);
  });
});
