/** The notification centre (bell, list, preferences) and chat robot settings. zh-CN and English with identical keys. */
import type { notificationsZhCN } from '../zh-CN/notifications';

export const notificationsEn: typeof notificationsZhCN = {
  bell: { label: 'Notifications', title: 'Notifications', unreadOnly: 'Unread only', markAllRead: 'Mark all read', markRead: 'Mark read', empty: 'No notifications', open: 'Open', preferences: 'Preferences', robots: 'Chat robots', read: 'Read' },
  kind: {
    'placement_approval-requested': 'Placement to approve', 'placement_approved': 'Placement approved', 'placement_rejected': 'Placement rejected',
    'booking_requested': 'Booking to approve', 'booking_approved': 'Booking approved', 'booking_rejected': 'Booking rejected',
    'join-request_created': 'Join request', 'action-item_due-soon': 'Action item due soon', 'action-item_overdue': 'Action item overdue', 'webhook_paused': 'Webhook paused',
    'charter_signing-requested': 'Charter to sign', 'charter_expiring-soon': 'Charter expiring soon',
    'profile-round_deadline': 'Profile survey due',
    'evaluation_opened': 'Self-evaluation to do', 'evaluation_review-requested': 'Evaluation to review', 'evaluation_returned': 'Evaluation returned', 'evaluation_published': 'Evaluation published',
    'survey_answer-due': 'Survey to answer', 'survey_closing-soon': 'Survey closing soon', 'survey_closed': 'Survey closed',
  },
  preferences: {
    title: 'Notification preferences', subtitle: 'Choose which notifications you receive, and whether to get them by e-mail too', kinds: 'Notifications to receive',
    email: 'Also send by e-mail', emailUnavailable: 'This platform has no e-mail service configured; e-mail cannot be sent.', saved: 'Preferences saved', save: 'Save',
  },
  robots: {
    title: 'Chat robots', subtitle: "Send notifications to a school's or alliance's WeCom or DingTalk group (in Chinese)", add: 'Add robot', owner: 'Owner', ownerType: 'Type',
    channel: 'Channel', name: 'Name', webhookUrl: 'Webhook URL', secret: 'Signing secret', secretHint: "The secret of the DingTalk robot's signing setting (starts with SEC); never shown again after saving",
    secretKept: 'A secret is stored; leave empty to keep it', kinds: 'Notifications to send', enabled: 'Enabled', lastDelivered: 'Last delivered', lastError: 'Last error',
    test: 'Send test message', tested: 'Test message delivered', testFailed: 'Test message not delivered: {{error}}', created: 'Robot added', saved: 'Saved', deleted: 'Robot removed',
    remove: 'Remove', confirmRemove: 'Remove this robot? Messages not yet sent are removed too.', empty: 'No chat robots yet',
    emptyHint: 'Add a "group robot" in a WeCom or DingTalk group and enter its webhook URL here.', edit: 'Edit', chooseOwner: 'Choose a school or alliance',
  },
  channel: { wecom: 'WeCom', dingtalk: 'DingTalk' },
  ownerType: { school: 'School', alliance: 'Alliance' },
};
