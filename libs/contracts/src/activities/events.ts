import type { ActivityKind, ParticipantKind } from './enums.js';

export interface ActivityScheduledEvent {
  activityId: string;
  districtId: string;
  allianceId: string;
  organiserSchoolId: string;
  kind: ActivityKind;
  title: string;
  startsAt: string;
  endsAt: string;
  rrule: string | null;
}

export interface ActivityChangedEvent {
  activityId: string;
  districtId: string;
  allianceId: string;
  reason?: string;
}

export interface OccurrenceCancelledEvent {
  activityId: string;
  districtId: string;
  allianceId: string;
  occurrenceStart: string;
  reason: string;
  /** registrations of that occurrence that were cancelled with it */
  registrationsCancelled: number;
}

export interface RegistrationEvent {
  registrationId: string;
  activityId: string;
  districtId: string;
  allianceId: string;
  schoolId: string;
  occurrenceStart: string;
  participantKind: ParticipantKind;
}

export interface MinutesRecordedEvent {
  minutesId: string;
  activityId: string;
  districtId: string;
  allianceId: string;
  occurrenceStart: string;
  actionItemIds: string[];
}

export interface ActionItemEvent {
  actionItemId: string;
  activityId: string;
  districtId: string;
  allianceId: string;
  ownerUserId: string | null;
  ownerSchoolId: string | null;
}
