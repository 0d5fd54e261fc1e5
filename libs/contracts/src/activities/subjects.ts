/** NATS request/reply subjects of the activities service. */
export const ActivitiesSubjects = {
  activityCreate: 'activities.activity.create',
  activityList: 'activities.activity.list',
  activityGet: 'activities.activity.get',
  activityUpdate: 'activities.activity.update',
  activityCancel: 'activities.activity.cancel',
  occurrenceList: 'activities.occurrence.list',
  /** cancels one occurrence of a repeating activity; the others stay */
  occurrenceCancel: 'activities.occurrence.cancel',

  registrationCreate: 'activities.registration.create',
  registrationList: 'activities.registration.list',
  registrationCancel: 'activities.registration.cancel',
  registrationCheckIn: 'activities.registration.check-in',
  attendance: 'activities.attendance.get',

  minutesList: 'activities.minutes.list',
  minutesSave: 'activities.minutes.save',
  actionItemList: 'activities.action-item.list',
  actionItemComplete: 'activities.action-item.complete',
  actionItemReopen: 'activities.action-item.reopen',

  planCreate: 'activities.plan.create',
  planList: 'activities.plan.list',
  planGet: 'activities.plan.get',
  planUpdate: 'activities.plan.update',
  /** submit, approve, return or close a plan */
  planTransition: 'activities.plan.transition',
  planTargetAdd: 'activities.plan.target.add',
  planTargetRemove: 'activities.plan.target.remove',
  planTargetAssess: 'activities.plan.target.assess',
  planMilestoneAdd: 'activities.plan.milestone.add',
  planMilestoneRemove: 'activities.plan.milestone.remove',
  planMilestoneList: 'activities.plan.milestone.list',
  planProgressReport: 'activities.plan.progress.report',
  planEvidenceAddFile: 'activities.plan.evidence.add-file',
  planEvidenceDownload: 'activities.plan.evidence.download',

  briefingCreate: 'activities.briefing.create',
  briefingList: 'activities.briefing.list',
  briefingGet: 'activities.briefing.get',
  /** where the PDF or .xlsx of a briefing lies in the file store */
  briefingDownload: 'activities.briefing.download',
  archiveCreate: 'activities.archive.create',
  archiveList: 'activities.archive.list',
  archiveGet: 'activities.archive.get',
  archiveDownload: 'activities.archive.download',

  feedTokenGet: 'activities.feed-token.get',
  feedTokenRotate: 'activities.feed-token.rotate',
  /** answered without a caller: the feed token in the payload is the credential */
  calendarFeed: 'activities.calendar.feed',
  /** the caller's own registrations (as a teacher) overlapping a range, for their week */
  registrationMine: 'activities.registration.mine',
} as const;

/** Domain events of the activities service (JetStream, versioned, past tense). */
export const ActivitiesEvents = {
  activityScheduled: 'evt.activities.activity.scheduled.v1',
  activityUpdated: 'evt.activities.activity.updated.v1',
  activityCancelled: 'evt.activities.activity.cancelled.v1',
  occurrenceCancelled: 'evt.activities.occurrence.cancelled.v1',
  registrationCreated: 'evt.activities.registration.created.v1',
  registrationCancelled: 'evt.activities.registration.cancelled.v1',
  registrationCheckedIn: 'evt.activities.registration.checked-in.v1',
  minutesRecorded: 'evt.activities.minutes.recorded.v1',
  actionItemCompleted: 'evt.activities.action-item.completed.v1',
  actionItemReopened: 'evt.activities.action-item.reopened.v1',
  planStatusChanged: 'evt.activities.plan.status-changed.v1',
  milestoneProgressed: 'evt.activities.plan.milestone-progressed.v1',
  targetAssessed: 'evt.activities.plan.target-assessed.v1',
} as const;
