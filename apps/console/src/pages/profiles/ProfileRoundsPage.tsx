import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../components/format';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { planningTerms } from '../plans/api';
import { profileKeys, useProfileRounds, type ProfileRoundView, type RoundQuery } from './api';

/** The district's needs surveys (调研), one per term: who has submitted, and opening a new one. */
export function ProfileRoundsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [query, setQuery] = useState<RoundQuery>({ page: 1, pageSize: 20 });
  const [opening, setOpening] = useState(false);
  const rounds = useProfileRounds(query);
  const columns = [
    { title: t('profiles.fields.term'), dataIndex: 'term', render: (term: string, r: ProfileRoundView) => <Typography.Link onClick={() => navigate(`/profiles/rounds/${r.id}`)}>{term}</Typography.Link> },
    { title: t('profiles.fields.deadline'), dataIndex: 'deadline', render: formatDateTime },
    { title: t('profiles.fields.status'), dataIndex: 'status', render: (s: ProfileRoundView['status']) => <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`profiles.roundStatus.${s}`)}</Tag> },
    { title: t('profiles.fields.submitted'), render: (_: unknown, r: ProfileRoundView) => `${r.submittedCount}/${r.schoolCount}` },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('profiles.rounds.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('profiles.rounds.subtitle')}</Typography.Paragraph>
        </div>
        <Space>
          {isDistrictAdmin(me) && <Button onClick={() => navigate('/profiles/suggestions')}>{t('profiles.nav.suggestions')}</Button>}
          {isDistrictAdmin(me) && <Button type="primary" onClick={() => setOpening(true)}>{t('profiles.rounds.open')}</Button>}
        </Space>
      </Space>
      <Card>
        {rounds.error ? <ProblemAlert error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
        <Table<ProfileRoundView>
          rowKey="id" size="middle" columns={columns} dataSource={rounds.data?.items ?? []} loading={rounds.isFetching}
          locale={{ emptyText: <EmptyState title={t('profiles.rounds.empty')} hint={t('profiles.rounds.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: rounds.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      <OpenRoundModal open={opening} onClose={() => setOpening(false)} onOpened={(id) => navigate(`/profiles/rounds/${id}`)} />
    </>
  );
}

interface OpenForm { term: string; deadline: string; instructions?: string }

function OpenRoundModal({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OpenForm>();
  const terms = planningTerms();
  const submit = useMutation({
    mutationFn: (v: OpenForm) => unwrap(api.http.POST('/api/v1/profile-rounds', {
      body: { districtId: districtId ?? '', term: v.term, deadline: dayjs(v.deadline).toISOString(), instructions: v.instructions || undefined },
    })),
    onSuccess: async (round) => {
      void message.success(t('profiles.rounds.opened'));
      await queryClient.invalidateQueries({ queryKey: profileKeys.all });
      onClose();
      onOpened(round.id);
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      void message.error(problemMessage(t, e));
    },
  });
  return (
    <Modal
      title={t('profiles.rounds.open')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('profiles.rounds.open')} cancelText={t('common.cancel')}
      confirmLoading={submit.isPending} destroyOnHidden
    >
      <Form
        form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}
        initialValues={{ term: terms[1], deadline: dayjs().add(14, 'day').format('YYYY-MM-DDTHH:mm') }}
      >
        <Form.Item name="term" label={t('profiles.fields.term')} rules={[{ required: true }]}>
          <Select options={terms.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item name="deadline" label={t('profiles.fields.deadline')} rules={[{ required: true, message: t('validation.required', { field: t('profiles.fields.deadline') }) }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="instructions" label={`${t('profiles.fields.instructions')}（${t('common.optional')}）`} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
