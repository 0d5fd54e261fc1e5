import { describe, expect, it } from 'vitest';
import type { AssignmentView, JoinRequestView, MeView } from '@jiaolian/api-client';
import { commentDialogSpec, decisionsFor, mayApprove } from './JoinRequestsTable';

const me = (...assignments: Omit<AssignmentView, 'id'>[]): MeView => ({
  id: 'u1', username: 'someone', displayName: '某人', districtId: assignments[0]?.districtId ?? 'dA',
  assignments: assignments.map((a, i) => ({ id: `a${i}`, ...a })),
  mustChangePassword: false, teacherId: null,
});

const approval = (side: 'alliance' | 'school', districtId: string, status: 'pending' | 'approved' | 'refused' = 'pending') =>
  ({ side, district: { id: districtId, name: districtId }, status, comment: null, decidedAt: null });

const crossInvitation = (over: Partial<JoinRequestView> = {}): JoinRequestView => ({
  id: 'r1', kind: 'invitation', status: 'pending', alliance: { id: 'al1', name: '跨区联盟' }, school: { id: 'sB', name: '溪口镇中心小学' }, role: 'member',
  message: null, comment: null, createdAt: '2026-09-01T00:00:00Z', decidedAt: null,
  crossDistrict: true, approvals: [approval('alliance', 'dA'), approval('school', 'dB')], answeredAt: null, ...over,
});

const districtA = me({ role: 'district_admin', districtId: 'dA' });
const districtB = me({ role: 'district_admin', districtId: 'dB' });
const headB = me({ role: 'school_admin', districtId: 'dB', schoolId: 'sB' });

describe('join requests across districts', () => {
  it("lets each district admin approve their side only, and nobody else", () => {
    expect(mayApprove(districtA, crossInvitation())).toBe(true);
    expect(mayApprove(districtB, crossInvitation())).toBe(true);
    expect(mayApprove(headB, crossInvitation())).toBe(false);
    expect(mayApprove(districtB, crossInvitation({ approvals: [approval('alliance', 'dA'), approval('school', 'dB', 'approved')] }))).toBe(false);
    expect(mayApprove(me({ role: 'district_admin', districtId: 'dC' }), crossInvitation())).toBe(false);
  });

  it("lets the invited school's side (its admin or its district admin) answer, and the alliance's district withdraw", () => {
    expect(decisionsFor(headB, crossInvitation())).toEqual(['accept', 'decline']);
    expect(decisionsFor(districtB, crossInvitation())).toEqual(['accept', 'decline']);
    expect(decisionsFor(districtA, crossInvitation())).toEqual(['withdraw']);
  });

  it('offers no second answer once the school accepted and the districts decide', () => {
    expect(decisionsFor(headB, crossInvitation({ answeredAt: '2026-09-02T00:00:00Z' }))).toEqual([]);
    expect(decisionsFor(districtA, crossInvitation({ answeredAt: '2026-09-02T00:00:00Z' }))).toEqual(['withdraw']);
  });
});

describe(commentDialogSpec.name, () => {
  it.each([
    [{ route: 'respond', decision: 'accept' }, 'joinRequest.decision.accept', 'message', false],
    [{ route: 'respond', decision: 'decline' }, 'joinRequest.decision.decline', 'message', true],
    [{ route: 'respond', decision: 'withdraw' }, 'joinRequest.decision.withdraw', 'message', true],
    [{ route: 'approval', decision: 'approve' }, 'crossDistrict.decision.approve', 'approval', false],
    [{ route: 'approval', decision: 'refuse' }, 'crossDistrict.decision.refuse', 'approval', true],
  ] as const)('%o: button %s, hint %s, warns %s', (action, ok, hint, danger) => {
    expect(commentDialogSpec(action)).toMatchObject({ ok, hint, danger });
  });

  it('says in its title and done message which route it answers', () => {
    expect(commentDialogSpec({ route: 'respond', decision: 'accept' })).toMatchObject({ title: 'joinRequest.respondTitle', done: 'joinRequest.responded' });
    expect(commentDialogSpec({ route: 'approval', decision: 'approve' })).toMatchObject({ title: 'crossDistrict.approveTitle', done: 'crossDistrict.approved' });
  });
});
