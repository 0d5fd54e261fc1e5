import {
  MembershipEvents, MembershipSubjects as S, type AuditRecordView, type CharterDocumentDetailView, type CharterDocumentView, type CharterVersionView,
  type JoinRequestView, type Page,
} from '@jiaolian/contracts';
import { givenAlliance, givenDistrict, givenSchool } from '../../test-support/factories.js';
import { startHarness, type Harness } from '../../test-support/harness.js';
import { systemCaller } from '../../commands/system-caller.js';
import { ChartersService } from './charters.service.js';

/**
 * 城关教育联盟 drafts its charter; 城关一小 (core), 石门乡中心小学 and 黄坦镇小学 sign through their own
 * school admins; the last signature brings it into force. An amendment goes out, is withdrawn, is
 * signed again; a school that joins later shows as not signed; expiry and the reminders follow.
 */
describe('charters and agreements', () => {
  let h: Harness;
  let districtId: string;
  let admin: string;
  let otherAdmin: string;
  let allianceAdmin: string;
  let allianceId: string;
  let pairingId: string;
  const schools: Record<'core' | 'shimen' | 'huangtan' | 'late', string> = { core: '', shimen: '', huangtan: '', late: '' };
  const heads: Record<string, string> = {};

  const content = {
    body: '第一条 城关教育联盟由城关一小牵头，成员校平等协商、资源共享。',
    sharedScope: '骨干教师交流、课程资源、功能室',
    disputeResolution: '由联盟理事会协商解决；协商不成的，报县教育局裁决。',
    validFrom: '2026-09-01',
    validTo: '2029-08-31',
  };
  const ref = (documentId: string, versionId: string) => ({ allianceId, documentId, versionId });

  async function join(schoolId: string): Promise<void> {
    const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: allianceId, body: { schoolId } }, admin);
    await h.call(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, heads[schoolId] as string);
  }

  async function draftCharter(title = '城关教育联盟章程'): Promise<CharterVersionView> {
    return h.call<CharterVersionView>(S.charterCreate, {
      allianceId, body: { kind: 'charter', title, ...content, duties: [{ schoolId: schools.core, duties: '派出骨干教师送教' }] },
    }, allianceAdmin);
  }

  beforeAll(async () => {
    process.env['CHARTER_SWEEP_MS'] = '0';
    h = await startHarness('membership_charters');
    const platform = await h.systemToken();
    districtId = (await givenDistrict(h, platform, '泰顺县教育局')).id;
    const otherDistrict = (await givenDistrict(h, platform, '文成县教育局')).id;
    admin = await h.tokenFor([{ role: 'district_admin', districtId }]);
    otherAdmin = await h.tokenFor([{ role: 'district_admin', districtId: otherDistrict }]);
    schools.core = (await givenSchool(h, admin, districtId, { name: '泰顺县城关第一小学' })).id;
    schools.shimen = (await givenSchool(h, admin, districtId, { name: '石门乡中心小学' })).id;
    schools.huangtan = (await givenSchool(h, admin, districtId, { name: '黄坦镇小学' })).id;
    schools.late = (await givenSchool(h, admin, districtId, { name: '罗阳镇第二小学' })).id;
    for (const id of Object.values(schools)) heads[id] = await h.tokenFor([{ role: 'school_admin', districtId, schoolId: id }]);
    allianceId = (await givenAlliance(h, admin, districtId, schools.core, 'alliance', '城关教育联盟')).id;
    await h.call(S.allianceActivate, { id: allianceId }, admin);
    await join(schools.shimen);
    await join(schools.huangtan);
    allianceAdmin = await h.tokenFor([{ role: 'alliance_admin', districtId, allianceId }]);
    pairingId = (await givenAlliance(h, admin, districtId, schools.core, 'pairing', '城关一小—石门乡结对')).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('drafts a charter visible to the alliance admins only, and audits it', async () => {
    const draft = await draftCharter('仅草稿');
    expect(draft).toMatchObject({ status: 'draft', number: 1, sentSha256: null, may: { edit: true, send: true, signFor: [] } });
    expect(draft.duties).toEqual([{ school: { id: schools.core, name: '泰顺县城关第一小学' }, duties: '派出骨干教师送教' }]);
    const seenByHead = await h.call<CharterDocumentView[]>(S.charterList, { allianceId }, heads[schools.shimen] as string);
    expect(seenByHead.map((d) => d.id)).not.toContain(draft.documentId);
    expect((await h.fail(S.charterVersionGet, ref(draft.documentId, draft.id), heads[schools.shimen] as string)).kind).toBe('not-found');
    const audit = await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'charter_version', entityId: draft.id }, admin);
    expect(audit.items.map((a) => a.action)).toEqual(['charter.created']);
  });

  it('refuses bad content naming the field, and changes nothing', async () => {
    const before = await h.count('charter_document');
    const refusals = await Promise.all([
      h.fail(S.charterCreate, { allianceId, body: { kind: 'pairing_agreement', title: '帮扶协议' } }, allianceAdmin),
      h.fail(S.charterCreate, { allianceId, body: { kind: 'charter', title: '章程', validFrom: '2027-01-01', validTo: '2026-01-01' } }, allianceAdmin),
      h.fail(S.charterCreate, { allianceId, body: { kind: 'charter', title: '章程', duties: [{ schoolId: schools.late, duties: '无' }] } }, allianceAdmin),
      h.fail(S.charterCreate, { allianceId, body: { kind: 'charter', title: '   ' } }, allianceAdmin),
      h.fail(S.charterCreate, { allianceId: pairingId, body: { kind: 'charter', title: '章程' } }, admin),
    ]);
    expect(refusals.map((e) => e.errors?.[0]?.field)).toEqual(['kind', 'validTo', 'duties.0.schoolId', 'body.title', 'kind']);
    expect(await h.count('charter_document')).toBe(before);
  });

  it('lets only the alliance or district admin draft, and a foreign district sees nothing', async () => {
    expect((await h.fail(S.charterCreate, { allianceId, body: { kind: 'charter', title: '章程' } }, heads[schools.core] as string)).code)
      .toBe('membership.charter.manage-forbidden');
    expect((await h.fail(S.charterList, { allianceId }, otherAdmin)).kind).toBe('not-found');
    const pairing = await h.call<CharterVersionView>(S.charterCreate, { allianceId: pairingId, body: { kind: 'pairing_agreement', title: '结对帮扶协议' } }, admin);
    expect(pairing.kind).toBe('pairing_agreement');
    expect((await h.fail(S.charterVersionGet, { allianceId, documentId: pairing.documentId, versionId: pairing.id }, admin)).kind).toBe('not-found');
  });

  it('goes out for signing, each school signs for itself, and comes into force with the last signature', async () => {
    const draft = await draftCharter();
    const r = ref(draft.documentId, draft.id);
    const edited = await h.call<CharterVersionView>(S.charterVersionUpdate, { ...r, changes: { sharedScope: '骨干教师交流、课程资源、功能室、统一检测' } }, allianceAdmin);
    expect(edited.contentSha256).not.toBe(draft.contentSha256);

    const sent = await h.call<CharterVersionView>(S.charterVersionSend, r, allianceAdmin);
    expect(sent).toMatchObject({ status: 'signing', requiredCount: 3, signedCount: 0, sentSha256: edited.contentSha256, intact: true });
    expect((await h.fail(S.charterVersionUpdate, { ...r, changes: { body: '改' } }, allianceAdmin)).code).toBe('membership.charter.status-forbids');

    // neither the district admin nor another school's admin signs for a school
    expect((await h.fail(S.charterVersionSign, { ...r, body: { schoolId: schools.shimen } }, admin)).code).toBe('membership.charter.sign-forbidden');
    expect((await h.fail(S.charterVersionSign, { ...r, body: { schoolId: schools.shimen } }, heads[schools.core] as string)).code).toBe('membership.charter.sign-forbidden');
    expect(await h.count('charter_signature', 'version_id = $1', [draft.id])).toBe(0);

    const asHead = await h.call<CharterVersionView>(S.charterVersionGet, r, heads[schools.shimen] as string);
    expect(asHead.may).toEqual({ edit: false, send: false, withdraw: false, amend: false, signFor: [schools.shimen] });
    const first = await h.call<CharterVersionView>(S.charterVersionSign, { ...r, body: { schoolId: schools.shimen } }, heads[schools.shimen] as string);
    expect(first).toMatchObject({ status: 'signing', signedCount: 1 });
    const signature = first.schools.find((s) => s.school.id === schools.shimen)?.signature;
    expect(signature).toMatchObject({ contentSha256: sent.sentSha256, hashMatches: true, signedByName: 'tester' });
    expect((await h.fail(S.charterVersionSign, { ...r, body: { schoolId: schools.shimen } }, heads[schools.shimen] as string)).code).toBe('membership.charter.already-signed');

    await h.call(S.charterVersionSign, { ...r, body: { schoolId: schools.core } }, heads[schools.core] as string);
    const listed = await h.call<CharterDocumentView[]>(S.charterList, { allianceId }, heads[schools.huangtan] as string);
    expect(listed.find((d) => d.id === draft.documentId)?.unsignedSchools).toEqual([{ id: schools.huangtan, name: '黄坦镇小学' }]);
    const last = await h.call<CharterVersionView>(S.charterVersionSign, { ...r, body: { schoolId: schools.huangtan } }, heads[schools.huangtan] as string);
    expect(last).toMatchObject({ status: 'in_force', signedCount: 3, requiredCount: 3 });
    expect(last.inForceAt).not.toBeNull();

    const audit = await h.call<Page<AuditRecordView>>(S.auditList, { entityType: 'charter_version', entityId: draft.id, pageSize: 50 }, admin);
    expect(audit.items.map((a) => a.action).sort()).toEqual(
      ['charter.created', 'charter.draft_changed', 'charter.in_force', 'charter.sent_for_signing', 'charter.signed', 'charter.signed', 'charter.signed'].sort(),
    );
    const events = await h.events(districtId, (all) => all.some((e) => e.subject === MembershipEvents.charterInForce));
    const mine = events.filter((e) => (e.data as { versionId?: string }).versionId === draft.id).map((e) => e.subject);
    expect(mine).toEqual([
      MembershipEvents.charterDraftChanged, MembershipEvents.charterSentForSigning,
      MembershipEvents.charterSigned, MembershipEvents.charterSigned, MembershipEvents.charterSigned, MembershipEvents.charterInForce,
    ]);
    const sentEvent = events.find((e) => e.subject === MembershipEvents.charterSentForSigning && (e.data as { versionId: string }).versionId === draft.id);
    expect((sentEvent?.data as { schoolIds: string[] }).schoolIds.sort()).toEqual([schools.core, schools.shimen, schools.huangtan].sort());
  });

  it('shows a tampered version as altered on read, and refuses to sign it', async () => {
    const draft = await draftCharter('篡改检测');
    const r = ref(draft.documentId, draft.id);
    await h.call(S.charterVersionSend, r, allianceAdmin);
    await h.call(S.charterVersionSign, { ...r, body: { schoolId: schools.core } }, heads[schools.core] as string);
    await h.db.query("UPDATE membership.charter_version SET body = body || '（私自增加的条款）' WHERE id = $1", [draft.id]);
    const read = await h.call<CharterVersionView>(S.charterVersionGet, r, admin);
    expect(read.intact).toBe(false);
    expect(read.schools.find((s) => s.school.id === schools.core)?.signature?.hashMatches).toBe(false);
    expect((await h.fail(S.charterVersionSign, { ...r, body: { schoolId: schools.shimen } }, heads[schools.shimen] as string)).code).toBe('membership.charter.altered');
  });

  it('amends: a withdrawal voids the signatures; a school that joined later shows as not signed on the version in force, and signs the amendment', async () => {
    const docs = await h.call<CharterDocumentView[]>(S.charterList, { allianceId }, allianceAdmin);
    const doc = docs.find((d) => d.title === '城关教育联盟章程' && d.current?.status === 'in_force') as CharterDocumentView;
    const inForceId = doc.current?.id as string;
    const amendment = await h.call<CharterVersionView>(S.charterAmend, { allianceId, documentId: doc.id }, allianceAdmin);
    expect(amendment).toMatchObject({ number: 2, status: 'draft', amends: inForceId, sharedScope: '骨干教师交流、课程资源、功能室、统一检测' });
    expect((await h.fail(S.charterAmend, { allianceId, documentId: doc.id }, allianceAdmin)).code).toBe('membership.charter.open-version-exists');
    const r = ref(doc.id, amendment.id);
    await h.call(S.charterVersionUpdate, { ...r, changes: { validTo: '2030-08-31' } }, allianceAdmin);
    await h.call(S.charterVersionSend, r, allianceAdmin);
    await h.call(S.charterVersionSign, { ...r, body: { schoolId: schools.core } }, heads[schools.core] as string);

    const withdrawn = await h.call<CharterVersionView>(S.charterVersionWithdraw, { ...r, body: { reason: '补充争议解决条款' } }, allianceAdmin);
    expect(withdrawn).toMatchObject({ status: 'draft', signedCount: 0, requiredCount: 0, sentSha256: null });
    expect(await h.count('charter_signature', 'version_id = $1 AND voided_at IS NOT NULL', [amendment.id])).toBe(1);

    await join(schools.late);
    const listed = await h.call<CharterDocumentView[]>(S.charterList, { allianceId }, heads[schools.late] as string);
    expect(listed.find((d) => d.id === doc.id)?.unsignedSchools).toEqual([{ id: schools.late, name: '罗阳镇第二小学' }]);
    const current = await h.call<CharterVersionView>(S.charterVersionGet, ref(doc.id, inForceId), heads[schools.late] as string);
    expect(current.schools.find((s) => s.school.id === schools.late)).toMatchObject({ required: false, currentMember: true, signature: null });
    expect(current.status).toBe('in_force');

    await h.call(S.charterVersionSend, r, allianceAdmin);
    for (const id of [schools.core, schools.shimen, schools.huangtan]) await h.call(S.charterVersionSign, { ...r, body: { schoolId: id } }, heads[id] as string);
    const waiting = await h.call<CharterVersionView>(S.charterVersionGet, r, allianceAdmin);
    expect(waiting).toMatchObject({ status: 'signing', requiredCount: 4, signedCount: 3 });
  });

  it('keeps a version out for signing waiting for every school that was a member when it was sent', async () => {
    // the amendment above went out after 罗阳镇第二小学 joined: it is required, so the amendment comes into force, superseding version 1, when it signs
    const listed = await h.call<CharterDocumentView[]>(S.charterList, { allianceId }, admin);
    const docs = await h.call<CharterDocumentDetailView>(S.charterGet, { allianceId, documentId: listed.find((d) => d.title === '城关教育联盟章程')?.id }, admin);
    const pending = docs.pending;
    expect(pending?.status).toBe('signing');
    expect(docs.unsignedSchools.map((s) => s.id)).toEqual([schools.late]);
    const r = ref(docs.id, pending?.id as string);
    const done = await h.call<CharterVersionView>(S.charterVersionSign, { ...r, body: { schoolId: schools.late } }, heads[schools.late] as string);
    expect(done.status).toBe('in_force');
    const after = await h.call<CharterDocumentDetailView>(S.charterGet, { allianceId, documentId: docs.id }, admin);
    expect(after.versions.map((v) => [v.number, v.status])).toEqual([[2, 'in_force'], [1, 'superseded']]);
    expect(after.unsignedSchools).toEqual([]);
  });

  it('expires a version past its validity (seen at once, recorded by the sweep) and reminds 30 and 7 days ahead', async () => {
    const draft = await draftCharter('到期检测');
    const r = ref(draft.documentId, draft.id);
    await h.call(S.charterVersionUpdate, { ...r, changes: { validTo: '2027-01-31' } }, allianceAdmin);
    await h.call(S.charterVersionSend, r, allianceAdmin);
    for (const id of [schools.core, schools.shimen, schools.huangtan, schools.late]) await h.call(S.charterVersionSign, { ...r, body: { schoolId: id } }, heads[id] as string);
    const sut = h.app.get(ChartersService);
    const caller = systemCaller('charter-sweep-test');

    const early = await sut.sweep(caller, new Date('2027-01-01T02:00:00Z'));
    expect(early.reminded).toBeGreaterThanOrEqual(1);
    const again = await sut.sweep(caller, new Date('2027-01-02T02:00:00Z'));
    expect(again).toEqual({ expired: 0, reminded: 0 });
    const week = await sut.sweep(caller, new Date('2027-01-25T02:00:00Z'));
    expect(week.reminded).toBeGreaterThanOrEqual(1);

    const seen = await h.call<CharterVersionView>(S.charterVersionGet, r, admin);
    expect(seen.status).toBe('in_force');
    const expired = await sut.sweep(caller, new Date('2027-02-01T02:00:00Z'));
    expect(expired.expired).toBeGreaterThanOrEqual(1);
    const { rows } = await h.db.query('SELECT status FROM membership.charter_version WHERE id = $1', [draft.id]);
    expect(rows[0].status).toBe('expired');
    const events = await h.events(districtId, (all) => all.some((e) => e.subject === MembershipEvents.charterExpired));
    const mine = events.filter((e) => (e.data as { versionId?: string }).versionId === draft.id);
    expect(mine.filter((e) => e.subject === MembershipEvents.charterExpiringSoon).map((e) => (e.data as { daysLeft: number }).daysLeft)).toEqual([30, 7]);
    expect(mine.filter((e) => e.subject === MembershipEvents.charterExpired)).toHaveLength(1);
    expect((await h.fail(S.charterAmend, { allianceId, documentId: draft.documentId }, allianceAdmin)).code).toBe('membership.charter.nothing-in-force');
  });
});
