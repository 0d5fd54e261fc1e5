import { Alert, App, Button, Card, Checkbox, Form, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../components/problem';
import { QueryBoundary } from '../../components/states';
import { kindLabelKey, NOTIFICATION_KINDS, notificationKeys, savePreferences, usePreferences, type NotificationKind, type NotificationPreferencesView } from './api';

/** A person's own notification preferences: which kinds they receive, and whether by e-mail too. */
export function NotificationPreferencesPage() {
  const preferences = usePreferences();
  return (
    <QueryBoundary isPending={preferences.isPending} error={preferences.error} refetch={preferences.refetch}>
      {() => preferences.data && <PreferencesForm current={preferences.data} />}
    </QueryBoundary>
  );
}

function PreferencesForm({ current }: { current: NotificationPreferencesView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: async () => {
      void message.success(t('notifications.preferences.saved'));
      await queryClient.invalidateQueries({ queryKey: notificationKeys.preferences });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const initial = { kinds: NOTIFICATION_KINDS.filter((k) => !current.mutedKinds.includes(k)), email: current.email };
  return (
    <Card>
      <Typography.Title level={1}>{t('notifications.preferences.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('notifications.preferences.subtitle')}</Typography.Paragraph>
      <Form
        layout="vertical"
        initialValues={initial}
        onFinish={(v: { kinds: NotificationKind[]; email: boolean }) => save.mutate({ mutedKinds: NOTIFICATION_KINDS.filter((k) => !v.kinds.includes(k)), email: v.email })}
      >
        <Form.Item name="kinds" label={t('notifications.preferences.kinds')}>
          <Checkbox.Group options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))} style={{ display: 'grid', gap: 8 }} />
        </Form.Item>
        <Form.Item name="email" label={t('notifications.preferences.email')} valuePropName="checked">
          <Switch disabled={!current.emailAvailable} />
        </Form.Item>
        {!current.emailAvailable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('notifications.preferences.emailUnavailable')} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('notifications.preferences.save')}</Button>
      </Form>
    </Card>
  );
}
