/** NATS request/reply subjects of the teacher-exchange service. */
export const TeacherExchangeSubjects = {
  teacherCreate: 'teacher-exchange.teacher.create',
  teacherList: 'teacher-exchange.teacher.list',
  teacherGet: 'teacher-exchange.teacher.get',
  teacherUpdate: 'teacher-exchange.teacher.update',
  teacherImport: 'teacher-exchange.teacher.import',
  teacherImportTemplate: 'teacher-exchange.teacher.import-template',

  placementPropose: 'teacher-exchange.placement.propose',
  placementList: 'teacher-exchange.placement.list',
  placementGet: 'teacher-exchange.placement.get',
  placementApprove: 'teacher-exchange.placement.approve',
  placementReject: 'teacher-exchange.placement.reject',
  placementActivate: 'teacher-exchange.placement.activate',
  placementComplete: 'teacher-exchange.placement.complete',
  placementCancel: 'teacher-exchange.placement.cancel',

  slotCreate: 'teacher-exchange.slot.create',
  slotUpdate: 'teacher-exchange.slot.update',
  slotDelete: 'teacher-exchange.slot.delete',
  slotList: 'teacher-exchange.slot.list',
  slotWeek: 'teacher-exchange.slot.week',

  quotaGet: 'teacher-exchange.quota.get',
  quotaSet: 'teacher-exchange.quota.set',
  quotaProgress: 'teacher-exchange.quota.progress',

  // mentorship (师徒结对) and lesson observation (听课评课)
  mentorshipCreate: 'teacher-exchange.mentorship.create',
  mentorshipList: 'teacher-exchange.mentorship.list',
  mentorshipGet: 'teacher-exchange.mentorship.get',
  mentorshipLessonRecord: 'teacher-exchange.mentorship.lesson-record',
  mentorshipComment: 'teacher-exchange.mentorship.comment',
  mentorshipClose: 'teacher-exchange.mentorship.close',
  mentorshipMissed: 'teacher-exchange.mentorship.missed',
  /** a roster teacher's mentorship lessons between two days (for "my week") */
  mentorshipLessonsOfTeacher: 'teacher-exchange.mentorship.lessons-of-teacher',
  rubricGet: 'teacher-exchange.rubric.get',
  rubricSave: 'teacher-exchange.rubric.save',
  observationRecord: 'teacher-exchange.observation.record',
  observationList: 'teacher-exchange.observation.list',
  observationGet: 'teacher-exchange.observation.get',
  /** counts and averages per teacher and school, given and received (evaluation indicators read these) */
  observationStats: 'teacher-exchange.observation.stats',
  // teachers as users: accounts for roster teachers, and a teacher's own week
  teacherAccountsCreate: 'teacher-exchange.teacher-accounts.create',
  teacherAccountsList: 'teacher-exchange.teacher-accounts.list',
  myWeek: 'teacher-exchange.my-week.get',
  weekFeedTokenGet: 'teacher-exchange.my-week.feed-token.get',
  weekFeedTokenRotate: 'teacher-exchange.my-week.feed-token.rotate',
  /** answered without a caller: the feed token in the payload is the credential */
  weekFeed: 'teacher-exchange.my-week.feed',
  solverBellsSet: 'teacher-exchange.solver.bells.set',
  solverBellsGet: 'teacher-exchange.solver.bells.get',
  solverNeedsSet: 'teacher-exchange.solver.needs.set',
  solverNeedsGet: 'teacher-exchange.solver.needs.get',
  solverLimitsSet: 'teacher-exchange.solver.limits.set',
  solverLimitsGet: 'teacher-exchange.solver.limits.get',
  solverTravelSet: 'teacher-exchange.solver.travel.set',
  solverTravelList: 'teacher-exchange.solver.travel.list',
  solveCreate: 'teacher-exchange.solve.create',
  solveGet: 'teacher-exchange.solve.get',
  solveMove: 'teacher-exchange.solve.move',
  solveAccept: 'teacher-exchange.solve.accept',
} as const;

