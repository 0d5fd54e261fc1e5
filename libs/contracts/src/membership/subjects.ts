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

  // school profiles, the needs survey and pairing suggestions (governance/profiles, governance/pairing)
  profileTagList: 'membership.profile-tag.list',
  profileTagCreate: 'membership.profile-tag.create',
  profileTagUpdate: 'membership.profile-tag.update',
  profileRoundOpen: 'membership.profile-round.open',
  profileRoundList: 'membership.profile-round.list',
  profileRoundGet: 'membership.profile-round.get',
  profileRoundClose: 'membership.profile-round.close',
  profileSubmit: 'membership.profile.submit',
  profileList: 'membership.profile.list',
  profileGet: 'membership.profile.get',
  profileChanges: 'membership.profile.changes',
  pairingSuggestions: 'membership.pairing.suggestions',
  pairingAccept: 'membership.pairing.accept',
  roadDistanceSet: 'membership.road-distance.set',
  /** system callers only: open profile rounds due within some days, with the schools that have not submitted (deadline reminders) */
  profileRoundsDue: 'membership.profile-round.due',
  /** across districts: a district admin approves or refuses a join request for their district */
  joinRequestApprove: 'membership.join-request.approve',
  // charters and agreements (章程与协议)
  charterList: 'membership.charter.list',
  charterCreate: 'membership.charter.create',
  charterGet: 'membership.charter.get',
  charterAmend: 'membership.charter.amend',
  charterVersionGet: 'membership.charter.version.get',
  charterVersionUpdate: 'membership.charter.version.update',
  charterVersionAttachFile: 'membership.charter.version.attach-file',
  charterVersionFile: 'membership.charter.version.file',
  charterVersionSend: 'membership.charter.version.send',
  charterVersionWithdraw: 'membership.charter.version.withdraw',
  charterVersionSign: 'membership.charter.version.sign',
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
  /** across districts: schools an alliance admin may invite, of the alliance's district and the other districts of its province */
  allianceInviteCandidates: 'membership.alliance.invite-candidates',
  // teachers as users: first-login password change and accounts for roster teachers
  /** the caller changes their own password; answers a fresh token pair without the must-change mark */
  authChangePassword: 'membership.auth.change-password',
  /** accounts (role teacher at the school) for roster teachers; the roster service sends the teachers it checked */
  teacherAccountsProvision: 'membership.teacher-accounts.provision',
  /** the accounts linked to some roster teachers, with the caller's scope */
  teacherAccountsOf: 'membership.teacher-accounts.of',
  /** system callers only (demo seeding): links an existing account, by username, to a roster teacher */
  teacherAccountLink: 'membership.teacher-accounts.link',
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
  /** the district asks its schools for their profiles of a term (调研) */
  profileRoundOpened: 'evt.membership.profile-round.opened.v1',
  profileRoundClosed: 'evt.membership.profile-round.closed.v1',
  profileSubmitted: 'evt.membership.profile.submitted.v1',
  /** a pairing suggestion became a draft pairing */
  pairingSuggestionAccepted: 'evt.membership.pairing-suggestion.accepted.v1',

  /** across districts: a district admin approved or refused a join request */
  joinRequestApprovalDecided: 'evt.membership.join-request.approval-decided.v1',

  // charters and agreements (章程与协议)
  /** a draft version's text or fields changed */
  charterDraftChanged: 'evt.membership.charter.draft-changed.v1',
  charterSentForSigning: 'evt.membership.charter.sent-for-signing.v1',
  charterSigned: 'evt.membership.charter.signed.v1',
  charterInForce: 'evt.membership.charter.in-force.v1',
  charterExpired: 'evt.membership.charter.expired.v1',
  /** a version in force ends its validity in 30 or 7 days */
  charterExpiringSoon: 'evt.membership.charter.expiring-soon.v1',

  // alliance organisation: bodies and their members
  bodyCreated: 'evt.membership.body.created.v1',
  bodyChanged: 'evt.membership.body.changed.v1',
  bodyDissolved: 'evt.membership.body.dissolved.v1',
  bodyMemberAdded: 'evt.membership.body-member.added.v1',
  bodyMemberEnded: 'evt.membership.body-member.ended.v1',
} as const;
