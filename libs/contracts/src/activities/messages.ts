import type { MessageTemplates } from '../common/messages.js';
import type { ArchiveStatus } from './archives.dto.js';
import type { EvidenceLinkKind, PlanAction, PlanLevel, PlanStatus } from './plans.dto.js';

/** The activities service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const ACTIVITIES_MESSAGES = {
  // activities (联盟活动): scheduling, changes, cancellation
  'activities.activity.ends-before-start': { en: 'endsAt must be after startsAt', 'zh-CN': '结束时间必须晚于开始时间' },
  'activities.activity.too-long': { en: 'an activity lasts at most {maxDays} days', 'zh-CN': '一次活动最长 {maxDays} 天' },
  'activities.recurrence.until-or-count': { en: 'recurrence needs either until or count, not both', 'zh-CN': '重复规则须指定截止日期或次数，且只能二选一' },
  'activities.recurrence.overlapping': { en: 'an occurrence must end before the next one starts', 'zh-CN': '每次活动必须在下一次开始前结束' },
  'activities.recurrence.until-too-early': { en: 'until must not be before the first occurrence', 'zh-CN': '截止日期不能早于第一次活动' },
  'activities.recurrence.too-long': { en: 'a series runs for at most two years', 'zh-CN': '重复活动最长持续两年' },
  'activities.place.school-required': { en: 'place.schoolId is required for a school', 'zh-CN': '在学校举办的活动须指定学校' },
  'activities.place.facility-required': { en: 'place.facilityName is required for a facility', 'zh-CN': '在场馆举办的活动须填写场馆名称' },
  'activities.place.url-required': { en: 'place.url is required for an online activity', 'zh-CN': '线上活动须填写链接' },
  'activities.place.school-not-member': { en: 'place.schoolId must be an active member school of the alliance', 'zh-CN': '活动地点的学校必须是本联盟的成员校' },
  'activities.audience.missing': { en: 'name at least one audience: teachers, students of some grades, or parents', 'zh-CN': '请至少选择一类参加对象：教师、某些年级的学生或家长' },
  'activities.activity.schedule-forbidden': { en: "Only the alliance admin or the organising school's admin schedules an activity", 'zh-CN': '只有联盟管理员或承办学校的管理员可以安排活动' },
  'activities.activity.alliance-not-active': { en: 'Activities are scheduled only in an active alliance', 'zh-CN': '只有运行中的联盟可以安排活动' },
  'activities.activity.organiser-not-member': { en: 'organiserSchoolId must be an active member school of the alliance', 'zh-CN': '承办学校必须是本联盟的成员校' },
  'activities.activity.update-forbidden': { en: "Only the alliance admin or the organising school's admin changes an activity", 'zh-CN': '只有联盟管理员或承办学校的管理员可以修改活动' },
  'activities.activity.cancelled-unchangeable': { en: 'A cancelled activity cannot be changed', 'zh-CN': '已取消的活动不能修改' },
  'activities.activity.cancel-forbidden': { en: "Only the alliance admin or the organising school's admin cancels an activity", 'zh-CN': '只有联盟管理员或承办学校的管理员可以取消活动' },
  'activities.activity.already-cancelled': { en: 'The activity is cancelled already', 'zh-CN': '该活动已取消' },
  'activities.activity.registrations-on-dropped': {
    en: 'Participants are registered for {count} occurrence(s) the new schedule drops; cancel those registrations first',
    'zh-CN': '新的安排取消了 {count} 次已有人报名的活动，请先取消这些报名',
  },
  'activities.occurrence.cancel-forbidden': { en: "Only the alliance admin or the organising school's admin cancels an occurrence", 'zh-CN': '只有联盟管理员或承办学校的管理员可以取消某一次活动' },
  'activities.occurrence.one-off': { en: 'A one-off activity is cancelled as a whole: cancel the activity instead', 'zh-CN': '单次活动只能整体取消，请取消整个活动' },
  'activities.occurrence.unknown': { en: 'occurrenceStart is not an occurrence of this activity', 'zh-CN': '该活动在这个时间没有安排' },
  'activities.occurrence.started': { en: 'This occurrence has started already; only coming occurrences are cancelled', 'zh-CN': '这次活动已经开始，只能取消尚未开始的活动' },
  'activities.occurrence.already-cancelled': { en: 'This occurrence is cancelled already', 'zh-CN': '这次活动已取消' },
  'activities.range.to-before-from': { en: 'to must be after from', 'zh-CN': '结束日期必须晚于开始日期' },
  'activities.range.too-long': { en: 'a range spans at most {maxDays} days', 'zh-CN': '查询范围最长 {maxDays} 天' },
  'activities.range.too-many': { en: 'too many occurrences in this range: narrow it or filter by alliance', 'zh-CN': '该范围内的活动太多，请缩小范围或按联盟筛选' },

  // registrations (报名) and check-in (签到)
  'activities.registration.register-forbidden': { en: 'You may register participants of your own school only (teachers: themselves)', 'zh-CN': '只能为本校人员报名（教师只能为自己报名）' },
  'activities.registration.activity-cancelled': { en: 'The activity is cancelled', 'zh-CN': '该活动已取消' },
  'activities.registration.occurrence-over': { en: 'This occurrence is over; registration is closed', 'zh-CN': '这次活动已结束，报名已关闭' },
  'activities.registration.school-not-member': { en: 'schoolId must be an active member school of the alliance', 'zh-CN': '报名学校必须是本联盟的成员校' },
  'activities.registration.occurrence-cancelled': { en: 'This occurrence is cancelled; registration is closed', 'zh-CN': '这次活动已取消，报名已关闭' },
  'activities.registration.cancel-forbidden': { en: "Only the school's admin, the organiser or whoever registered cancels a registration", 'zh-CN': '只有本校管理员、承办方或报名人可以取消报名' },
  'activities.registration.already-cancelled': { en: 'The registration is cancelled already', 'zh-CN': '该报名已取消' },
  'activities.registration.checked-in-uncancellable': { en: 'The participant has checked in; the registration cannot be cancelled', 'zh-CN': '参加人已签到，报名不能取消' },
  'activities.registration.check-in-forbidden': { en: "Only the organiser or the participant's school admin checks a participant in", 'zh-CN': '只有承办方或参加人所在学校的管理员可以办理签到' },
  'activities.registration.cancelled': { en: 'The registration is cancelled', 'zh-CN': '该报名已取消' },
  'activities.registration.already-checked-in': { en: 'The participant has checked in already', 'zh-CN': '参加人已签到' },
  'activities.registration.check-in-not-open': { en: 'Check-in opens on the day of the activity', 'zh-CN': '活动当天才能签到' },
  'activities.registration.closed-to-teachers': { en: 'this activity is not open to teachers', 'zh-CN': '该活动不面向教师' },
  'activities.registration.closed-to-parents': { en: 'this activity is not open to parents', 'zh-CN': '该活动不面向家长' },
  'activities.registration.closed-to-students': { en: 'this activity is not open to students', 'zh-CN': '该活动不面向学生' },
  'activities.registration.grade-not-admitted': { en: 'this activity is open to students of grades {grades}', 'zh-CN': '该活动只面向以下年级的学生：{grades}' },
  'activities.registration.places-taken': { en: "The school's {capacity} places for this occurrence are taken", 'zh-CN': '本校这次活动的 {capacity} 个名额已满' },

  // minutes (会议纪要) and action items (待办事项)
  'activities.minutes.edit-forbidden': { en: "Only the alliance admin or the organising school's admin keeps the minutes", 'zh-CN': '只有联盟管理员或承办学校的管理员可以记录会议纪要' },
  'activities.minutes.unknown-item': { en: 'actionItems.id must be an item of these minutes', 'zh-CN': '待办事项必须属于这份会议纪要' },
  'activities.minutes.owner-not-member': { en: 'ownerSchoolId must be a member school of the alliance', 'zh-CN': '负责学校必须是本联盟的成员校' },
  'activities.action-item.mark-forbidden': { en: "Only the owner, the owner school's admin or the organiser marks an action item", 'zh-CN': '只有负责人、负责学校的管理员或承办方可以标记待办事项' },
  'activities.action-item.already-done': { en: 'The action item is done already', 'zh-CN': '该待办事项已完成' },
  'activities.action-item.not-done': { en: 'The action item is not done', 'zh-CN': '该待办事项尚未完成' },

  // work plans (学期工作计划) and target tasks (目标任务)
  'activities.plan.term-invalid': { en: 'term must be a school term such as 2026-2027-1', 'zh-CN': '学期格式应为 2026-2027-1 这样的学年学期' },
  'activities.plan.school-not-member': { en: 'schoolId must be an active member school of the alliance', 'zh-CN': '计划所属学校必须是本联盟的成员校' },
  'activities.plan.create-forbidden': {
    en: "Only the alliance admin writes the alliance plan; a school plan is written by the school's admin or the alliance admin",
    'zh-CN': '联盟计划由联盟管理员制定；学校计划由本校管理员或联盟管理员制定',
  },
  'activities.plan.exists': { en: 'There is a plan for this {planLevel} in term {term} already', 'zh-CN': '该{planLevel}在 {term} 学期已有工作计划' },
  'activities.plan.edit-forbidden': { en: 'You may read this plan but not change it', 'zh-CN': '您可以查看此计划，但无权修改' },
  'activities.plan.review-forbidden': {
    en: 'A school plan is reviewed by the alliance admin, an alliance plan by the district admin',
    'zh-CN': '学校计划由联盟管理员审核，联盟计划由教育局管理员审核',
  },
  'activities.plan.report-forbidden': {
    en: "Progress is reported by the milestone's owner, the plan's owner or those who write the plan",
    'zh-CN': '只有里程碑负责人、计划负责人或计划制定者可以填报进展',
  },
  'activities.plan.illegal-transition': { en: 'A {planStatus} plan cannot take the action {planAction}', 'zh-CN': '处于“{planStatus}”状态的计划不能执行“{planAction}”' },
  'activities.plan.not-draft': { en: 'Only a draft plan is changed; this one is {planStatus}', 'zh-CN': '只有草稿状态的计划可以修改，此计划为“{planStatus}”' },
  'activities.plan.not-approved': { en: 'Progress and assessment need an approved plan; this one is {planStatus}', 'zh-CN': '计划审核通过后才能填报进展和评估，此计划为“{planStatus}”' },
  'activities.plan.empty': { en: 'A plan needs at least one target with a milestone before it is submitted', 'zh-CN': '计划至少要有一项目标任务及其里程碑才能提交' },
  'activities.plan.target-without-milestone': { en: 'Target "{title}" has no milestone', 'zh-CN': '目标任务“{title}”还没有里程碑' },
  'activities.plan.unassessed': { en: '{count} target(s) are not assessed yet; assess every target before closing', 'zh-CN': '还有 {count} 项目标任务未评估，全部评估后才能结项' },
  'activities.plan.return-comment': { en: 'Say why the plan is returned', 'zh-CN': '退回计划时请说明原因' },
  'activities.plan.due-outside-term': { en: 'dueOn must fall within term {term} ({from} to {to})', 'zh-CN': '截止日期须在 {term} 学期内（{from} 至 {to}）' },
  'activities.plan.reported-in-future': { en: 'reportedOn must not be after today', 'zh-CN': '进展日期不能晚于今天' },
  'activities.plan.done-needs-100': { en: 'A done milestone is at 100 percent', 'zh-CN': '已完成的里程碑进度应为 100%' },
  'activities.plan.evidence-not-found': { en: 'no {evidenceKind} with this id is visible to you', 'zh-CN': '未找到该{evidenceKind}，或您无权查看' },
  'activities.term-facts.forbidden': { en: "Term facts are answered for the district's admins and the platform", 'zh-CN': '只有教育局管理员和平台可以查询学期数据' },

  // briefings (工作简报/季度通报) and the semester archive (学期归档)
  'activities.briefing.district-required': { en: 'districtId is required for a district briefing or archive', 'zh-CN': '区县范围的简报或归档须指定区县' },
  'activities.briefing.alliance-required': { en: 'allianceId is required for an alliance briefing or archive', 'zh-CN': '联盟范围的简报或归档须指定联盟' },
  'activities.briefing.period-one': { en: 'give exactly one period: a quarter, a term, or from and to', 'zh-CN': '请只指定一种期间：季度、学期，或起止日期' },
  'activities.briefing.period-order': { en: 'to must not be before from', 'zh-CN': '结束日期不能早于开始日期' },
  'activities.briefing.period-too-long': { en: 'a briefing covers at most {maxDays} days', 'zh-CN': '简报期间最长 {maxDays} 天' },
  'activities.briefing.period-in-future': { en: 'the period must have begun', 'zh-CN': '简报期间尚未开始' },
  'activities.briefing.forbidden': {
    en: 'A district briefing or archive is made by the district admin, an alliance one by the alliance admin',
    'zh-CN': '区县简报和归档由教育局管理员生成，联盟简报和归档由联盟管理员生成',
  },
  'activities.archive.running': { en: 'The archive of this term is being built already', 'zh-CN': '该学期的归档正在生成中' },
  'activities.archive.not-ready': { en: 'The archive is not built yet ({archiveStatus})', 'zh-CN': '归档尚未生成完成（{archiveStatus}）' },

  // calendar feeds (日历订阅)
  'activities.calendar.users-only': { en: 'Only signed-in users have calendar feeds', 'zh-CN': '只有登录用户才有日历订阅' },

  // plans owned by an alliance body (membership's organisation)
  'activities.plan.body-not-found': { en: "bodyId must be a current body of the plan's alliance", 'zh-CN': '负责机构必须是本联盟现有的机构' },

  // activities run by an alliance body (membership's organisation)
  'activities.activity.body-not-found': { en: "bodyId must be a current body of the activity's alliance", 'zh-CN': '承办机构必须是本联盟现有的机构' },
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values activities's messages name, by parameter. */
export const ACTIVITIES_PARAM_NAMES = {
  planStatus: { draft: '草稿', submitted: '已提交', approved: '已批准', closed: '已结项' } satisfies Record<PlanStatus, string>,
  planAction: { submit: '提交', approve: '批准', return: '退回', close: '结项' } satisfies Record<PlanAction, string>,
  planLevel: { alliance: '联盟', school: '学校' } satisfies Record<PlanLevel, string>,
  evidenceKind: { activity: '活动', placement: '交流安排', resource: '教学资源', exam: '考试' } satisfies Record<EvidenceLinkKind, string>,
  archiveStatus: { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' } satisfies Record<ArchiveStatus, string>,
} as const satisfies Record<string, Record<string, string>>;
