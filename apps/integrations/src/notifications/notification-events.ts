import {
  AssessmentEvents, AssessmentSubjects, CurriculumEvents, CurriculumSubjects, MembershipEvents, MembershipSubjects, TeacherExchangeEvents, TeacherExchangeSubjects,
  type BookingChangedEvent, type BookingView, type CharterExpiringSoonEvent, type CharterSentForSigningEvent, type DomainEvent, type EvaluationPublishedEvent, type EvaluationStepChangedEvent, type EvaluationView, type JoinRequestCreatedEvent, type PlacementChangedEvent, type PlacementView,
  type RoleHolderView, type RoleName,
} from '@jiaolian/contracts';
import { CallerTokens, envInt, loadKitConfig, type BusClient, type EventSubscription } from '@jiaolian/service-kit';
import type { EntityManager } from 'typeorm';
import { postNotification, type NewNotification } from './notification-poster.js';

/** Where the console shows each kind of object. */
export const CONSOLE_LINKS = {
  placements: '/teacher-exchange/placements',
  bookings: '/curriculum/bookings',
  joinRequests: '/join-requests',
  evaluation: (id: string): string => `/evaluation/evaluations/${id}`,
  survey: (id: string): string => `/surveys/${id}`,
  surveyAnswer: (id: string): string => `/surveys/${id}/answer`,
  /** an alliance's charters and agreements tab */
  charters: (allianceId: string): string => `/alliances/${allianceId}?tab=charters`,
} as const;

/** What the handlers need from other services, asked over NATS as this service (a system caller). */
export interface NotificationLookups {
  holders(districtId: string, roles: RoleName[], where: { schoolIds?: string[]; allianceIds?: string[] }): Promise<RoleHolderView[]>;
  placement(id: string): Promise<PlacementView>;
  booking(id: string): Promise<BookingView>;
  evaluation(id: string): Promise<EvaluationView>;
}

export function busLookups(bus: BusClient, tokens: CallerTokens): NotificationLookups {
  const ask = async <T>(subject: string, data: unknown): Promise<T> => bus.request<T>(subject, data, { callerToken: await tokens.signSystem('integrations-notifications', 60) });
  return {
    holders: (districtId, roles, where) => ask<RoleHolderView[]>(MembershipSubjects.roleHolders, { districtId, roles, ...where }),
    placement: (id) => ask<PlacementView>(TeacherExchangeSubjects.placementGet, { id }),
    booking: (id) => ask<BookingView>(CurriculumSubjects.bookingGet, { id }),
    evaluation: (id) => ask<EvaluationView>(AssessmentSubjects.evaluationGet, { id }),
  };
}

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const shanghaiTime = (iso: string): string => SHANGHAI.format(new Date(iso));

/**
 * The admins of some schools (or alliances) who must act; where a school has no admin of its own, the
 * district admins, who may act for any school of their district.
 */
export async function adminsOf(lookups: NotificationLookups, districtId: string, role: 'school_admin' | 'alliance_admin', ids: string[]): Promise<RoleHolderView[]> {
  const key = role === 'school_admin' ? 'schoolIds' : 'allianceIds';
  const holders = await lookups.holders(districtId, [role], { [key]: ids });
  const covered = new Set(holders.map((h) => (role === 'school_admin' ? h.schoolId : h.allianceId)));
  if (ids.every((id) => covered.has(id))) return holders;
  return [...holders, ...await lookups.holders(districtId, ['district_admin'], {})];
}

const recipientsOf = (holders: RoleHolderView[]): NewNotification['recipients'] => holders.map((h) => ({ userId: h.userId, email: h.email }));

/** The notifications one domain event brings, or none. */
export async function notificationsFor(event: DomainEvent, lookups: NotificationLookups): Promise<NewNotification[]> {
  switch (event.subject) {
    case TeacherExchangeEvents.placementProposed:
    case TeacherExchangeEvents.placementHomeApproved:
    case TeacherExchangeEvents.placementApproved:
    case TeacherExchangeEvents.placementRejected:
      return placementNotifications(event as DomainEvent<PlacementChangedEvent>, lookups);
    case CurriculumEvents.bookingRequested:
    case CurriculumEvents.bookingApproved:
    case CurriculumEvents.bookingRejected:
      return bookingNotifications(event as DomainEvent<BookingChangedEvent>, lookups);
    case MembershipEvents.joinRequestCreated:
      return joinRequestNotifications(event as DomainEvent<JoinRequestCreatedEvent>, lookups);
    case AssessmentEvents.evaluationStepChanged:
    case AssessmentEvents.evaluationPublished:
    case AssessmentEvents.evaluationCorrected:
      return evaluationNotifications(event as DomainEvent<EvaluationStepChangedEvent | EvaluationPublishedEvent>, lookups);
    case MembershipEvents.charterSentForSigning:
      return charterSigningNotifications(event as DomainEvent<CharterSentForSigningEvent>, lookups);
    case MembershipEvents.charterExpiringSoon:
      return charterExpiryNotifications(event as DomainEvent<CharterExpiringSoonEvent>, lookups);
    default:
      return [];
  }
}

