import type { MessageTemplates } from '../common/messages.js';
import { TEACHER_SUBJECTS, type PlacementStatus } from './enums.js';

/** The teacher-exchange service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const TEACHER_EXCHANGE_MESSAGES = {
  // teachers and the roster import (教师名册导入); a row error's field is the template's Chinese column
  'exchange.teacher.manage-forbidden': { en: "Only the school admin or the district admin manages a school's teachers", 'zh-CN': '只有本校管理员或教育局管理员可以管理学校的教师' },
  'exchange.teacher.update-forbidden': { en: 'Only the school admin or the district admin changes a teacher', 'zh-CN': '只有本校管理员或教育局管理员可以修改教师信息' },
  'exchange.teacher.staff-no-taken': { en: 'Staff number {staffNo} is already used at this school', 'zh-CN': '工号“{staffNo}”在本校已被使用' },
  'exchange.teacher.staff-no-in-use': { en: '{field} is already used at this school', 'zh-CN': '该工号在本校已被使用' },
  'exchange.teacher-import.too-many-rows': { en: 'A file may hold at most {max} teachers', 'zh-CN': '一个文件最多导入 {max} 名教师' },
  'exchange.teacher-import.staff-no-required': { en: 'staff number is required', 'zh-CN': '工号不能为空' },
  'exchange.teacher-import.staff-no-format': {
    en: 'the staff number {staffNo} may only hold letters, digits, - and _, at most 32 of them',
    'zh-CN': '工号“{staffNo}”只能包含字母、数字、- 和 _，最长 32 位',
  },
  'exchange.teacher-import.name-required': { en: 'name is required', 'zh-CN': '姓名不能为空' },
  'exchange.teacher-import.name-too-long': { en: 'the name is longer than {max} characters', 'zh-CN': '姓名最长 {max} 个字' },
  'exchange.teacher-import.gender-invalid': { en: 'the gender {cell} must be 男 or 女 (male or female)', 'zh-CN': '性别“{cell}”应为 男 或 女' },
  'exchange.teacher-import.subjects-required': { en: 'at least one subject is required', 'zh-CN': '任教学科不能为空' },
  'exchange.teacher-import.subject-unknown': { en: 'unknown subject {cell}', 'zh-CN': '未知学科“{cell}”' },
  'exchange.teacher-import.too-many-subjects': { en: 'at most {max} subjects', 'zh-CN': '任教学科最多 {max} 门' },
  'exchange.teacher-import.title-invalid': {
    en: 'the title {cell} must be one of 正高级, 高级, 一级, 二级, 三级 or 未定级',
    'zh-CN': '职称“{cell}”应为 正高级、高级、一级、二级、三级 或 未定级',
  },
  'exchange.teacher-import.rank-invalid': { en: 'the backbone rank {cell} must be 无, 骨干教师 or 学科带头人', 'zh-CN': '骨干级别“{cell}”应为 无、骨干教师 或 学科带头人' },
  'exchange.teacher-import.middle-manager-invalid': { en: 'middle manager {cell} must be 是 or 否 (yes or no)', 'zh-CN': '是否中层“{cell}”应为 是 或 否' },
  'exchange.teacher-import.staff-no-repeated': { en: 'duplicate staff number {staffNo}: also in row {firstRow}', 'zh-CN': '工号“{staffNo}”与第 {firstRow} 行重复' },
  'exchange.teacher-import.staff-no-conflict': {
    en: 'conflict: row {firstRow} gives the staff number {staffNo} to {firstName}, this row to {name}',
    'zh-CN': '工号“{staffNo}”在第 {firstRow} 行是“{firstName}”，本行是“{name}”',
  },
  'exchange.teacher-import.staff-no-stored': {
    en: 'conflict: the staff number {staffNo} belongs to {storedName} on the roster, this row names {name}',
    'zh-CN': '工号“{staffNo}”已是本校教师“{storedName}”，本行是“{name}”',
  },

  // placements (交流安排)
  'exchange.placement.propose-forbidden': { en: 'Only the home school admin, the alliance admin or the district admin proposes a placement', 'zh-CN': '只有派出校管理员、联盟管理员或教育局管理员可以提出交流安排' },
  'exchange.placement.overlap': { en: 'The teacher already has an approved or active placement in this period', 'zh-CN': '该教师在此期间已有已批准或进行中的交流安排' },
  'exchange.placement.overlap-field': { en: 'overlaps another approved or active placement of this teacher', 'zh-CN': '与该教师另一项已批准或进行中的交流安排时间重叠' },
  'exchange.placement.no-shared-alliance': { en: 'The home school and every host school must be active members of one active alliance', 'zh-CN': '派出校和每所接收校必须同属一个运行中的联盟' },
  'exchange.placement.not-in-alliance': { en: 'The home school and the host schools are not all active members of this alliance', 'zh-CN': '派出校和接收校并非都是该联盟的成员校' },
  'exchange.placement.alliance-ambiguous': { en: 'The schools share several alliances; name the one this placement runs under', 'zh-CN': '这些学校同属多个联盟，请指明此交流安排所属的联盟' },
  'exchange.placement.home-approves-first': { en: 'The home school approves first', 'zh-CN': '须由派出校先审批' },
  'exchange.placement.approve-forbidden': { en: 'Only the admin of a host school that has not approved yet approves now', 'zh-CN': '只有尚未审批的接收校管理员可以审批' },
  'exchange.placement.reject-forbidden': { en: 'Only a school whose approval is pending rejects', 'zh-CN': '只有待审批的学校可以驳回' },
  'exchange.placement.activate-forbidden': { en: 'Only the alliance admin activates a placement early', 'zh-CN': '只有联盟管理员可以提前启动交流安排' },
  'exchange.placement.complete-forbidden': { en: 'Only the alliance admin or the home school admin completes a placement', 'zh-CN': '只有联盟管理员或派出校管理员可以结束交流安排' },
  'exchange.placement.cancel-forbidden': { en: 'Only the proposer or the alliance admin cancels a placement', 'zh-CN': '只有提出人或联盟管理员可以取消交流安排' },
  'exchange.placement.cannot-approve': { en: 'A placement that is {placementStatus} cannot be approved', 'zh-CN': '{placementStatus}的交流安排不能审批' },
  'exchange.placement.cannot-reject': { en: 'A placement that is {placementStatus} cannot be rejected', 'zh-CN': '{placementStatus}的交流安排不能驳回' },
  'exchange.placement.cannot-activate': { en: 'A placement that is {placementStatus} cannot be activated', 'zh-CN': '{placementStatus}的交流安排不能启动' },
  'exchange.placement.cannot-complete': { en: 'A placement that is {placementStatus} cannot be completed', 'zh-CN': '{placementStatus}的交流安排不能结束' },
  'exchange.placement.cannot-cancel': { en: 'A placement that is {placementStatus} cannot be cancelled', 'zh-CN': '{placementStatus}的交流安排不能取消' },
  'exchange.placement.ends-before-start': { en: 'endsOn must be on or after startsOn', 'zh-CN': '结束日期不能早于开始日期' },
  'exchange.placement.host-is-home': { en: "a host school must differ from the teacher's home school", 'zh-CN': '接收校不能是该教师的派出校' },
  'exchange.placement.host-repeated': { en: 'each host school may appear once', 'zh-CN': '每所接收校只能出现一次' },
  'exchange.placement.periods-required': { en: 'itinerant placements need weekly periods at every host school', 'zh-CN': '走教须填写在每所接收校的每周课时' },
  'exchange.placement.periods-not-allowed': { en: 'weekly periods apply to itinerant placements only', 'zh-CN': '只有走教需要填写每周课时' },
  'exchange.placement.observation-too-long': { en: 'an observation lasts at most a month', 'zh-CN': '观摩最长一个月' },

  // exchange quotas (交流指标)
  'exchange.quota.max-below-min': { en: 'max must be at least min', 'zh-CN': '上限不能小于下限' },
  'exchange.quota.set-forbidden': { en: 'Only the alliance admin or the district admin sets exchange quotas', 'zh-CN': '只有联盟管理员或教育局管理员可以设置交流指标' },

  // itinerant timetable (走教课表)
  'exchange.timetable.teacher-or-school': { en: 'Give either teacherId or schoolId', 'zh-CN': '请指定教师或学校（二选一）' },
  'exchange.timetable.closed': { en: 'The timetable of a {placementStatus} placement is closed', 'zh-CN': '{placementStatus}的交流安排不能再修改课表' },
  'exchange.timetable.school-not-host': { en: "schoolId must be one of the placement's host schools", 'zh-CN': '上课学校必须是该交流安排的接收校之一' },
  'exchange.timetable.slot-edit-forbidden': { en: "Only the home school's admin or this host school's admin edits this slot", 'zh-CN': '只有派出校或该接收校的管理员可以修改这节课' },
  'exchange.timetable.edit-forbidden': { en: "Only the home or a host school's admin edits the timetable", 'zh-CN': '只有派出校或接收校的管理员可以修改课表' },
  'exchange.timetable.clash': { en: 'The teacher already has a lesson at that time', 'zh-CN': '该教师在这个时间已有课' },
  'exchange.timetable.clash-field': { en: 'clashes with another lesson of the teacher', 'zh-CN': '与该教师的另一节课时间冲突' },
  'exchange.timetable.clash-with': {
    en: 'The teacher already has a lesson then: {weekday} {startsAt}–{endsAt} {teacherSubject} at {schoolName} (slot {slotId})',
    'zh-CN': '该教师这个时间已有课：{weekday} {startsAt}–{endsAt} 在{schoolName}上{teacherSubject}（课节 {slotId}）',
  },
  'exchange.timetable.clash-with-field': {
    en: 'clashes with {weekday} {startsAt}–{endsAt} {teacherSubject} at {schoolName} (slot {slotId})',
    'zh-CN': '与{weekday} {startsAt}–{endsAt} 在{schoolName}的{teacherSubject}课冲突（课节 {slotId}）',
  },
  'exchange.slot.ends-before-start': { en: 'endsAt must be after startsAt', 'zh-CN': '下课时间必须晚于上课时间' },
  'exchange.slot.too-long': { en: 'a slot lasts at most 4 hours', 'zh-CN': '一节课最长 4 小时' },
  'exchange.term-facts.term-invalid': {
    en: 'term must be a school year and term such as 2026-2027-1 (the second year follows the first)',
    'zh-CN': '学期须写成学年加学期，例如 2026-2027-1（后一年须紧接前一年）',
  },
  'exchange.term-facts.forbidden': { en: "Term facts are answered for the district's admins and the platform", 'zh-CN': '只有教育局管理员和平台可以查询学期数据' },

  // mentorship (师徒结对)
  'exchange.mentorship.same-teacher': { en: 'the apprentice must be another teacher than the mentor', 'zh-CN': '徒弟不能与师傅是同一位教师' },
  'exchange.mentorship.no-shared-alliance': { en: "the two teachers' schools must be active members of one active alliance", 'zh-CN': '师徒双方的学校必须同属一个运行中的联盟' },
  'exchange.mentorship.not-in-alliance': { en: "the two teachers' schools are not both members of this alliance", 'zh-CN': '师徒双方的学校并非都是该联盟的成员校' },
  'exchange.mentorship.alliance-ambiguous': { en: 'the schools share several alliances; name the one this pair runs under', 'zh-CN': '两校同属多个联盟，请指明结对所属的联盟' },
  'exchange.mentorship.term-invalid': { en: 'term must be a school year and term such as 2026-2027-1', 'zh-CN': '学期须写成学年加学期，例如 2026-2027-1' },
  'exchange.mentorship.teacher-not-found': { en: 'no such teacher visible to you', 'zh-CN': '找不到该教师，或您无权查看' },
  'exchange.mentorship.duplicate': { en: 'These two teachers already have an active pair in this term', 'zh-CN': '这两位教师本学期已有进行中的师徒结对' },
  'exchange.mentorship.duplicate-field': { en: 'already paired with this mentor in this term', 'zh-CN': '本学期已与该师傅结对' },
  'exchange.mentorship.manage-forbidden': { en: "Only the admins of the two teachers' schools, the alliance admin or the district admin manage a pair", 'zh-CN': '只有师徒所在学校的管理员、联盟管理员或教育局管理员可以管理师徒结对' },
  'exchange.mentorship.record-forbidden': { en: "Only the admins of the two teachers' schools record lessons and comments", 'zh-CN': '只有师徒所在学校的管理员可以登记课例和评语' },
  'exchange.mentorship.closed': { en: 'The pair is closed', 'zh-CN': '该师徒结对已结束' },
  'exchange.mentorship.month-not-in-term': { en: 'the month {month} is not a teaching month of the term {term}', 'zh-CN': '{month} 不是 {term} 学期的教学月份' },
  'exchange.mentorship.day-not-in-month': { en: 'the day must fall in the month {month}', 'zh-CN': '日期须在 {month} 月内' },
  'exchange.mentorship.done-in-future': { en: 'a lesson cannot be done before its day', 'zh-CN': '课程日期未到，不能标记为已完成' },
  'exchange.mentorship.plan-required': { en: 'a done lesson needs its lesson plan or a video of it', 'zh-CN': '已完成的课须附教案或课堂视频' },
  'exchange.mentorship.reflection-required': { en: 'a done lesson needs a reflection', 'zh-CN': '已完成的课须填写教学反思' },
  'exchange.mentorship.plan-not-found': { en: 'no such resource in the resource library visible to you', 'zh-CN': '资源库中找不到该教案，或您无权查看' },
  'exchange.mentorship.plan-unavailable': { en: 'The resource library did not answer; try again', 'zh-CN': '资源库暂时无法访问，请稍后重试' },
  'exchange.mentorship.school-comment-forbidden': { en: "Only an admin of one of the two schools writes the school's comment", 'zh-CN': '只有师徒所在学校的管理员可以填写学校评语' },
  'exchange.mentorship.too-early': { en: 'A pair is closed from the last teaching month of its term ({month}) on', 'zh-CN': '须到学期最后一个教学月（{month}）才能结束结对' },
  'exchange.mentorship.comments-missing': { en: 'Closing needs the comments of the mentor, the apprentice and the school', 'zh-CN': '结束结对前须有师傅、徒弟和学校三方评语' },
  'exchange.mentorship.comments-missing-field': { en: 'comment missing', 'zh-CN': '缺少评语' },
  'exchange.mentorship.missed-forbidden': { en: 'The school view of missed months is for admins', 'zh-CN': '只有管理员可以查看各校缺课月份' },
  'exchange.mentorship.range-invalid': { en: 'to must be on or after from, at most 92 days later', 'zh-CN': '结束日期须不早于开始日期，且相隔不超过 92 天' },

  // lesson observation (听课评课)
  'exchange.rubric.edit-forbidden': { en: "Only the district admin edits the district's rubric", 'zh-CN': '只有教育局管理员可以修改评课量表' },
  'exchange.rubric.key-repeated': { en: 'each dimension key may appear once', 'zh-CN': '维度标识不能重复' },
  'exchange.rubric.levels-order': { en: 'levels go from the highest score to the lowest, each lower than the one before', 'zh-CN': '等级须按分值从高到低排列，且分值逐级递减' },
  'exchange.rubric.version-unknown': { en: 'the district has no rubric version {version}', 'zh-CN': '本区县没有第 {version} 版评课量表' },
  'exchange.observation.same-teacher': { en: 'the observer must be another teacher than the observed one', 'zh-CN': '听课人与授课教师不能是同一人' },
  'exchange.observation.other-district': { en: 'both teachers must be of the same district', 'zh-CN': '听课人与授课教师须属同一区县' },
  'exchange.observation.no-shared-alliance': { en: "an observer from another school must be of a school of the same alliance", 'zh-CN': '外校听课人所在学校须与授课学校同属一个联盟' },
  'exchange.observation.in-future': { en: 'the observation day cannot be in the future', 'zh-CN': '听课日期不能晚于今天' },
  'exchange.observation.score-missing': { en: 'a score is needed for every dimension', 'zh-CN': '每个维度都须评分' },
  'exchange.observation.score-range': { en: 'the score must be a whole number from 0 to {max}', 'zh-CN': '分数须为 0 到 {max} 的整数' },
  'exchange.observation.score-unknown': { en: 'the rubric has no such dimension', 'zh-CN': '评课量表中没有该维度' },
  'exchange.observation.record-forbidden': { en: "Only the admins of the two teachers' schools record an observation", 'zh-CN': '只有听课人或授课教师所在学校的管理员可以登记听课记录' },
  'exchange.observation.stats-forbidden': { en: 'Observation figures are for the admins of the district, its alliances and schools', 'zh-CN': '只有本区县及其联盟、学校的管理员可以查看听课统计' },
  // teachers as users: accounts for roster teachers and a teacher's own week
  'exchange.teacher-account.not-at-school': {
    en: 'the teacher in row {row} (teacherIds[{index}]) is not a teacher of this school', 'zh-CN': '第 {row} 位教师不属于该校',
  },
  'exchange.my-week.users-only': { en: 'Only a signed-in user has a week', 'zh-CN': '只有登录的用户才有个人周历' },
  // the itinerant timetable solver (走教排课): its input and the edits of a proposal
  'exchange.timetable-solver.bell-empty': { en: 'the bell schedule has no periods', 'zh-CN': '作息时间表中没有课节' },
  'exchange.timetable-solver.bell-order': {
    en: 'period {period} must start after the previous one ends', 'zh-CN': '第 {period} 节须在上一节下课之后开始',
  },
  'exchange.timetable-solver.weekday-invalid': { en: 'weekdays are 1 (Monday) to 7 (Sunday)', 'zh-CN': '星期须为 1（周一）到 7（周日）' },
  'exchange.timetable-solver.lesson-periods': {
    en: 'periods a week must be from 1 to {max}', 'zh-CN': '每周课时须在 1 到 {max} 之间',
  },
  'exchange.timetable-solver.unknown-school': { en: 'the school is not part of this timetable', 'zh-CN': '该学校不在本次排课范围内' },
  'exchange.timetable-solver.unknown-teacher': { en: 'the teacher is not part of this timetable', 'zh-CN': '该教师不在本次排课范围内' },
  'exchange.timetable-solver.no-teacher': {
    en: 'no itinerant teacher of {teacherSubject} may teach at this school', 'zh-CN': '没有可到该校任教{teacherSubject}的走教教师',
  },
  'exchange.timetable-solver.travel-invalid': { en: 'travel minutes must be from 0 to {max}', 'zh-CN': '路程时间须在 0 到 {max} 分钟之间' },
  'exchange.timetable-solver.travel-limit-invalid': {
    en: 'the daily travel limit must be from 0 to {max} minutes', 'zh-CN': '每日路程上限须在 0 到 {max} 分钟之间',
  },
  'exchange.timetable-solver.move-not-in-proposal': { en: 'this lesson is not at that time in the proposal', 'zh-CN': '方案中该时间没有这节课' },
  'exchange.timetable-solver.move-no-such-period': { en: "the school's bell schedule has no such period", 'zh-CN': '该校作息时间表中没有这一节' },
  // the solver's stored inputs (bell schedules, lessons needed, teacher limits)
  'exchange.timetable-solver.inputs-forbidden': {
    en: "Only this school's admin (or the district admin) enters its bell schedule and lessons", 'zh-CN': '只有本校管理员（或区县管理员）可以填写本校作息时间和排课需求',
  },
  'exchange.timetable-solver.limits-forbidden': {
    en: "Only the admin of an alliance the teacher works in (or the district admin) enters the teacher's limits",
    'zh-CN': '只有该教师所在教联体的管理员（或区县管理员）可以填写其不可排课时间和路程上限',
  },
  'exchange.timetable-solver.need-duplicate': { en: 'this class already needs this subject in an earlier row', 'zh-CN': '该班级的这门学科已在前面的行中填写' },
  'exchange.timetable-solver.teacher-not-placed': {
    en: 'the teacher has no itinerant placement at this school', 'zh-CN': '该教师没有到本校的走教安排',
  },
  'exchange.timetable-solver.travel-forbidden': {
    en: 'Only the admin of an alliance both schools belong to (or the district admin) enters travel times', 'zh-CN': '只有两校共同所在教联体的管理员（或区县管理员）可以填写路程时间',
  },
  'exchange.timetable-solver.travel-same-school': { en: 'choose two different schools', 'zh-CN': '请选择两所不同的学校' },
  'exchange.timetable-solver.solve-forbidden': {
    en: "Only the alliance's admin (or the district admin) runs and accepts its timetable solves", 'zh-CN': '只有教联体管理员（或区县管理员）可以运行和采纳排课方案',
  },
  'exchange.timetable-solver.nothing-to-solve': {
    en: 'no school of the alliance has entered lessons needed from itinerant teachers', 'zh-CN': '教联体内还没有学校填写走教排课需求',
  },
  'exchange.timetable-solver.not-done': { en: 'the solve has no proposal yet (it is {solveStatus})', 'zh-CN': '该排课任务还没有方案（当前：{solveStatus}）' },
  'exchange.timetable-solver.accepted': { en: 'the proposal was already accepted', 'zh-CN': '该方案已被采纳' },
  'exchange.timetable-solver.breaks-rules': {
    en: 'the proposal breaks {count} timetable rules; move lessons until it breaks none', 'zh-CN': '方案违反了 {count} 条排课规则，请调整后再采纳',
  },
  'exchange.timetable-solver.accept-clash': {
    en: 'clashes with a lesson the teacher already has ({weekday} {startsAt}–{endsAt})', 'zh-CN': '与该教师已有的课冲突（{weekday} {startsAt}–{endsAt}）',
  },
  'exchange.timetable-solver.accept-clashes': { en: '{count} lessons clash with the current timetable; nothing was written', 'zh-CN': '有 {count} 节课与现有课表冲突，未写入任何课程' },
  'exchange.timetable-solver.no-placement': {
    en: 'the teacher has no live itinerant placement at this school', 'zh-CN': '该教师没有到该校的有效走教安排',
  },
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values teacher-exchange's messages name, by parameter. */
export const TEACHER_EXCHANGE_PARAM_NAMES = {
  placementStatus: {
    proposed: '待派出校审批', home_approved: '待接收校审批', approved: '已批准', active: '进行中', completed: '已结束', rejected: '已驳回', cancelled: '已取消',
  } satisfies Record<PlacementStatus, string>,
  teacherSubject: TEACHER_SUBJECTS,
  solveStatus: { queued: '排队中', running: '计算中', done: '已完成', failed: '失败', accepted: '已采纳' },
  weekday: { Mon: '周一', Tue: '周二', Wed: '周三', Thu: '周四', Fri: '周五', Sat: '周六', Sun: '周日' },
} as const satisfies Record<string, Record<string, string>>;
