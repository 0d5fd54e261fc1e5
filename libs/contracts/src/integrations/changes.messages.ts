import type { MessageTemplates } from '../common/messages.js';

/** The change feed's error messages by stable code (see MESSAGES in common/messages.ts). */
export const CHANGES_MESSAGES = {
  'field.isChangeCursor': { en: '{field} must be a cursor given by this API (next or /changes/latest)', 'zh-CN': '{field} 必须是本接口给出的游标（上一页返回的下一页游标，或最新游标接口的返回值）' },
  'field.isPublicEventTypeList': { en: '{field} must list known event types, separated by commas', 'zh-CN': '{field} 必须是以逗号分隔的已知事件类型' },
  'integrations.changes.forbidden': {
    en: 'The change feed is for district and alliance admins and API clients; school admins and teachers read their school through the other routes',
    'zh-CN': '增量同步仅向区县管理员、联盟管理员和第三方应用开放；学校管理员和教师请通过其他接口查看本校数据',
  },
} as const satisfies Record<string, MessageTemplates>;
