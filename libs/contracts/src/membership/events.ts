import type { AllianceKind, MemberRole } from './enums.js';

/*
 * Versions: `version` counts the changes of the school or alliance row in membership. A service's copy
 * keeps a name only from an event whose version is at least the one it holds, so a redelivered or late
 * event never brings back an older name. Events written before versions existed carry none (read as 0).
 */

export interface AllianceCreatedEvent {
  allianceId: string;
  districtId: string;
  name: string;
  kind: AllianceKind;
  coreSchoolId: string;
  /** the alliance's version when it was created (1) */
  version?: number;
}

/** An alliance's name changed (its kind, district and core school never change). */
export interface AllianceRenamedEvent {
  allianceId: string;
  districtId: string;
  name: string;
  previousName: string;
  version: number;
}

export interface AllianceStatusChangedEvent {
  allianceId: string;
  districtId: string;
  reason?: string;
}

export interface MemberJoinedEvent {
  membershipId: string;
  allianceId: string;
  districtId: string;
  schoolId: string;
  schoolName: string;
  /** the school's version that `schoolName` was read from */
  schoolVersion?: number;
  /** the school's own district when it is not the alliance's (an alliance across districts); absent within one district */
  schoolDistrictId?: string;
  role: MemberRole;
  joinedAt: string;
}

export interface MemberLeftEvent {
  membershipId: string;
  allianceId: string;
  districtId: string;
  schoolId: string;
  leftAt: string;
  reason: string;
}

export interface SchoolRegisteredEvent {
  schoolId: string;
  districtId: string;
  code: string;
  name: string;
  /** the school's version when it was registered (1) */
  version?: number;
}

/** A school's name changed (its code and district never change). */
export interface SchoolRenamedEvent {
  schoolId: string;
  districtId: string;
  code: string;
  name: string;
  previousName: string;
  version: number;
}

/** A join request waits for an answer: an application for the alliance's admins, an invitation for the school's. */
export interface JoinRequestCreatedEvent {
  joinRequestId: string;
  allianceId: string;
  allianceName: string;
  districtId: string;
  schoolId: string;
  schoolName: string;
  kind: 'invitation' | 'application';
  role: MemberRole;
}

/** A profile round (调研) opened: the district's school admins fill in their profiles by the deadline. */
export interface ProfileRoundOpenedEvent {
  roundId: string;
  districtId: string;
  term: string;
  deadline: string;
}

export interface ProfileRoundClosedEvent {
  roundId: string;
  districtId: string;
  term: string;
  submitted: number;
  schools: number;
}

export interface ProfileSubmittedEvent {
  profileId: string;
  roundId: string;
  districtId: string;
  schoolId: string;
  term: string;
  version: number;
}

export interface PairingSuggestionAcceptedEvent {
  allianceId: string;
  districtId: string;
  term: string;
  supportingSchoolId: string;
  supportedSchoolId: string;
  distanceKm: number;
  /** the profile tag ids of the needs the supporting school meets */
  tagIds: string[];
}
