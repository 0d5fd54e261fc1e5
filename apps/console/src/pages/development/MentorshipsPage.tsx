import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { hasRole, isDistrictAdmin } from '../../auth/roles';
import { sortOrderOf, toSort } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { developmentKeys, recentTerms, useMentorships, useMissed, type MentorshipQuery, type MentorshipView } from './api';
import { TeacherPicker } from './TeacherPicker';

interface PairForm { mentorId: string; apprenticeId: string; term: string; goals: string }

/** 师徒结对: the pairs the user may see with their missed months, the missed months per school, and a new pair. */
export function MentorshipsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const terms = recentTerms();
  const [query, setQuery] = useState<MentorshipQuery>({ page: 1, pageSize: 20, sort: '-createdAt', term: terms[0] });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<PairForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const pairs = useMentorships(query);
  const admin = isDistrictAdmin(me) || hasRole(me, 'alliance_admin', 'school_admin');
  const missed = useMissed(query.term ?? terms[0] as string, admin && Boolean(query.term));
  const update = (patch: Partial<MentorshipQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  const create = useMutation({
    mutationFn: (values: PairForm) => unwrap(api.http.POST('/api/v1/teacher-exchange/mentorships', { body: values })),
    onSuccess: async (pair) => {
      void message.success(t('development.mentorships.created'));
      setCreating(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: developmentKeys.mentorships() });
      void navigate(`/teacher-exchange/mentorships/${pair.id}`);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('development.mentorships.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('development.mentorships.subtitle')}</Typography.Text>
        </div>
        {admin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('development.mentorships.create')}</Button>}
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={admin ? 16 : 24}>
          <Card>
            <Space wrap style={{ marginBottom: 16 }}>
              <Input.Search allowClear placeholder={t('development.mentorships.search')} aria-label={t('common.search')} style={{ width: 220 }}
                onSearch={(q) => update({ q: q.trim() || undefined })} />
              <Select allowClear placeholder={t('development.mentorships.allTerms')} aria-label={t('development.fields.term')} style={{ width: 150 }}
                value={query.term} onChange={(term?: string) => update({ term })} options={terms.map((term) => ({ value: term, label: term }))} />
            </Space>
            {pairs.error ? <ProblemAlert error={pairs.error} onRetry={() => void pairs.refetch()} /> : null}
            <Table<MentorshipView>
              rowKey="id"
              loading={pairs.isFetching}
              dataSource={pairs.data?.items ?? []}
              onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-createdAt' }))}
              pagination={{ current: query.page, pageSize: query.pageSize, total: pairs.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
              locale={{ emptyText: pairs.isPending ? ' ' : <EmptyState title={t('development.mentorships.empty')} hint={t('development.mentorships.emptyHint')} /> }}
              columns={[
                { title: t('development.fields.mentor'), dataIndex: 'mentorName', sorter: true, sortOrder: sortOrderOf(query.sort, 'mentorName'),
                  render: (name: string, p) => <span>{name} <Typography.Text type="secondary">{p.mentorSchoolName}</Typography.Text></span> },
                { title: t('development.fields.apprentice'), dataIndex: 'apprenticeName', sorter: true, sortOrder: sortOrderOf(query.sort, 'apprenticeName'),
                  render: (name: string, p) => <span>{name} <Typography.Text type="secondary">{p.apprenticeSchoolName}</Typography.Text></span> },
                { title: t('development.fields.term'), dataIndex: 'term' },
                {
                  title: t('development.fields.missedMonths'), dataIndex: 'missedMonths',
                  render: (n: number, p) => <Tag color={n ? 'red' : 'green'}>{n} / {p.months.length}</Tag>,
                },
                { title: t('development.fields.status'), dataIndex: 'status', render: (s: MentorshipView['status']) => <Tag color={s === 'active' ? 'blue' : 'default'}>{t(`development.status.${s}`)}</Tag> },
                { title: t('common.actions'), key: 'actions', render: (_: unknown, p) => <Button size="small" onClick={() => navigate(`/teacher-exchange/mentorships/${p.id}`)}>{t('development.detail.view')}</Button> },
              ]}
            />
          </Card>
        </Col>
        {admin && (
          <Col xs={24} lg={8}>
            <Card title={t('development.mentorships.missedBySchool')} extra={query.term}>
              <Typography.Paragraph type="secondary">{t('development.mentorships.missedHint')}</Typography.Paragraph>
              {missed.error ? <ProblemAlert error={missed.error} /> : null}
              <Table
                rowKey="schoolId"
                size="small"
                pagination={false}
                loading={missed.isFetching}
                dataSource={missed.data?.schools ?? []}
                locale={{ emptyText: t('development.mentorships.noMissed') }}
                columns={[
                  { title: t('development.fields.school'), dataIndex: 'schoolName' },
                  { title: t('development.fields.pairs'), dataIndex: 'pairs' },
                  { title: t('development.fields.missedMonths'), dataIndex: 'missedMonths', render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text> },
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
      <Modal open={creating} title={t('development.mentorships.create')} onCancel={() => { setCreating(false); create.reset(); }} onOk={() => form.submit()}
        confirmLoading={create.isPending} destroyOnHidden>
        {create.error ? <ProblemAlert error={create.error} extraFieldErrors={extra} /> : null}
        <Form<PairForm> form={form} layout="vertical" initialValues={{ term: terms[0] }} onFinish={(values) => { setExtra([]); create.mutate(values); }}>
          <Form.Item name="mentorId" label={t('development.fields.mentor')} extra={t('development.mentorships.mentorHelp')}
            rules={[{ required: true, message: t('validation.requiredSelect', { field: t('development.fields.mentor') }) }]}>
            <TeacherPicker />
          </Form.Item>
          <Form.Item name="apprenticeId" label={t('development.fields.apprentice')} extra={t('development.mentorships.apprenticeHelp')}
            rules={[{ required: true, message: t('validation.requiredSelect', { field: t('development.fields.apprentice') }) }]}>
            <TeacherPicker />
          </Form.Item>
          <Form.Item name="term" label={t('development.fields.term')} extra={t('development.mentorships.termHelp')}
            rules={[{ required: true, message: t('validation.required', { field: t('development.fields.term') }) }]}>
            <Input />
          </Form.Item>
          <Form.Item name="goals" label={t('development.fields.goals')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.goals') }) }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
