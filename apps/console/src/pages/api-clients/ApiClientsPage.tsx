import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useAlliances } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime, sortOrderOf, toSort } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import {
  apiClientKeys, GRACE_HOURS, SCOPE_DOMAINS, scopeOf, useApiClients, type ApiClientQuery, type ApiClientStatus, type ApiClientView, type ApiClientWithSecretView,
  type ApiScope, type ScopeDomain,
} from './api';

type Access = 'none' | 'read' | 'write';
interface ClientForm {
  name: string;
  description?: string;
  access: Partial<Record<ScopeDomain, Access>>;
  reachKind: 'district' | 'alliances';
  allianceIds?: string[];
  rateLimitPerMinute?: number;
}

const STATUS_COLORS: Record<ApiClientStatus, string> = { active: 'green', revoked: 'default' };
/** The gateway's default for a new client, requests per minute. */
const DEFAULT_RATE_LIMIT = 600;

/** The secret, shown once after registration or rotation, with a copy button and a warning. */
function SecretDialog({ issued, onClose }: { issued: ApiClientWithSecretView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.clientSecret);
      void message.success(t('apiClients.secret.copied'));
    } catch {
      void message.error(t('apiClients.secret.copyFailed'));
    }
  };
  return (
    <Modal open title={t('apiClients.secret.title')} closable={false} maskClosable={false} keyboard={false}
      footer={<Button type="primary" onClick={onClose}>{t('apiClients.secret.done')}</Button>}>
      <Alert type="warning" showIcon title={t('apiClients.secret.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('apiClients.fields.clientId')}</Typography.Text>
        <br />
        <Typography.Text code data-testid="client-id">{issued.client.clientId}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('apiClients.secret.clientSecret')}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 4 }}>
        <Input readOnly value={issued.clientSecret} data-testid="client-secret" aria-label={t('apiClients.secret.clientSecret')} />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>{t('apiClients.secret.copy')}</Button>
      </Space.Compact>
      {issued.previousSecretExpiresAt && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('apiClients.secret.previousExpires', { time: formatDateTime(issued.previousSecretExpiresAt) })}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

