import type { MessageTemplates } from '../common/messages.js';
import type { BodyKind } from './bodies.dto.js';
import type { AllianceKind, AllianceStatus, JoinRequestStatus, MemberRole } from './enums.js';
import type { CharterKind, CharterVersionStatus } from './charters.dto.js';

/** The membership service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const MEMBERSHIP_MESSAGES = {
  // districts
  'membership.term-facts.term-invalid': {
    en: 'term must be a school year and term such as 2026-2027-1 (the second year follows the first)',
    'zh-CN': '学期须写成学年加学期，例如 2026-2027-1（后一年须紧接前一年）',
  },
  'membership.term-facts.forbidden': { en: "Term facts are answered for the district's admins and the platform", 'zh-CN': '只有教育局管理员和平台可以查询学期数据' },
  'membership.district.create-forbidden': { en: 'Only the platform admin creates districts', 'zh-CN': '只有平台管理员可以创建区县' },
  'membership.district.code-exists': { en: 'A district with code {code} already exists', 'zh-CN': '代码为 {code} 的区县已存在' },
  'membership.district.code-used': { en: 'code is already used', 'zh-CN': '该区县代码已被使用' },

  // schools and campuses
  'membership.school.create-forbidden': { en: 'Only the district admin registers schools', 'zh-CN': '只有教育局管理员可以登记学校' },
  'membership.school.code-exists': { en: 'A school with code {code} already exists', 'zh-CN': '学校标识码为 {code} 的学校已存在' },
  'membership.school.code-registered': { en: 'code is already registered', 'zh-CN': '该学校标识码已登记' },
  'membership.school.update-forbidden': { en: 'Only the district admin or the school admin changes a school', 'zh-CN': '只有教育局管理员或本校管理员可以修改学校信息' },
  'membership.campus.create-forbidden': { en: 'Only the district admin or the school admin adds campuses', 'zh-CN': '只有教育局管理员或本校管理员可以添加校区' },
  'membership.campus.name-exists': { en: 'The school already has a campus named {name}', 'zh-CN': '本校已有名为“{name}”的校区' },
  'membership.campus.name-used': { en: 'name is already used', 'zh-CN': '该校区名称已被使用' },

  // alliances
  'membership.alliance.create-forbidden': { en: 'Only the district admin creates alliances', 'zh-CN': '只有教育局管理员可以创建联盟' },
  'membership.alliance.core-school-outside-district': { en: 'coreSchoolId must be a school of the district', 'zh-CN': '核心校必须是本区县的学校' },
  'membership.alliance.update-forbidden': { en: 'Only the alliance admin or the district admin changes an alliance', 'zh-CN': '只有联盟管理员或教育局管理员可以修改联盟' },
  'membership.alliance.activate-forbidden': { en: 'Only the district admin activates an alliance', 'zh-CN': '只有教育局管理员可以启用联盟' },
  'membership.alliance.dissolve-forbidden': { en: 'Only the district admin dissolves an alliance', 'zh-CN': '只有教育局管理员可以解散联盟' },
  'membership.alliance.leave-forbidden': { en: 'Only the school admin or the alliance admin takes a school out of an alliance', 'zh-CN': '只有本校管理员或联盟管理员可以办理学校退出联盟' },
  'membership.alliance.not-a-member': { en: 'The school is not an active member of this alliance', 'zh-CN': '该校不是本联盟的在册成员校' },
  'membership.alliance.role-not-allowed': { en: '{field} must be {memberRole} for a {allianceKind} alliance', 'zh-CN': '在{allianceKind}中，{field} 只能是{memberRole}' },
  'membership.alliance.status-forbids': { en: 'A {allianceStatus} alliance cannot {allianceAction}', 'zh-CN': '{allianceStatus}的联盟不能{allianceAction}' },
  'membership.alliance.closed-to-members': { en: 'A {allianceStatus} alliance cannot take new members', 'zh-CN': '{allianceStatus}的联盟不能接纳新成员' },
  'membership.alliance.dissolve-reason-missing': { en: 'reason must say why the alliance is dissolved', 'zh-CN': '请填写解散联盟的原因' },
  'membership.alliance.pairing-full': { en: 'This pairing already has its supported school', 'zh-CN': '该结对帮扶已有受援校' },
  'membership.alliance.founder-cannot-leave': { en: 'The {memberRole} school cannot leave its alliance; dissolve the alliance instead', 'zh-CN': '{memberRole}不能退出联盟；如需结束合作，请解散联盟' },
  'membership.alliance.integrated-elsewhere': { en: 'The school is already a member of another active integrated alliance (教联体)', 'zh-CN': '该校已是另一个运行中的教联体的成员校' },

  // join requests (invitations and applications)
  'membership.join-request.invite-forbidden': { en: 'Only the alliance admin invites schools', 'zh-CN': '只有联盟管理员可以邀请学校' },
  'membership.join-request.apply-forbidden': { en: "Only the school's admin applies for it", 'zh-CN': '只有本校管理员可以为本校申请加入' },
  'membership.join-request.school-outside-district': { en: "schoolId must be a school of the alliance's district", 'zh-CN': '学校必须属于联盟所在的区县' },
  'membership.join-request.already-member': { en: 'The school is already an active member of this alliance', 'zh-CN': '该校已是本联盟的成员校' },
  'membership.join-request.pending-exists': { en: 'A pending join request already exists for this school and alliance', 'zh-CN': '该校与本联盟之间已有待处理的加入申请' },
  'membership.join-request.decided': { en: 'The join request is already {joinRequestStatus}', 'zh-CN': '该加入申请已处理（{joinRequestStatus}）' },
  'membership.join-request.invitation-answer-forbidden': { en: "Only the invited school's admin may accept or decline an invitation", 'zh-CN': '只有受邀学校的管理员可以接受或拒绝邀请' },
  'membership.join-request.application-answer-forbidden': { en: 'Only the alliance admin may accept or decline an application', 'zh-CN': '只有联盟管理员可以接受或拒绝加入申请' },
  'membership.join-request.withdraw-forbidden': { en: 'Only the side that made the request may withdraw it', 'zh-CN': '只有发起方可以撤回该申请' },

  // users and role assignments
  'membership.role-holders.system-only': { en: 'Only the platform\'s own services ask who holds a role', 'zh-CN': '只有平台内部服务可以查询角色持有人' },
  'membership.user.create-forbidden': { en: 'Only the district admin or a school admin creates users', 'zh-CN': '只有教育局管理员或学校管理员可以创建用户' },
  'membership.user.update-forbidden': { en: 'Only the district admin changes users', 'zh-CN': '只有教育局管理员可以修改用户' },
  'membership.user.username-taken': { en: 'The username {username} is taken', 'zh-CN': '用户名 {username} 已被占用' },
  'membership.user.username-in-use': { en: 'username is taken', 'zh-CN': '该用户名已被占用' },
  'membership.role.platform-admin-has-no-district': { en: 'The platform admin holds no district roles', 'zh-CN': '平台管理员不能被授予区县内的角色' },
  'membership.role.already-held': { en: 'The user already holds this role', 'zh-CN': '该用户已拥有此角色' },
  'membership.role.platform-admin-managed': { en: 'The platform admin role is managed by the create-admin command', 'zh-CN': '平台管理员角色只能通过创建管理员的命令管理' },
  'membership.role.grant-forbidden': { en: 'Your role does not allow granting or revoking this role', 'zh-CN': '您的角色无权授予或撤销此角色' },
  'membership.role.alliance-required': { en: 'allianceId is required for alliance_admin', 'zh-CN': '授予联盟管理员角色时必须指定联盟' },
  'membership.role.alliance-not-allowed': { en: 'allianceId is only for alliance_admin', 'zh-CN': '只有联盟管理员角色需要指定联盟' },
  'membership.role.school-required': { en: 'schoolId is required for {role}', 'zh-CN': '授予{role}角色时必须指定学校' },
  'membership.role.school-not-allowed': { en: 'schoolId is only for school_admin and teacher', 'zh-CN': '只有学校管理员和教师角色需要指定学校' },
  'membership.role.alliance-outside-district': { en: "allianceId must be an alliance of the user's district", 'zh-CN': '联盟必须属于该用户所在的区县' },
  'membership.role.school-outside-district': { en: "schoolId must be a school of the user's district", 'zh-CN': '学校必须属于该用户所在的区县' },

  // sign-in and sessions (登录与会话)
  'membership.auth.bad-login': { en: 'The username or password is wrong', 'zh-CN': '用户名或密码错误' },
  'membership.auth.refresh-invalid': { en: 'The refresh token is not valid', 'zh-CN': '刷新令牌无效，请重新登录' },
  'membership.auth.refresh-revoked': { en: 'The refresh token is no longer valid; sign in again', 'zh-CN': '刷新令牌已失效，请重新登录' },
  'membership.auth.refresh-replayed': {
    en: 'The refresh token was already used; this session has been ended, sign in again',
    'zh-CN': '该刷新令牌已被使用过，此会话已结束，请重新登录',
  },
  'membership.auth.refresh-expired': { en: 'The refresh token has expired', 'zh-CN': '刷新令牌已过期，请重新登录' },
  'membership.auth.account-disabled': { en: 'The account is disabled', 'zh-CN': '该账号已停用' },
  'membership.auth.not-a-user': { en: 'The caller is not a user', 'zh-CN': '调用者不是用户账号' },

  // API clients (第三方应用) and their tokens
  'membership.api-client.manage-forbidden': { en: "Only the district admin manages the district's API clients", 'zh-CN': '只有教育局管理员可以管理本区县的第三方应用' },
  'membership.api-client.reach-empty': { en: 'reach must name the district or at least one alliance', 'zh-CN': '访问范围须包含本区县或至少一个联盟' },
  'membership.api-client.district-outside': { en: "reach.districtIds may only name the client's own district", 'zh-CN': '访问范围中的区县只能是该应用所属的区县' },
  'membership.api-client.alliance-outside': { en: "reach.allianceIds must be alliances of the client's district", 'zh-CN': '访问范围中的联盟必须属于该应用所属的区县' },
  'membership.api-client.revoked': { en: 'The API client is revoked', 'zh-CN': '该第三方应用已被吊销' },
  'membership.oauth.invalid-client': { en: 'Client authentication failed', 'zh-CN': '应用身份验证失败' },
  'membership.oauth.invalid-scope': { en: 'scope asks for scopes the client was not granted: {scopes}', 'zh-CN': '申请的权限范围超出了该应用获准的范围：{scopes}' },

  // charters and agreements (章程与协议)
  'membership.charter.manage-forbidden': { en: 'Only the alliance admin or the district admin drafts and sends charters and agreements', 'zh-CN': '只有联盟管理员或教育局管理员可以起草和发送章程与协议' },
  'membership.charter.kind-not-allowed': { en: 'kind {charterKind} does not fit a {allianceKind} alliance', 'zh-CN': '{allianceKind}不能使用“{charterKind}”类型的文件' },
  'membership.charter.alliance-closed': { en: 'A dissolved alliance takes no new charters or agreements', 'zh-CN': '已解散的联盟不能再起草章程与协议' },
  'membership.charter.status-forbids': { en: 'A {charterStatus} version cannot be {charterAction}', 'zh-CN': '{charterStatus}的版本不能{charterAction}' },
  'membership.charter.open-version-exists': { en: 'This document already has a draft or a version out for signing', 'zh-CN': '该文件已有草稿或签署中的版本' },
  'membership.charter.nothing-in-force': { en: 'An amendment is drafted from the version in force; this document has none', 'zh-CN': '修订须基于生效版本，该文件尚无生效版本' },
  'membership.charter.validity-order': { en: 'validTo must not be before validFrom', 'zh-CN': '有效期截止日期不能早于起始日期' },
  'membership.charter.incomplete': { en: '{field} is required before the version is sent for signing', 'zh-CN': '发送签署前必须填写 {field}' },
  'membership.charter.already-over': { en: 'validTo has passed: the version could never be in force', 'zh-CN': '有效期已过，该版本无法生效' },
  'membership.charter.duty-not-member': { en: 'duties names a school that is not an active member of the alliance', 'zh-CN': '职责中列出的学校不是本联盟的在册成员校' },
  'membership.charter.duty-repeated': { en: 'duties names a school twice', 'zh-CN': '职责中同一所学校出现了两次' },
  'membership.charter.sign-forbidden': { en: "Only the school's own school admin signs for it", 'zh-CN': '只有本校的学校管理员可以代表本校签署' },
  'membership.charter.not-a-signer': { en: 'The school was not a member when the version was sent and does not sign it', 'zh-CN': '该校在发送签署时不是成员校，无需签署此版本' },
  'membership.charter.already-signed': { en: 'The school has already signed this version', 'zh-CN': '该校已签署此版本' },
  'membership.charter.no-file': { en: 'The version has no file', 'zh-CN': '该版本没有附件' },
  'membership.charter.altered': { en: 'The stored version no longer matches what was sent for signing; withdraw it and send it again', 'zh-CN': '该版本的存储内容与发送签署时不一致，请撤回后重新发送' },
  'membership.charter.no-members': { en: 'The alliance has no active member school to sign', 'zh-CN': '联盟没有可签署的在册成员校' },

  // audit log
  'membership.audit.read-forbidden': { en: 'Only district admins read the audit log', 'zh-CN': '只有教育局管理员可以查看审计日志' },

  // school profiles, the needs survey and pairing suggestions (学校画像、调研与结对推荐)
  'membership.profile-tag.manage-forbidden': { en: "Only the district admin manages the district's profile tags", 'zh-CN': '只有教育局管理员可以管理本区县的画像标签' },
  'membership.profile-tag.code-exists': { en: 'The district already has a tag with code {code}', 'zh-CN': '本区县已有代码为 {code} 的标签' },
  'membership.profile-round.manage-forbidden': { en: 'Only the district admin opens and closes profile rounds', 'zh-CN': '只有教育局管理员可以发起和结束画像调研' },
  'membership.profile-round.exists': { en: 'The district already has a profile round for term {term}', 'zh-CN': '本区县已发起 {term} 学期的画像调研' },
  'membership.profile-round.deadline-past': { en: 'deadline must be in the future', 'zh-CN': '截止时间必须晚于当前时间' },
  'membership.profile-round.closed': { en: 'The profile round is closed; profiles can no longer change', 'zh-CN': '该画像调研已结束，画像不能再修改' },
  'membership.profile.submit-forbidden': { en: "Only the school's admin or the district admin fills in a school's profile", 'zh-CN': '只有本校管理员或教育局管理员可以填写学校画像' },
  'membership.profile.school-outside-district': { en: "schoolId must be a school of the round's district", 'zh-CN': '学校必须属于调研所在的区县' },
  'membership.profile.tag-unknown': { en: '{field} must be a current tag of the district', 'zh-CN': '{field} 必须是本区县正在使用的画像标签' },
  'membership.profile.tag-category': { en: '{field} must be a facility or speciality tag', 'zh-CN': '{field} 必须是场地设施或办学特色类标签' },
  'membership.profile.tag-repeated': { en: '{field} names a tag already in the list', 'zh-CN': '{field} 与列表中的标签重复' },
  'membership.pairing.forbidden': { en: 'Only the district admin asks for and accepts pairing suggestions', 'zh-CN': '只有教育局管理员可以查看和采纳结对推荐' },
  'membership.pairing.not-a-suggestion': {
    en: 'The two schools are not a possible pairing for these profiles (no need met, beyond the travel limit, or already paired)',
    'zh-CN': '按本学期画像，这两所学校不构成可推荐的结对（没有可满足的需求、超出距离上限或已结对）',
  },
  'membership.pairing.solver-failed': { en: 'The pairing model could not be solved ({status})', 'zh-CN': '结对推荐模型求解失败（{status}）' },
  'membership.road-distance.same-school': { en: 'schoolBId must differ from schoolAId', 'zh-CN': '两所学校不能相同' },
  'membership.road-distance.school-outside-district': { en: '{field} must be a school of the district', 'zh-CN': '{field} 必须是本区县的学校' },
  'membership.profile-round.due-system-only': { en: "Only the platform's own services ask which profile rounds are due", 'zh-CN': '只有平台内部服务可以查询即将截止的画像调研' },
  // alliances across districts (跨区域合作)
  'membership.join-request.no-approval-needed': { en: 'A join request within one district needs no district approval', 'zh-CN': '同一区县内的加入申请无需教育局审批' },
  'membership.join-request.approval-forbidden': {
    en: "Only the admin of the alliance's district or of the school's district approves a join request across districts",
    'zh-CN': '只有联盟所在区县或该校所在区县的教育局管理员可以审批跨区县加入申请',
  },
  'membership.join-request.approval-decided': { en: 'Your district has already decided on this join request', 'zh-CN': '本区县已审批过该加入申请' },
  'membership.join-request.answered': {
    en: "The join request has been accepted and waits for the districts' approval",
    'zh-CN': '该加入申请已被接受，正等待两地教育局审批',
  },
  // alliance organisation: bodies (理事会、工作组、工作室……) and their members
  'membership.body.manage-forbidden': { en: "Only the alliance admin or the district admin manages the alliance's organisation", 'zh-CN': '只有联盟管理员或教育局管理员可以管理联盟组织机构' },
  'membership.body.alliance-dissolved': { en: 'A dissolved alliance gets no new bodies or members', 'zh-CN': '已解散的联盟不能再设立机构或增加成员' },
  'membership.body.dissolved': { en: 'The body is dissolved', 'zh-CN': '该机构已撤销' },
  'membership.body.category-required': { en: 'category must say which kind of {bodyKind} this is', 'zh-CN': '请选择{bodyKind}的类别' },
  'membership.body.category-not-allowed': { en: 'category must be one of the kinds of {bodyKind}', 'zh-CN': '该类别不适用于{bodyKind}' },
  'membership.body.subject-required': { en: 'subject is required for this body', 'zh-CN': '该机构须填写学科' },
  'membership.body.subject-not-allowed': { en: 'subject is only for subject centres and studios', 'zh-CN': '只有学科中心组和工作室可以填写学科' },
  'membership.body.parent-not-found': { en: 'parentId must be a current body of the same alliance', 'zh-CN': '上级机构必须是本联盟现有的机构' },
  'membership.body.parent-cycle': { en: 'parentId cannot be the body itself or one of the bodies under it', 'zh-CN': '上级机构不能是本机构或其下级机构' },
  'membership.body.single-kind-exists': { en: 'The alliance already has a {bodyKind}', 'zh-CN': '本联盟已设有{bodyKind}' },
  'membership.body.school-not-member': { en: 'schoolId must be a current member school of the alliance', 'zh-CN': '所选学校必须是本联盟的在册成员校' },
  'membership.body.user-not-at-school': { en: 'userId must be a teacher or school admin of the chosen school', 'zh-CN': '所选人员必须是该校的教师或学校管理员' },
  'membership.body.term-invalid': { en: 'termTo must not be before termFrom', 'zh-CN': '任期结束日期不能早于开始日期' },
  'membership.body.term-too-long': { en: 'A term lasts at most {years} years', 'zh-CN': '任期最长 {years} 年' },
  'membership.body.already-member': { en: 'The person already sits in this body; end that membership first', 'zh-CN': '此人已是该机构的在任成员，请先结束原任期' },
  'membership.body.leader-exists': { en: 'The body already has a current leader ({name}); end that membership first', 'zh-CN': '该机构已有在任组长（{name}），请先结束其任期' },
  'membership.body.member-ended': { en: 'This membership has already ended', 'zh-CN': '该成员任期已结束' },
  'membership.body.end-before-start': { en: 'endedOn must not be before the first day of the term', 'zh-CN': '结束日期不能早于任期开始日期' },
  // teachers as users: first-login password change and roster teacher accounts
  'membership.password.current-wrong': { en: 'currentPassword is wrong', 'zh-CN': '当前密码不正确' },
  'membership.password.unchanged': { en: 'newPassword must differ from the current password', 'zh-CN': '新密码不能与当前密码相同' },
  'membership.password.too-weak': {
    en: 'newPassword needs at least {kinds} of: lower-case letters, upper-case letters, digits, other characters',
    'zh-CN': '新密码须包含小写字母、大写字母、数字、其他字符中的至少 {kinds} 类',
  },
  'membership.teacher-account.forbidden': { en: 'Only the school\'s admin or the district admin may create accounts for its teachers', 'zh-CN': '只有本校管理员或教育局管理员可以为本校教师开通账号' },
  'membership.teacher-account.link-system-only': { en: 'Only the platform itself links existing accounts to roster teachers', 'zh-CN': '只有平台自身可以将已有账号关联到教师名册' },
  'membership.teacher-account.username-taken': {
    en: 'Row {row}: the username {username} is taken by another account', 'zh-CN': '第 {row} 行：用户名 {username} 已被其他账号占用',
  },
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values membership's messages name, by parameter. */
export const MEMBERSHIP_PARAM_NAMES = {
  allianceStatus: { draft: '筹建中', active: '运行中', dissolved: '已解散' } satisfies Record<AllianceStatus, string>,
  allianceKind: { pairing: '结对帮扶', alliance: '教育联盟', integrated: '教联体' } satisfies Record<AllianceKind, string>,
  memberRole: { core: '核心校', member: '成员校', supporting: '支援校', supported: '受援校' } satisfies Record<MemberRole, string>,
  allianceAction: { update: '修改', activate: '启用', dissolve: '解散', invite: '邀请学校', apply: '接受加入申请', leave: '办理学校退出' },
  joinRequestStatus: { pending: '待处理', accepted: '已接受', declined: '已拒绝', withdrawn: '已撤回' } satisfies Record<JoinRequestStatus, string>,
  bodyKind: {
    council: '理事会', secretariat: '秘书处', leadership_group: '领导小组', working_group: '工作组', subject_centre: '学科中心组', studio: '工作室',
  } satisfies Record<BodyKind, string>,
  role: { platform_admin: '平台管理员', district_admin: '教育局管理员', alliance_admin: '联盟管理员', school_admin: '学校管理员', teacher: '教师' },
  // charters and agreements (章程与协议)
  charterKind: { charter: '章程', cooperation_agreement: '合作协议', pairing_agreement: '帮扶协议' } satisfies Record<CharterKind, string>,
  charterStatus: { draft: '草稿', signing: '签署中', in_force: '已生效', superseded: '已被取代', expired: '已到期' } satisfies Record<CharterVersionStatus, string>,
  charterAction: { edit: '修改', send: '发送签署', withdraw: '撤回', sign: '签署', amend: '修订' },
} as const satisfies Record<string, Record<string, string>>;
