import type { MessageTemplates } from '../common/messages.js';
import type { NotificationKind, RobotChannel, RobotOwnerType } from './notifications.dto.js';

/** The notification centre's and chat robots' error messages by stable code (see MESSAGES in common/messages.ts). */
export const NOTIFICATIONS_MESSAGES = {
  'notifications.users-only': { en: 'Only signed-in people have notifications', 'zh-CN': '只有登录的用户才有通知' },
  'notifications.robot.manage-forbidden': {
    en: "Only the alliance's admin (for an alliance robot), the school's admin (for a school robot) or the district admin sets up robots",
    'zh-CN': '只有联盟管理员（联盟机器人）、学校管理员（学校机器人）或教育局管理员可以设置群机器人',
  },
  'notifications.robot.url-invalid': { en: 'webhookUrl must be an absolute https URL without user name or password', 'zh-CN': '机器人地址必须是以安全协议开头的完整网址，且不能包含用户名或密码' },
  'notifications.robot.url-private': {
    en: 'webhookUrl points to a private or reserved address; robots must be reachable on the internet',
    'zh-CN': '机器人地址指向内网或保留地址，请填写企业微信或钉钉提供的公网地址',
  },
  'notifications.robot.secret-wecom': { en: 'A WeCom robot has no secret; leave secret empty', 'zh-CN': '企业微信机器人没有加签密钥，请勿填写' },
  'notifications.robot.too-many': { en: 'An alliance or school has at most {max} robots', 'zh-CN': '每个联盟或学校最多设置 {max} 个群机器人' },
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values the notification messages name, by parameter. */
export const NOTIFICATIONS_PARAM_NAMES = {
  notificationKind: {
    'placement.approval-requested': '交流安排待审批', 'placement.approved': '交流安排已批准', 'placement.rejected': '交流安排未获批准',
    'booking.requested': '预约待审批', 'booking.approved': '预约已批准', 'booking.rejected': '预约未获批准',
    'join-request.created': '加入联盟申请', 'action-item.due-soon': '待办即将到期', 'action-item.overdue': '待办已逾期', 'webhook.paused': '事件推送暂停',
    'evaluation.opened': '考核评价待自评', 'evaluation.review-requested': '考核评价待审核', 'evaluation.returned': '考核评价被退回', 'evaluation.published': '考核评价已发布',
    'survey.answer-due': '问卷待填写', 'survey.closing-soon': '问卷即将截止', 'survey.closed': '问卷已截止',
    'profile-round.deadline': '画像调研即将截止',
    'charter.signing-requested': '章程与协议待签署', 'charter.expiring-soon': '章程与协议即将到期',
  } satisfies Record<NotificationKind, string>,
  robotChannel: { wecom: '企业微信', dingtalk: '钉钉' } satisfies Record<RobotChannel, string>,
  robotOwnerType: { alliance: '联盟', school: '学校' } satisfies Record<RobotOwnerType, string>,
  placementKind: { rotation: '轮岗', itinerant: '走教', support: '支教', shadowing: '跟岗培训', observation: '观摩' },
} as const satisfies Record<string, Record<string, string>>;
