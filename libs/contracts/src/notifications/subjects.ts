/** NATS request/reply subjects of the notification centre and chat robots (integrations service). */
export const NotificationSubjects = {
  list: 'integrations.notification.list',
  unreadCount: 'integrations.notification.unread-count',
  markRead: 'integrations.notification.mark-read',
  markAllRead: 'integrations.notification.mark-all-read',
  preferencesGet: 'integrations.notification.preferences.get',
  preferencesSet: 'integrations.notification.preferences.set',

  robotList: 'integrations.robot.list',
  robotCreate: 'integrations.robot.create',
  robotUpdate: 'integrations.robot.update',
  robotDelete: 'integrations.robot.delete',
  robotTest: 'integrations.robot.test',
} as const;
