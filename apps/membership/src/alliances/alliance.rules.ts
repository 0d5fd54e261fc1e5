import type { AllianceKind, AllianceStatus, JoinDecision, JoinRequestKind, JoinRequestStatus, MemberRole } from '@jiaolian/contracts';
import { ConflictError, ForbiddenError, ValidationError } from '@jiaolian/service-kit';

/*
 * The alliance lifecycle and join-request rules as plain functions: the services load rows, ask these,
 * and write what they answer. Kept free of I/O so every rule is tested on its own.
 */

/** The role of the school that founds the alliance. */
export const foundingRole = (kind: AllianceKind): MemberRole => (kind === 'pairing' ? 'supporting' : 'core');

/** The role a joining school gets when none is asked for. */
export const defaultJoinRole = (kind: AllianceKind): MemberRole => (kind === 'pairing' ? 'supported' : 'member');

/** Roles a school may join with: the founding role is taken by the founder. */
export function joinRole(kind: AllianceKind, requested: MemberRole | undefined, field = 'role'): MemberRole {
  const role = requested ?? defaultJoinRole(kind);
  const allowed: MemberRole[] = kind === 'pairing' ? ['supported'] : ['member'];
  if (!allowed.includes(role)) {
    throw ValidationError.of(field, 'membership.alliance.role-not-allowed', { memberRole: allowed.join(' or '), allianceKind: kind });
  }
  return role;
}

export type AllianceAction = 'update' | 'activate' | 'dissolve' | 'invite' | 'apply' | 'join' | 'leave';

/** Which lifecycle states allow an action: draft → active → dissolved. */
const ALLOWED: Record<AllianceAction, AllianceStatus[]> = {
  update: ['draft', 'active'],
  activate: ['draft'],
  dissolve: ['draft', 'active'],
  invite: ['draft', 'active'],
  apply: ['active'],
  join: ['draft', 'active'],
  leave: ['draft', 'active'],
};

export function assertLifecycle(status: AllianceStatus, action: AllianceAction): void {
  if (!ALLOWED[action].includes(status)) {
    throw action === 'join'
      ? ConflictError.of('membership.alliance.closed-to-members', { allianceStatus: status })
      : ConflictError.of('membership.alliance.status-forbids', { allianceStatus: status, allianceAction: action });
  }
}

export function assertDissolveReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw ValidationError.of('body.reason', 'membership.alliance.dissolve-reason-missing');
  return trimmed;
}

/** A pairing has one supporting school (its founder) and at most one supported school. */
export function assertRoomFor(kind: AllianceKind, role: MemberRole, activeRoles: MemberRole[]): void {
  if (kind === 'pairing' && role === 'supported' && activeRoles.includes('supported')) {
    throw ConflictError.of('membership.alliance.pairing-full');
  }
}

/** The founding school holds the alliance together: it cannot leave, only the alliance can be dissolved. */
export function assertMayLeave(role: MemberRole): void {
  if (role === 'core' || role === 'supporting') {
    throw ConflictError.of('membership.alliance.founder-cannot-leave', { memberRole: role });
  }
}

export interface JoinRequestFacts {
  /** the school is an active member already */
  activeMember: boolean;
  /** an undecided request for the same alliance and school exists */
  pendingExists: boolean;
}

/** A school of another district may be asked too: its request then waits for both districts' approval (governance/cross-district). */
export function assertMayRequest(facts: JoinRequestFacts): void {
  if (facts.activeMember) throw ConflictError.of('membership.join-request.already-member');
  if (facts.pendingExists) throw ConflictError.of('membership.join-request.pending-exists');
}

/** Which side acts: the alliance (its admin) or the school (its admin); the district admin may act for both. */
export interface Actor {
  forAlliance: boolean;
  forSchool: boolean;
}

/**
 * Decides a pending request: the side that was asked accepts or declines, the side that asked withdraws.
 * Returns the new status; throws Conflict when it is no longer pending, Forbidden when the actor is on the wrong side.
 */
export function decide(request: { kind: JoinRequestKind; status: JoinRequestStatus }, decision: JoinDecision, actor: Actor): JoinRequestStatus {
  if (request.status !== 'pending') throw ConflictError.of('membership.join-request.decided', { joinRequestStatus: request.status });
  const askedSide = request.kind === 'invitation' ? actor.forSchool : actor.forAlliance;
  const askingSide = request.kind === 'invitation' ? actor.forAlliance : actor.forSchool;
  switch (decision) {
    case 'accept':
    case 'decline':
      if (!askedSide) {
        throw ForbiddenError.of(request.kind === 'invitation'
          ? 'membership.join-request.invitation-answer-forbidden'
          : 'membership.join-request.application-answer-forbidden');
      }
      return decision === 'accept' ? 'accepted' : 'declined';
    case 'withdraw':
      if (!askingSide) throw ForbiddenError.of('membership.join-request.withdraw-forbidden');
      return 'withdrawn';
    default: {
      const never: never = decision;
      throw new Error(`Unknown decision ${String(never)}`);
    }
  }
}

/** A school may be an active member of at most one active integrated alliance (教联体 are managed as one). */
export function assertIntegratedExclusive(kind: AllianceKind, otherActiveIntegrated: string[]): void {
  if (kind === 'integrated' && otherActiveIntegrated.length > 0) {
    throw ConflictError.of('membership.alliance.integrated-elsewhere');
  }
}
