import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { hasRole, isDistrictAdmin } from '../../auth/roles';
import { EChart } from '../../components/EChart';
import { formatDate, sortOrderOf, toSort } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { developmentKeys, todayInShanghai, useObservations, useObservationStats, useRubric, type ObservationQuery, type ObservationStatsView, type ObservationView } from './api';
import { TeacherPicker } from './TeacherPicker';

interface RecordForm {
  observerId: string; observedId: string; observedOn: string; subject: string; className: string; topic: string; comments?: string;
  scores: Record<string, number>;
}

/** Per-teacher and per-school counts and averages, with the schools' averages as a bar chart. */
function StatsPanel({ stats }: { stats: ObservationStatsView }) {
  const { t } = useTranslation();
  const option = useMemo(() => ({
    tooltip: {},
    grid: { left: 40, right: 16, bottom: 60, top: 16 },
    xAxis: { type: 'category', data: stats.schools.map((s) => s.schoolName), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', max: 100 },
    series: [{ type: 'bar', name: t('development.fields.averageReceived'), data: stats.schools.map((s) => s.averageReceived) }],
  }), [stats, t]);
  return (
    <>
      <EChart option={option} label={t('development.observations.chart')} />
      <Typography.Title level={5}>{t('development.observations.bySchool')}</Typography.Title>
      <Table rowKey="schoolId" size="small" pagination={false} dataSource={stats.schools} columns={[
        { title: t('development.fields.school'), dataIndex: 'schoolName' },
        { title: t('development.fields.given'), dataIndex: 'given' },
        { title: t('development.fields.givenElsewhere'), dataIndex: 'givenElsewhere' },
        { title: t('development.fields.received'), dataIndex: 'received' },
        { title: t('development.fields.averageReceived'), dataIndex: 'averageReceived', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('development.observations.byTeacher')}</Typography.Title>
      <Table rowKey="teacherId" size="small" dataSource={stats.teachers} pagination={{ pageSize: 20 }} columns={[
        { title: t('development.fields.teacher'), dataIndex: 'teacherName' },
        { title: t('development.fields.school'), dataIndex: 'schoolName' },
        { title: t('development.fields.given'), dataIndex: 'given' },
        { title: t('development.fields.received'), dataIndex: 'received' },
        { title: t('development.fields.averageReceived'), dataIndex: 'averageReceived', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
      ]} />
    </>
  );
}

/** 听课评课: records with search and paging, a record form scored on the district rubric, and figures per teacher and school. */
export function ObservationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState<ObservationQuery>({ page: 1, pageSize: 20, sort: '-observedOn' });
  const [recording, setRecording] = useState(false);
  const [form] = Form.useForm<RecordForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const observations = useObservations(query);
  const admin = isDistrictAdmin(me) || hasRole(me, 'alliance_admin', 'school_admin');
  const canRecord = isDistrictAdmin(me) || hasRole(me, 'school_admin');
  const rubric = useRubric(districtId);
  const stats = useObservationStats(districtId, admin);
  const update = (patch: Partial<ObservationQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  const record = useMutation({
    mutationFn: (values: RecordForm) => unwrap(api.http.POST('/api/v1/teacher-exchange/observations', {
      body: { ...values, rubricVersion: rubric.data?.version ?? 1, comments: values.comments || undefined },
    })),
    onSuccess: async () => {
      void message.success(t('development.observations.created'));
      setRecording(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: developmentKeys.observations() });
      await queryClient.invalidateQueries({ queryKey: developmentKeys.stats(districtId ?? '') });
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });

  const records = (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('development.observations.search')} aria-label={t('common.search')} style={{ width: 240 }} onSearch={(q) => update({ q: q.trim() || undefined })} />
        <Input type="date" aria-label={t('development.observations.from')} onChange={(e) => update({ from: e.target.value || undefined })} style={{ width: 160 }} />
        <Input type="date" aria-label={t('development.observations.to')} onChange={(e) => update({ to: e.target.value || undefined })} style={{ width: 160 }} />
      </Space>
      {observations.error ? <ProblemAlert error={observations.error} onRetry={() => void observations.refetch()} /> : null}
      <Table<ObservationView>
        rowKey="id"
        loading={observations.isFetching}
        dataSource={observations.data?.items ?? []}
        onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-observedOn' }))}
        pagination={{ current: query.page, pageSize: query.pageSize, total: observations.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: observations.isPending ? ' ' : <EmptyState title={t('development.observations.empty')} hint={t('development.observations.emptyHint')} /> }}
        expandable={{ expandedRowRender: (o) => <Typography.Paragraph style={{ margin: 0 }}>{o.comments ?? '—'}</Typography.Paragraph>, rowExpandable: (o) => Boolean(o.comments) }}
        columns={[
          { title: t('development.fields.observedOn'), dataIndex: 'observedOn', sorter: true, sortOrder: sortOrderOf(query.sort, 'observedOn'), render: (d: string) => formatDate(d) },
          { title: t('development.fields.observer'), dataIndex: 'observerName', render: (n: string, o) => <span>{n} <Typography.Text type="secondary">{o.observerSchoolName}</Typography.Text></span> },
          { title: t('development.fields.observed'), dataIndex: 'observedName', render: (n: string, o) => <span>{n} <Typography.Text type="secondary">{o.observedSchoolName}</Typography.Text></span> },
          { title: t('development.fields.topic'), dataIndex: 'topic', render: (topic: string, o) => `${o.subject} · ${o.className} · ${topic}` },
          {
            title: t('development.fields.total'), dataIndex: 'total', sorter: true, sortOrder: sortOrderOf(query.sort, 'total'),
            render: (total: number, o) => <span>{total}/{o.maxTotal} <Tag>{o.percent}%</Tag>{o.placementId ? <Tag color="blue">{t('development.observations.linkedPlacement')}</Tag> : null}</span>,
          },
          { title: t('development.fields.rubricVersion'), dataIndex: 'rubricVersion', render: (v: number) => t('development.rubric.version', { version: v }) },
        ]}
      />
    </>
  );

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('development.observations.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('development.observations.subtitle')}</Typography.Text>
        </div>
        {canRecord && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setExtra([]); record.reset(); setRecording(true); }}>{t('development.observations.create')}</Button>}
      </Space>
      <Card>
        <Tabs items={[
          { key: 'records', label: t('development.observations.records'), children: records },
          ...(admin ? [{
            key: 'stats', label: t('development.observations.stats'),
            children: stats.error ? <ProblemAlert error={stats.error} /> : stats.data ? <StatsPanel stats={stats.data} /> : <Card loading bordered={false} />,
          }] : []),
        ]} />
      </Card>
      <Modal open={recording} width={720} title={t('development.observations.create')} onCancel={() => setRecording(false)} onOk={() => form.submit()} confirmLoading={record.isPending} destroyOnHidden>
        {record.error ? <ProblemAlert error={record.error} extraFieldErrors={extra} /> : null}
        {rubric.error ? <ProblemAlert error={rubric.error} /> : null}
        <Form<RecordForm> form={form} layout="vertical" initialValues={{ observedOn: todayInShanghai(), scores: {} }} onFinish={(values) => { setExtra([]); record.mutate(values); }}>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item name="observerId" label={t('development.fields.observer')} style={{ minWidth: 300 }} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('development.fields.observer') }) }]}>
              <TeacherPicker />
            </Form.Item>
            <Form.Item name="observedId" label={t('development.fields.observed')} style={{ minWidth: 300 }} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('development.fields.observed') }) }]}>
              <TeacherPicker />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="observedOn" label={t('development.fields.observedOn')} rules={[{ required: true, message: t('validation.required', { field: t('development.fields.observedOn') }) }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="subject" label={t('development.fields.subject')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.subject') }) }]}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="className" label={t('development.fields.className')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.className') }) }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Space>
          <Form.Item name="topic" label={t('development.fields.topic')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.topic') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          {rubric.data ? (
            <Card size="small" title={`${t('development.rubric.version', { version: rubric.data.version })} · ${t('development.rubric.maxTotal', { total: rubric.data.maxTotal })}`} style={{ marginBottom: 16 }}>
              {rubric.data.dimensions.map((d) => (
                <Form.Item key={d.key} name={['scores', d.key]} label={`${d.name}（${d.levels.map((l) => `${l.label} ${l.score}`).join(' / ')}）`}
                  rules={[{ required: true, message: t('validation.range', { field: d.name, min: 0, max: d.maxScore }) }]}>
                  <InputNumber min={0} max={d.maxScore} precision={0} />
                </Form.Item>
              ))}
            </Card>
          ) : null}
          <Form.Item name="comments" label={t('development.fields.comments')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
