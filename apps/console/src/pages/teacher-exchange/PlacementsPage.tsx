import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type MeView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { adminAllianceIds, adminSchoolIds, hasRole, isDistrictAdmin } from '../../auth/roles';
import { formatDate, sortOrderOf, toSort } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { KINDS, STATUS_COLORS, STATUSES, teacherExchangeKeys, usePlacements, type PlacementKind, type PlacementQuery, type PlacementStatus, type PlacementView } from './api';

type Action = 'approve' | 'reject' | 'activate' | 'complete' | 'cancel';

/** The workflow actions this user may take on a placement now (the service decides again). */
export function actionsFor(me: MeView, p: PlacementView): Action[] {
  const district = isDistrictAdmin(me);
  const schools = adminSchoolIds(me);
  const allianceAdmin = district || adminAllianceIds(me).includes(p.allianceId);
  const homeAdmin = district || schools.includes(p.homeSchoolId);
  const pendingHostAdmin = district || p.hosts.some((h) => !h.approvedAt && schools.includes(h.schoolId));
  const actions: Action[] = [];
  if (p.status === 'proposed' && homeAdmin) actions.push('approve', 'reject');
  if (p.status === 'home_approved' && pendingHostAdmin) actions.push('approve', 'reject');
  if (p.status === 'approved' && allianceAdmin) actions.push('activate');
  if (p.status === 'active' && (allianceAdmin || homeAdmin)) actions.push('complete');
  if (['proposed', 'home_approved', 'approved'].includes(p.status) && (allianceAdmin || p.proposedBy === me.id)) actions.push('cancel');
  return actions;
}

