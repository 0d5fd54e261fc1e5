import { App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminAllianceIds, isDistrictAdmin } from '../../auth/roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { useActivityAlliances } from '../activities/api';
import { recentTerms } from '../plans/api';
import { briefingKeys, useBriefings, type BriefingQuery, type BriefingView, type CreateBriefingDto } from './api';

/** The last four calendar quarters, newest first (Beijing calendar). */
function recentQuarters(count = 4): string[] {
  const today = dayjs().add(8, 'hour');
  let year = today.year();
  let quarter = Math.floor(today.month() / 3) + 1;
  const out: string[] = [];
  while (out.length < count) {
    out.push(`${year}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) { quarter = 4; year -= 1; }
  }
  return out;
}

/** Briefings the user may read, and for district and alliance admins a form to issue one. */
export function BriefingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [query, setQuery] = useState<BriefingQuery>({ page: 1, pageSize: 20, sort: '-issuedAt' });
  const [creating, setCreating] = useState(false);
  const briefings = useBriefings(query);
  const canIssue = isDistrictAdmin(me) || adminAllianceIds(me).length > 0;
  const columns = [
    { title: t('briefings.fields.title'), dataIndex: 'title', render: (title: string, b: BriefingView) => <Typography.Link onClick={() => navigate(`/briefings/${b.id}`)}>{title}</Typography.Link> },
    { title: t('briefings.fields.scope'), width: 200, render: (_: unknown, b: BriefingView) => <Space size={4}><Tag>{t(`briefings.scope.${b.scope}`)}</Tag>{b.scopeName}</Space> },
    { title: t('briefings.fields.period'), width: 230, render: (_: unknown, b: BriefingView) => `${b.period}（${b.from} ~ ${b.to}）` },
    { title: t('briefings.fields.issuedBy'), dataIndex: 'issuedBy', width: 120 },
    { title: t('briefings.fields.issuedAt'), dataIndex: 'issuedAt', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('briefings.list.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('briefings.list.subtitle')}</Typography.Paragraph>
        </div>
        {canIssue && <Button type="primary" onClick={() => setCreating(true)}>{t('briefings.list.create')}</Button>}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<BriefingView['scope'] | ''>
          aria-label={t('briefings.fields.scope')} style={{ width: 140 }} value={query.scope ?? ''}
          onChange={(scope) => setQuery((q) => ({ ...q, page: 1, scope: scope || undefined }))}
          options={[{ value: '', label: t('briefings.list.allScopes') }, ...(['district', 'alliance'] as const).map((s) => ({ value: s, label: t(`briefings.scope.${s}`) }))]}
        />
        <Select
          allowClear aria-label={t('briefings.fields.term')} placeholder={t('briefings.fields.term')} style={{ width: 160 }} value={query.term}
          onChange={(term?: string) => setQuery((q) => ({ ...q, page: 1, term }))}
          options={recentTerms().map((term) => ({ value: term, label: term }))}
        />
      </Space>
      <Card>
        {briefings.error ? <ProblemAlert error={briefings.error} onRetry={() => void briefings.refetch()} /> : null}
        <Table<BriefingView>
          rowKey="id" size="middle" columns={columns} dataSource={briefings.data?.items ?? []} loading={briefings.isFetching}
          locale={{ emptyText: <EmptyState title={t('briefings.list.empty')} hint={t('briefings.list.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: briefings.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <IssueBriefingModal open={creating} onClose={() => setCreating(false)} onIssued={(id) => navigate(`/briefings/${id}`)} />
    </>
  );
}

type PeriodKind = 'quarter' | 'term' | 'range';
interface IssueForm { scope: 'district' | 'alliance'; allianceId?: string; quarter?: string; term?: string; range?: [Dayjs, Dayjs]; title?: string }

function IssueBriefingModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const { districtId } = useAuth();
  const [form] = Form.useForm<IssueForm>();
  const [kind, setKind] = useState<PeriodKind>('quarter');
  const alliances = useActivityAlliances();
  const district = isDistrictAdmin(me);
  const scope = Form.useWatch('scope', form);
  const mine = (alliances.data?.alliances ?? []).filter((a) => district || adminAllianceIds(me).includes(a.allianceId));
  const issue = useMutation({
    mutationFn: (v: IssueForm) => {
      const body: CreateBriefingDto = {
        scope: v.scope,
        ...(v.scope === 'district' ? { districtId } : { allianceId: v.allianceId }),
        ...(kind === 'quarter' ? { quarter: v.quarter } : kind === 'term' ? { term: v.term } : { from: v.range?.[0].format('YYYY-MM-DD'), to: v.range?.[1].format('YYYY-MM-DD') }),
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      };
      return unwrap(api.http.POST('/api/v1/briefings', { body }));
    },
    onSuccess: async (briefing) => {
      void message.success(t('briefings.list.created'));
      await queryClient.invalidateQueries({ queryKey: briefingKeys.all });
      onClose();
      onIssued(briefing.id);
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Modal
      title={t('briefings.list.create')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={issue.isPending} destroyOnHidden width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ scope: district ? 'district' : 'alliance', quarter: recentQuarters()[0], term: recentTerms()[0] }} onFinish={(v) => issue.mutate(v)}>
        <Form.Item name="scope" label={t('briefings.fields.scope')}>
          <Segmented options={(district ? ['district', 'alliance'] as const : ['alliance'] as const).map((s) => ({ value: s, label: t(`briefings.scope.${s}`) }))} />
        </Form.Item>
        {scope === 'alliance' && (
          <Form.Item name="allianceId" label={t('briefings.fields.alliance')} rules={[{ required: true, message: t('validation.required', { field: t('briefings.fields.alliance') }) }]}>
            <Select options={mine.map((a) => ({ value: a.allianceId, label: a.name }))} loading={alliances.isPending} />
          </Form.Item>
        )}
        <Form.Item label={t('briefings.fields.periodKind')}>
          <Segmented<PeriodKind> value={kind} onChange={setKind} options={(['quarter', 'term', 'range'] as const).map((k) => ({ value: k, label: t(`briefings.periodKind.${k}`) }))} />
        </Form.Item>
        {kind === 'quarter' && (
          <Form.Item name="quarter" label={t('briefings.fields.quarter')} rules={[{ required: true }]}>
            <Select options={recentQuarters().map((q) => ({ value: q, label: q }))} />
          </Form.Item>
        )}
        {kind === 'term' && (
          <Form.Item name="term" label={t('briefings.fields.term')} rules={[{ required: true }]}>
            <Select options={recentTerms().map((term) => ({ value: term, label: term }))} />
          </Form.Item>
        )}
        {kind === 'range' && (
          <Form.Item name="range" label={t('briefings.fields.period')} rules={[{ required: true, message: t('validation.required', { field: t('briefings.fields.period') }) }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="title" label={`${t('briefings.fields.title')}（${t('common.optional')}）`} extra={t('briefings.list.titleHint')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        {issue.isPending && <Typography.Text type="secondary">{t('briefings.list.generating')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