async function placementNotifications(event: DomainEvent<PlacementChangedEvent>, lookups: NotificationLookups): Promise<NewNotification[]> {
  const data = event.data;
  const placement = await lookups.placement(data.placementId);
  const hostName = (id: string): string => placement.hosts.find((h) => h.schoolId === id)?.schoolName ?? '';
  const base = {
    teacherName: placement.teacherName, homeSchoolName: placement.homeSchoolName, allianceName: placement.allianceName,
    hostSchoolNames: placement.hosts.map((h) => h.schoolName).join('、'), placementKind: data.kind, startsOn: data.startsOn, endsOn: data.endsOn,
  };
  const common = { districtId: data.districtId, link: CONSOLE_LINKS.placements, sourceEventId: event.id };
  if (event.subject === TeacherExchangeEvents.placementProposed || event.subject === TeacherExchangeEvents.placementHomeApproved) {
    // the home school approves first, then each host school
    const approving = event.subject === TeacherExchangeEvents.placementProposed ? [data.homeSchoolId] : data.hostSchoolIds;
    const out: NewNotification[] = [];
    for (const schoolId of approving) {
      const admins = await adminsOf(lookups, data.districtId, 'school_admin', [schoolId]);
      const approvingSchoolName = schoolId === data.homeSchoolId ? placement.homeSchoolName : hostName(schoolId);
      out.push({
        ...common, kind: 'placement.approval-requested', params: { ...base, approvingSchoolName }, recipients: recipientsOf(admins),
        concerns: { schoolIds: [schoolId], allianceIds: [data.allianceId] },
      });
    }
    return out;
  }
  const approved = event.subject === TeacherExchangeEvents.placementApproved;
  return [{
    ...common, kind: approved ? 'placement.approved' : 'placement.rejected',
    params: approved ? base : { ...base, reason: data.reason ?? placement.reason ?? '' },
    recipients: [{ userId: placement.proposedBy }],
    concerns: { schoolIds: [data.homeSchoolId, ...data.hostSchoolIds], allianceIds: [data.allianceId] },
  }];
}

async function bookingNotifications(event: DomainEvent<BookingChangedEvent>, lookups: NotificationLookups): Promise<NewNotification[]> {
  const data = event.data;
  const booking = await lookups.booking(data.bookingId);
  const params = {
    facilityName: booking.facilityName, ownerSchoolName: booking.ownerSchoolName, requesterSchoolName: booking.requesterSchoolName,
    requesterName: booking.requestedByName, startsAt: shanghaiTime(data.startsAt), endsAt: shanghaiTime(data.endsAt),
  };
  const common = { districtId: data.districtId, link: CONSOLE_LINKS.bookings, sourceEventId: event.id };
  if (event.subject === CurriculumEvents.bookingRequested) {
    const admins = await adminsOf(lookups, data.districtId, 'school_admin', [data.ownerSchoolId]);
    return [{ ...common, kind: 'booking.requested', params, recipients: recipientsOf(admins), concerns: { schoolIds: [data.ownerSchoolId] } }];
  }
  const approved = event.subject === CurriculumEvents.bookingApproved;
  return [{
    ...common, kind: approved ? 'booking.approved' : 'booking.rejected', params: approved ? params : { ...params, reason: data.reason ?? '' },
    recipients: [{ userId: booking.requestedBy }], concerns: { schoolIds: [data.requesterSchoolId] },
  }];
}

async function joinRequestNotifications(event: DomainEvent<JoinRequestCreatedEvent>, lookups: NotificationLookups): Promise<NewNotification[]> {
  const data = event.data;
  // an application waits for the alliance; an invitation for the school
  const admins = data.kind === 'application'
    ? await adminsOf(lookups, data.districtId, 'alliance_admin', [data.allianceId])
    : await adminsOf(lookups, data.districtId, 'school_admin', [data.schoolId]);
  return [{
    districtId: data.districtId, kind: 'join-request.created', link: CONSOLE_LINKS.joinRequests, sourceEventId: event.id,
    params: { schoolName: data.schoolName, allianceName: data.allianceName }, recipients: recipientsOf(admins),
    concerns: data.kind === 'application' ? { allianceIds: [data.allianceId] } : { schoolIds: [data.schoolId] },
  }];
}

/** A charter or agreement version is out for signing: each member school's admins are asked to sign for their school. */
async function charterSigningNotifications(event: DomainEvent<CharterSentForSigningEvent>, lookups: NotificationLookups): Promise<NewNotification[]> {
  const data = event.data;
  const holders = await lookups.holders(data.districtId, ['school_admin'], { schoolIds: data.schoolIds });
  const out: NewNotification[] = [];
  for (const schoolId of data.schoolIds) {
    // only the school's own admin may sign: no fallback to the district admins, who cannot sign for a school
    const admins = holders.filter((h) => h.schoolId === schoolId);
    if (!admins.length) continue;
    out.push({
      districtId: data.districtId, kind: 'charter.signing-requested', link: CONSOLE_LINKS.charters(data.allianceId), sourceEventId: event.id,
      params: { allianceName: data.allianceName, title: data.title, number: data.number },
      recipients: recipientsOf(admins), concerns: { schoolIds: [schoolId], allianceIds: [data.allianceId] },
    });
  }
  return out;
}