export function PlacementsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState<PlacementQuery>({ page: 1, pageSize: 20, sort: '-startsOn' });
  const [asking, setAsking] = useState<{ action: 'reject' | 'cancel'; placement: PlacementView } | undefined>();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const placements = usePlacements(query);
  const canPropose = isDistrictAdmin(me) || hasRole(me, 'school_admin', 'alliance_admin');
  const update = (patch: Partial<PlacementQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  const act = useMutation({
    mutationFn: ({ action, id, reason }: { action: Action; id: string; reason?: string }): Promise<PlacementView> => {
      const path = { params: { path: { id } } };
      switch (action) {
        case 'approve': return unwrap(api.http.POST('/api/v1/teacher-exchange/placements/{id}/approve', { ...path, body: {} }));
        case 'reject': return unwrap(api.http.POST('/api/v1/teacher-exchange/placements/{id}/reject', { ...path, body: { reason: reason ?? '' } }));
        case 'activate': return unwrap(api.http.POST('/api/v1/teacher-exchange/placements/{id}/activate', path));
        case 'complete': return unwrap(api.http.POST('/api/v1/teacher-exchange/placements/{id}/complete', path));
        case 'cancel': return unwrap(api.http.POST('/api/v1/teacher-exchange/placements/{id}/cancel', { ...path, body: { reason: reason ?? '' } }));
      }
    },
    onSuccess: async () => {
      void message.success(t('teacherExchange.placements.done'));
      setAsking(undefined);
      reasonForm.resetFields();
      await queryClient.invalidateQueries({ queryKey: teacherExchangeKeys.placements() });
    },
  });

  const run = (action: Action, placement: PlacementView) => {
    if (action === 'reject' || action === 'cancel') setAsking({ action, placement });
    else act.mutate({ action, id: placement.id });
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>{t('teacherExchange.placements.title')}</Typography.Title>
        {canPropose && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/teacher-exchange/placements/new')}>{t('teacherExchange.placements.create')}</Button>}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('teacherExchange.placements.searchPlaceholder')} aria-label={t('common.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Select<PlacementStatus> allowClear placeholder={t('teacherExchange.placements.allStatuses')} aria-label={t('teacherExchange.fields.status')} style={{ width: 170 }}
            value={query.status} onChange={(status) => update({ status })} options={STATUSES.map((s) => ({ value: s, label: t(`teacherExchange.status.${s}`) }))} />
          <Select<PlacementKind> allowClear placeholder={t('teacherExchange.fields.kind')} aria-label={t('teacherExchange.fields.kind')} style={{ width: 140 }}
            value={query.kind} onChange={(kind) => update({ kind })} options={KINDS.map((k) => ({ value: k, label: t(`teacherExchange.kind.${k}`) }))} />
        </Space>
        {placements.error ? <ProblemAlert error={placements.error} onRetry={() => void placements.refetch()} /> : null}
        {act.error && !asking ? <ProblemAlert error={act.error} /> : null}
        <Table<PlacementView>
          rowKey="id"
          loading={placements.isFetching}
          dataSource={placements.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-startsOn' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: placements.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{
            emptyText: placements.isPending ? ' ' : query.q || query.status || query.kind
              ? <EmptyState title={t('teacherExchange.placements.noMatch')} />
              : <EmptyState title={t('teacherExchange.placements.empty')} hint={t('teacherExchange.placements.emptyHint')} />,
          }}
          columns={[
            { title: t('teacherExchange.fields.teacher'), dataIndex: 'teacherName', render: (name: string, p) => <span>{name} <Typography.Text type="secondary">{p.staffNo}</Typography.Text></span> },
            { title: t('teacherExchange.fields.kind'), dataIndex: 'kind', render: (k: PlacementKind) => t(`teacherExchange.kind.${k}`) },
            { title: t('teacherExchange.fields.homeSchool'), dataIndex: 'homeSchoolName' },
            {
              title: t('teacherExchange.fields.hosts'), dataIndex: 'hosts',
              render: (hosts: PlacementView['hosts']) => hosts.map((h) => (
                <div key={h.schoolId}>
                  {h.schoolName}
                  {h.weeklyPeriods ? <Typography.Text type="secondary">（{t('teacherExchange.placements.periods', { count: h.weeklyPeriods })}）</Typography.Text> : null}
                  {h.approvedAt ? ' ✓' : ''}
                </div>
              )),
            },
            { title: t('teacherExchange.fields.period'), dataIndex: 'startsOn', sorter: true, sortOrder: sortOrderOf(query.sort, 'startsOn'), render: (_: string, p) => `${formatDate(p.startsOn)} ~ ${formatDate(p.endsOn)}` },
            { title: t('teacherExchange.fields.alliance'), dataIndex: 'allianceName' },
            {
              title: t('teacherExchange.fields.status'), dataIndex: 'status',
              render: (s: PlacementStatus, p) => (
                <>
                  <Tag color={STATUS_COLORS[s]}>{t(`teacherExchange.status.${s}`)}</Tag>
                  {p.reason ? <div><Typography.Text type="secondary">{p.reason}</Typography.Text></div> : null}
                </>
              ),
            },
            {
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, p) => (
                <Space wrap size={4}>
                  {p.kind === 'itinerant' && (
                    <Button size="small" onClick={() => navigate(`/teacher-exchange/placements/${p.id}/timetable`)}>{t('teacherExchange.placements.timetable')}</Button>
                  )}
                  {actionsFor(me, p).map((action) => (
                    <Button key={action} size="small" danger={action === 'reject' || action === 'cancel'} type={action === 'approve' ? 'primary' : 'default'}
                      loading={act.isPending && act.variables?.id === p.id && act.variables.action === action} onClick={() => run(action, p)}>
                      {t(`teacherExchange.placements.${action}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={Boolean(asking)}
        title={asking?.action === 'reject' ? t('teacherExchange.placements.rejectTitle') : t('teacherExchange.placements.cancelTitle')}
        onCancel={() => { setAsking(undefined); act.reset(); }}
        onOk={() => reasonForm.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        {act.error ? <ProblemAlert error={act.error} showFieldErrors /> : null}
        <Form form={reasonForm} layout="vertical" onFinish={(v) => asking && act.mutate({ action: asking.action, id: asking.placement.id, reason: v.reason.trim() })}>
          <Form.Item name="reason" label={t('teacherExchange.fields.reason')} rules={[{ required: true, whitespace: true, message: t('teacherExchange.placements.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
