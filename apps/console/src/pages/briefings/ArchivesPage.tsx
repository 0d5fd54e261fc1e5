import { App, Button, Card, Form, Modal, Progress, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminAllianceIds, isDistrictAdmin } from '../../auth/roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { useActivityAlliances } from '../activities/api';
import { recentTerms } from '../plans/api';
import { ARCHIVE_STATUS_COLORS, briefingKeys, downloadFile, useArchives, type ArchiveQuery, type ArchiveStatus, type ArchiveView, type CreateArchiveDto } from './api';

const megabytes = (bytes: number | null): string => (bytes === null ? '' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Term archives per term: a progress bar while one is built, the download once done, the reason when it failed. */
export function ArchivesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const terms = recentTerms();
  const [query, setQuery] = useState<ArchiveQuery>({ page: 1, pageSize: 20, term: terms[0], sort: '-createdAt' });
  const [creating, setCreating] = useState(false);
  const archives = useArchives(query);
  const columns = [
    { title: t('briefings.fields.scope'), render: (_: unknown, a: ArchiveView) => <Space size={4}><Tag>{t(`briefings.scope.${a.scope}`)}</Tag>{a.scopeName}</Space> },
    { title: t('briefings.fields.term'), dataIndex: 'term', width: 120 },
    {
      title: t('briefings.fields.status'), width: 260,
      render: (_: unknown, a: ArchiveView) => (a.status === 'queued' || a.status === 'running'
        ? <Progress percent={a.progress} size="small" status="active" aria-label={t('briefings.fields.progress')} />
        : <Space orientation="vertical" size={0}>
          <Tag color={ARCHIVE_STATUS_COLORS[a.status]}>{t(`briefings.archives.status.${a.status}`)}</Tag>
          {a.error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{a.error}</Typography.Text>}
        </Space>),
    },
    { title: t('briefings.fields.entries'), dataIndex: 'entries', width: 90 },
    { title: t('briefings.fields.size'), dataIndex: 'size', width: 110, render: megabytes },
    { title: t('briefings.fields.requestedBy'), dataIndex: 'requestedBy', width: 120 },
    { title: t('briefings.fields.createdAt'), dataIndex: 'createdAt', width: 160, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
    {
      title: '', width: 100,
      render: (_: unknown, a: ArchiveView) => a.status === 'done' && (
        <Button size="small" onClick={() => void downloadFile(`/api/v1/archives/${a.id}/download`, `${a.scopeName}-${a.term}-学期归档.zip`)
          .catch((e: unknown) => void message.error(problemMessage(t, e)))}>
          {t('briefings.archives.download')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('briefings.archives.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('briefings.archives.subtitle')}</Typography.Paragraph>
        </div>
        <Button type="primary" onClick={() => setCreating(true)}>{t('briefings.archives.create')}</Button>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('briefings.fields.term')} style={{ width: 160 }} value={query.term}
          onChange={(term: string) => setQuery((q) => ({ ...q, page: 1, term }))} options={terms.map((term) => ({ value: term, label: term }))}
        />
        <Select<ArchiveStatus>
          allowClear aria-label={t('briefings.fields.status')} placeholder={t('briefings.fields.status')} style={{ width: 130 }} value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={(Object.keys(ARCHIVE_STATUS_COLORS) as ArchiveStatus[]).map((s) => ({ value: s, label: t(`briefings.archives.status.${s}`) }))}
        />
      </Space>
      <Card>
        {archives.error ? <ProblemAlert error={archives.error} onRetry={() => void archives.refetch()} /> : null}
        <Table<ArchiveView>
          rowKey="id" size="middle" columns={columns} dataSource={archives.data?.items ?? []} loading={archives.isFetching && !archives.data}
          locale={{ emptyText: <EmptyState title={t('briefings.archives.empty')} hint={t('briefings.archives.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: archives.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <RequestArchiveModal open={creating} term={query.term ?? terms[0]!} onClose={() => setCreating(false)} />
    </>
  );
}

interface RequestForm { scope: 'district' | 'alliance'; allianceId?: string; term: string }

function RequestArchiveModal({ open, term, onClose }: { open: boolean; term: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const { districtId } = useAuth();
  const [form] = Form.useForm<RequestForm>();
  const alliances = useActivityAlliances();
  const district = isDistrictAdmin(me);
  const scope = Form.useWatch('scope', form);
  const mine = (alliances.data?.alliances ?? []).filter((a) => district || adminAllianceIds(me).includes(a.allianceId));
  const request = useMutation({
    mutationFn: (v: RequestForm) => {
      const body: CreateArchiveDto = { scope: v.scope, term: v.term, ...(v.scope === 'district' ? { districtId } : { allianceId: v.allianceId }) };
      return unwrap(api.http.POST('/api/v1/archives', { body }));
    },
    onSuccess: async () => {
      void message.success(t('briefings.archives.created'));
      await queryClient.invalidateQueries({ queryKey: briefingKeys.all });
      onClose();
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Modal
      title={t('briefings.archives.create')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={request.isPending} destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ scope: district ? 'district' : 'alliance', term }} onFinish={(v) => request.mutate(v)}>
        <Form.Item name="scope" label={t('briefings.fields.scope')}>
          <Segmented options={(district ? ['district', 'alliance'] as const : ['alliance'] as const).map((s) => ({ value: s, label: t(`briefings.scope.${s}`) }))} />
        </Form.Item>
        {scope === 'alliance' && (
          <Form.Item name="allianceId" label={t('briefings.fields.alliance')} rules={[{ required: true, message: t('validation.required', { field: t('briefings.fields.alliance') }) }]}>
            <Select options={mine.map((a) => ({ value: a.allianceId, label: a.name }))} loading={alliances.isPending} />
          </Form.Item>
        )}
        <Form.Item name="term" label={t('briefings.fields.term')} rules={[{ required: true }]}>
          <Select options={recentTerms().map((value) => ({ value, label: value }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
