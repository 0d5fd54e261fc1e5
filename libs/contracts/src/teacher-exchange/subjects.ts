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
