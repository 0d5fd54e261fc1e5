import type { AllianceKind, MemberRole } from './enums.js';

export interface AllianceCreatedEvent {
  allianceId: string;
  districtId: string;
  name: string;
  kind: AllianceKind;
  coreSchoolId: string;
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
}