/** Domain events of the teacher-exchange service (JetStream, versioned, past tense). */
export const TeacherExchangeEvents = {
  teacherCreated: 'evt.teacher-exchange.teacher.created.v1',
  teacherUpdated: 'evt.teacher-exchange.teacher.updated.v1',
  teachersImported: 'evt.teacher-exchange.teachers.imported.v1',
  placementProposed: 'evt.teacher-exchange.placement.proposed.v1',
  placementHomeApproved: 'evt.teacher-exchange.placement.home-approved.v1',
  placementHostApproved: 'evt.teacher-exchange.placement.host-approved.v1',
  placementApproved: 'evt.teacher-exchange.placement.approved.v1',
  placementActivated: 'evt.teacher-exchange.placement.activated.v1',
  placementCompleted: 'evt.teacher-exchange.placement.completed.v1',
  placementRejected: 'evt.teacher-exchange.placement.rejected.v1',
  placementCancelled: 'evt.teacher-exchange.placement.cancelled.v1',
  slotCreated: 'evt.teacher-exchange.slot.created.v1',
  slotUpdated: 'evt.teacher-exchange.slot.updated.v1',
  slotDeleted: 'evt.teacher-exchange.slot.deleted.v1',
  quotaSet: 'evt.teacher-exchange.quota.set.v1',

  // mentorship and lesson observation
  mentorshipCreated: 'evt.teacher-exchange.mentorship.created.v1',
  mentorshipLessonDone: 'evt.teacher-exchange.mentorship.lesson-done.v1',
  mentorshipCompleted: 'evt.teacher-exchange.mentorship.completed.v1',
  rubricVersioned: 'evt.teacher-exchange.rubric.versioned.v1',
  observationRecorded: 'evt.teacher-exchange.observation.recorded.v1',
} as const;

export interface TeacherChangedEvent {
  teacherId: string;
  districtId: string;
  schoolId: string;
  staffNo: string;
  name: string;
}

export interface TeachersImportedEvent {
  districtId: string;
  schoolId: string;
  created: number;
  updated: number;
  skipped: number;
}

/** Every placement transition carries the placement as it is after the change. */
export interface PlacementChangedEvent {
  placementId: string;
  districtId: string;
  allianceId: string;
  teacherId: string;
  homeSchoolId: string;
  hostSchoolIds: string[];
  kind: string;
  status: string;
  from: string | null;
  startsOn: string;
  endsOn: string;
  /** the host school whose approval this event records (host-approved only) */
  schoolId?: string;
  reason?: string;
}

export interface QuotaSetEvent {
  districtId: string;
  allianceId: string;
  year: number;
  rules: { category: string; min: number; max: number }[];
}

/** A timetable slot as it is after the change (as it was, for a deletion). */
export interface SlotChangedEvent {
  slotId: string;
  placementId: string;
  districtId: string;
  allianceId: string;
  teacherId: string;
  schoolId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  subject: string;
  grade: number;
}

/** A mentorship pair as created or completed. */
export interface MentorshipChangedEvent {
  mentorshipId: string;
  districtId: string;
  allianceId: string;
  term: string;
  mentorId: string;
  apprenticeId: string;
  mentorSchoolId: string;
  apprenticeSchoolId: string;
  status: string;
  missedMonths: number;
}

/** A demo or report lesson marked done. */
export interface MentorshipLessonDoneEvent {
  mentorshipId: string;
  districtId: string;
  month: string;
  kind: string;
  teacherId: string;
  on: string;
  lessonPlanId: string | null;
}

export interface RubricVersionedEvent {
  districtId: string;
  version: number;
  dimensions: string[];
}

export interface ObservationRecordedEvent {
  observationId: string;
  districtId: string;
  observerId: string;
  observerSchoolId: string;
  observedId: string;
  observedSchoolId: string;
  observedOn: string;
  rubricVersion: number;
  total: number;
  maxTotal: number;
  placementId: string | null;
}
