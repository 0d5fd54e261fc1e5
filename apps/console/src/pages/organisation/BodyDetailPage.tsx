import { App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { canManageAlliance } from '../../auth/roles';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { EmptyState, QueryBoundary } from '../../components/states';
import { usePlans, type PlanView } from '../plans/api';
import { useActivities, type ActivityView } from '../activities/api';
import { BODY_ROLES, useBody, useBodyCandidates, type BodyDetailView, type BodyMemberView, type BodyRole } from './api';

function useRefreshBodies() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['bodies'] });
}

type AddForm = { person?: string; role?: BodyRole; termFrom?: Dayjs; termTo?: Dayjs };

/** Adds a person of a member school: the picker offers the alliance's candidates (teachers and school admins of its member schools). */
function AddMemberModal({ body, onClose }: { body: BodyDetailView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshBodies();
  const [form] = Form.useForm<AddForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const [search, setSearch] = useState('');
  const candidates = useBodyCandidates(body.allianceId, search);
  const current = new Set(body.members.filter((m) => m.status === 'current').map((m) => m.user.id));
  const hasLeader = body.members.some((m) => m.status === 'current' && m.role === 'leader');
  const add = useMutation({
    mutationFn: (v: AddForm) => {
      const [userId = '', schoolId = ''] = (v.person ?? '').split('|');
      return unwrap(api.http.POST('/api/v1/bodies/{id}/members', {
        params: { path: { id: body.id } },
        body: { userId, schoolId, role: v.role as BodyRole, termFrom: v.termFrom?.format('YYYY-MM-DD') ?? '', termTo: v.termTo?.format('YYYY-MM-DD') },
      }));
    },
    onSuccess: async () => {
      void message.success(t('organisation.body.added'));
      await refresh();
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e, { userId: 'person', schoolId: 'person' })),
  });
  const label = (key: string) => t(`organisation.fields.${key}`);
  return (
    <Modal open title={t('organisation.body.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('organisation.body.add')} cancelText={t('common.cancel')} confirmLoading={add.isPending} destroyOnHidden>
      <ProblemAlert error={add.error} extraFieldErrors={extra} />
      <Form<AddForm> form={form} layout="vertical" initialValues={{ role: hasLeader ? 'member' : 'leader', termFrom: dayjs() }} onFinish={(v) => { setExtra([]); add.mutate(v); }}>
        <Form.Item name="person" label={label('person')} rules={[{ required: true, message: t('validation.requiredSelect', { field: label('person') }) }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('organisation.body.personPlaceholder')}
            loading={candidates.isFetching}
            options={(candidates.data?.items ?? []).filter((c) => !current.has(c.user.id)).map((c) => ({ value: `${c.user.id}|${c.school.id}`, label: `${c.user.displayName}（${c.school.name}）` }))}
          />
        </Form.Item>
        <Form.Item name="role" label={label('role')} rules={[{ required: true, message: t('validation.requiredSelect', { field: label('role') }) }]}>
          <Select options={BODY_ROLES.map((r) => ({ value: r, label: t(`organisation.role.${r}`), disabled: r === 'leader' && hasLeader }))} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="termFrom" label={label('termFrom')} rules={[{ required: true, message: t('validation.required', { field: label('termFrom') }) }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="termTo"
            label={`${label('termTo')}（${t('common.optional')}）`}
            extra={t('organisation.body.termHint')}
            dependencies={['termFrom']}
            rules={[({ getFieldValue }) => ({
              validator: (_r, value?: Dayjs) => {
                const from = getFieldValue('termFrom') as Dayjs | undefined;
                return !value || !from || !value.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error(t('organisation.fields.termTo')));
              },
            })]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** Ends a term on a chosen day (never before it began); the membership stays in the history. */
function EndMemberModal({ body, member, onClose }: { body: BodyDetailView; member: BodyMemberView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshBodies();
  const [form] = Form.useForm<{ endedOn?: Dayjs; reason?: string }>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const end = useMutation({
    mutationFn: (v: { endedOn?: Dayjs; reason?: string }) => unwrap(api.http.POST('/api/v1/bodies/{id}/members/{memberId}/end', {
      params: { path: { id: body.id, memberId: member.id } }, body: { endedOn: v.endedOn?.format('YYYY-MM-DD') ?? '', reason: v.reason?.trim() || undefined },
    })),
    onSuccess: async () => {
      void message.success(t('organisation.body.ended'));
      await refresh();
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const label = (key: string) => t(`organisation.fields.${key}`);
  return (
    <Modal open title={t('organisation.body.endTitle', { name: member.user.displayName })} onCancel={onClose} onOk={() => form.submit()} okText={t('organisation.body.end')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} confirmLoading={end.isPending} destroyOnHidden>
      <ProblemAlert error={end.error} extraFieldErrors={extra} />
      <Form form={form} layout="vertical" initialValues={{ endedOn: dayjs() }} onFinish={(v) => { setExtra([]); end.mutate(v); }}>
        <Form.Item name="endedOn" label={label('endedOn')} rules={[{ required: true, message: t('validation.required', { field: label('endedOn') }) }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(member.termFrom), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={`${label('endReason')}（${t('common.optional')}）`} rules={[{ max: 500, message: t('validation.maxLength', { field: label('endReason'), max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DissolveModal({ body, onClose }: { body: BodyDetailView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshBodies();
  const [form] = Form.useForm<{ reason?: string }>();
  const dissolve = useMutation({
    mutationFn: (v: { reason?: string }) => unwrap(api.http.POST('/api/v1/bodies/{id}/dissolve', { params: { path: { id: body.id } }, body: { reason: v.reason?.trim() ?? '' } })),
    onSuccess: async () => {
      void message.success(t('organisation.body.dissolved'));
      await refresh();
      onClose();
    },
  });
  const label = t('organisation.fields.reason');
  return (
    <Modal open title={t('organisation.body.dissolveTitle', { name: body.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('organisation.body.dissolve')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} confirmLoading={dissolve.isPending} destroyOnHidden>
      <Typography.Paragraph type="danger">{t('organisation.body.dissolveWarning')}</Typography.Paragraph>
      <ProblemAlert error={dissolve.error} showFieldErrors />
      <Form form={form} layout="vertical" onFinish={(v) => dissolve.mutate(v)}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: label }) }, { max: 500, message: t('validation.maxLength', { field: label, max: 500 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BodyDetail({ body }: { body: BodyDetailView }) {
  const { t } = useTranslation();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<BodyMemberView | null>(null);
  const [dissolving, setDissolving] = useState(false);
  const manage = canManageAlliance(me, body.allianceId);
  const active = body.status === 'active';
  const current = body.members.filter((m) => m.status === 'current');
  const ended = body.members.filter((m) => m.status === 'ended');
  const label = (key: string) => t(`organisation.fields.${key}`);
  const columns = [
    { title: label('person'), key: 'person', render: (_: unknown, m: BodyMemberView) => <Link to={`/users/${m.user.id}`}>{m.user.displayName}</Link> },
    { title: label('school'), key: 'school', render: (_: unknown, m: BodyMemberView) => <Link to={`/schools/${m.school.id}`}>{m.school.name}</Link> },
    { title: label('role'), dataIndex: 'role', render: (r: BodyRole) => <Tag color={r === 'leader' ? 'gold' : r === 'deputy' ? 'blue' : undefined}>{t(`organisation.role.${r}`)}</Tag> },
    { title: label('termFrom'), dataIndex: 'termFrom' },
    { title: label('termTo'), dataIndex: 'termTo', render: (d: string | null) => d ?? t('common.none') },
  ];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={`/alliances/${body.alliance.id}`}>{body.alliance.name}</Link> }, { title: t('organisation.tab') }, { title: body.name }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="baseline" wrap>
          <Typography.Title level={1} style={{ margin: 0 }}>{body.name}</Typography.Title>
          <Tag>{body.category ? t(`organisation.category.${body.category}`) : t(`organisation.kind.${body.kind}`)}</Tag>
          <Tag color={active ? 'green' : 'default'}>{t(`organisation.status.${body.status}`)}</Tag>
        </Space>
        {manage && active && (
          <Space wrap>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>{t('organisation.body.add')}</Button>
            <Button danger icon={<StopOutlined />} onClick={() => setDissolving(true)}>{t('organisation.body.dissolve')}</Button>
          </Space>
        )}
      </Space>
      {!manage && <Typography.Paragraph type="secondary">{t('organisation.body.readOnly')}</Typography.Paragraph>}
      <Card>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={label('alliance')}><Link to={`/alliances/${body.alliance.id}`}>{body.alliance.name}</Link></Descriptions.Item>
          <Descriptions.Item label={label('kind')}>{t(`organisation.kind.${body.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={label('parent')}>{body.parent ? <Link to={`/bodies/${body.parent.id}`}>{body.parent.name}</Link> : t('common.none')}</Descriptions.Item>
          {body.subject && <Descriptions.Item label={label('subject')}>{body.subject}</Descriptions.Item>}
          <Descriptions.Item label={label('leader')}>{body.leaderName ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={label('memberCount')}>{body.memberCount}</Descriptions.Item>
          {body.dissolveReason && <Descriptions.Item label={label('reason')}>{body.dissolveReason}</Descriptions.Item>}
          <Descriptions.Item label={label('responsibilities')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{body.responsibilities ?? t('common.none')}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            {
              key: 'current',
              label: `${t('organisation.body.current')} (${current.length})`,
              children: (
                <Table<BodyMemberView>
                  rowKey="id"
                  data-testid="body-members"
                  pagination={false}
                  dataSource={current}
                  locale={{ emptyText: <EmptyState title={t('organisation.body.noMembers')} hint={manage ? t('organisation.body.noMembersHint') : undefined} /> }}
                  columns={[
                    ...columns,
                    ...(manage ? [{
                      title: t('common.actions'), key: 'actions',
                      render: (_: unknown, m: BodyMemberView) => <Button size="small" danger onClick={() => setEnding(m)}>{t('organisation.body.end')}</Button>,
                    }] : []),
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: `${t('organisation.body.history')} (${ended.length})`,
              children: (
                <Table<BodyMemberView>
                  rowKey="id"
                  pagination={false}
                  dataSource={ended}
                  locale={{ emptyText: <EmptyState title={t('organisation.body.noMembers')} /> }}
                  columns={[
                    ...columns,
                    { title: label('endedOn'), dataIndex: 'endedOn' },
                    { title: label('endReason'), dataIndex: 'endReason', render: (r: string | null) => r ?? t('common.none') },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <BodyPlans bodyId={body.id} />
      <BodyActivities bodyId={body.id} />
      {adding && <AddMemberModal body={body} onClose={() => setAdding(false)} />}
      {ending && <EndMemberModal body={body} member={ending} onClose={() => setEnding(null)} />}
      {dissolving && <DissolveModal body={body} onClose={() => setDissolving(false)} />}
    </>
  );
}

/** The work plans that name this body as their owner (activities lists them by body). */
function BodyPlans({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const plans = usePlans({ bodyId, pageSize: 50 });
  return (
    <Card title={t('organisation.body.plans')} style={{ marginTop: 16 }}>
      <Table<PlanView>
        rowKey="id"
        data-testid="body-plans"
        loading={plans.isFetching}
        pagination={false}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: <EmptyState title={t('organisation.body.noPlans')} /> }}
        columns={[
          { title: t('plans.fields.title'), dataIndex: 'title', render: (title: string, p) => <Link to={`/plans/${p.id}`}>{title}</Link> },
          { title: t('plans.fields.term'), dataIndex: 'term' },
          { title: t('plans.fields.status'), dataIndex: 'status', render: (s: PlanView['status']) => t(`plans.status.${s}`) },
          { title: t('plans.fields.owner'), dataIndex: 'ownerName' },
        ]}
      />
    </Card>
  );
}

/** The activities that name this body as the one running them (activities lists them by body). */
function BodyActivities({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const activities = useActivities({ bodyId, pageSize: 50, sort: '-startsAt' });
  return (
    <Card title={t('organisation.body.activities')} style={{ marginTop: 16 }}>
      <Table<ActivityView>
        rowKey="id"
        data-testid="body-activities"
        loading={activities.isFetching}
        pagination={false}
        dataSource={activities.data?.items ?? []}
        locale={{ emptyText: <EmptyState title={t('organisation.body.noActivities')} /> }}
        columns={[
          { title: t('activities.fields.title'), dataIndex: 'title', render: (title: string, a) => <Link to={`/activities/${a.id}`}>{title}</Link> },
          { title: t('activities.fields.kind'), dataIndex: 'kind', render: (k: ActivityView['kind']) => t(`activities.kind.${k}`) },
          { title: t('activities.fields.startsAt'), dataIndex: 'startsAt', render: (at: string) => formatDateTime(at) },
          { title: t('activities.fields.organiser'), render: (_: unknown, a) => a.organiserSchool.name },
          { title: t('activities.fields.status'), dataIndex: 'status', render: (s: ActivityView['status']) => t(`activities.status.${s}`) },
        ]}
      />
    </Card>
  );
}

export function BodyDetailPage() {
  const { id } = useParams();
  const query = useBody(id);
  return (
    <QueryBoundary isPending={query.isPending} error={query.error} refetch={query.refetch}>
      {() => query.data && <BodyDetail body={query.data} />}
    </QueryBoundary>
  );
}
