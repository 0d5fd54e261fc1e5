import { ActivitiesEvents } from '../activities/subjects.js';
import type {
  ActionItemEvent, ActivityChangedEvent, ActivityScheduledEvent, MilestoneProgressedEvent, MinutesRecordedEvent, OccurrenceCancelledEvent,
  PlanStatusChangedEvent, RegistrationEvent, TargetAssessedEvent,
} from '../activities/events.js';
import { AssessmentEvents, type AwardGrantedEvent, type EvaluationPublishedEvent, type EvaluationStepChangedEvent, type ExamEvent, type ScoreCorrectedEvent, type ScoresImportedEvent } from '../assessment/subjects.js';
import type { DomainEvent } from '../common/events.js';
import { CurriculumEvents } from '../curriculum/subjects.js';
import type { BookingChangedEvent, FacilityChangedEvent, ResourceChangedEvent, ResourceSharedEvent, ResourceVersionAddedEvent } from '../curriculum/events.js';
import { MembershipEvents } from '../membership/subjects.js';
import type {
  AllianceCreatedEvent, AllianceRenamedEvent, AllianceStatusChangedEvent, JoinRequestCreatedEvent, MemberJoinedEvent, MemberLeftEvent, SchoolRegisteredEvent,
  SchoolRenamedEvent,
} from '../membership/events.js';
import type {
  PairingSuggestionAcceptedEvent, ProfileRoundClosedEvent, ProfileRoundOpenedEvent, ProfileSubmittedEvent,
} from '../membership/events.js';
import type { JoinRequestApprovalDecidedEvent } from '../membership/cross-district.dto.js';
import type { CharterExpiringSoonEvent, CharterSentForSigningEvent, CharterSignedEvent, CharterVersionEvent } from '../membership/charters.dto.js';
import type { BodyEvent, BodyMemberEvent } from '../membership/bodies.dto.js';
import {
  TeacherExchangeEvents, type PlacementChangedEvent, type QuotaSetEvent, type SlotChangedEvent, type TeacherChangedEvent, type TeachersImportedEvent,
} from '../teacher-exchange/subjects.js';
import type { MentorshipChangedEvent, MentorshipLessonDoneEvent, ObservationRecordedEvent, RubricVersionedEvent } from '../teacher-exchange/subjects.js';

/**
 * The public event catalogue: which domain events third parties see, under which public type and
 * version, about which resource, and with which payload. The change feed and webhooks carry exactly
 * these payloads; docs/events.md documents them. A payload is built field by field from the internal
 * event (a whitelist), so a field added inside a service never leaks out by accident; changing a
 * public payload incompatibly means a new version of its type.
 */
export const PUBLIC_EVENTS_VERSION = '2026-12-01';

