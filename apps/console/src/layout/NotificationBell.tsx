import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../pages/notifications/api';

const NotificationDrawer = lazy(() => import('./NotificationDrawer').then((m) => ({ default: m.NotificationDrawer })));

/** The bell in the header: the unread count (asked every 30 s); the drawer with the list loads on first open. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data?.unread ?? 0;

  return (
    <>
      <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.bell.label')}
          title={t('notifications.bell.label')}
          data-testid="notification-bell"
          onClick={() => {
            setOpened(true);
            setOpen(true);
          }}
        />
      </Badge>
      {opened && (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} count={count} />
        </Suspense>
      )}
    </>
  );
}
