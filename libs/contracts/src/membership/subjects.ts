/** NATS request/reply subjects of the membership service. */
export const MembershipSubjects = {
  authLogin: 'membership.auth.login',
  authRefresh: 'membership.auth.refresh',
  authLogout: 'membership.auth.logout',
  authMe: 'membership.auth.me',

  districtCreate: 'membership.district.create',
  districtList: 'membership.district.list',
  districtGet: 'membership.district.get',
  districtOverview: 'membership.district.overview',

  schoolCreate: 'membership.school.create',
  schoolList: 'membership.school.list',
  schoolGet: 'membership.school.get',
  schoolUpdate: 'membership.school.update',
  campusCreate: 'membership.campus.create',

  allianceCreate: 'membership.alliance.create',
  allianceList: 'membership.alliance.list',
  allianceGet: 'membership.alliance.get',
  allianceUpdate: 'membership.alliance.update',
  allianceActivate: 'membership.alliance.activate',
  allianceDissolve: 'membership.alliance.dissolve',
  allianceInvite: 'membership.alliance.invite',
  allianceApply: 'membership.alliance.apply',
  allianceLeave: 'membership.alliance.leave',
  joinRequestList: 'membership.join-request.list',
  joinRequestRespond: 'membership.join-request.respond',

  userCreate: 'membership.user.create',
  userList: 'membership.user.list',
  userGet: 'membership.user.get',
  userUpdate: 'membership.user.update',
  roleAssign: 'membership.role.assign',
  roleRevoke: 'membership.role.revoke',

  auditList: 'membership.audit.list',

  apiClientCreate: 'membership.api-client.create',
  apiClientList: 'membership.api-client.list',
  apiClientGet: 'membership.api-client.get',
  apiClientUpdate: 'membership.api-client.update',
  apiClientRotateSecret: 'membership.api-client.rotate-secret',
  apiClientRevoke: 'membership.api-client.revoke',
  oauthToken: 'membership.oauth.token',
  /** system callers only: the users holding a role in some schools, alliances or districts (notification recipients) */
  roleHolders: 'membership.role.holders',

  // alliance organisation: bodies and their members
  bodyCreate: 'membership.body.create',
  bodyList: 'membership.body.list',
  bodyGet: 'membership.body.get',
  bodyUpdate: 'membership.body.update',
  bodyDissolve: 'membership.body.dissolve',
  bodyMemberAdd: 'membership.body.member.add',
  bodyMemberEnd: 'membership.body.member.end',
  bodyCandidates: 'membership.body.candidates',
  userBodyMemberships: 'membership.user.body-memberships',
  /** other services check the bodies an object names, with the caller's scope */
  bodyRefs: 'membership.body.refs',
} as const;

/** Domain events of the membership service (JetStream, versioned, past tense). */
export const MembershipEvents = {
  allianceCreated: 'evt.membership.alliance.created.v1',
  allianceActivated: 'evt.membership.alliance.activated.v1',
  allianceDissolved: 'evt.membership.alliance.dissolved.v1',
  allianceRenamed: 'evt.membership.alliance.renamed.v1',
  memberJoined: 'evt.membership.member.joined.v1',
  memberLeft: 'evt.membership.member.left.v1',
  schoolRegistered: 'evt.membership.school.registered.v1',
  schoolRenamed: 'evt.membership.school.renamed.v1',
  /** an invitation (alliance → school) or application (school → alliance) waits for an answer */
  joinRequestCreated: 'evt.membership.join-request.created.v1',

  // alliance organisation: bodies and their members
  bodyCreated: 'evt.membership.body.created.v1',
  bodyChanged: 'evt.membership.body.changed.v1',
  bodyDissolved: 'evt.membership.body.dissolved.v1',
  bodyMemberAdded: 'evt.membership.body-member.added.v1',
  bodyMemberEnded: 'evt.membership.body-member.ended.v1',
} as const;
