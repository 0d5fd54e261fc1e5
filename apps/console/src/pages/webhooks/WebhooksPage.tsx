import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { formatDateTime } from '../../components/format';
import { EmptyState } from '../../components/states';
import {
  isWebhookUrl, SUBSCRIPTION_STATUS_COLORS, useEventTypes, useSubscriptions, webhookKeys, type CreateWebhookSubscriptionDto, type SubscriptionQuery,
  type SubscriptionStatus, type WebhookSubscriptionCreatedView, type WebhookSubscriptionView,
} from './api';

/** Webhook subscriptions (事件推送) of the district: search, status filter, paging, and a form to subscribe an endpoint. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState<SubscriptionQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookSubscriptionCreatedView | null>(null);
  const subscriptions = useSubscriptions(query);
  const columns = [
    {
      title: t('webhooks.fields.url'), dataIndex: 'url',
      render: (url: string, s: WebhookSubscriptionView) => <Typography.Link onClick={() => navigate(`/webhooks/${s.id}`)}>{url}</Typography.Link>,
    },
    { title: t('webhooks.fields.description'), dataIndex: 'description', render: (d: string | null) => d ?? t('common.none') },
    { title: t('webhooks.fields.eventTypes'), dataIndex: 'eventTypes', render: (types: string[]) => <Space size={4} wrap>{types.map((e) => <Tag key={e}>{e}</Tag>)}</Space> },
    {
      title: t('webhooks.fields.status'), dataIndex: 'status', width: 150,
      render: (s: SubscriptionStatus, row: WebhookSubscriptionView) => (
        <Space size={4}>
          <Tag color={SUBSCRIPTION_STATUS_COLORS[s]}>{t(`webhooks.status.${s}`)}</Tag>
          {row.pausedReason === 'failures' && <Tag color="red">{t('webhooks.pausedForFailures')}</Tag>}
        </Space>
      ),
    },
    { title: t('webhooks.fields.pending'), dataIndex: 'pendingDeliveries', width: 90 },
    { title: t('webhooks.fields.lastSuccess'), dataIndex: 'lastSuccessAt', width: 150, render: formatDateTime },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('webhooks.list.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('webhooks.list.subtitle')}</Typography.Paragraph>
        </div>
        <Button type="primary" onClick={() => setCreating(true)}>{t('webhooks.list.create')}</Button>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear placeholder={t('webhooks.list.search')} aria-label={t('common.search')} style={{ width: 280 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, page: 1, q: q || undefined }))}
        />
        <Select<SubscriptionStatus>
          allowClear placeholder={t('webhooks.fields.status')} aria-label={t('webhooks.fields.status')} style={{ width: 140 }} value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={(Object.keys(SUBSCRIPTION_STATUS_COLORS) as SubscriptionStatus[]).map((s) => ({ value: s, label: t(`webhooks.status.${s}`) }))}
        />
      </Space>
      <Card>
        {subscriptions.error ? <ProblemAlert error={subscriptions.error} onRetry={() => void subscriptions.refetch()} /> : null}
        <Table<WebhookSubscriptionView>
          rowKey="id" size="middle" columns={columns} dataSource={subscriptions.data?.items ?? []} loading={subscriptions.isFetching}
          locale={{ emptyText: <EmptyState title={t('webhooks.list.empty')} hint={t('webhooks.list.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: subscriptions.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <CreateSubscriptionModal open={creating} onClose={() => setCreating(false)} onCreated={(s) => { setCreating(false); setCreated(s); }} />
      <SecretModal
        secret={created?.secret ?? null} title={t('webhooks.secret.createdTitle')}
        onClose={() => { const id = created?.id; setCreated(null); if (id) void navigate(`/webhooks/${id}`); }}
      />
    </>
  );
}

/** The signing secret, shown once: after this dialog nobody can read it again. */
export function SecretModal({ secret, title, onClose }: { secret: string | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={title} open={secret !== null} onOk={onClose} onCancel={onClose} okText={t('webhooks.secret.saved')} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      <Alert type="warning" showIcon title={t('webhooks.secret.once')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="webhook-secret">{secret}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('webhooks.secret.howTo')}</Typography.Paragraph>
    </Modal>
  );
}

interface CreateForm { url: string; eventTypes: string[]; description?: string }

function CreateSubscriptionModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: WebhookSubscriptionCreatedView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const eventTypes = useEventTypes();
  const zh = currentLanguage() === 'zh-CN';
  const domains = [...new Set((eventTypes.data ?? []).map((e) => e.domain))];
  const options = [
    { label: t('webhooks.form.wildcards'), options: [{ value: '*', label: `* — ${t('webhooks.form.allEvents')}` }] },
    ...domains.map((domain) => ({
      label: t(`webhooks.domain.${domain}`, { defaultValue: domain }),
      options: (eventTypes.data ?? []).filter((e) => e.domain === domain).map((e) => ({ value: e.type, label: `${e.type} — ${zh ? e.descriptionZh : e.description}` })),
    })),
  ];
  const create = useMutation({
    mutationFn: (v: CreateForm) => {
      const body: CreateWebhookSubscriptionDto = { url: v.url.trim(), eventTypes: v.eventTypes, description: v.description?.trim() || undefined };
      return unwrap(api.http.POST('/api/v1/webhooks/subscriptions', { body }));
    },
    onSuccess: async (s) => {
      void message.success(t('webhooks.list.created'));
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all });
      form.resetFields();
      onCreated(s);
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Modal
      title={t('webhooks.list.create')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={create.isPending} destroyOnHidden width={680}
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="url" label={t('webhooks.fields.url')} extra={t('webhooks.form.urlHint')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('webhooks.fields.url') }) },
            { max: 2048 },
            { validator: async (_rule, value: string | undefined) => { if (value && !isWebhookUrl(value)) throw new Error(t('webhooks.form.urlInvalid')); } },
          ]}
        >
          <Input placeholder="https://" />
        </Form.Item>
        <Form.Item name="eventTypes" label={t('webhooks.fields.eventTypes')} rules={[{ required: true, message: t('validation.required', { field: t('webhooks.fields.eventTypes') }) }]}>
          <Select mode="multiple" options={options} loading={eventTypes.isPending} placeholder={t('webhooks.form.eventTypesHint')} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="description" label={`${t('webhooks.fields.description')}（${t('common.optional')}）`} rules={[{ max: 200 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
