import { App, Button, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { problemMessage } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { activityKeys, useActivityAlliances, useFeedToken } from './api';

const origin = (): string => import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '';

/** Shows the user's secret feed address (per user, or per alliance), creates or resets it. */
export function SubscribeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const token = useFeedToken(open);
  const alliances = useActivityAlliances();
  const [allianceId, setAllianceId] = useState<string | undefined>();
  const rotate = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/activities/calendar/feed-token')),
    onSuccess: (view) => {
      queryClient.setQueryData(activityKeys.feedToken, view);
      void message.success(t('activities.subscribe.rotated'));
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const path = token.data?.feedPath;
  const url = path ? `${origin()}${path}${allianceId ? `?allianceId=${allianceId}` : ''}` : undefined;
  const copy = async (): Promise<void> => {
    if (!url) return;
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    void message.success(t('activities.subscribe.copied'));
  };
  return (
    <Modal title={t('activities.subscribe.title')} open={open} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Typography.Paragraph>{t('activities.subscribe.intro')}</Typography.Paragraph>
      {token.error ? <ProblemAlert error={token.error} onRetry={() => void token.refetch()} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          aria-label={t('activities.subscribe.perAlliance')} allowClear style={{ width: '100%' }} placeholder={t('activities.subscribe.personal')}
          value={allianceId} onChange={setAllianceId}
          options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))}
        />
        {url ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={url} aria-label="feed-url" data-testid="feed-url" />
            <Button onClick={() => void copy()}>{t('activities.subscribe.copy')}</Button>
          </Space.Compact>
        ) : (
          <Typography.Text type="secondary">{t('activities.subscribe.none')}</Typography.Text>
        )}
        <Typography.Text type="warning">{t('activities.subscribe.secret')}</Typography.Text>
        {url ? (
          <Popconfirm title={t('activities.subscribe.rotateConfirm')} onConfirm={() => rotate.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button loading={rotate.isPending}>{t('activities.subscribe.rotate')}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={rotate.isPending || token.isPending} onClick={() => rotate.mutate()}>{t('activities.subscribe.create')}</Button>
        )}
      </Space>
    </Modal>
  );
}
