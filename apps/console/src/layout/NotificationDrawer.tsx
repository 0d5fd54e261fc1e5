import { App, Button, Drawer, Empty, List, Pagination, Space, Switch, Tag, Typography } from 'antd';
import { RobotOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/AuthProvider';
import { formatDateTime } from '../components/format';
import { problemMessage } from '../components/problem';
import { kindLabelKey, markAllRead, markRead, notificationKeys, useNotifications, type NotificationView } from '../pages/notifications/api';

const ROBOT_ROLES = ['district_admin', 'alliance_admin', 'school_admin'];

/** The bell's drawer: the list with mark read and links (its own chunk, fetched when the bell is first opened). */
export function NotificationDrawer({ open, onClose, count }: { open: boolean; onClose: () => void; count: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications(page, unreadOnly, open);
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const read = useMutation({ mutationFn: markRead, onSuccess: refresh, onError: (e) => void message.error(problemMessage(t, e)) });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh, onError: (e) => void message.error(problemMessage(t, e)) });
  const mayManageRobots = me.assignments.some((a) => ROBOT_ROLES.includes(a.role));

  const go = (n: NotificationView) => {
    if (!n.readAt) read.mutate(n.id);
    onClose();
    if (n.link) void navigate(n.link);
  };

  return (
      <Drawer
        title={t('notifications.bell.title')}
        open={open}
        onClose={onClose}
        width={420}
        extra={<Button size="small" disabled={count === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('notifications.bell.markAllRead')}</Button>}
        footer={(
          <Space>
            <Button type="link" icon={<SettingOutlined />} onClick={() => { onClose(); void navigate('/notifications/preferences'); }}>{t('notifications.bell.preferences')}</Button>
            {mayManageRobots && <Button type="link" icon={<RobotOutlined />} onClick={() => { onClose(); void navigate('/notifications/robots'); }}>{t('notifications.bell.robots')}</Button>}
          </Space>
        )}
      >
        <Space style={{ marginBottom: 12 }}>
          <Switch size="small" checked={unreadOnly} onChange={(v) => { setUnreadOnly(v); setPage(1); }} aria-label={t('notifications.bell.unreadOnly')} />
          <Typography.Text>{t('notifications.bell.unreadOnly')}</Typography.Text>
        </Space>
        <List<NotificationView>
          data-testid="notification-list"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('notifications.bell.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="notification-item"
              style={{ background: n.readAt ? undefined : 'rgba(31,111,92,0.06)', paddingInline: 8 }}
              actions={[
                ...(n.link ? [<Button key="open" size="small" type="link" onClick={() => go(n)}>{t('notifications.bell.open')}</Button>] : []),
                n.readAt
                  ? <Typography.Text key="read" type="secondary">{t('notifications.bell.read')}</Typography.Text>
                  : <Button key="read" size="small" type="link" onClick={() => read.mutate(n.id)}>{t('notifications.bell.markRead')}</Button>,
              ]}
            >
              <List.Item.Meta
                title={<Space size={4} wrap><Tag color={n.readAt ? 'default' : 'green'}>{t(kindLabelKey(n.kind))}</Tag><span>{n.title}</span></Space>}
                description={<><div>{n.body}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text></>}
              />
            </List.Item>
          )}
        />
        {(list.data?.total ?? 0) > 10 && (
          <Pagination size="small" style={{ marginTop: 12 }} current={page} pageSize={10} total={list.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
        )}
      </Drawer>
  );
}