/** A version in force ends its validity in 30 or 7 days: the alliance admins are reminded to amend it in time. */
async function charterExpiryNotifications(event: DomainEvent<CharterExpiringSoonEvent>, lookups: NotificationLookups): Promise<NewNotification[]> {
  const data = event.data;
  const admins = await adminsOf(lookups, data.districtId, 'alliance_admin', [data.allianceId]);
  return [{
    districtId: data.districtId, kind: 'charter.expiring-soon', link: CONSOLE_LINKS.charters(data.allianceId), sourceEventId: event.id,
    params: { allianceName: data.allianceName, title: data.title, number: data.number, validTo: data.validTo ?? '', daysLeft: data.daysLeft },
    recipients: recipientsOf(admins), concerns: { allianceIds: [data.allianceId] },
  }];
}

/**
 * Whoever acts next on a term evaluation (考核评价), step by step: a new draft asks the school's (or, for an
 * alliance's own evaluation, the alliance's) admins to self-evaluate; a submitted self-evaluation asks the
 * alliance's admins to review a school's (the district's admins an alliance's); the alliance's approval
 * asks the district's admins; a return and a publication (or correction) go back to the evaluated school
 * or alliance. A new draft goes only to admins of the school or alliance itself (the district opened it:
 * telling its admins once per school would flood their bell).
 */
async function evaluationNotifications(event: DomainEvent<EvaluationStepChangedEvent | EvaluationPublishedEvent>, lookups: NotificationLookups): Promise<NewNotification[]> {
  const data = event.data;
  const evaluation = await lookups.evaluation(data.evaluationId);
  const school = data.targetType === 'school' && data.schoolId !== null;
  const targetName = (school ? evaluation.schoolName : evaluation.allianceName) ?? '';
  const self = async (): Promise<RoleHolderView[]> => (school
    ? adminsOf(lookups, data.districtId, 'school_admin', [data.schoolId as string])
    : adminsOf(lookups, data.districtId, 'alliance_admin', [data.allianceId]));
  const selfConcerns = school ? { schoolIds: [data.schoolId as string] } : { allianceIds: [data.allianceId] };
  const common = { districtId: data.districtId, link: CONSOLE_LINKS.evaluation(data.evaluationId), sourceEventId: event.id };
  const params = { targetName, term: data.term, allianceName: evaluation.allianceName ?? '' };
  if (event.subject !== AssessmentEvents.evaluationStepChanged) {
    const published = data as EvaluationPublishedEvent;
    return [{
      ...common, kind: 'evaluation.published', params: { ...params, version: published.version, total: published.total ?? '—' },
      recipients: recipientsOf(await self()), concerns: selfConcerns,
    }];
  }
  const step = data as EvaluationStepChangedEvent;
  switch (step.action) {
    case 'open': {
      const holders = await lookups.holders(data.districtId, [school ? 'school_admin' : 'alliance_admin'], school ? { schoolIds: [data.schoolId as string] } : { allianceIds: [data.allianceId] });
      return [{ ...common, kind: 'evaluation.opened', params, recipients: recipientsOf(holders), concerns: selfConcerns }];
    }
    case 'submit':
    case 'approve': {
      const alliance = school && step.action === 'submit';
      const reviewers = alliance ? await adminsOf(lookups, data.districtId, 'alliance_admin', [data.allianceId]) : await lookups.holders(data.districtId, ['district_admin'], {});
      return [{
        ...common, kind: 'evaluation.review-requested', params: { ...params, submittedBy: step.action === 'submit' ? targetName : params.allianceName },
        recipients: recipientsOf(reviewers), concerns: { allianceIds: [data.allianceId] },
      }];
    }
    case 'return':
      return [{ ...common, kind: 'evaluation.returned', params: { ...params, comment: step.comment ?? '' }, recipients: recipientsOf(await self()), concerns: selfConcerns }];
    default: {
      const never: never = step.action;
      throw new Error(`unknown evaluation action ${String(never)}`);
    }
  }
}

/**
 * The durable consumer that turns domain events into notifications, exactly once: the kit's inbox row
 * and the notifications (and their robot posts) commit in one transaction. When a service it asks is
 * down, the handler fails and JetStream redelivers the event later.
 */
export function notificationsSubscription(deps: { bus: BusClient }, lookups?: NotificationLookups): EventSubscription {
  const ask = lookups ?? busLookups(deps.bus, new CallerTokens(loadKitConfig().jwtSecret));
  const maxAgeMs = envInt('NOTIFICATION_MAX_EVENT_AGE_HOURS', 24) * 60 * 60 * 1000;
  return {
    durable: 'integrations-notifications',
    filterSubject: 'evt.>',
    handle: async (manager: EntityManager, event: DomainEvent) => {
      // the first start reads the stream from its beginning: old news would only flood the bell and the group chats
      if (Date.now() - Date.parse(event.occurredAt) > maxAgeMs) return;
      for (const notification of await notificationsFor(event, ask)) await postNotification(manager, notification);
    },
  };
}