function CreateClientModal({ onClose, onIssued }: { onClose: () => void; onIssued: (issued: ApiClientWithSecretView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ClientForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const [scopesMissing, setScopesMissing] = useState(false);
  const reachKind = Form.useWatch('reachKind', form);
  const alliances = useAlliances({ districtId, pageSize: 200, sort: 'name' });
  const scopesOf = (v: ClientForm): ApiScope[] => SCOPE_DOMAINS.flatMap((d) => {
    const access = v.access?.[d];
    return access && access !== 'none' ? [scopeOf(d, access)] : [];
  });
  const mutation = useMutation({
    mutationFn: (v: ClientForm) => {
      const scopes = scopesOf(v);
      return unwrap(api.http.POST('/api/v1/api-clients', {
        body: {
          districtId: districtId ?? '', name: v.name.trim(), description: v.description?.trim() || undefined, scopes,
          reach: v.reachKind === 'district' ? { districtIds: [districtId ?? ''] } : { allianceIds: v.allianceIds ?? [] },
          rateLimitPerMinute: v.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT,
        },
      }));
    },
    onSuccess: async (issued) => {
      void message.success(t('apiClients.form.created'));
      await queryClient.invalidateQueries({ queryKey: apiClientKeys.all });
      onIssued(issued);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const f = (k: string) => t(`apiClients.fields.${k}`);
  return (
    <Modal open width={640} title={t('apiClients.form.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending} destroyOnHidden>
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<ClientForm> form={form} layout="vertical" initialValues={{ reachKind: 'district', access: {}, rateLimitPerMinute: DEFAULT_RATE_LIMIT }}
        onFinish={(v) => {
          setExtra([]);
          setScopesMissing(scopesOf(v).length === 0);
          if (scopesOf(v).length > 0) mutation.mutate(v);
        }}>
        <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: f('name') }) }, { max: 64, message: t('validation.maxLength', { field: f('name'), max: 64 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={f('description')} rules={[{ max: 500, message: t('validation.maxLength', { field: f('description'), max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={f('scopes')} extra={t('apiClients.form.scopesHint')} required
          validateStatus={scopesMissing ? 'error' : undefined} help={scopesMissing ? t('apiClients.form.scopesRequired') : undefined}>
          {SCOPE_DOMAINS.map((domain) => (
            <Form.Item key={domain} name={['access', domain]} noStyle>
              <AccessChoice domain={domain} />
            </Form.Item>
          ))}
        </Form.Item>
        <Form.Item name="reachKind" label={f('reach')} extra={t('apiClients.form.reachHint')}>
          <Radio.Group options={[{ value: 'district', label: f('reachDistrict') }, { value: 'alliances', label: f('reachAlliances') }]} />
        </Form.Item>
        {reachKind === 'alliances' && (
          <Form.Item name="allianceIds" rules={[{ required: true, message: t('apiClients.form.reachRequired') }]}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={alliances.isPending} aria-label={f('reachAlliances')}
              options={(alliances.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
        )}
        <Form.Item name="rateLimitPerMinute" label={f('rateLimit')}>
          <InputNumber min={1} max={100000} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One row of scope checkboxes: read, and read-and-write, for a domain (checking one clears the other). */
function AccessChoice({ domain, value, onChange }: { domain: ScopeDomain; value?: Access; onChange?: (value: Access) => void }) {
  const { t } = useTranslation();
  const toggle = (access: 'read' | 'write', checked: boolean) => onChange?.(checked ? access : 'none');
  return (
    <div style={{ display: 'flex', gap: 16, padding: '4px 0' }} data-testid={`scopes-${domain}`}>
      <span style={{ width: 180 }}>{t(`apiClients.domains.${domain}`)}</span>
      <Checkbox checked={value === 'read'} onChange={(e) => toggle('read', e.target.checked)} aria-label={`${domain}:read`}>{t('apiClients.access.read')}</Checkbox>
      <Checkbox checked={value === 'write'} onChange={(e) => toggle('write', e.target.checked)} aria-label={`${domain}:write`}>{t('apiClients.access.write')}</Checkbox>
    </div>
  );
}

function RowActions({ client, onIssued }: { client: ApiClientView; onIssued: (issued: ApiClientWithSecretView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [graceHours, setGraceHours] = useState<number>(24);
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiClientKeys.all });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/api-clients/{id}/secret', { params: { path: { id: client.id } }, body: { graceSeconds: graceHours * 3600 } })),
    onSuccess: async (issued) => {
      void message.success(t('apiClients.rotate.rotated'));
      await refresh();
      onIssued(issued);
    },
    onError: (e) => void message.error(e.message),
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/api-clients/{id}/revoke', { params: { path: { id: client.id } } })),
    onSuccess: async () => {
      void message.success(t('apiClients.revoke.revoked'));
      await refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  if (client.status === 'revoked') return <>{t('common.none')}</>;
  return (
    <Space>
      <Popconfirm
        title={t('apiClients.rotate.confirm')}
        description={(
          <Space direction="vertical">
            <span>{t('apiClients.rotate.grace')}</span>
            <Select<number> value={graceHours} onChange={setGraceHours} style={{ width: 160 }} aria-label={t('apiClients.rotate.grace')}
              options={GRACE_HOURS.map((h) => ({ value: h, label: h === 0 ? t('apiClients.rotate.now') : t('apiClients.rotate.graceHours', { hours: h }) }))} />
          </Space>
        )}
        okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => rotate.mutate()}>
        <Button size="small" loading={rotate.isPending}>{t('apiClients.rotate.action')}</Button>
      </Popconfirm>
      <Popconfirm title={t('apiClients.revoke.confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => revoke.mutate()}>
        <Button size="small" danger loading={revoke.isPending}>{t('apiClients.revoke.action')}</Button>
      </Popconfirm>
    </Space>
  );
}

export function ApiClientsPage() {
  const { t } = useTranslation();
  const { districtId } = useAuth();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<ApiClientWithSecretView | undefined>();
  const [query, setQuery] = useState<ApiClientQuery>({ page: 1, pageSize: 20, sort: '-createdAt' });
  const clients = useApiClients({ ...query, districtId });
  const update = (patch: Partial<ApiClientQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const scopeLabel = (scope: string) => {
    const [domain, access] = scope.split(':') as [ScopeDomain, 'read' | 'write'];
    return `${t(`apiClients.domains.${domain}`)} · ${t(`apiClients.access.${access}`)}`;
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('apiClients.list.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('apiClients.list.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('apiClients.list.create')}</Button>
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('apiClients.list.search')} aria-label={t('common.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 260 }} />
          <Select<ApiClientStatus> allowClear placeholder={t('apiClients.list.allStatuses')} aria-label={t('apiClients.fields.status')} style={{ width: 140 }}
            value={query.status} onChange={(status) => update({ status })}
            options={(['active', 'revoked'] as const).map((s) => ({ value: s, label: t(`apiClients.status.${s}`) }))} />
        </Space>
        {clients.error ? <ProblemAlert error={clients.error} onRetry={() => void clients.refetch()} /> : null}
        <Table<ApiClientView>
          rowKey="id"
          loading={clients.isFetching}
          dataSource={clients.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-createdAt' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: clients.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{ emptyText: clients.isPending ? ' ' : <EmptyState title={t('apiClients.list.empty')} hint={t('apiClients.list.emptyHint')} /> }}
          columns={[
            { title: t('apiClients.fields.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrderOf(query.sort, 'name') },
            { title: t('apiClients.fields.clientId'), dataIndex: 'clientId', render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
            { title: t('apiClients.fields.scopes'), dataIndex: 'scopes', render: (scopes: string[]) => scopes.map((s) => <Tag key={s} title={s}>{scopeLabel(s)}</Tag>) },
            {
              title: t('apiClients.fields.reach'), dataIndex: 'reach',
              render: (reach: ApiClientView['reach']) => (reach.districtIds.length ? t('apiClients.fields.reachDistrict') : `${t('apiClients.fields.reachAlliances')} (${reach.allianceIds.length})`),
            },
            { title: t('apiClients.fields.rateLimit'), dataIndex: 'rateLimitPerMinute' },
            { title: t('apiClients.fields.status'), dataIndex: 'status', sorter: true, sortOrder: sortOrderOf(query.sort, 'status'), render: (s: ApiClientStatus) => <Tag color={STATUS_COLORS[s]}>{t(`apiClients.status.${s}`)}</Tag> },
            { title: t('apiClients.fields.createdAt'), dataIndex: 'createdAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'createdAt'), render: formatDateTime },
            { title: t('common.actions'), key: 'actions', render: (_: unknown, client) => <RowActions client={client} onIssued={setIssued} /> },
          ]}
        />
      </Card>
      {creating && <CreateClientModal onClose={() => setCreating(false)} onIssued={(v) => { setCreating(false); setIssued(v); }} />}
      {issued && <SecretDialog issued={issued} onClose={() => setIssued(undefined)} />}
    </>
  );
}
