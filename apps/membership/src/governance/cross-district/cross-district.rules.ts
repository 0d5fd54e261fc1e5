import type { ApprovalSide, ApprovalStatus, JoinDecision } from '@jiaolian/contracts';
import { ConflictError, ForbiddenError } from '@jiaolian/service-kit';

/*
 * Alliances across districts as plain functions. A school of another district may join an alliance
 * when both district admins approve: the alliance's (its district runs the alliance) and the school's
 * (its district answers for the school). Within one district nothing changes: no approvals are asked.
 */

export interface ApprovalNeed {
  side: ApprovalSide;
  districtId: string;
}

/** The approvals a join request needs: none within one district, both districts' admins across the boundary. */
export function approvalsNeeded(allianceDistrictId: string, schoolDistrictId: string): ApprovalNeed[] {
  if (allianceDistrictId === schoolDistrictId) return [];
  return [{ side: 'alliance', districtId: allianceDistrictId }, { side: 'school', districtId: schoolDistrictId }];
}

export interface ApprovalState {
  side: ApprovalSide;
  districtId: string;
  status: ApprovalStatus;
}

/**
 * The sides the caller decides now: those of the districts they administer that are still open (a
 * platform admin, admin of both, decides both at once). Throws when the request needs no approval,
 * when the caller administers neither district, or when their side has decided already.
 */
export function sidesToDecide(approvals: ApprovalState[], administers: (districtId: string) => boolean): ApprovalSide[] {
  if (!approvals.length) throw ConflictError.of('membership.join-request.no-approval-needed');
  const mine = approvals.filter((a) => administers(a.districtId));
  if (!mine.length) throw ForbiddenError.of('membership.join-request.approval-forbidden');
  const open = mine.filter((a) => a.status === 'pending');
  if (!open.length) throw ConflictError.of('membership.join-request.approval-decided');
  return open.map((a) => a.side);
}

/**
 * What a pending request becomes after a step: declined as soon as one district refuses; accepted once
 * the asked side has accepted and every approval is given (in any order); pending otherwise.
 */
export function settle(answered: boolean, approvals: ApprovalStatus[]): 'pending' | 'accepted' | 'declined' {
  if (approvals.includes('refused')) return 'declined';
  if (answered && approvals.every((s) => s === 'approved')) return 'accepted';
  return 'pending';
}

/**
 * The asked side answers once: after it accepted, the request waits for the districts and only the
 * side that asked may still withdraw it.
 */
export function assertNotAnswered(request: { status: string; answeredAt: Date | null }, decision: JoinDecision): void {
  if (request.status === 'pending' && request.answeredAt && decision !== 'withdraw') throw ConflictError.of('membership.join-request.answered');
}