export const CHANGE_OPERATIONS = ['create', 'update', 'delete'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/** The domain of a public event: an API client needs `<domain>:read` to see it. */
export const PUBLIC_EVENT_DOMAINS = ['membership', 'exchange', 'curriculum', 'activities', 'assessment'] as const;
export type PublicEventDomain = (typeof PUBLIC_EVENT_DOMAINS)[number];

/** The read scope an API client needs for the events of a domain. */
export const readScopeOf = (domain: PublicEventDomain): string => `${domain}:read`;

/** What a public event says, besides its payload: the resource it is about and whose it is. */
export interface PublicEventFacts {
  resourceId: string;
  allianceId: string | null;
  schoolId: string | null;
  /** the whitelisted public payload; for a delete, the id only */
  payload: Record<string, unknown>;
}

export interface PublicEventDefinition {
  /** the internal JetStream subject, e.g. `evt.membership.school.renamed.v1` */
  subject: string;
  /** the public type, e.g. `school.renamed` */
  type: string;
  version: number;
  domain: PublicEventDomain;
  resourceType: string;
  operation: ChangeOperation;
  description: { en: string; 'zh-CN': string };
  /** the public facts of an internal event's data */
  facts(data: never): PublicEventFacts;
}

/** One catalogue entry, typed by the internal event's data. */
function define<T>(entry: Omit<PublicEventDefinition, 'facts'> & { facts(data: T): PublicEventFacts }): PublicEventDefinition {
  return entry as PublicEventDefinition;
}

const tombstone = (id: string): Record<string, unknown> => ({ id });

const charterPayload = (d: CharterVersionEvent): Record<string, unknown> => ({
  id: d.versionId, documentId: d.documentId, allianceId: d.allianceId, kind: d.kind, title: d.title, number: d.number, status: d.status,
  validTo: d.validTo, contentSha256: d.contentSha256,
});

export const PUBLIC_EVENT_CATALOGUE: readonly PublicEventDefinition[] = [
  // membership: schools, alliances and their members
  define<SchoolRegisteredEvent>({
    subject: MembershipEvents.schoolRegistered, type: 'school.registered', version: 1, domain: 'membership', resourceType: 'school', operation: 'create',
    description: { en: 'A school was registered in a district', 'zh-CN': '区县登记了一所学校' },
    facts: (d) => ({ resourceId: d.schoolId, allianceId: null, schoolId: d.schoolId, payload: { id: d.schoolId, districtId: d.districtId, code: d.code, name: d.name, version: d.version ?? 1 } }),
  }),
  define<SchoolRenamedEvent>({
    subject: MembershipEvents.schoolRenamed, type: 'school.renamed', version: 1, domain: 'membership', resourceType: 'school', operation: 'update',
    description: { en: "A school's name changed", 'zh-CN': '学校名称变更' },
    facts: (d) => ({
      resourceId: d.schoolId, allianceId: null, schoolId: d.schoolId,
      payload: { id: d.schoolId, districtId: d.districtId, code: d.code, name: d.name, previousName: d.previousName, version: d.version },
    }),
  }),
  define<AllianceCreatedEvent>({
    subject: MembershipEvents.allianceCreated, type: 'alliance.created', version: 1, domain: 'membership', resourceType: 'alliance', operation: 'create',
    description: { en: 'An alliance was created (as a draft)', 'zh-CN': '创建了联盟（草稿）' },
    facts: (d) => ({
      resourceId: d.allianceId, allianceId: d.allianceId, schoolId: null,
      payload: { id: d.allianceId, districtId: d.districtId, name: d.name, kind: d.kind, coreSchoolId: d.coreSchoolId, status: 'draft', version: d.version ?? 1 },
    }),
  }),
  define<AllianceRenamedEvent>({
    subject: MembershipEvents.allianceRenamed, type: 'alliance.renamed', version: 1, domain: 'membership', resourceType: 'alliance', operation: 'update',
    description: { en: "An alliance's name changed", 'zh-CN': '联盟名称变更' },
    facts: (d) => ({ resourceId: d.allianceId, allianceId: d.allianceId, schoolId: null, payload: { id: d.allianceId, districtId: d.districtId, name: d.name, previousName: d.previousName, version: d.version } }),
  }),
  define<AllianceStatusChangedEvent>({
    subject: MembershipEvents.allianceActivated, type: 'alliance.activated', version: 1, domain: 'membership', resourceType: 'alliance', operation: 'update',
    description: { en: 'An alliance became active', 'zh-CN': '联盟开始运行' },
    facts: (d) => ({ resourceId: d.allianceId, allianceId: d.allianceId, schoolId: null, payload: { id: d.allianceId, districtId: d.districtId, status: 'active' } }),
  }),
  define<AllianceStatusChangedEvent>({
    subject: MembershipEvents.allianceDissolved, type: 'alliance.dissolved', version: 1, domain: 'membership', resourceType: 'alliance', operation: 'update',
    description: { en: 'An alliance was dissolved', 'zh-CN': '联盟解散' },
    facts: (d) => ({ resourceId: d.allianceId, allianceId: d.allianceId, schoolId: null, payload: { id: d.allianceId, districtId: d.districtId, status: 'dissolved', reason: d.reason ?? null } }),
  }),
  define<MemberJoinedEvent>({
    subject: MembershipEvents.memberJoined, type: 'alliance-member.joined', version: 1, domain: 'membership', resourceType: 'alliance_member', operation: 'create',
    description: { en: 'A school joined an alliance', 'zh-CN': '学校加入联盟' },
    facts: (d) => ({
      resourceId: d.membershipId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { id: d.membershipId, allianceId: d.allianceId, schoolId: d.schoolId, schoolName: d.schoolName, role: d.role, joinedAt: d.joinedAt, status: 'active' },
    }),
  }),
  define<JoinRequestCreatedEvent>({
    subject: MembershipEvents.joinRequestCreated, type: 'join-request.created', version: 1, domain: 'membership', resourceType: 'join_request', operation: 'create',
    description: { en: 'An alliance invited a school, or a school applied to join an alliance', 'zh-CN': '联盟邀请学校加入，或学校申请加入联盟' },
    facts: (d) => ({
      resourceId: d.joinRequestId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { id: d.joinRequestId, allianceId: d.allianceId, schoolId: d.schoolId, schoolName: d.schoolName, kind: d.kind, role: d.role, status: 'pending' },
    }),
  }),
  define<JoinRequestApprovalDecidedEvent>({
    subject: MembershipEvents.joinRequestApprovalDecided, type: 'join-request.approval-decided', version: 1, domain: 'membership', resourceType: 'join_request', operation: 'update',
    description: {
      en: "A district admin approved or refused a school's joining an alliance of another district",
      'zh-CN': '教育局审批了学校跨区县加入联盟（同意或拒绝）',
    },
    facts: (d) => ({
      resourceId: d.joinRequestId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: {
        id: d.joinRequestId, allianceId: d.allianceId, schoolId: d.schoolId, schoolDistrictId: d.schoolDistrictId, side: d.side, decision: d.status,
        status: d.joinRequestStatus,
      },
    }),
  }),
  define<MemberLeftEvent>({
    subject: MembershipEvents.memberLeft, type: 'alliance-member.left', version: 1, domain: 'membership', resourceType: 'alliance_member', operation: 'update',
    description: { en: 'A school left an alliance (its membership stays in the history)', 'zh-CN': '学校退出联盟（成员记录保留在历史中）' },
    facts: (d) => ({
      resourceId: d.membershipId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { id: d.membershipId, allianceId: d.allianceId, schoolId: d.schoolId, leftAt: d.leftAt, reason: d.reason, status: 'left' },
    }),
  }),
  // membership: school profiles, the needs survey and pairing suggestions (the profile's content stays inside)
  define<ProfileRoundOpenedEvent>({
    subject: MembershipEvents.profileRoundOpened, type: 'profile-round.opened', version: 1, domain: 'membership', resourceType: 'profile_round', operation: 'create',
    description: { en: 'A district asked its schools for their profiles of a term', 'zh-CN': '区县发起学期学校画像调研' },
    facts: (d) => ({ resourceId: d.roundId, allianceId: null, schoolId: null, payload: { id: d.roundId, districtId: d.districtId, term: d.term, deadline: d.deadline, status: 'open' } }),
  }),
  define<ProfileRoundClosedEvent>({
    subject: MembershipEvents.profileRoundClosed, type: 'profile-round.closed', version: 1, domain: 'membership', resourceType: 'profile_round', operation: 'update',
    description: { en: 'A profile round was closed', 'zh-CN': '学校画像调研结束' },
    facts: (d) => ({
      resourceId: d.roundId, allianceId: null, schoolId: null,
      payload: { id: d.roundId, districtId: d.districtId, term: d.term, status: 'closed', submitted: d.submitted, schools: d.schools },
    }),
  }),
  define<ProfileSubmittedEvent>({
    subject: MembershipEvents.profileSubmitted, type: 'school-profile.submitted', version: 1, domain: 'membership', resourceType: 'school_profile', operation: 'update',
    description: { en: 'A school submitted its profile for a term', 'zh-CN': '学校提交了学期画像' },
    facts: (d) => ({
      resourceId: d.profileId, allianceId: null, schoolId: d.schoolId,
      payload: { id: d.profileId, roundId: d.roundId, districtId: d.districtId, schoolId: d.schoolId, term: d.term, version: d.version },
    }),
  }),
  define<PairingSuggestionAcceptedEvent>({
    subject: MembershipEvents.pairingSuggestionAccepted, type: 'pairing-suggestion.accepted', version: 1, domain: 'membership', resourceType: 'alliance', operation: 'update',
    description: { en: 'A pairing suggestion became a draft pairing', 'zh-CN': '结对推荐被采纳为结对帮扶（草稿）' },
    facts: (d) => ({
      resourceId: d.allianceId, allianceId: d.allianceId, schoolId: d.supportedSchoolId,
      payload: { id: d.allianceId, districtId: d.districtId, term: d.term, supportingSchoolId: d.supportingSchoolId, supportedSchoolId: d.supportedSchoolId, distanceKm: d.distanceKm },
    }),
  }),

  // membership: charters and agreements (章程与协议); the resource is the version
  define<CharterVersionEvent>({
    subject: MembershipEvents.charterDraftChanged, type: 'charter.draft-changed', version: 1, domain: 'membership', resourceType: 'charter_version', operation: 'update',
    description: { en: 'A draft of a charter or agreement was changed', 'zh-CN': '章程或协议的草稿被修改' },
    facts: (d) => ({ resourceId: d.versionId, allianceId: d.allianceId, schoolId: null, payload: { ...charterPayload(d) } }),
  }),
  define<CharterSentForSigningEvent>({
    subject: MembershipEvents.charterSentForSigning, type: 'charter.sent-for-signing', version: 1, domain: 'membership', resourceType: 'charter_version', operation: 'update',
    description: { en: 'A charter or agreement version was sent to the member schools for signing', 'zh-CN': '章程或协议的版本已发送成员校签署' },
    facts: (d) => ({ resourceId: d.versionId, allianceId: d.allianceId, schoolId: null, payload: { ...charterPayload(d), schoolIds: d.schoolIds } }),
  }),
  define<CharterSignedEvent>({
    subject: MembershipEvents.charterSigned, type: 'charter.signed', version: 1, domain: 'membership', resourceType: 'charter_version', operation: 'update',
    description: { en: 'A member school signed a charter or agreement version', 'zh-CN': '成员校签署了章程或协议的版本' },
    facts: (d) => ({ resourceId: d.versionId, allianceId: d.allianceId, schoolId: d.schoolId, payload: { ...charterPayload(d), schoolId: d.schoolId, signedAt: d.signedAt, remainingSchoolIds: d.remainingSchoolIds } }),
  }),
  define<CharterVersionEvent>({
    subject: MembershipEvents.charterInForce, type: 'charter.in-force', version: 1, domain: 'membership', resourceType: 'charter_version', operation: 'update',
    description: { en: 'A charter or agreement version came into force (every school signed)', 'zh-CN': '章程或协议的版本已生效（各校均已签署）' },
    facts: (d) => ({ resourceId: d.versionId, allianceId: d.allianceId, schoolId: null, payload: { ...charterPayload(d) } }),
  }),
  define<CharterVersionEvent>({
    subject: MembershipEvents.charterExpired, type: 'charter.expired', version: 1, domain: 'membership', resourceType: 'charter_version', operation: 'update',
    description: { en: 'A charter or agreement version expired at the end of its validity', 'zh-CN': '章程或协议的版本已到期' },
    facts: (d) => ({ resourceId: d.versionId, allianceId: d.allianceId, schoolId: null, payload: { ...charterPayload(d) } }),
  }),
  define<CharterExpiringSoonEvent>({
    subject: MembershipEvents.charterExpiringSoon, type: 'charter.expiring-soon', version: 1, domain: 'membership', resourceType: 'charter_version', operation: 'update',
    description: { en: 'A charter or agreement version in force ends its validity in 30 or 7 days', 'zh-CN': '生效中的章程或协议将在 30 天或 7 天后到期' },
    facts: (d) => ({ resourceId: d.versionId, allianceId: d.allianceId, schoolId: null, payload: { ...charterPayload(d), daysLeft: d.daysLeft } }),
  }),

  // membership: the alliance's organisation (bodies and their members)
  ...(['bodyCreated', 'bodyChanged', 'bodyDissolved'] as const).map((key) => define<BodyEvent>({
    subject: MembershipEvents[key], type: ({ bodyCreated: 'body.created', bodyChanged: 'body.changed', bodyDissolved: 'body.dissolved' } as const)[key],
    version: 1, domain: 'membership', resourceType: 'body', operation: key === 'bodyCreated' ? 'create' : 'update',
    description: ({
      bodyCreated: { en: 'An alliance set up a body (council, working group, studio …)', 'zh-CN': '联盟设立了机构（理事会、工作组、工作室等）' },
      bodyChanged: { en: "A body's name, subject, responsibilities or place in the organisation changed", 'zh-CN': '机构的名称、学科、职责或隶属关系变更' },
      bodyDissolved: { en: 'A body was dissolved; its current memberships ended', 'zh-CN': '机构撤销，在任成员的任期随之结束' },
    } as const)[key],
    facts: (d) => ({
      resourceId: d.bodyId, allianceId: d.allianceId, schoolId: null,
      payload: {
        id: d.bodyId, allianceId: d.allianceId, parentId: d.parentId, kind: d.kind, category: d.category, name: d.name, subject: d.subject, status: d.status,
        version: d.version,
      },
    }),
  })),
  ...(['bodyMemberAdded', 'bodyMemberEnded'] as const).map((key) => define<BodyMemberEvent>({
    subject: MembershipEvents[key], type: key === 'bodyMemberAdded' ? 'body-member.added' : 'body-member.ended', version: 1, domain: 'membership',
    resourceType: 'body_member', operation: key === 'bodyMemberAdded' ? 'create' : 'update',
    description: key === 'bodyMemberAdded'
      ? { en: 'A person joined a body of an alliance for a term', 'zh-CN': '人员加入联盟机构（含任期）' }
      : { en: "A person's membership of a body ended (it stays in the history)", 'zh-CN': '人员在联盟机构的任期结束（记录保留在历史中）' },
    facts: (d) => ({
      resourceId: d.bodyMemberId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: {
        id: d.bodyMemberId, bodyId: d.bodyId, allianceId: d.allianceId, userId: d.userId, schoolId: d.schoolId, role: d.role, termFrom: d.termFrom,
        termTo: d.termTo, endedOn: d.endedOn, status: d.endedOn ? 'ended' : 'current',
      },
    }),
  })),

  // teacher exchange: teachers, placements, the itinerant timetable, quotas
  ...(['teacherCreated', 'teacherUpdated'] as const).map((key) => define<TeacherChangedEvent>({
    subject: TeacherExchangeEvents[key], type: key === 'teacherCreated' ? 'teacher.created' : 'teacher.updated', version: 1, domain: 'exchange',
    resourceType: 'teacher', operation: key === 'teacherCreated' ? 'create' : 'update',
    description: key === 'teacherCreated' ? { en: 'A teacher was added to a school', 'zh-CN': '学校新增教师' } : { en: "A teacher's record changed", 'zh-CN': '教师信息变更' },
    facts: (d) => ({ resourceId: d.teacherId, allianceId: null, schoolId: d.schoolId, payload: { id: d.teacherId, schoolId: d.schoolId, staffNo: d.staffNo, name: d.name } }),
  })),
  define<TeachersImportedEvent>({
    subject: TeacherExchangeEvents.teachersImported, type: 'teacher-roster.imported', version: 1, domain: 'exchange', resourceType: 'teacher_roster', operation: 'update',
    description: {
      en: "A school's teacher roster was imported from a file: read the school's teachers again (the import names no single teacher)",
      'zh-CN': '学校从文件导入了教师名单：请重新读取该校教师（导入不逐一列出教师）',
    },
    facts: (d) => ({ resourceId: d.schoolId, allianceId: null, schoolId: d.schoolId, payload: { schoolId: d.schoolId, created: d.created, updated: d.updated, skipped: d.skipped } }),
  }),
  ...([
    ['placementProposed', 'placement.proposed', 'create', '提出了交流安排', 'A placement was proposed'],
    ['placementHomeApproved', 'placement.home-approved', 'update', '派出学校同意了交流安排', 'The home school approved a placement'],
    ['placementHostApproved', 'placement.host-approved', 'update', '接收学校同意了交流安排', 'A host school approved a placement'],
    ['placementApproved', 'placement.approved', 'update', '交流安排审批通过', 'A placement was approved by every school'],
    ['placementActivated', 'placement.activated', 'update', '交流安排开始执行', 'A placement started'],
    ['placementCompleted', 'placement.completed', 'update', '交流安排完成', 'A placement was completed'],
    ['placementRejected', 'placement.rejected', 'update', '交流安排被驳回', 'A placement was rejected'],
    ['placementCancelled', 'placement.cancelled', 'update', '交流安排被取消', 'A placement was cancelled'],
  ] as const).map(([key, type, operation, zh, en]) => define<PlacementChangedEvent>({
    subject: TeacherExchangeEvents[key], type, version: 1, domain: 'exchange', resourceType: 'placement', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.placementId, allianceId: d.allianceId, schoolId: d.homeSchoolId,
      payload: {
        id: d.placementId, allianceId: d.allianceId, teacherId: d.teacherId, homeSchoolId: d.homeSchoolId, hostSchoolIds: d.hostSchoolIds, kind: d.kind,
        status: d.status, previousStatus: d.from, startsOn: d.startsOn, endsOn: d.endsOn,
        ...(d.schoolId ? { approvingSchoolId: d.schoolId } : {}),
      },
    }),
  })),
  ...([
    ['slotCreated', 'timetable-slot.created', 'create', '新增走教课节', 'An itinerant timetable slot was added'],
    ['slotUpdated', 'timetable-slot.updated', 'update', '走教课节变更', 'An itinerant timetable slot changed'],
  ] as const).map(([key, type, operation, zh, en]) => define<SlotChangedEvent>({
    subject: TeacherExchangeEvents[key], type, version: 1, domain: 'exchange', resourceType: 'timetable_slot', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.slotId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: {
        id: d.slotId, placementId: d.placementId, allianceId: d.allianceId, teacherId: d.teacherId, schoolId: d.schoolId, weekday: d.weekday,
        startsAt: d.startsAt, endsAt: d.endsAt, subject: d.subject, grade: d.grade,
      },
    }),
  })),
  define<SlotChangedEvent>({
    subject: TeacherExchangeEvents.slotDeleted, type: 'timetable-slot.deleted', version: 1, domain: 'exchange', resourceType: 'timetable_slot', operation: 'delete',
    description: { en: 'An itinerant timetable slot was deleted', 'zh-CN': '删除了走教课节' },
    facts: (d) => ({ resourceId: d.slotId, allianceId: d.allianceId, schoolId: d.schoolId, payload: tombstone(d.slotId) }),
  }),
  define<QuotaSetEvent>({
    subject: TeacherExchangeEvents.quotaSet, type: 'exchange-quota.set', version: 1, domain: 'exchange', resourceType: 'exchange_quota', operation: 'update',
    description: { en: "An alliance's exchange quota for a year was set (id: allianceId:year)", 'zh-CN': '设定了联盟某年度的交流指标（标识为 联盟标识:年度）' },
    facts: (d) => ({
      resourceId: `${d.allianceId}:${d.year}`, allianceId: d.allianceId, schoolId: null,
      payload: { id: `${d.allianceId}:${d.year}`, allianceId: d.allianceId, year: d.year, rules: d.rules.map((r) => ({ category: r.category, min: r.min, max: r.max })) },
    }),
  }),

  // teacher exchange: mentorship (师徒结对) and lesson observation (听课评课)
  ...([
    ['mentorshipCreated', 'mentorship.created', 'create', '建立了师徒结对', 'A mentorship pair was created for a term'],
    ['mentorshipCompleted', 'mentorship.completed', 'update', '师徒结对学期结束', 'A mentorship pair was completed at term end'],
  ] as const).map(([key, type, operation, zh, en]) => define<MentorshipChangedEvent>({
    subject: TeacherExchangeEvents[key], type, version: 1, domain: 'exchange', resourceType: 'mentorship', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.mentorshipId, allianceId: d.allianceId, schoolId: d.apprenticeSchoolId,
      payload: {
        id: d.mentorshipId, allianceId: d.allianceId, term: d.term, mentorId: d.mentorId, apprenticeId: d.apprenticeId, mentorSchoolId: d.mentorSchoolId,
        apprenticeSchoolId: d.apprenticeSchoolId, status: d.status, missedMonths: d.missedMonths,
      },
    }),
  })),
  define<MentorshipLessonDoneEvent>({
    subject: TeacherExchangeEvents.mentorshipLessonDone, type: 'mentorship-lesson.done', version: 1, domain: 'exchange', resourceType: 'mentorship_lesson', operation: 'update',
    description: {
      en: "A month's demo lesson (mentor) or report lesson (apprentice) was given (id: mentorshipId:month:kind)",
      'zh-CN': '完成了某月的示范课（师傅）或汇报课（徒弟）（标识为 结对标识:月份:类型）',
    },
    facts: (d) => ({
      resourceId: `${d.mentorshipId}:${d.month}:${d.kind}`, allianceId: null, schoolId: null,
      payload: { id: `${d.mentorshipId}:${d.month}:${d.kind}`, mentorshipId: d.mentorshipId, month: d.month, kind: d.kind, teacherId: d.teacherId, on: d.on, lessonPlanId: d.lessonPlanId },
    }),
  }),
  define<RubricVersionedEvent>({
    subject: TeacherExchangeEvents.rubricVersioned, type: 'observation-rubric.versioned', version: 1, domain: 'exchange', resourceType: 'observation_rubric', operation: 'update',
    description: { en: "The district's lesson observation rubric got a new version (id: the district)", 'zh-CN': '区县评课量表发布了新版本（标识为区县标识）' },
    facts: (d) => ({ resourceId: d.districtId, allianceId: null, schoolId: null, payload: { id: d.districtId, version: d.version, dimensions: d.dimensions } }),
  }),
  define<ObservationRecordedEvent>({
    subject: TeacherExchangeEvents.observationRecorded, type: 'observation.recorded', version: 1, domain: 'exchange', resourceType: 'observation', operation: 'create',
    description: { en: 'A lesson observation was recorded against the district rubric', 'zh-CN': '登记了听课评课记录' },
    facts: (d) => ({
      resourceId: d.observationId, allianceId: null, schoolId: d.observedSchoolId,
      payload: {
        id: d.observationId, observerId: d.observerId, observerSchoolId: d.observerSchoolId, observedId: d.observedId, observedSchoolId: d.observedSchoolId,
        observedOn: d.observedOn, rubricVersion: d.rubricVersion, total: d.total, maxTotal: d.maxTotal, placementId: d.placementId,
      },
    }),
  }),

  // curriculum: shared resources, facilities and bookings
  define<ResourceSharedEvent>({
    subject: CurriculumEvents.resourceShared, type: 'resource.shared', version: 1, domain: 'curriculum', resourceType: 'resource', operation: 'create',
    description: { en: 'A teaching resource was shared', 'zh-CN': '共享了教学资源' },
    facts: (d) => ({
      resourceId: d.resourceId, allianceId: null, schoolId: d.schoolId,
      payload: { id: d.resourceId, schoolId: d.schoolId, type: d.type, title: d.title, subject: d.subject, grade: d.grade, visibility: d.visibility },
    }),
  }),
  define<ResourceChangedEvent>({
    subject: CurriculumEvents.resourceUpdated, type: 'resource.updated', version: 1, domain: 'curriculum', resourceType: 'resource', operation: 'update',
    description: { en: "A teaching resource's description changed: read it again", 'zh-CN': '教学资源信息变更：请重新读取' },
    facts: (d) => ({ resourceId: d.resourceId, allianceId: null, schoolId: d.schoolId, payload: { id: d.resourceId, schoolId: d.schoolId, visibility: d.visibility } }),
  }),
  define<ResourceVersionAddedEvent>({
    subject: CurriculumEvents.resourceVersionAdded, type: 'resource.version-added', version: 1, domain: 'curriculum', resourceType: 'resource', operation: 'update',
    description: { en: 'A new version of a resource file was uploaded', 'zh-CN': '上传了资源文件的新版本' },
    facts: (d) => ({
      resourceId: d.resourceId, allianceId: null, schoolId: d.schoolId,
      payload: { id: d.resourceId, schoolId: d.schoolId, visibility: d.visibility, fileVersion: d.version, filename: d.filename, sha256: d.sha256 },
    }),
  }),
  define<ResourceChangedEvent>({
    subject: CurriculumEvents.resourceRemoved, type: 'resource.removed', version: 1, domain: 'curriculum', resourceType: 'resource', operation: 'delete',
    description: { en: 'A teaching resource was removed', 'zh-CN': '删除了教学资源' },
    facts: (d) => ({ resourceId: d.resourceId, allianceId: null, schoolId: d.schoolId, payload: tombstone(d.resourceId) }),
  }),
  ...([
    ['facilityRegistered', 'facility.registered', 'create', '登记了共享功能室', 'A shared facility was registered'],
    ['facilityUpdated', 'facility.updated', 'update', '功能室信息变更', 'A facility changed'],
  ] as const).map(([key, type, operation, zh, en]) => define<FacilityChangedEvent>({
    subject: CurriculumEvents[key], type, version: 1, domain: 'curriculum', resourceType: 'facility', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({ resourceId: d.facilityId, allianceId: null, schoolId: d.schoolId, payload: { id: d.facilityId, schoolId: d.schoolId, kind: d.kind, name: d.name, active: d.active } }),
  })),
  ...([
    ['bookingRequested', 'booking.requested', 'create', '提交了功能室预约', 'A facility booking was requested'],
    ['bookingApproved', 'booking.approved', 'update', '功能室预约获批', 'A booking was approved'],
    ['bookingRejected', 'booking.rejected', 'update', '功能室预约被拒绝', 'A booking was rejected'],
    ['bookingCancelled', 'booking.cancelled', 'update', '功能室预约被取消', 'A booking was cancelled'],
  ] as const).map(([key, type, operation, zh, en]) => define<BookingChangedEvent>({
    subject: CurriculumEvents[key], type, version: 1, domain: 'curriculum', resourceType: 'booking', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.bookingId, allianceId: null, schoolId: d.ownerSchoolId,
      payload: {
        id: d.bookingId, facilityId: d.facilityId, ownerSchoolId: d.ownerSchoolId, requesterSchoolId: d.requesterSchoolId, startsAt: d.startsAt, endsAt: d.endsAt,
        status: d.status, reason: d.reason ?? null,
      },
    }),
  })),

  // activities: joint activities, registrations, minutes, action items and work plans
  define<ActivityScheduledEvent>({
    subject: ActivitiesEvents.activityScheduled, type: 'activity.scheduled', version: 1, domain: 'activities', resourceType: 'activity', operation: 'create',
    description: { en: 'An alliance activity was scheduled', 'zh-CN': '安排了联盟活动' },
    facts: (d) => ({
      resourceId: d.activityId, allianceId: d.allianceId, schoolId: d.organiserSchoolId,
      payload: {
        id: d.activityId, allianceId: d.allianceId, organiserSchoolId: d.organiserSchoolId, kind: d.kind, title: d.title, startsAt: d.startsAt, endsAt: d.endsAt,
        rrule: d.rrule,
      },
    }),
  }),
  ...([
    ['activityUpdated', 'activity.updated', '活动安排变更：请重新读取', "An activity's details changed: read it again"],
    ['activityCancelled', 'activity.cancelled', '活动被取消', 'An activity was cancelled'],
  ] as const).map(([key, type, zh, en]) => define<ActivityChangedEvent>({
    subject: ActivitiesEvents[key], type, version: 1, domain: 'activities', resourceType: 'activity', operation: 'update', description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.activityId, allianceId: d.allianceId, schoolId: null,
      payload: { id: d.activityId, allianceId: d.allianceId, ...(key === 'activityCancelled' ? { status: 'cancelled', reason: d.reason ?? null } : {}) },
    }),
  })),
  define<OccurrenceCancelledEvent>({
    subject: ActivitiesEvents.occurrenceCancelled, type: 'activity.occurrence-cancelled', version: 1, domain: 'activities', resourceType: 'activity', operation: 'update',
    description: { en: 'One occurrence of a repeating activity was cancelled', 'zh-CN': '重复活动中的某一次被取消' },
    facts: (d) => ({
      resourceId: d.activityId, allianceId: d.allianceId, schoolId: null,
      payload: { id: d.activityId, allianceId: d.allianceId, occurrenceStart: d.occurrenceStart, reason: d.reason, registrationsCancelled: d.registrationsCancelled },
    }),
  }),
  ...([
    ['registrationCreated', 'registration.created', 'create', 'registered', '报名参加活动', 'Someone was registered for an activity'],
    ['registrationCancelled', 'registration.cancelled', 'update', 'cancelled', '取消了报名', 'A registration was cancelled'],
    ['registrationCheckedIn', 'registration.checked-in', 'update', 'checked_in', '参加人签到', 'A participant checked in'],
  ] as const).map(([key, type, operation, status, zh, en]) => define<RegistrationEvent>({
    subject: ActivitiesEvents[key], type, version: 1, domain: 'activities', resourceType: 'registration', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.registrationId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: {
        id: d.registrationId, activityId: d.activityId, allianceId: d.allianceId, schoolId: d.schoolId, occurrenceStart: d.occurrenceStart,
        participantKind: d.participantKind, status,
      },
    }),
  })),
  define<MinutesRecordedEvent>({
    subject: ActivitiesEvents.minutesRecorded, type: 'minutes.recorded', version: 1, domain: 'activities', resourceType: 'minutes', operation: 'update',
    description: { en: 'The minutes of an activity were recorded or revised', 'zh-CN': '记录或修订了活动的会议纪要' },
    facts: (d) => ({
      resourceId: d.minutesId, allianceId: d.allianceId, schoolId: null,
      payload: { id: d.minutesId, activityId: d.activityId, allianceId: d.allianceId, occurrenceStart: d.occurrenceStart, actionItemIds: d.actionItemIds },
    }),
  }),
  ...([
    ['actionItemCompleted', 'action-item.completed', 'done', '待办事项已完成', 'An action item was completed'],
    ['actionItemReopened', 'action-item.reopened', 'open', '待办事项重新打开', 'An action item was reopened'],
  ] as const).map(([key, type, status, zh, en]) => define<ActionItemEvent>({
    subject: ActivitiesEvents[key], type, version: 1, domain: 'activities', resourceType: 'action_item', operation: 'update', description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.actionItemId, allianceId: d.allianceId, schoolId: d.ownerSchoolId,
      payload: { id: d.actionItemId, activityId: d.activityId, allianceId: d.allianceId, ownerSchoolId: d.ownerSchoolId, status },
    }),
  })),
  define<PlanStatusChangedEvent>({
    subject: ActivitiesEvents.planStatusChanged, type: 'work-plan.status-changed', version: 1, domain: 'activities', resourceType: 'work_plan', operation: 'update',
    description: { en: 'A term work plan was submitted, approved, returned or closed', 'zh-CN': '学期工作计划提交、通过、退回或关闭' },
    facts: (d) => ({
      resourceId: d.planId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { id: d.planId, allianceId: d.allianceId, schoolId: d.schoolId, term: d.term, status: d.to, previousStatus: d.from },
    }),
  }),
  define<MilestoneProgressedEvent>({
    subject: ActivitiesEvents.milestoneProgressed, type: 'plan-milestone.progressed', version: 1, domain: 'activities', resourceType: 'plan_milestone', operation: 'update',
    description: { en: 'Progress was reported on a milestone of a work plan', 'zh-CN': '工作计划里程碑填报了进展' },
    facts: (d) => ({
      resourceId: d.milestoneId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { id: d.milestoneId, planId: d.planId, allianceId: d.allianceId, schoolId: d.schoolId, percent: d.percent, status: d.status, completedOn: d.completedOn },
    }),
  }),
  define<TargetAssessedEvent>({
    subject: ActivitiesEvents.targetAssessed, type: 'plan-target.assessed', version: 1, domain: 'activities', resourceType: 'plan_target', operation: 'update',
    description: { en: 'A target of a work plan was assessed at term end', 'zh-CN': '工作计划目标任务完成了期末评估' },
    facts: (d) => ({
      resourceId: d.targetId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { id: d.targetId, planId: d.planId, allianceId: d.allianceId, schoolId: d.schoolId, term: d.term, rating: d.rating },
    }),
  }),

  // assessment: unified exams, scores, term evaluations and awards
  ...([
    ['examCreated', 'exam.created', 'create', '创建了统一检测', 'A unified exam was created'],
    ['examUpdated', 'exam.updated', 'update', '统一检测信息变更', 'A unified exam changed'],
    ['examOpened', 'exam.opened', 'update', '统一检测开始录入成绩', 'A unified exam opened for scores'],
    ['examPublished', 'exam.published', 'update', '统一检测结果发布', "A unified exam's results were published"],
    ['examArchived', 'exam.archived', 'update', '统一检测已归档', 'A unified exam was archived'],
  ] as const).map(([key, type, operation, zh, en]) => define<ExamEvent>({
    subject: AssessmentEvents[key], type, version: 1, domain: 'assessment', resourceType: 'exam', operation, description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.examId, allianceId: d.allianceId, schoolId: null,
      payload: { id: d.examId, allianceId: d.allianceId, term: d.term, grade: d.grade, name: d.name, status: d.status },
    }),
  })),
  define<ScoresImportedEvent>({
    subject: AssessmentEvents.scoresImported, type: 'exam-scores.imported', version: 1, domain: 'assessment', resourceType: 'exam_scores', operation: 'update',
    description: { en: "Scores of an exam were imported: read the exam's scores again", 'zh-CN': '导入了统一检测成绩：请重新读取该检测的成绩' },
    facts: (d) => ({
      resourceId: d.examId, allianceId: d.allianceId, schoolId: null,
      payload: { examId: d.examId, allianceId: d.allianceId, inserted: d.inserted, updated: d.updated, unchanged: d.unchanged, cleared: d.cleared ?? 0 },
    }),
  }),
  define<ScoreCorrectedEvent>({
    subject: AssessmentEvents.scoreCorrected, type: 'exam-score.corrected', version: 1, domain: 'assessment', resourceType: 'exam_score', operation: 'update',
    description: { en: 'A score was corrected (id: examId:studentNo:subject)', 'zh-CN': '更正了一项成绩（标识为 检测标识:学号:学科）' },
    facts: (d) => ({
      resourceId: `${d.examId}:${d.studentNo}:${d.subject}`, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: { examId: d.examId, allianceId: d.allianceId, schoolId: d.schoolId, studentNo: d.studentNo, subject: d.subject, before: d.before, after: d.after },
    }),
  }),
  ...([
    ['evaluationPublished', 'evaluation.published', '发布了学期考核评价', 'A term evaluation was published'],
    ['evaluationCorrected', 'evaluation.corrected', '发布了学期考核评价的更正版本', 'A corrected version of a term evaluation was published'],
  ] as const).map(([key, type, zh, en]) => define<EvaluationPublishedEvent>({
    subject: AssessmentEvents[key], type, version: 1, domain: 'assessment', resourceType: 'evaluation', operation: 'create', description: { en, 'zh-CN': zh },
    facts: (d) => ({
      resourceId: d.evaluationId, allianceId: d.allianceId, schoolId: d.schoolId,
      payload: {
        id: d.evaluationId, allianceId: d.allianceId, schoolId: d.schoolId, targetType: d.targetType, term: d.term, version: d.version, total: d.total,
        ...(d.reason ? { reason: d.reason } : {}),
      },
    }),
  })),
  define<EvaluationStepChangedEvent>({
    subject: AssessmentEvents.evaluationStepChanged, type: 'evaluation.step-changed', version: 1, domain: 'assessment', resourceType: 'evaluation', operation: 'update',
    description: { en: 'A term evaluation was opened, submitted, approved by the alliance or returned', 'zh-CN': '学期考核评价开启、提交、经联盟审核通过或被退回' },
    facts: (d) => ({
      resourceId: d.evaluationId, allianceId: d.allianceId, schoolId: d.schoolId,
      // the reviewer's comment on a return stays inside: it is written to the school, not to third parties
      payload: { id: d.evaluationId, allianceId: d.allianceId, schoolId: d.schoolId, targetType: d.targetType, term: d.term, action: d.action, from: d.from, to: d.to },
    }),
  }),
  define<AwardGrantedEvent>({
    subject: AssessmentEvents.awardGranted, type: 'award.granted', version: 1, domain: 'assessment', resourceType: 'award', operation: 'create',
    description: { en: 'An award was granted on a term evaluation', 'zh-CN': '根据学期考核评价授予了奖项' },
    facts: (d) => ({
      resourceId: d.awardId, allianceId: d.targetType === 'alliance' ? d.targetId : null, schoolId: d.targetType === 'school' ? d.targetId : null,
      payload: { id: d.awardId, evaluationId: d.evaluationId, term: d.term, targetType: d.targetType, targetId: d.targetId, title: d.title },
    }),
  }),
];

