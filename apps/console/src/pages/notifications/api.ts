import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';

type Schemas = components['schemas'];
export type NotificationView = Schemas['NotificationView'];
export type NotificationKind = NotificationView['kind'];
export type NotificationPreferencesView = Schemas['NotificationPreferencesView'];
export type RobotView = Schemas['RobotView'];
export type RobotChannel = RobotView['channel'];
export type RobotOwnerType = RobotView['ownerType'];
export type CreateRobotDto = Schemas['CreateRobotDto'];
export type UpdateRobotDto = Schemas['UpdateRobotDto'];

/** Every kind, in the order the preferences and robot settings list them. */
export const NOTIFICATION_KINDS: NotificationKind[] = [
  'placement.approval-requested', 'placement.approved', 'placement.rejected', 'booking.requested', 'booking.approved', 'booking.rejected',
  'join-request.created', 'action-item.due-soon', 'action-item.overdue', 'webhook.paused',
  'evaluation.opened', 'evaluation.review-requested', 'evaluation.returned', 'evaluation.published',
  'survey.answer-due', 'survey.closing-soon', 'survey.closed',
  'profile-round.deadline',
  'charter.signing-requested', 'charter.expiring-soon',
];
export const ROBOT_CHANNELS: RobotChannel[] = ['wecom', 'dingtalk'];

/** The i18n key of a kind's name (i18next reads dots as nesting). */
export const kindLabelKey = (kind: NotificationKind): string => `notifications.kind.${kind.replaceAll('.', '_')}`;

/** How often the bell asks for the unread count. */
export const BELL_POLL_MS = 30_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (page: number, unread: boolean) => ['notifications', 'list', page, unread, currentLanguage()] as const,
  preferences: ['notifications', 'preferences'] as const,
  robots: (ownerId: string | undefined) => ['notifications', 'robots', ownerId ?? 'all'] as const,
};

export const useUnreadCount = () =>
  useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => unwrap(api.http.GET('/api/v1/notifications/unread-count')),
    refetchInterval: BELL_POLL_MS,
    refetchIntervalInBackground: false,
  });

export const useNotifications = (page: number, unread: boolean, enabled: boolean) =>
  useQuery({
    queryKey: notificationKeys.list(page, unread),
    queryFn: () => unwrap(api.http.GET('/api/v1/notifications', { params: { query: { page, pageSize: 10, ...(unread ? { unread: true } : {}) } } })),
    placeholderData: keepPreviousData,
    enabled,
  });

export const markRead = (id: string) => unwrap(api.http.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
export const markAllRead = () => unwrap(api.http.POST('/api/v1/notifications/read-all'));

export const usePreferences = () => useQuery({ queryKey: notificationKeys.preferences, queryFn: () => unwrap(api.http.GET('/api/v1/notifications/preferences')) });
export const savePreferences = (body: { mutedKinds: NotificationKind[]; email: boolean }) => unwrap(api.http.PUT('/api/v1/notifications/preferences', { body }));

export const useRobots = (ownerId: string | undefined) =>
  useQuery({
    queryKey: notificationKeys.robots(ownerId),
    queryFn: () => unwrap(api.http.GET('/api/v1/notifications/robots', { params: { query: { pageSize: 200, ...(ownerId ? { ownerId } : {}) } } })),
  });
export const createRobot = (body: CreateRobotDto) => unwrap(api.http.POST('/api/v1/notifications/robots', { body }));
export const updateRobot = (id: string, body: UpdateRobotDto) => unwrap(api.http.PATCH('/api/v1/notifications/robots/{id}', { params: { path: { id } }, body }));
export const deleteRobot = (id: string) => unwrap(api.http.DELETE('/api/v1/notifications/robots/{id}', { params: { path: { id } } }));
export const testRobot = (id: string) => unwrap(api.http.POST('/api/v1/notifications/robots/{id}/test', { params: { path: { id } } }));
