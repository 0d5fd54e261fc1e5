import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { recentTerms } from '../plans/api';
import { evaluationKeys, useFrameworks, type FrameworkView } from './api';

/** The district's indicator frameworks, newest first; the district admin copies the default or another one. */
export function FrameworksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const frameworks = useFrameworks();
  const [copying, setCopying] = useState<FrameworkView | 'default'>();
  const columns = [
    { title: t('evaluation.fields.name'), dataIndex: 'name', render: (name: string, f: FrameworkView) => <Typography.Link onClick={() => navigate(`/evaluation/frameworks/${f.id}`)}>{name}</Typography.Link> },
    { title: t('evaluation.fields.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
    { title: t('evaluation.fields.term'), dataIndex: 'term', width: 120 },
    {
      title: t('evaluation.fields.step'), width: 200,
      render: (_: unknown, f: FrameworkView) => (
        <Space>{f.inUse && <Tag color="green">{t('evaluation.frameworks.inUse')}</Tag>}{f.superseded && <Tag>{t('evaluation.frameworks.superseded')}</Tag>}</Space>
      ),
    },
    ...(isDistrictAdmin(me) ? [{ title: t('common.actions'), width: 100, render: (_: unknown, f: FrameworkView) => <Button size="small" onClick={() => setCopying(f)}>{t('evaluation.frameworks.copy')}</Button> }] : []),
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('evaluation.frameworks.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('evaluation.frameworks.subtitle')}</Typography.Paragraph>
        </div>
        {isDistrictAdmin(me) && <Button type="primary" onClick={() => setCopying('default')}>{t('evaluation.frameworks.create')}</Button>}
      </Space>
      <Card>
        {frameworks.error ? <ProblemAlert error={frameworks.error} onRetry={() => void frameworks.refetch()} /> : null}
        <Table<FrameworkView>
          rowKey="id" size="middle" columns={columns} dataSource={frameworks.data?.items ?? []} loading={frameworks.isFetching} pagination={false}
          locale={{ emptyText: <EmptyState title={t('evaluation.frameworks.empty')} hint={t('evaluation.frameworks.emptyHint')} /> }}
        />
      </Card>
      {copying && <CopyModal source={copying} onClose={() => setCopying(undefined)} onCreated={(id) => navigate(`/evaluation/frameworks/${id}`)} />}
    </>
  );
}

function CopyModal({ source, onClose, onCreated }: { source: FrameworkView | 'default'; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const terms = recentTerms();
  const [form] = Form.useForm<{ name: string; term: string }>();
  const create = useMutation({
    mutationFn: (v: { name: string; term: string }) => unwrap(api.http.POST('/api/v1/evaluation/frameworks', {
      body: { districtId: districtId ?? '', name: v.name, term: v.term, copyOf: source === 'default' ? undefined : source.id },
    })),
    onSuccess: async (f) => { void message.success(t('evaluation.frameworks.created')); await queryClient.invalidateQueries({ queryKey: evaluationKeys.frameworks }); onClose(); onCreated(f.id); },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Modal open title={t('evaluation.frameworks.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ term: terms[0], name: source === 'default' ? '' : `${source.name}（副本）` }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t('evaluation.fields.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}><Input /></Form.Item>
        <Form.Item name="term" label={t('evaluation.fields.term')} rules={[{ required: true }]}><Select options={terms.map((value) => ({ value, label: value }))} /></Form.Item>
      </Form>
    </Modal>
  );
}
