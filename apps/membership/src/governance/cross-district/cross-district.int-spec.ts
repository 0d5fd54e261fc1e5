import {
  MembershipEvents, MembershipSubjects as S, type AllianceDetailView, type AllianceView, type DistrictView, type InviteCandidateView, type JoinRequestView, type Page, type SchoolView,
} from '@jiaolian/contracts';
import { givenAlliance, givenDistrict, givenSchool } from '../../test-support/factories.js';
import { startHarness, type Harness } from '../../test-support/harness.js';

/*
 * Two neighbouring counties: 清溪县 runs 清溪实验小学联盟; 溪南县's 溪南镇中心小学 joins it with both
 * education bureaus' approval. What the other county's people see and may do, before and after.
 */
describe('alliances across districts', () => {
  let h: Harness;
  let qingxi: DistrictView;
  let xinan: DistrictView;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const written = async (): Promise<number[]> => {
    const counts: number[] = [];
    for (const table of ['audit_log', 'outbox_event', 'alliance_member', 'join_request', 'join_request_approval']) counts.push(await h.count(table));
    return counts;
  };

  beforeAll(async () => {
    h = await startHarness('membership_cross');
    const platform = await h.systemToken();
    qingxi = await givenDistrict(h, platform, '清溪县教育局');
    xinan = await givenDistrict(h, platform, '溪南县教育局');
    t['qingxi'] = await h.tokenFor([{ role: 'district_admin', districtId: qingxi.id }]);
    t['xinan'] = await h.tokenFor([{ role: 'district_admin', districtId: xinan.id }]);
    const core = await givenSchool(h, t['qingxi'], qingxi.id, { name: '清溪实验小学' });
    const village = await givenSchool(h, t['qingxi'], qingxi.id, { name: '清溪下湾村小学' });
    const foreign = await givenSchool(h, t['xinan'], xinan.id, { name: '溪南镇中心小学' });
    const bystander = await givenSchool(h, t['xinan'], xinan.id, { name: '溪南城东小学' });
    const alliance = await givenAlliance(h, t['qingxi'], qingxi.id, core.id, 'alliance', '清溪实验小学联盟');
    await h.call(S.allianceActivate, { id: alliance.id }, t['qingxi']);
    const homeAlliance = await givenAlliance(h, t['xinan'], xinan.id, bystander.id, 'alliance', '溪南本地联盟');
    Object.assign(ids, { core: core.id, village: village.id, foreign: foreign.id, bystander: bystander.id, alliance: alliance.id, homeAlliance: homeAlliance.id });
    t['allianceAdmin'] = await h.tokenFor([{ role: 'alliance_admin', districtId: qingxi.id, allianceId: alliance.id }]);
    t['foreignHead'] = await h.tokenFor([{ role: 'school_admin', districtId: xinan.id, schoolId: foreign.id }]);
    t['foreignTeacher'] = await h.tokenFor([{ role: 'teacher', districtId: xinan.id, schoolId: foreign.id }]);
    t['bystanderHead'] = await h.tokenFor([{ role: 'school_admin', districtId: xinan.id, schoolId: bystander.id }]);
    t['third'] = await h.tokenFor([{ role: 'district_admin', districtId: (await givenDistrict(h, platform, '第三县教育局')).id }]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('offers the alliance admin the schools to invite of both counties, those of the other with its name, and writes nothing', async () => {
    const before = await written();
    const all = await h.call<Page<InviteCandidateView>>(S.allianceInviteCandidates, { allianceId: ids['alliance'] }, t['allianceAdmin']!);
    // its own district first; the core school (a member) is not offered
    expect(all.items.map((c) => [c.name, c.district.name, c.crossDistrict])).toEqual([
      ['清溪下湾村小学', '清溪县教育局', false], ['溪南城东小学', '溪南县教育局', true], ['溪南镇中心小学', '溪南县教育局', true],
    ]);
    const other = await h.call<Page<InviteCandidateView>>(S.allianceInviteCandidates, { allianceId: ids['alliance'], districts: 'other', q: '中心' }, t['allianceAdmin']!);
    expect(other.items.map((c) => c.id)).toEqual([ids['foreign']]);
    expect((await h.fail(S.allianceInviteCandidates, { allianceId: ids['alliance'] }, t['foreignHead']!)).kind).toBe('not-found');
    expect((await h.fail(S.allianceInviteCandidates, { allianceId: ids['alliance'] }, t['xinan']!)).kind).toBe('not-found');
    expect(await written()).toEqual(before);
  });

  it('keeps a request within one district free of approvals', async () => {
    const request = await h.call<JoinRequestView>(S.allianceInvite, { id: ids['alliance'], body: { schoolId: ids['village'] } }, t['allianceAdmin']!);
    expect(request).toMatchObject({ crossDistrict: false, approvals: [] });
    expect((await h.fail(S.joinRequestApprove, { id: request.id, body: { decision: 'approve' } }, t['qingxi']!)).code).toBe('membership.join-request.no-approval-needed');
    expect((await h.call<JoinRequestView>(S.joinRequestRespond, { id: request.id, body: { decision: 'accept' } }, t['qingxi']!)).status).toBe('accepted');
  });

  it('admits a school of another district once it accepted and both districts approved, in any order, with audit and events', async () => {
    const invited = await h.call<JoinRequestView>(S.allianceInvite, { id: ids['alliance'], body: { schoolId: ids['foreign'], message: '欢迎溪南镇中心小学' } }, t['allianceAdmin']!);
    ids['request'] = invited.id;
    expect(invited).toMatchObject({
      status: 'pending', crossDistrict: true, answeredAt: null,
      approvals: [
        { side: 'alliance', district: { id: qingxi.id, name: '清溪县教育局' }, status: 'pending' },
        { side: 'school', district: { id: xinan.id, name: '溪南县教育局' }, status: 'pending' },
      ],
    });

    // the school's district sees the request waiting for it; the alliance's own district admin has one waiting too
    const waiting = await h.call<Page<JoinRequestView>>(S.joinRequestList, { awaitingMyApproval: true }, t['xinan']!);
    expect(waiting.items.map((r) => r.id)).toEqual([invited.id]);
    // a third district neither sees nor decides it
    expect((await h.fail(S.joinRequestApprove, { id: invited.id, body: { decision: 'approve' } }, t['third']!)).kind).toBe('not-found');
    // the alliance's admin (not a district admin) cannot approve for a district
    expect((await h.fail(S.joinRequestApprove, { id: invited.id, body: { decision: 'approve' } }, t['allianceAdmin']!)).kind).toBe('forbidden');

    const first = await h.call<JoinRequestView>(S.joinRequestApprove, { id: invited.id, body: { decision: 'approve', comment: '同意跨区合作' } }, t['xinan']!);
    expect(first.status).toBe('pending');
    expect(first.approvals.map((a) => [a.side, a.status])).toEqual([['alliance', 'pending'], ['school', 'approved']]);
    expect((await h.fail(S.joinRequestApprove, { id: invited.id, body: { decision: 'refuse' } }, t['xinan']!)).code).toBe('membership.join-request.approval-decided');

    const answered = await h.call<JoinRequestView>(S.joinRequestRespond, { id: invited.id, body: { decision: 'accept' } }, t['foreignHead']!);
    expect(answered.status).toBe('pending');
    expect(answered.answeredAt).not.toBeNull();
    expect(await h.count('alliance_member', 'school_id = $1', [ids['foreign']])).toBe(0);
    expect((await h.fail(S.joinRequestRespond, { id: invited.id, body: { decision: 'decline' } }, t['foreignHead']!)).code).toBe('membership.join-request.answered');

    const last = await h.call<JoinRequestView>(S.joinRequestApprove, { id: invited.id, body: { decision: 'approve' } }, t['qingxi']!);
    expect(last.status).toBe('accepted');
    expect(await h.count('alliance_member', 'school_id = $1 AND left_at IS NULL', [ids['foreign']])).toBe(1);
    expect(await h.count('audit_log', "entity_id = $1 AND action IN ('join_request.invitation', 'join_request.approval_approved', 'join_request.answered')", [invited.id])).toBe(4);

    const events = await h.events(qingxi.id, (found) => found.some((e) => e.subject === MembershipEvents.memberJoined && (e.data as { schoolId: string }).schoolId === ids['foreign']));
    const decided = events.filter((e) => e.subject === MembershipEvents.joinRequestApprovalDecided && (e.data as { joinRequestId: string }).joinRequestId === invited.id);
    expect(decided.map((e) => (e.data as { side: string; joinRequestStatus: string }))).toEqual([
      expect.objectContaining({ side: 'school', joinRequestStatus: 'pending' }), expect.objectContaining({ side: 'alliance', joinRequestStatus: 'accepted' }),
    ]);
    const joined = events.find((e) => e.subject === MembershipEvents.memberJoined && (e.data as { schoolId: string }).schoolId === ids['foreign']);
    expect(joined?.data).toMatchObject({ districtId: qingxi.id, schoolDistrictId: xinan.id, schoolName: '溪南镇中心小学' });
  });

  it("shows the alliance to the member school's people and its district admin, and nothing else of the alliance's district", async () => {
    for (const who of ['foreignHead', 'foreignTeacher', 'xinan']) {
      const detail = await h.call<AllianceDetailView>(S.allianceGet, { id: ids['alliance'] }, t[who]!);
      expect(detail.members.map((m) => m.school.name).sort()).toEqual(['清溪下湾村小学', '清溪实验小学', '溪南镇中心小学'].sort());
      const list = await h.call<Page<AllianceView>>(S.allianceList, {}, t[who]!);
      expect(list.items.map((a) => a.name)).toContain('清溪实验小学联盟');
      // the alliance's district's schools are not opened to them
      expect((await h.fail(S.schoolGet, { id: ids['core'] }, t[who]!)).kind).toBe('not-found');
      const schools = await h.call<Page<SchoolView>>(S.schoolList, {}, t[who]!);
      expect(schools.items.map((s) => s.id)).not.toContain(ids['core']);
      expect((await h.fail(S.districtGet, { id: qingxi.id }, t[who]!)).kind).toBe('not-found');
    }
    // a school of the other district that is not a member sees nothing of it
    expect((await h.fail(S.allianceGet, { id: ids['alliance'] }, t['bystanderHead']!)).kind).toBe('not-found');
    expect((await h.call<Page<AllianceView>>(S.allianceList, {}, t['bystanderHead']!)).items.map((a) => a.id)).not.toContain(ids['alliance']);
    // the alliance's district does not reach the other district's own alliance or schools
    expect((await h.fail(S.allianceGet, { id: ids['homeAlliance'] }, t['qingxi']!)).kind).toBe('not-found');
    expect((await h.fail(S.schoolGet, { id: ids['bystander'] }, t['allianceAdmin']!)).kind).toBe('not-found');
  });

  it("lets the foreign district admin read but not run the alliance, and take its own school out", async () => {
    const before = await written();
    expect((await h.fail(S.allianceUpdate, { id: ids['alliance'], changes: { name: '改名' } }, t['xinan']!)).kind).toBe('forbidden');
    expect((await h.fail(S.allianceDissolve, { id: ids['alliance'], body: { reason: '越权' } }, t['xinan']!)).kind).toBe('forbidden');
    expect((await h.fail(S.allianceInvite, { id: ids['alliance'], body: { schoolId: ids['bystander'] } }, t['xinan']!)).kind).toBe('forbidden');
    expect((await h.fail(S.allianceLeave, { id: ids['alliance'], body: { schoolId: ids['village'], reason: '越权' } }, t['xinan']!)).kind).toBe('forbidden');
    expect(await written()).toEqual(before);

    const left = await h.call<AllianceDetailView>(S.allianceLeave, { id: ids['alliance'], body: { schoolId: ids['foreign'], reason: '本学期结束合作' } }, t['xinan']!);
    expect(left.members.find((m) => m.school.id === ids['foreign'])).toMatchObject({ status: 'left', leftReason: '本学期结束合作' });
  });

  it('declines a request as soon as one district refuses, and admits nothing', async () => {
    const invited = await h.call<JoinRequestView>(S.allianceInvite, { id: ids['alliance'], body: { schoolId: ids['bystander'] } }, t['allianceAdmin']!);
    // while the invitation is pending the invited school's admin sees the alliance, to answer it
    expect((await h.call<AllianceDetailView>(S.allianceGet, { id: ids['alliance'] }, t['bystanderHead']!)).name).toBe('清溪实验小学联盟');
    // an application across districts: the school's admin asks for it once it sees the alliance
    expect((await h.fail(S.allianceApply, { id: ids['alliance'], body: { schoolId: ids['bystander'] } }, t['bystanderHead']!)).code).toBe('membership.join-request.pending-exists');
    await h.call(S.joinRequestRespond, { id: invited.id, body: { decision: 'accept' } }, t['bystanderHead']!);
    const refused = await h.call<JoinRequestView>(S.joinRequestApprove, { id: invited.id, body: { decision: 'refuse', comment: '名额已满' } }, t['xinan']!);
    expect(refused.status).toBe('declined');
    expect(refused.approvals.find((a) => a.side === 'school')).toMatchObject({ status: 'refused', comment: '名额已满' });
    expect(await h.count('alliance_member', 'school_id = $1 AND alliance_id = $2', [ids['bystander'], ids['alliance']])).toBe(0);
    expect((await h.fail(S.joinRequestApprove, { id: invited.id, body: { decision: 'approve' } }, t['qingxi']!)).kind).toBe('conflict');
    expect((await h.fail(S.allianceGet, { id: ids['alliance'] }, t['bystanderHead']!)).kind).toBe('not-found');
  });
});
