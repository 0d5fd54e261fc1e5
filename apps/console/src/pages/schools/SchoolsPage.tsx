import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SchoolLocale, SchoolStage, SchoolView } from '@jiaolian/api-client';
import { useSchools, type SchoolQuery } from '../../api/queries';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { formatDateTime, sortOrderOf, toSort } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';

export const STAGES: SchoolStage[] = ['kindergarten', 'primary', 'junior', 'senior', 'nine_year', 'twelve_year', 'vocational'];
export const LOCALES: SchoolLocale[] = ['urban', 'township', 'village'];

export function SchoolsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { districtId } = useAuth();
  const navigate = useNavigate();
  const [query, setQuery] = useState<SchoolQuery>({ page: 1, pageSize: 20, sort: 'name' });
  const schools = useSchools({ ...query, districtId });
  const filtered = Boolean(query.q || query.township || query.stage || query.locale);
  const canCreate = isDistrictAdmin(me);
  const update = (patch: Partial<SchoolQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('school.list.title')}
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/schools/new')}>
            {t('school.list.create')}
          </Button>
        )}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('school.list.searchPlaceholder')}
            aria-label={t('common.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 260 }}
          />
          <Input
            allowClear
            placeholder={t('school.list.townshipPlaceholder')}
            aria-label={t('school.fields.township')}
            onPressEnter={(e) => update({ township: e.currentTarget.value.trim() || undefined })}
            onChange={(e) => {
              if (!e.target.value) update({ township: undefined });
            }}
            style={{ width: 160 }}
          />
          <Select<SchoolStage>
            allowClear
            placeholder={t('school.fields.stage')}
            aria-label={t('school.fields.stage')}
            style={{ width: 150 }}
            value={query.stage}
            onChange={(stage) => update({ stage })}
            options={STAGES.map((s) => ({ value: s, label: t(`school.stage.${s}`) }))}
          />
          <Select<SchoolLocale>
            allowClear
            placeholder={t('school.fields.locale')}
            aria-label={t('school.fields.locale')}
            style={{ width: 120 }}
            value={query.locale}
            onChange={(locale) => update({ locale })}
            options={LOCALES.map((l) => ({ value: l, label: t(`school.locale.${l}`) }))}
          />
        </Space>
        {schools.error ? <ProblemAlert error={schools.error} onRetry={() => void schools.refetch()} /> : null}
        <Table<SchoolView>
          rowKey="id"
          loading={schools.isFetching}
          dataSource={schools.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? 'name' }))}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: schools.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          locale={{
            emptyText: schools.isPending ? ' ' : filtered ? (
              <EmptyState title={t('school.list.noMatch')} hint={t('school.list.noMatchHint')} />
            ) : (
              <EmptyState title={t('school.list.empty')} hint={canCreate ? t('school.list.emptyHint') : undefined} />
            ),
          }}
          columns={[
            { title: t('school.fields.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrderOf(query.sort, 'name'), render: (name: string, s) => <Link to={`/schools/${s.id}`}>{name}</Link> },
            { title: t('school.fields.code'), dataIndex: 'code', sorter: true, sortOrder: sortOrderOf(query.sort, 'code') },
            { title: t('school.fields.stage'), dataIndex: 'stage', render: (s: SchoolStage) => t(`school.stage.${s}`) },
            { title: t('school.fields.locale'), dataIndex: 'locale', render: (l: SchoolLocale) => <Tag>{t(`school.locale.${l}`)}</Tag> },
            { title: t('school.fields.township'), dataIndex: 'township', sorter: true, sortOrder: sortOrderOf(query.sort, 'township') },
            { title: t('school.fields.studentCount'), dataIndex: 'studentCount', align: 'right', sorter: true, sortOrder: sortOrderOf(query.sort, 'studentCount') },
            { title: t('school.fields.teacherCount'), dataIndex: 'teacherCount', align: 'right' },
            {
              title: t('school.detail.alliances'),
              dataIndex: 'alliances',
              render: (alliances: SchoolView['alliances']) => (alliances.length ? alliances.map((a) => <Tag key={a.id} color="green">{a.name}</Tag>) : t('common.none')),
            },
            { title: t('school.fields.createdAt'), dataIndex: 'createdAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'createdAt'), render: formatDateTime },
          ]}
        />
      </Card>
    </>
  );
}
