import type { MessageTemplates } from '../common/messages.js';
import type { BookingStatus, ResourceType } from './enums.js';

/** The curriculum service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const CURRICULUM_MESSAGES = {
  // teaching resources (教学资源)
  'curriculum.resource.create-forbidden': { en: 'You share resources for your own school only', 'zh-CN': '只能以本校名义共享资源' },
  'curriculum.resource.edit-forbidden': { en: "Only the uploader or the school's admin changes this resource", 'zh-CN': '只有上传者或本校管理员可以修改该资源' },
  'curriculum.resource.same-file': { en: 'This file is the same as the current version', 'zh-CN': '该文件与当前版本相同' },
  'curriculum.resource.file-type': { en: 'A {resourceType} accepts these file types: {extensions}', 'zh-CN': '{resourceType}只接受以下文件类型：{extensions}' },
  'curriculum.resource.file-too-large': { en: 'The file is larger than the limit of {maxMb} MB for a {resourceType}', 'zh-CN': '文件超过了{resourceType}的大小上限 {maxMb} MB' },
  'curriculum.resource.file-empty': { en: 'The file is empty', 'zh-CN': '文件是空的' },
  'curriculum.resource.search-timeout': {
    en: 'The search took longer than {seconds} s and was stopped; add a filter or a more specific term', 'zh-CN': '搜索超过 {seconds} 秒未完成，已停止；请增加筛选条件或使用更具体的关键词',
  },

  // facilities (功能室) and bookings (预约)
  'curriculum.facility.name-exists': { en: 'The school already shares a facility named {name}', 'zh-CN': '本校已共享名为“{name}”的功能室' },
  'curriculum.facility.name-used': { en: 'name is already used at this school', 'zh-CN': '本校已有同名功能室' },
  'curriculum.facility.create-forbidden': { en: "Only the school's admin shares its facilities", 'zh-CN': '只有本校管理员可以共享本校的功能室' },
  'curriculum.facility.update-forbidden': { en: "Only the owning school's admin changes this facility", 'zh-CN': '只有功能室所属学校的管理员可以修改它' },
  'curriculum.booking.cannot-approve': { en: 'A {bookingStatus} booking cannot be approved', 'zh-CN': '{bookingStatus}的预约不能批准' },
  'curriculum.booking.cannot-reject': { en: 'A {bookingStatus} booking cannot be rejected', 'zh-CN': '{bookingStatus}的预约不能驳回' },
  'curriculum.booking.cannot-cancel': { en: 'A {bookingStatus} booking cannot be cancelled', 'zh-CN': '{bookingStatus}的预约不能取消' },
  'curriculum.booking.starts-in-past': { en: 'The booking must start in the future', 'zh-CN': '预约的开始时间必须晚于现在' },
  'curriculum.booking.ends-before-start': { en: 'The booking must end after it starts', 'zh-CN': '预约的结束时间必须晚于开始时间' },
  'curriculum.booking.too-long': { en: 'A booking lasts at most {maxHours} hours', 'zh-CN': '一次预约最长 {maxHours} 小时' },
  'curriculum.booking.too-far-ahead': { en: 'Bookings open at most {maxDays} days ahead', 'zh-CN': '最多只能提前 {maxDays} 天预约' },
  'curriculum.booking.own-school-only': { en: 'You book for your own school only', 'zh-CN': '只能以本校名义预约' },
  'curriculum.booking.facility-closed': { en: 'The facility is not open for booking at the moment', 'zh-CN': '该功能室目前暂停预约' },
  'curriculum.booking.no-shared-alliance': { en: "The school shares no active alliance with the facility's school", 'zh-CN': '本校与功能室所属学校不在同一个运行中的联盟' },
  'curriculum.booking.over-capacity': { en: 'The facility takes at most {capacity}', 'zh-CN': '该功能室最多容纳 {capacity} 人' },
  'curriculum.booking.cancel-forbidden': { en: "Only the requesting school or the facility's school cancels this booking", 'zh-CN': '只有预约学校或功能室所属学校可以取消该预约' },
  'curriculum.booking.decide-forbidden': { en: "Only the admin of the facility's school approves or rejects bookings", 'zh-CN': '只有功能室所属学校的管理员可以批准或驳回预约' },
  'curriculum.booking.over': { en: 'A booking that is over cannot be cancelled', 'zh-CN': '已结束的预约不能取消' },
  'curriculum.booking.slot-taken': { en: 'The facility is already booked for {slot} (Asia/Shanghai)', 'zh-CN': '该功能室在 {slot}（北京时间）已被预约' },
  'curriculum.booking.slot-taken-field': { en: 'already booked for {slot} (Asia/Shanghai)', 'zh-CN': '{slot}（北京时间）已被预约' },
  'curriculum.term-facts.term-invalid': {
    en: 'term must be a school year and term such as 2026-2027-1 (the second year follows the first)',
    'zh-CN': '学期须写成学年加学期，例如 2026-2027-1（后一年须紧接前一年）',
  },
  'curriculum.term-facts.forbidden': { en: "Term facts are answered for the district's admins and the platform", 'zh-CN': '只有教育局管理员和平台可以查询学期数据' },
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values curriculum's messages name, by parameter. */
export const CURRICULUM_PARAM_NAMES = {
  bookingStatus: { pending: '待审批', approved: '已通过', rejected: '已驳回', cancelled: '已取消' } satisfies Record<BookingStatus, string>,
  resourceType: {
    lesson_plan: '教案', courseware: '课件', lesson_video: '课例', exam_paper: '试卷', case: '案例', reflection: '反思', research: '教研资料',
  } satisfies Record<ResourceType, string>,
} as const satisfies Record<string, Record<string, string>>;