const BY_SUBJECT = new Map(PUBLIC_EVENT_CATALOGUE.map((definition) => [definition.subject, definition]));
const BY_TYPE = new Map(PUBLIC_EVENT_CATALOGUE.map((definition) => [definition.type, definition]));

/** Every public event type, in catalogue order. */
export const PUBLIC_EVENT_TYPES: readonly string[] = PUBLIC_EVENT_CATALOGUE.map((definition) => definition.type);

export const publicEventOfSubject = (subject: string): PublicEventDefinition | undefined => BY_SUBJECT.get(subject);
export const publicEventOfType = (type: string): PublicEventDefinition | undefined => BY_TYPE.get(type);

/** An internal domain event as third parties see it (the change feed's item and the webhook's body share it). */
export interface PublicEvent {
  /** the domain event's id: the same event always has the same id, so receivers drop duplicates by it */
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  resourceType: string;
  resourceId: string;
  operation: ChangeOperation;
  districtId: string;
  allianceId: string | null;
  schoolId: string | null;
  data: Record<string, unknown>;
}

/** The public form of a domain event, or undefined when the catalogue does not publish its subject. */
export function toPublicEvent(event: DomainEvent): (PublicEvent & { domain: PublicEventDomain }) | undefined {
  const definition = BY_SUBJECT.get(event.subject);
  if (!definition) return undefined;
  const facts = (definition.facts as (data: unknown) => PublicEventFacts)(event.data);
  return {
    id: event.id, type: definition.type, version: definition.version, occurredAt: event.occurredAt, resourceType: definition.resourceType,
    resourceId: facts.resourceId, operation: definition.operation, districtId: event.districtId, allianceId: facts.allianceId, schoolId: facts.schoolId,
    data: facts.payload, domain: definition.domain,
  };
}
