import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { useSchools } from '../../api/queries';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { useActivityAlliances } from '../activities/api';
import { BodyPicker } from '../organisation/BodyPicker';
import {
  PLAN_STATUS_COLORS, planKeys, planningTerms, useMyOverdueCount, usePlans, type CreatePlanDto, type PlanQuery, type PlanStatus, type PlanView,
} from './api';

/** The term work plans the user may see, with search, term, level and status filters, and a form to start one. */
export function PlansPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // the coming term first (plans are written before it starts), then the current one (the default) and four before it
  const terms = planningTerms();
  const [query, setQuery] = useState<PlanQuery>({ page: 1, pageSize: 20, term: terms[1], sort: '-updatedAt' });
  const [creating, setCreating] = useState(false);
  const plans = usePlans(query);
  const overdue = useMyOverdueCount();
  const columns = [
    { title: t('plans.fields.title'), dataIndex: 'title', render: (title: string, p: PlanView) => <Typography.Link onClick={() => navigate(`/plans/${p.id}`)}>{title}</Typography.Link> },
    { title: t('plans.fields.term'), dataIndex: 'term', width: 120 },
    { title: t('plans.fields.level'), dataIndex: 'level', width: 110, render: (level: PlanView['level']) => t(`plans.level.${level}`) },
    { title: t('plans.fields.alliance'), render: (_: unknown, p: PlanView) => p.alliance.name },
    { title: t('plans.fields.school'), render: (_: unknown, p: PlanView) => p.school?.name ?? t('common.none') },
    { title: t('plans.fields.owner'), dataIndex: 'ownerName', width: 110 },
    { title: t('plans.fields.status'), dataIndex: 'status', width: 100, render: (s: PlanStatus) => <Tag color={PLAN_STATUS_COLORS[s]}>{t(`plans.status.${s}`)}</Tag> },
    {
      title: t('plans.fields.progress'), width: 170,
      render: (_: unknown, p: PlanView) => (
        <Space size={4}>
          <span>{p.milestonesDone}/{p.milestoneCount}</span>
          {p.milestonesOverdue > 0 && <Tag color="red">{t('plans.milestones.overdue')} {p.milestonesOverdue}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('plans.list.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('plans.list.subtitle')}</Typography.Paragraph>
        </div>
        <Button type="primary" onClick={() => setCreating(true)}>{t('plans.list.create')}</Button>
      </Space>
      {overdue > 0 && (
        <Alert
          type="error" showIcon style={{ marginBottom: 16 }} title={t('plans.list.overdueBadge', { count: overdue })}
          action={<Button size="small" onClick={() => navigate('/plans/milestones')}>{t('common.view')}</Button>}
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear placeholder={t('plans.list.search')} aria-label={t('common.search')} style={{ width: 260 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, page: 1, q: q || undefined }))}
        />
        <Select
          aria-label={t('plans.fields.term')} style={{ width: 160 }} value={query.term ?? ''}
          onChange={(term: string) => setQuery((q) => ({ ...q, page: 1, term: term || undefined }))}
          options={[{ value: '', label: t('plans.list.allTerms') }, ...terms.map((term) => ({ value: term, label: term }))]}
        />
        <Select<PlanView['level']>
          allowClear placeholder={t('plans.fields.level')} aria-label={t('plans.fields.level')} style={{ width: 140 }} value={query.level}
          onChange={(level) => setQuery((q) => ({ ...q, page: 1, level }))}
          options={(['alliance', 'school'] as const).map((l) => ({ value: l, label: t(`plans.level.${l}`) }))}
        />
        <Select<PlanStatus>
          allowClear placeholder={t('plans.fields.status')} aria-label={t('plans.fields.status')} style={{ width: 130 }} value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={(Object.keys(PLAN_STATUS_COLORS) as PlanStatus[]).map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
        />
      </Space>
      <Card>
        {plans.error ? <ProblemAlert error={plans.error} onRetry={() => void plans.refetch()} /> : null}
        <Table<PlanView>
          rowKey="id" size="middle" columns={columns} dataSource={plans.data?.items ?? []} loading={plans.isFetching}
          locale={{ emptyText: <EmptyState title={t('plans.list.empty')} hint={t('plans.list.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: plans.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <CreatePlanModal open={creating} term={query.term ?? terms[1]!} terms={terms} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/plans/${id}`)} />
    </>
  );
}

interface CreateForm { allianceId: string; schoolId?: string; bodyId?: string | null; term: string; title: string; goals: string; measures: string; ownerName: string }

function CreatePlanModal({ open, term, terms, onClose, onCreated }: { open: boolean; term: string; terms: string[]; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<CreateForm>();
  const alliances = useActivityAlliances();
  const allianceId = Form.useWatch('allianceId', form);
  const members = (alliances.data?.alliances ?? []).find((a) => a.allianceId === allianceId)?.schoolIds ?? [];
  const schools = useSchools({ pageSize: 200, sort: 'name' });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const create = useMutation({
    mutationFn: (v: CreateForm) => {
      // the signed-in user owns the plan unless another name is typed: their milestones then show in "my overdue milestones"
      const ownerUserId = v.ownerName.trim() === me.displayName ? me.id : undefined;
      const body: CreatePlanDto = { ...v, schoolId: v.schoolId || undefined, bodyId: v.bodyId || undefined, measures: v.measures ?? '', ownerUserId };
      return unwrap(api.http.POST('/api/v1/plans', { body }));
    },
    onSuccess: async (plan) => {
      void message.success(t('plans.list.created'));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      onClose();
      onCreated(plan.id);
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Modal
      title={t('plans.list.create')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={create.isPending} destroyOnHidden width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ term, ownerName: me.displayName }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="allianceId" label={t('plans.fields.alliance')} rules={[{ required: true, message: t('validation.required', { field: t('plans.fields.alliance') }) }]}>
          <Select
            options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))} loading={alliances.isPending}
            onChange={() => form.setFieldsValue({ schoolId: undefined, bodyId: undefined })}
          />
        </Form.Item>
        <Form.Item name="schoolId" label={`${t('plans.fields.school')}（${t('common.optional')}）`} extra={t('plans.list.schoolHint')}>
          <Select
            allowClear disabled={!allianceId}
            options={(schools.data?.items ?? []).filter((s) => members.includes(s.id)).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="bodyId" label={t('organisation.picker.planBody')} extra={t('organisation.picker.hint')}>
          <BodyPicker allianceId={allianceId} />
        </Form.Item>
        <Form.Item name="term" label={t('plans.fields.term')} rules={[{ required: true }]}>
          <Select options={terms.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item name="title" label={t('plans.fields.title')} rules={[required(t('plans.fields.title')), { max: 100 }]}><Input /></Form.Item>
        <Form.Item name="goals" label={t('plans.fields.goals')} rules={[required(t('plans.fields.goals')), { max: 5000 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="measures" label={t('plans.fields.measures')} rules={[{ max: 5000 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="ownerName" label={t('plans.fields.owner')} rules={[required(t('plans.fields.owner')), { max: 64 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
