import type { ActivityKind, ParticipantKind } from './enums.js';
import type { MilestoneStatus, PlanStatus, TargetRating } from './plans.dto.js';

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

/** A work plan moved between statuses (submitted, approved, returned to draft, closed). */
export interface PlanStatusChangedEvent {
  planId: string;
  districtId: string;
  allianceId: string;
  schoolId: string | null;
  term: string;
  from: PlanStatus;
  to: PlanStatus;
}

export interface MilestoneProgressedEvent {
  milestoneId: string;
  planId: string;
  districtId: string;
  allianceId: string;
  schoolId: string | null;
  percent: number;
  status: MilestoneStatus;
  /** the Asia/Shanghai day it was reported done, when this update completed it */
  completedOn: string | null;
}

export interface TargetAssessedEvent {
  targetId: string;
  planId: string;
  districtId: string;
  allianceId: string;
  schoolId: string | null;
  term: string;
  rating: TargetRating;
}
