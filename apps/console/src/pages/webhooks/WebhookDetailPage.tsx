import { App, Button, Card, Descriptions, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { formatDateTime } from '../../components/format';
import { EmptyState } from '../../components/states';
import { SecretModal } from './WebhooksPage';
import {
  DELIVERY_STATUS_COLORS, SUBSCRIPTION_STATUS_COLORS, useDeliveries, useSubscription, webhookKeys, type DeliveryQuery, type DeliveryStatus,
  type WebhookAttemptView, type WebhookDeliveryView,
} from './api';

type Transition = 'pause' | 'resume' | 'disable';

/** One subscription: its settings, pause/resume, a test ping, secret rotation, and the delivery log with attempts and replay. */
export function WebhookDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const subscription = useSubscription(id);
  const [query, setQuery] = useState<DeliveryQuery>({ page: 1, pageSize: 20 });
  const deliveries = useDeliveries(id, query);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
  const path = { id: id ?? '' };
  const onError = (e: unknown) => void message.error(problemMessage(t, e));

  const transition = useMutation({
    mutationFn: (action: Transition) => unwrap(api.http.POST('/api/v1/webhooks/subscriptions/{id}/transitions', { params: { path }, body: { action } })),
    onSuccess: async (s) => { void message.success(t(`webhooks.status.${s.status}`)); await refresh(); },
    onError,
  });
  const ping = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/webhooks/subscriptions/{id}/ping', { params: { path } })),
    onSuccess: async (d) => {
      const status = d.attempts[0]?.status;
      if (d.status === 'succeeded') void message.success(t('webhooks.detail.pingOk', { status }));
      else void message.error(t('webhooks.detail.pingFailed', { reason: status ?? d.attempts[0]?.excerpt ?? '' }));
      await refresh();
    },
    onError,
  });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/webhooks/subscriptions/{id}/secret', { params: { path } })),
    onSuccess: async (s) => { setSecret(s.secret); await refresh(); },
    onError,
  });
  const replay = useMutation({
    mutationFn: (deliveryId: string) => unwrap(api.http.POST('/api/v1/webhooks/deliveries/{id}/replay', { params: { path: { id: deliveryId } } })),
    onSuccess: async () => { void message.success(t('webhooks.detail.replayed')); await refresh(); },
    onError,
  });

  if (subscription.error) return <ProblemAlert error={subscription.error} onRetry={() => void subscription.refetch()} />;
  const s = subscription.data;
  const columns = [
    { title: t('webhooks.fields.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
    { title: t('webhooks.fields.eventType'), dataIndex: 'eventType', render: (e: string) => <Tag>{e}</Tag> },
    { title: t('webhooks.fields.resource'), render: (_: unknown, d: WebhookDeliveryView) => (d.objectType ? `${d.objectType} ${d.objectId ?? ''}` : t('common.none')) },
    { title: t('webhooks.fields.status'), dataIndex: 'status', width: 100, render: (st: DeliveryStatus) => <Tag color={DELIVERY_STATUS_COLORS[st]}>{t(`webhooks.deliveryStatus.${st}`)}</Tag> },
    { title: t('webhooks.fields.attempts'), width: 80, render: (_: unknown, d: WebhookDeliveryView) => d.attempts.length },
    { title: t('webhooks.fields.nextAttempt'), dataIndex: 'nextAttemptAt', width: 150, render: formatDateTime },
    {
      title: t('common.actions'), width: 100,
      render: (_: unknown, d: WebhookDeliveryView) => (
        <Button size="small" onClick={() => replay.mutate(d.id)} loading={replay.isPending && replay.variables === d.id} disabled={s?.status === 'disabled'}>
          {t('webhooks.detail.replay')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Typography.Title level={1}>{t('webhooks.detail.title')}</Typography.Title>
      <Card loading={subscription.isPending} style={{ marginBottom: 16 }}>
        {s && (
          <>
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('webhooks.fields.url')}>{s.url}</Descriptions.Item>
              <Descriptions.Item label={t('webhooks.fields.status')}>
                <Tag color={SUBSCRIPTION_STATUS_COLORS[s.status]} data-testid="subscription-status">{t(`webhooks.status.${s.status}`)}</Tag>
                {s.pausedReason === 'failures' && <Tag color="red">{t('webhooks.pausedForFailures')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('webhooks.fields.eventTypes')}>{s.eventTypes.map((e) => <Tag key={e}>{e}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('webhooks.fields.description')}>{s.description ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('webhooks.fields.failures')}>{s.consecutiveFailures}</Descriptions.Item>
              <Descriptions.Item label={t('webhooks.fields.secretRotatedAt')}>{formatDateTime(s.secretRotatedAt)}</Descriptions.Item>
            </Descriptions>
            <Space wrap style={{ marginTop: 12 }}>
              {s.status === 'active' && <Button onClick={() => transition.mutate('pause')} loading={transition.isPending}>{t('webhooks.action.pause')}</Button>}
              {s.status !== 'active' && <Button type="primary" onClick={() => transition.mutate('resume')} loading={transition.isPending}>{t('webhooks.action.resume')}</Button>}
              {s.status !== 'disabled' && (
                <Popconfirm title={t('webhooks.detail.disableConfirm')} onConfirm={() => transition.mutate('disable')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button danger>{t('webhooks.action.disable')}</Button>
                </Popconfirm>
              )}
              <Button onClick={() => ping.mutate()} loading={ping.isPending} disabled={s.status === 'disabled'}>{t('webhooks.action.ping')}</Button>
              <Popconfirm title={t('webhooks.detail.rotateConfirm')} onConfirm={() => rotate.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button>{t('webhooks.action.rotate')}</Button>
              </Popconfirm>
            </Space>
          </>
        )}
      </Card>
      <Card title={t('webhooks.detail.deliveries')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select<DeliveryStatus>
            allowClear placeholder={t('webhooks.fields.status')} aria-label={t('webhooks.detail.deliveryStatus')} style={{ width: 140 }} value={query.status}
            onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
            options={(Object.keys(DELIVERY_STATUS_COLORS) as DeliveryStatus[]).map((st) => ({ value: st, label: t(`webhooks.deliveryStatus.${st}`) }))}
          />
        </Space>
        {deliveries.error ? <ProblemAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} /> : null}
        <Table<WebhookDeliveryView>
          rowKey="id" size="middle" columns={columns} dataSource={deliveries.data?.items ?? []} loading={deliveries.isFetching && !deliveries.data}
          expandable={{ expandedRowRender: (d) => <Attempts delivery={d} /> }}
          locale={{ emptyText: <EmptyState title={t('webhooks.detail.noDeliveries')} hint={t('webhooks.detail.noDeliveriesHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: deliveries.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <SecretModal secret={secret} title={t('webhooks.secret.rotatedTitle')} onClose={() => setSecret(null)} />
    </>
  );
}

function Attempts({ delivery }: { delivery: WebhookDeliveryView }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Text type="secondary">webhook-id: <Typography.Text code copyable>{delivery.webhookId}</Typography.Text></Typography.Text>
      <Table<WebhookAttemptView>
        rowKey="at" size="small" pagination={false} dataSource={delivery.attempts} style={{ marginTop: 8 }}
        columns={[
          { title: t('webhooks.fields.attemptAt'), dataIndex: 'at', width: 150, render: formatDateTime },
          { title: t('webhooks.fields.trigger'), dataIndex: 'trigger', width: 100, render: (tr: WebhookAttemptView['trigger']) => t(`webhooks.trigger.${tr}`) },
          { title: t('webhooks.fields.httpStatus'), dataIndex: 'status', width: 100, render: (st: number | null) => (st === null ? <Tag color="red">{t('webhooks.detail.noAnswer')}</Tag> : <Tag color={st < 300 ? 'green' : 'red'}>{st}</Tag>) },
          { title: t('webhooks.fields.duration'), dataIndex: 'durationMs', width: 100, render: (ms: number) => `${ms} ms` },
          { title: t('webhooks.fields.response'), dataIndex: 'excerpt', render: (e: string) => <Typography.Text ellipsis={{ tooltip: e }} style={{ maxWidth: 480 }}>{e}</Typography.Text> },
        ]}
      />
    </>
  );
}
