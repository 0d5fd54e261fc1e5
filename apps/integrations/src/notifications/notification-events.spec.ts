import {
  AssessmentEvents, CurriculumEvents, MembershipEvents, TeacherExchangeEvents, type BookingView, type DomainEvent, type EvaluationView, type PlacementView, type RoleHolderView, type RoleName,
} from '@jiaolian/contracts';
import { notificationsFor, type NotificationLookups } from './notification-events.js';
import { retryDelayMs } from './notifications.config.js';
import { reminderStage } from './survey-reminders.js';
import { maskWebhookUrl } from './robots.service.js';

const D = 'd1';
const holder = (userId: string, role: RoleName, at: { schoolId?: string; allianceId?: string } = {}): RoleHolderView =>
  ({ userId, displayName: userId, email: `${userId}@school.example.cn`, role, schoolId: at.schoolId ?? null, allianceId: at.allianceId ?? null });

/** A small world: the home school has a head, the host school has none; one alliance admin; one district admin. */
const world: RoleHolderView[] = [
  holder('home-head', 'school_admin', { schoolId: 'home' }), holder('secretariat', 'alliance_admin', { allianceId: 'a1' }), holder('bureau', 'district_admin'),
];
const lookups: NotificationLookups = {
  holders: async (_district, roles, where) => world.filter((h) => roles.includes(h.role) && (h.role === 'district_admin'
    || (h.schoolId !== null && (where.schoolIds ?? []).includes(h.schoolId)) || (h.allianceId !== null && (where.allianceIds ?? []).includes(h.allianceId)))),
  placement: async (id) => ({
    id, districtId: D, allianceId: 'a1', allianceName: '城关教育联盟', teacherName: '王老师', homeSchoolId: 'home', homeSchoolName: '城关第一小学',
    hosts: [{ schoolId: 'host', schoolName: '柳树镇中心小学', weeklyPeriods: null, approvedAt: null }], proposedBy: 'proposer', reason: null,
  }) as unknown as PlacementView,
  booking: async (id) => ({ id, facilityName: '科学实验室', ownerSchoolName: '城关第一小学', requesterSchoolName: '柳树镇中心小学', requestedBy: 'requester', requestedByName: '赵老师' }) as unknown as BookingView,
  evaluation: async (id) => ({ id, allianceName: '城关教育联盟', schoolName: id.startsWith('s') ? '城关第一小学' : null }) as unknown as EvaluationView,
};
const event = (subject: string, data: object): DomainEvent => ({ id: 'e1', subject, occurredAt: new Date().toISOString(), districtId: D, data });
const placement = { placementId: 'p1', districtId: D, allianceId: 'a1', teacherId: 't1', homeSchoolId: 'home', hostSchoolIds: ['host'], kind: 'rotation', startsOn: '2026-09-01', endsOn: '2027-01-31' };
const recipientsOf = (n: { recipients: { userId: string }[] }) => n.recipients.map((r) => r.userId).sort();

