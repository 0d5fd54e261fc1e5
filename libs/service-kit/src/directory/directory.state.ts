import type { AllianceKind, AllianceStatus, MemberRole } from '@jiaolian/contracts';

/*
 * How one membership event changes the directory, as pure functions: JetStream may deliver a
 * member's events out of order (a redelivery after a failed handler, replicas sharing a consumer),
 * so every change is a merge that gives the same result in any order and when applied twice.
 */

export interface MemberState {
  role: MemberRole | null;
  /** the latest time the school joined */
  joinedAt: Date | null;
  /** the latest time the school left */
  leftAt: Date | null;
  active: boolean;
}

export type MemberChange =
  | { type: 'joined'; at: Date; role: MemberRole }
  | { type: 'left'; at: Date };

export const EMPTY_MEMBER: MemberState = { role: null, joinedAt: null, leftAt: null, active: false };

/** A school is an active member when its latest join is later than its latest leave. */
export function applyMemberChange(state: MemberState, change: MemberChange): MemberState {
  let { role, joinedAt, leftAt } = state;
  switch (change.type) {
    case 'joined':
      if (!joinedAt || change.at.getTime() >= joinedAt.getTime()) {
        joinedAt = change.at;
        role = change.role;
      }
      break;
    case 'left':
      if (!leftAt || change.at.getTime() > leftAt.getTime()) leftAt = change.at;
      break;
    default:
      return assertNever(change);
  }
  const active = joinedAt !== null && (leftAt === null || joinedAt.getTime() > leftAt.getTime());
  return { role, joinedAt, leftAt, active };
}

export interface AllianceState {
  name: string | null;
  /** membership's version of the alliance that `name` was taken from (0: unknown) */
  nameVersion: number;
  kind: AllianceKind | null;
  coreSchoolId: string | null;
  status: AllianceStatus;
  updatedAt: Date;
}

export type AllianceChange =
  | { type: 'created'; at: Date; name: string; version: number; kind: AllianceKind; coreSchoolId: string }
  | { type: 'renamed'; at: Date; name: string; version: number }
  | { type: 'status'; at: Date; status: Exclude<AllianceStatus, 'draft'> };

/** An alliance only moves forward: draft → active → dissolved. */
const STATUS_RANK: Record<AllianceStatus, number> = { draft: 0, active: 1, dissolved: 2 };

export function applyAllianceChange(state: AllianceState, change: AllianceChange): AllianceState {
  const updatedAt = change.at.getTime() > state.updatedAt.getTime() ? change.at : state.updatedAt;
  switch (change.type) {
    case 'created':
      // created carries the facts an alliance is born with; its status and name may already have moved on
      return { ...state, ...newerName(state, change), kind: change.kind, coreSchoolId: change.coreSchoolId, updatedAt };
    case 'renamed':
      return { ...state, ...newerName(state, change), updatedAt };
    case 'status':
      return { ...state, status: STATUS_RANK[change.status] > STATUS_RANK[state.status] ? change.status : state.status, updatedAt };
    default:
      return assertNever(change);
  }
}

/**
 * A name replaces the one held unless it was read from an older version of the alliance; an equal
 * version is the same name again (a redelivery), so taking it changes nothing.
 */
function newerName(state: AllianceState, change: { name: string; version: number }): Pick<AllianceState, 'name' | 'nameVersion'> {
  return change.version >= state.nameVersion ? { name: change.name, nameVersion: change.version } : { name: state.name, nameVersion: state.nameVersion };
}

/** The role the core school holds from the moment its alliance is created. */
export const coreRoleOf = (kind: AllianceKind): MemberRole => (kind === 'pairing' ? 'supporting' : 'core');

function assertNever(value: never): never {
  throw new Error(`Unhandled directory change ${JSON.stringify(value)}`);
}
