import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthProvider';
import { hasRole } from '../../auth/roles';
import { formatDate, sortOrderOf, toSort } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { useExams, type ExamQuery, type ExamStatus, type ExamView } from './api';
import { ExamFormModal } from './ExamFormModal';
import { ExamStatusTag, termLabel } from './labels';

const STATUSES: ExamStatus[] = ['draft', 'open', 'published', 'archived'];

export function ExamsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [query, setQuery] = useState<ExamQuery>({ page: 1, pageSize: 20, sort: '-createdAt' });
  const [creating, setCreating] = useState(false);
  const exams = useExams(query);
  const canCreate = hasRole(me, 'platform_admin', 'district_admin', 'alliance_admin');
  const filtered = Boolean(query.q || query.status || query.term);
  const update = (patch: Partial<ExamQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>{t('assessment.list.title')}</Typography.Title>
        {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('assessment.list.create')}</Button>}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('assessment.list.searchPlaceholder')} aria-label={t('common.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Input.Search allowClear placeholder={t('assessment.list.termPlaceholder')} aria-label={t('assessment.list.term')} onSearch={(term) => update({ term: /^\d{4}-\d{4}-[12]$/.test(term.trim()) ? term.trim() : undefined })} style={{ width: 180 }} />
          <Select<ExamStatus> allowClear placeholder={t('assessment.fields.status')} aria-label={t('assessment.fields.status')} style={{ width: 150 }} value={query.status} onChange={(status) => update({ status })}
            options={STATUSES.map((s) => ({ value: s, label: t(`assessment.status.${s}`) }))} />
        </Space>
        {exams.error ? <ProblemAlert error={exams.error} onRetry={() => void exams.refetch()} /> : null}
        <Table<ExamView>
          rowKey="id"
          loading={exams.isFetching}
          dataSource={exams.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-createdAt' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: exams.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{
            emptyText: exams.isPending ? ' ' : filtered ? (
              <EmptyState title={t('assessment.list.noMatch')} hint={t('assessment.list.noMatchHint')} />
            ) : (
              <EmptyState title={t('assessment.list.empty')} hint={canCreate ? t('assessment.list.emptyHint') : t('assessment.list.emptyHintReadOnly')}
                action={canCreate ? <Button type="primary" onClick={() => setCreating(true)}>{t('assessment.list.create')}</Button> : undefined} />
            ),
          }}
          columns={[
            { title: t('assessment.fields.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrderOf(query.sort, 'name'), render: (name: string, e) => <Link to={`/assessment/exams/${e.id}`}>{name}</Link> },
            { title: t('assessment.fields.term'), dataIndex: 'term', sorter: true, sortOrder: sortOrderOf(query.sort, 'term'), render: (term: string) => termLabel(t, term) },
            { title: t('assessment.fields.grade'), dataIndex: 'grade' },
            { title: t('assessment.fields.alliance'), dataIndex: 'allianceName' },
            { title: t('assessment.fields.subjects'), dataIndex: 'subjects', render: (s: ExamView['subjects']) => s.map((x) => x.name).join('、') },
            { title: t('assessment.fields.schools'), dataIndex: 'schools', align: 'right', render: (s: ExamView['schools']) => s.length },
            { title: t('assessment.fields.studentCount'), dataIndex: 'studentCount', align: 'right' },
            { title: t('assessment.fields.status'), dataIndex: 'status', render: (s: ExamStatus) => <ExamStatusTag status={s} /> },
            { title: t('assessment.fields.createdAt'), dataIndex: 'createdAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'createdAt'), render: formatDate },
          ]}
        />
      </Card>
      <ExamFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
