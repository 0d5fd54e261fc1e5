/** NATS request/reply subjects of the curriculum service. */
export const CurriculumSubjects = {
  resourceCreate: 'curriculum.resource.create',
  resourceList: 'curriculum.resource.list',
  resourceGet: 'curriculum.resource.get',
  resourceUpdate: 'curriculum.resource.update',
  resourceDelete: 'curriculum.resource.delete',
  resourceDownload: 'curriculum.resource.download',
  /** a new file for a resource (a revised lesson plan); earlier files stay as versions */
  resourceVersionAdd: 'curriculum.resource-version.add',
  resourceVersionList: 'curriculum.resource-version.list',
  resourceVersionDownload: 'curriculum.resource-version.download',

  facilityCreate: 'curriculum.facility.create',
  facilityList: 'curriculum.facility.list',
  facilityGet: 'curriculum.facility.get',
  facilityUpdate: 'curriculum.facility.update',

  bookingCreate: 'curriculum.booking.create',
  bookingList: 'curriculum.booking.list',
  bookingGet: 'curriculum.booking.get',
  bookingApprove: 'curriculum.booking.approve',
  bookingReject: 'curriculum.booking.reject',
  bookingCancel: 'curriculum.booking.cancel',
  /** the facility bookings the caller made, overlapping a range, for their week */
  bookingMine: 'curriculum.booking.mine',
} as const;

/** Domain events of the curriculum service (JetStream, versioned, past tense). */
export const CurriculumEvents = {
  resourceShared: 'evt.curriculum.resource.shared.v1',
  resourceUpdated: 'evt.curriculum.resource.updated.v1',
  resourceRemoved: 'evt.curriculum.resource.removed.v1',
  resourceVersionAdded: 'evt.curriculum.resource.version-added.v1',
  facilityRegistered: 'evt.curriculum.facility.registered.v1',
  facilityUpdated: 'evt.curriculum.facility.updated.v1',
  bookingRequested: 'evt.curriculum.booking.requested.v1',
  bookingApproved: 'evt.curriculum.booking.approved.v1',
  bookingRejected: 'evt.curriculum.booking.rejected.v1',
  bookingCancelled: 'evt.curriculum.booking.cancelled.v1',
} as const;
