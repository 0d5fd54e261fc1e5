import type { BookingStatus, FacilityKind, ResourceType, ResourceVisibility } from './enums.js';

export interface ResourceSharedEvent {
  resourceId: string;
  districtId: string;
  schoolId: string;
  ownerId: string;
  type: ResourceType;
  title: string;
  subject: string;
  grade: string;
  visibility: ResourceVisibility;
}

export interface ResourceChangedEvent {
  resourceId: string;
  districtId: string;
  schoolId: string;
  visibility: ResourceVisibility;
}

export interface ResourceVersionAddedEvent extends ResourceChangedEvent {
  version: number;
  filename: string;
  sha256: string;
}

export interface FacilityChangedEvent {
  facilityId: string;
  districtId: string;
  schoolId: string;
  kind: FacilityKind;
  name: string;
  active: boolean;
}

export interface BookingChangedEvent {
  bookingId: string;
  facilityId: string;
  districtId: string;
  ownerSchoolId: string;
  requesterSchoolId: string;
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
  reason?: string | null;
}
