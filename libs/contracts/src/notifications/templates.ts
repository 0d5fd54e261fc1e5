import { fillTemplate, type MessageParams, type MessageTemplates, type Locale } from '../common/messages.js';
import type { NotificationKind } from './notifications.dto.js';

/**
 * The title and body of each notification kind in zh-CN and English. A notification stores its kind
 * and parameters; the reader's language is chosen when it is read (robots and e-mail: Chinese).
 */
export const NOTIFICATION_TEMPLATES: Record<NotificationKind, { title: MessageTemplates; body: MessageTemplates }> = {
  'placement.approval-requested': {
    title: { 'zh-CN': '待审批：{teacherName}的交流安排', en: 'Approval needed: placement of {teacherName}' },
    body: {
      'zh-CN': '{homeSchoolName}的{teacherName}拟到{hostSchoolNames}{placementKind}（{startsOn} 至 {endsOn}），请{approvingSchoolName}审批。',
      en: '{teacherName} of {homeSchoolName} is proposed for a {placementKind} at {hostSchoolNames} ({startsOn} to {endsOn}); {approvingSchoolName} is asked to approve.',
    },
  },
  'placement.approved': {
    title: { 'zh-CN': '交流安排已批准：{teacherName}', en: 'Placement approved: {teacherName}' },
    body: {
      'zh-CN': '您提议的{teacherName}到{hostSchoolNames}{placementKind}（{startsOn} 至 {endsOn}）已获全部学校批准。',
      en: 'The {placementKind} of {teacherName} at {hostSchoolNames} ({startsOn} to {endsOn}) you proposed is approved by every school.',
    },
  },
  'placement.rejected': {
    title: { 'zh-CN': '交流安排未获批准：{teacherName}', en: 'Placement rejected: {teacherName}' },
    body: {
      'zh-CN': '您提议的{teacherName}到{hostSchoolNames}{placementKind}未获批准。理由：{reason}',
      en: 'The {placementKind} of {teacherName} at {hostSchoolNames} you proposed was rejected. Reason: {reason}',
    },
  },
  'booking.requested': {
    title: { 'zh-CN': '待审批：{facilityName}的预约', en: 'Approval needed: booking of {facilityName}' },
    body: {
      'zh-CN': '{requesterName}申请预约{facilityName}（{startsAt} 至 {endsAt}），请审批。',
      en: '{requesterName} asks to book {facilityName} ({startsAt} to {endsAt}); please decide.',
    },
  },
  'booking.approved': {
    title: { 'zh-CN': '预约已批准：{facilityName}', en: 'Booking approved: {facilityName}' },
    body: { 'zh-CN': '您对{facilityName}的预约（{startsAt} 至 {endsAt}）已批准。', en: 'Your booking of {facilityName} ({startsAt} to {endsAt}) is approved.' },
  },
  'booking.rejected': {
    title: { 'zh-CN': '预约未获批准：{facilityName}', en: 'Booking rejected: {facilityName}' },
    body: {
      'zh-CN': '您对{facilityName}的预约（{startsAt} 至 {endsAt}）未获批准。理由：{reason}',
      en: 'Your booking of {facilityName} ({startsAt} to {endsAt}) was rejected. Reason: {reason}',
    },
  },
  'join-request.created': {
    title: { 'zh-CN': '待处理：{schoolName}申请加入{allianceName}', en: 'To decide: {schoolName} asks to join {allianceName}' },
    body: { 'zh-CN': '{schoolName}申请加入{allianceName}，请处理。', en: '{schoolName} asks to join {allianceName}; please accept or decline.' },
  },
  'action-item.due-soon': {
    title: { 'zh-CN': '待办即将到期：{title}', en: 'Action item due soon: {title}' },
    body: { 'zh-CN': '{activityName}的待办事项“{title}”将于 {dueOn} 到期。', en: 'The action item "{title}" of {activityName} is due on {dueOn}.' },
  },
  'action-item.overdue': {
    title: { 'zh-CN': '待办已逾期：{title}', en: 'Action item overdue: {title}' },
    body: { 'zh-CN': '{activityName}的待办事项“{title}”已于 {dueOn} 到期，尚未完成。', en: 'The action item "{title}" of {activityName} was due on {dueOn} and is not done.' },
  },
  'profile-round.deadline': {
    title: { 'zh-CN': '学校画像调研将于 {deadline} 截止', en: 'School profile survey due {deadline}' },
    body: {
      'zh-CN': '{schoolName}尚未提交 {term} 学期的学校画像，调研将于 {deadline} 截止，请及时填报。',
      en: '{schoolName} has not submitted its school profile for term {term}; the survey closes on {deadline}.',
    },
  },
  'webhook.paused': {
    title: { 'zh-CN': '事件推送已暂停：{endpoint}', en: 'Webhook paused: {endpoint}' },
    body: {
      'zh-CN': '推送地址 {endpoint} 连续投递失败，已暂停。请检查接收方后在控制台恢复。',
      en: 'The endpoint {endpoint} kept failing and is paused. Check the receiver, then resume it in the console.',
    },
  },
  'evaluation.opened': {
    title: { 'zh-CN': '待自评：{targetName} {term} 学期考核评价', en: 'Self-evaluation to do: {targetName}, term {term}' },
    body: {
      'zh-CN': '{term} 学期考核评价已开启，请完成{targetName}的自评并提交。',
      en: 'The term evaluation of {term} is open: please complete and submit the self-evaluation of {targetName}.',
    },
  },
  'evaluation.review-requested': {
    title: { 'zh-CN': '待审核：{targetName} {term} 学期考核评价', en: 'Evaluation to review: {targetName}, term {term}' },
    body: {
      'zh-CN': '{submittedBy}已提交{targetName}的 {term} 学期考核评价，请审核。',
      en: '{submittedBy} has passed on the {term} term evaluation of {targetName}; please review it.',
    },
  },
  'evaluation.returned': {
    title: { 'zh-CN': '考核评价被退回：{targetName}（{term}）', en: 'Evaluation returned: {targetName}, term {term}' },
    body: {
      'zh-CN': '{targetName}的 {term} 学期考核评价被退回修改。意见：{comment}',
      en: 'The {term} term evaluation of {targetName} was returned for changes. Comment: {comment}',
    },
  },
  'evaluation.published': {
    title: { 'zh-CN': '考核评价已发布：{targetName}（{term}）', en: 'Evaluation published: {targetName}, term {term}' },
    body: {
      'zh-CN': '{targetName}的 {term} 学期考核评价（第 {version} 版）已发布，总分 {total}。',
      en: 'The {term} term evaluation of {targetName} (version {version}) is published; total {total}.',
    },
  },
  'survey.answer-due': {
    title: { 'zh-CN': '问卷即将截止：{title}', en: 'Survey closing soon: {title}' },
    body: {
      'zh-CN': '问卷“{title}”将于 {closesAt} 截止，您还没有填写。',
      en: 'The survey "{title}" closes on {closesAt} and you have not answered it yet.',
    },
  },
  'survey.closing-soon': {
    title: { 'zh-CN': '问卷即将截止：{title}', en: 'Survey closing soon: {title}' },
    body: {
      'zh-CN': '问卷“{title}”将于 {closesAt} 截止，{schoolName}目前收到 {responses} 份答卷。请提醒尚未填写的人员。',
      en: 'The survey "{title}" closes on {closesAt}; {schoolName} has {responses} responses so far. Please remind those who have not answered.',
    },
  },
  'survey.closed': {
    title: { 'zh-CN': '问卷已截止：{title}', en: 'Survey closed: {title}' },
    body: {
      'zh-CN': '您发起的问卷“{title}”已于 {closedAt} 截止，共收到 {responses} 份答卷。',
      en: 'Your survey "{title}" closed on {closedAt} with {responses} responses.',
    },
  },
  // charters and agreements (章程与协议)
  'charter.signing-requested': {
    title: { 'zh-CN': '待签署：{allianceName}《{title}》第 {number} 版', en: 'To sign: {title}, version {number} ({allianceName})' },
    body: {
      'zh-CN': '{allianceName}的《{title}》第 {number} 版已发送签署，请代表本校审阅并签署。',
      en: 'Version {number} of {title} of {allianceName} is out for signing; please review and sign it for your school.',
    },
  },
  'charter.expiring-soon': {
    title: { 'zh-CN': '即将到期：{allianceName}《{title}》', en: 'Expiring soon: {title} ({allianceName})' },
    body: {
      'zh-CN': '{allianceName}的《{title}》第 {number} 版将于 {validTo} 到期（还剩 {daysLeft} 天），请及时起草修订版并组织签署。',
      en: 'Version {number} of {title} of {allianceName} ends its validity on {validTo} ({daysLeft} days left); draft an amendment and have it signed in time.',
    },
  },
};

/** The title and body of a notification in a locale. */
export function renderNotification(kind: NotificationKind, params: MessageParams, locale: Locale): { title: string; body: string } {
  const templates = NOTIFICATION_TEMPLATES[kind];
  return { title: fillTemplate(templates.title[locale], params, locale), body: fillTemplate(templates.body[locale], params, locale) };
}
