import type { MessageTemplates } from '../common/messages.js';

/** The webhook part of the integrations service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const WEBHOOKS_MESSAGES = {
  'integrations.webhook.url-invalid': { en: '{field} must be an absolute URL', 'zh-CN': '{field} 必须是完整的网址' },
  'integrations.webhook.url-https-required': { en: '{field} must start with {scheme}', 'zh-CN': '{field} 必须以 {scheme} 开头（加密传输）' },
  'integrations.webhook.url-credentials': { en: '{field} must not carry a user name or password', 'zh-CN': '{field} 不能包含用户名或密码' },
  'integrations.webhook.url-unresolvable': { en: 'The host of {field} ({host}) cannot be resolved', 'zh-CN': '{field} 的主机 {host} 无法解析' },
  'integrations.webhook.url-private': {
    en: '{field} resolves to {address}, a {range} address; webhooks are sent only to public addresses',
    'zh-CN': '{field} 解析到 {address}（{range}地址），事件推送只能发往公网地址',
  },
  'integrations.webhook.event-type-unknown': { en: '{field} names an unknown event type: {eventType}', 'zh-CN': '{field} 中的事件类型 {eventType} 不存在' },
  'integrations.webhook.subscription-not-paused': {
    en: 'Only a paused or disabled subscription can be resumed; this one is {subscriptionStatus}',
    'zh-CN': '只有已暂停或已停用的订阅可以恢复，该订阅当前为{subscriptionStatus}',
  },
  'integrations.webhook.subscription-disabled': { en: 'The subscription is disabled', 'zh-CN': '该订阅已停用' },
  'integrations.webhook.manage-forbidden': {
    en: 'Only a district admin or an API client with the {scope} scope manages webhook subscriptions',
    'zh-CN': '只有区县管理员或拥有 {scope} 权限的第三方应用可以管理事件推送订阅',
  },
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of webhook parameter values. */
export const WEBHOOKS_PARAM_NAMES: Record<string, Record<string, string>> = {
  subscriptionStatus: { active: '启用', paused: '已暂停', disabled: '已停用' },
  range: {
    private: '内网', loopback: '本机回环', linkLocal: '链路本地', multicast: '组播', unspecified: '未指定', broadcast: '广播',
    carrierGradeNat: '运营商内网', reserved: '保留', uniqueLocal: '内网', ipv4Mapped: 'IPv4 映射',
  },
};