describe(notificationsFor.name, () => {
  it('asks the home school\'s head to approve a proposed placement, and tells its robots and the alliance\'s', async () => {
    const [sut, ...more] = await notificationsFor(event(TeacherExchangeEvents.placementProposed, { ...placement, status: 'proposed', from: null }), lookups);
    expect(more).toEqual([]);
    expect(sut).toMatchObject({ kind: 'placement.approval-requested', link: '/teacher-exchange/placements', concerns: { schoolIds: ['home'], allianceIds: ['a1'] } });
    expect(sut!.params).toMatchObject({ teacherName: '王老师', approvingSchoolName: '城关第一小学', hostSchoolNames: '柳树镇中心小学' });
    expect(recipientsOf(sut!)).toEqual(['home-head']);
  });

  it('asks the district admins when the host school has no head of its own', async () => {
    const [sut] = await notificationsFor(event(TeacherExchangeEvents.placementHomeApproved, { ...placement, status: 'home_approved', from: 'proposed' }), lookups);
    expect(sut!.params).toMatchObject({ approvingSchoolName: '柳树镇中心小学' });
    expect(recipientsOf(sut!)).toEqual(['bureau']);
  });

  it.each([
    [TeacherExchangeEvents.placementApproved, 'placement.approved'],
    [TeacherExchangeEvents.placementRejected, 'placement.rejected'],
  ])('tells the proposer of %s', async (subject, kind) => {
    const [sut] = await notificationsFor(event(subject, { ...placement, status: 'x', from: 'y', reason: '课时已满' }), lookups);
    expect(sut).toMatchObject({ kind, recipients: [{ userId: 'proposer' }] });
  });

  it('asks the facility\'s school to decide a booking, in Beijing time, and tells the requester the answer', async () => {
    const booking = { bookingId: 'b1', facilityId: 'f1', districtId: D, ownerSchoolId: 'home', requesterSchoolId: 'host', startsAt: '2026-10-15T06:00:00Z', endsAt: '2026-10-15T08:00:00Z' };
    const [requested] = await notificationsFor(event(CurriculumEvents.bookingRequested, { ...booking, status: 'pending' }), lookups);
    expect(requested).toMatchObject({ kind: 'booking.requested', params: { startsAt: '2026-10-15 14:00', endsAt: '2026-10-15 16:00', facilityName: '科学实验室' } });
    expect(recipientsOf(requested!)).toEqual(['home-head']);
    const [rejected] = await notificationsFor(event(CurriculumEvents.bookingRejected, { ...booking, status: 'rejected', reason: '设备检修' }), lookups);
    expect(rejected).toMatchObject({ kind: 'booking.rejected', recipients: [{ userId: 'requester' }], params: { reason: '设备检修' } });
  });

  it('sends an application to the alliance\'s admins and an invitation to the school\'s', async () => {
    const request = { joinRequestId: 'j1', allianceId: 'a1', allianceName: '城关教育联盟', districtId: D, schoolId: 'home', schoolName: '城关第一小学', role: 'member' };
    const [application] = await notificationsFor(event(MembershipEvents.joinRequestCreated, { ...request, kind: 'application' }), lookups);
    expect(recipientsOf(application!)).toEqual(['secretariat']);
    const [invitation] = await notificationsFor(event(MembershipEvents.joinRequestCreated, { ...request, kind: 'invitation' }), lookups);
    expect(recipientsOf(invitation!)).toEqual(['home-head']);
  });

  const schoolEval = { evaluationId: 'se1', districtId: D, allianceId: 'a1', schoolId: 'home', targetType: 'school', term: '2026-2027-1' };
  const allianceEval = { evaluationId: 'ae1', districtId: D, allianceId: 'a1', schoolId: null, targetType: 'alliance', term: '2026-2027-1' };
  const step = (data: object, action: string, comment: string | null = null) => event(AssessmentEvents.evaluationStepChanged, { ...data, action, from: null, to: 'draft', comment });

  it.each([
    ['a school\'s new draft', step(schoolEval, 'open'), 'evaluation.opened', ['home-head'], { schoolIds: ['home'] }],
    ['an alliance\'s new draft', step(allianceEval, 'open'), 'evaluation.opened', ['secretariat'], { allianceIds: ['a1'] }],
    ['a school\'s submitted self-evaluation', step(schoolEval, 'submit'), 'evaluation.review-requested', ['secretariat'], { allianceIds: ['a1'] }],
    ['an alliance\'s submitted self-evaluation', step(allianceEval, 'submit'), 'evaluation.review-requested', ['bureau'], { allianceIds: ['a1'] }],
    ['the alliance\'s approval of a school', step(schoolEval, 'approve'), 'evaluation.review-requested', ['bureau'], { allianceIds: ['a1'] }],
    ['a return', step(schoolEval, 'return', '请补充佐证材料'), 'evaluation.returned', ['home-head'], { schoolIds: ['home'] }],
    ['a publication', event(AssessmentEvents.evaluationPublished, { ...schoolEval, version: 1, total: 86.5 }), 'evaluation.published', ['home-head'], { schoolIds: ['home'] }],
    ['a correction', event(AssessmentEvents.evaluationCorrected, { ...allianceEval, version: 2, total: null, reason: '更正' }), 'evaluation.published', ['secretariat'], { allianceIds: ['a1'] }],
  ])('tells whoever acts next on %s', async (_what, evt, kind, recipients, concerns) => {
    const [sut, ...more] = await notificationsFor(evt, lookups);
    expect(more).toEqual([]);
    expect(sut).toMatchObject({ kind, concerns, link: `/evaluation/evaluations/${(evt.data as { evaluationId: string }).evaluationId}` });
    expect(recipientsOf(sut!)).toEqual(recipients);
  });

  it('names the evaluated school, who passed it on, the comment of a return and the total of a publication', async () => {
    const [approved] = await notificationsFor(step(schoolEval, 'approve'), lookups);
    expect(approved!.params).toMatchObject({ targetName: '城关第一小学', submittedBy: '城关教育联盟', term: '2026-2027-1' });
    const [returned] = await notificationsFor(step(schoolEval, 'return', '请补充佐证材料'), lookups);
    expect(returned!.params).toMatchObject({ comment: '请补充佐证材料' });
    const [corrected] = await notificationsFor(event(AssessmentEvents.evaluationCorrected, { ...allianceEval, version: 2, total: null }), lookups);
    expect(corrected!.params).toMatchObject({ targetName: '城关教育联盟', version: 2, total: '—' });
  });

  it('leaves a new draft of a school without an admin of its own out of the district admins\' bell', async () => {
    const [sut] = await notificationsFor(step({ ...schoolEval, schoolId: 'host' }, 'open'), lookups);
    expect(sut!.recipients).toEqual([]);
  });

  it('brings nothing for events that ask nobody to act', async () => {
    expect(await notificationsFor(event(TeacherExchangeEvents.placementActivated, { ...placement, status: 'active', from: 'approved' }), lookups)).toEqual([]);
    expect(await notificationsFor(event(MembershipEvents.schoolRegistered, { schoolId: 's', districtId: D, code: '1', name: 'x' }), lookups)).toEqual([]);
  });

  describe('charters and agreements', () => {
    const charter = {
      documentId: 'doc1', versionId: 'v2', allianceId: 'a1', allianceName: '城关教育联盟', districtId: D, kind: 'charter', title: '城关教育联盟章程', number: 2,
      status: 'signing', validTo: '2029-08-31', contentSha256: 'ab'.repeat(32),
    };

    it('asks each member school\'s own admin to sign, and nobody for a school without one (the district admin cannot sign for it)', async () => {
      const sut = await notificationsFor(event(MembershipEvents.charterSentForSigning, { ...charter, schoolIds: ['home', 'host'] }), lookups);
      expect(sut).toHaveLength(1);
      expect(sut[0]).toMatchObject({
        kind: 'charter.signing-requested', link: '/alliances/a1?tab=charters', concerns: { schoolIds: ['home'], allianceIds: ['a1'] },
        params: { allianceName: '城关教育联盟', title: '城关教育联盟章程', number: 2 },
      });
      expect(recipientsOf(sut[0]!)).toEqual(['home-head']);
    });

    it('reminds the alliance admins of a version about to expire', async () => {
      const [sut, ...more] = await notificationsFor(event(MembershipEvents.charterExpiringSoon, { ...charter, status: 'in_force', daysLeft: 7 }), lookups);
      expect(more).toEqual([]);
      expect(sut).toMatchObject({ kind: 'charter.expiring-soon', params: { validTo: '2029-08-31', daysLeft: 7 }, concerns: { allianceIds: ['a1'] } });
      expect(recipientsOf(sut!)).toEqual(['secretariat']);
    });

    it.each([MembershipEvents.charterSigned, MembershipEvents.charterInForce, MembershipEvents.charterDraftChanged])('sends nothing for %s', async (subject) => {
      expect(await notificationsFor(event(subject, charter), lookups)).toEqual([]);
    });
  });
});

