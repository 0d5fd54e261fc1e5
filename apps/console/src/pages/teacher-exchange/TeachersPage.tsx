import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, hasRole, isDistrictAdmin } from '../../auth/roles';
import { formatDateTime, sortOrderOf, toSort } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { RANKS, SUBJECTS, useTeachers, type Rank, type Subject, type TeacherQuery, type TeacherView } from './api';
import { useTeacherAccounts } from '../my-week/api';
import { AccountCell, CreateAccountsButton } from '../my-week/TeacherAccounts';

export function TeachersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [query, setQuery] = useState<TeacherQuery>({ page: 1, pageSize: 20, sort: 'staffNo' });
  const teachers = useTeachers(query);
  const canManage = isDistrictAdmin(me) || hasRole(me, 'school_admin');
  const filtered = Boolean(query.q || query.subject || query.rank);
  const update = (patch: Partial<TeacherQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  // accounts for roster teachers: the school admin of one school sees who has one and creates the missing
  const accountSchool = isDistrictAdmin(me) ? undefined : adminSchoolIds(me)[0];
  const accounts = useTeacherAccounts(accountSchool);
  const accountOf = new Map((accounts.data ?? []).map((a) => [a.teacherId, a]));
  const [selected, setSelected] = useState<TeacherView[]>([]);

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>{t('teacherExchange.teachers.title')}</Typography.Title>
        {canManage && (
          <Space wrap>
            <CreateAccountsButton selected={selected} onDone={() => setSelected([])} />
            <Button icon={<UploadOutlined />} onClick={() => navigate('/teacher-exchange/teachers/import')}>{t('teacherExchange.teachers.import')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/teacher-exchange/teachers/new')}>{t('teacherExchange.teachers.create')}</Button>
          </Space>
        )}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('teacherExchange.teachers.searchPlaceholder')} aria-label={t('common.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Select<Subject> allowClear placeholder={t('teacherExchange.fields.subjects')} aria-label={t('teacherExchange.fields.subjects')} style={{ width: 150 }}
            value={query.subject} onChange={(subject) => update({ subject })} options={SUBJECTS.map((s) => ({ value: s, label: t(`teacherExchange.subject.${s}`) }))} />
          <Select<Rank> allowClear placeholder={t('teacherExchange.fields.rank')} aria-label={t('teacherExchange.fields.rank')} style={{ width: 150 }}
            value={query.rank} onChange={(rank) => update({ rank })} options={RANKS.map((r) => ({ value: r, label: t(`teacherExchange.rank.${r}`) }))} />
        </Space>
        {teachers.error ? <ProblemAlert error={teachers.error} onRetry={() => void teachers.refetch()} /> : null}
        <Table<TeacherView>
          rowKey="id"
          rowSelection={canManage ? { selectedRowKeys: selected.map((s) => s.id), onChange: (_keys, rows) => setSelected(rows), preserveSelectedRowKeys: true } : undefined}
          loading={teachers.isFetching}
          dataSource={teachers.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? 'staffNo' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: teachers.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{
            emptyText: teachers.isPending ? ' ' : filtered
              ? <EmptyState title={t('teacherExchange.teachers.noMatch')} hint={t('teacherExchange.teachers.noMatchHint')} />
              : <EmptyState title={t('teacherExchange.teachers.empty')} hint={canManage ? t('teacherExchange.teachers.emptyHint') : undefined} />,
          }}
          columns={[
            { title: t('teacherExchange.fields.staffNo'), dataIndex: 'staffNo', sorter: true, sortOrder: sortOrderOf(query.sort, 'staffNo') },
            {
              title: t('teacherExchange.fields.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrderOf(query.sort, 'name'),
              render: (name: string, row) => (canManage ? <Link to={`/teacher-exchange/teachers/${row.id}/edit`}>{name}</Link> : name),
            },
            { title: t('teacherExchange.fields.gender'), dataIndex: 'gender', render: (g: string) => t(`teacherExchange.gender.${g}`) },
            { title: t('teacherExchange.fields.school'), dataIndex: 'schoolName' },
            { title: t('teacherExchange.fields.subjects'), dataIndex: 'subjects', render: (subjects: Subject[]) => subjects.map((s) => <Tag key={s}>{t(`teacherExchange.subject.${s}`)}</Tag>) },
            { title: t('teacherExchange.fields.title'), dataIndex: 'title', render: (v: string) => t(`teacherExchange.title.${v}`) },
            { title: t('teacherExchange.fields.rank'), dataIndex: 'rank', render: (r: Rank) => (r === 'none' ? '—' : <Tag color={r === 'subject_leader' ? 'purple' : 'blue'}>{t(`teacherExchange.rank.${r}`)}</Tag>) },
            { title: t('teacherExchange.fields.middleManager'), dataIndex: 'middleManager', render: (m: boolean) => (m ? <Tag color="gold">{t('teacherExchange.teachers.yes')}</Tag> : t('teacherExchange.teachers.no')) },
            ...(accountSchool ? [{ title: t('myWeek.accounts.account'), key: 'account', render: (_: unknown, row: TeacherView) => <AccountCell account={accountOf.get(row.id)} /> }] : []),
            { title: t('teacherExchange.fields.updatedAt'), dataIndex: 'updatedAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'updatedAt'), render: formatDateTime },
          ]}
        />
      </Card>
    </>
  );
}