describe(reminderStage.name, () => {
  const closesAt = '2026-12-10T10:00:00.000Z';
  const at = (hoursBefore: number): Date => new Date(Date.parse(closesAt) - hoursBefore * 3_600_000);
  const open = { status: 'open' as const, opensAt: '2026-12-01T00:00:00.000Z', closesAt };

  it.each([
    [100, undefined], [72, 72], [50, 72], [24, 24], [1, 24], [0, undefined], [-5, undefined],
  ])('at %s hours before closing is stage %s', (hours, stage) => {
    expect(reminderStage(open, at(hours))).toBe(stage);
  });

  it('reminds nobody of a survey that is closed or not open yet', () => {
    expect(reminderStage({ ...open, status: 'closed' }, at(10))).toBeUndefined();
    expect(reminderStage({ ...open, opensAt: at(5).toISOString() }, at(10))).toBeUndefined();
  });
});

describe('robot delivery details', () => {
  it('waits four times longer after each failure, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5_000))).toEqual([5_000, 20_000, 80_000, 320_000]);
    expect(retryDelayMs(12, 5_000)).toBe(3_600_000);
  });

  it('hides a robot\'s key and token when its URL is shown', () => {
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****');
    expect(maskWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe('https://oapi.dingtalk.com/robot/send?access_token=****');
  });
});
