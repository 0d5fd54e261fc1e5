import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AllianceKind, AllianceStatus, AllianceView } from '@jiaolian/api-client';
import { useAlliances, type AllianceQuery } from '../../api/queries';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { hasRole, isDistrictAdmin, ownDistrictId } from '../../auth/roles';
import { formatDate, sortOrderOf, toSort } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { CreateAllianceModal, KINDS } from './CreateAllianceModal';
import { AllianceStatusTag } from './labels';

const STATUSES: AllianceStatus[] = ['draft', 'active', 'dissolved'];

export function AlliancesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { districtId } = useAuth();
  const [params] = useSearchParams();
  const schoolId = params.get('schoolId') ?? undefined;
  const [query, setQuery] = useState<AllianceQuery>({ page: 1, pageSize: 20, sort: '-createdAt' });
  const [creating, setCreating] = useState(false);
  // the platform admin picks a district; everyone else is scoped by the service, which includes alliances
  // of another district their school belongs to (跨区域合作)
  const alliances = useAlliances({ ...query, districtId: hasRole(me, 'platform_admin') ? districtId : undefined, schoolId });
  const home = ownDistrictId(me);
  const canCreate = isDistrictAdmin(me);
  const filtered = Boolean(query.q || query.kind || query.status);
  const update = (patch: Partial<AllianceQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {schoolId ? t('nav.myAlliances') : t('alliance.list.title')}
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('alliance.list.create')}
          </Button>
        )}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('alliance.list.searchPlaceholder')} aria-label={t('common.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Select<AllianceKind> allowClear placeholder={t('alliance.fields.kind')} aria-label={t('alliance.fields.kind')} style={{ width: 140 }} value={query.kind} onChange={(kind) => update({ kind })} options={KINDS.map((k) => ({ value: k, label: t(`alliance.kind.${k}`) }))} />
          <Select<AllianceStatus> allowClear placeholder={t('alliance.fields.status')} aria-label={t('alliance.fields.status')} style={{ width: 120 }} value={query.status} onChange={(status) => update({ status })} options={STATUSES.map((s) => ({ value: s, label: t(`alliance.status.${s}`) }))} />
        </Space>
        {alliances.error ? <ProblemAlert error={alliances.error} onRetry={() => void alliances.refetch()} /> : null}
        <Table<AllianceView>
          rowKey="id"
          loading={alliances.isFetching}
          dataSource={alliances.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? '-createdAt' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: alliances.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{
            emptyText: alliances.isPending ? ' ' : filtered ? (
              <EmptyState title={t('alliance.list.noMatch')} hint={t('alliance.list.noMatchHint')} />
            ) : (
              <EmptyState
                title={t('alliance.list.empty')}
                hint={canCreate ? t('alliance.list.emptyHint') : t('alliance.list.emptyHintReadOnly')}
                action={canCreate ? <Button type="primary" onClick={() => setCreating(true)}>{t('alliance.list.create')}</Button> : undefined}
              />
            ),
          }}
          columns={[
            { title: t('alliance.fields.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrderOf(query.sort, 'name'), render: (name: string, a) => (
              <Space size={4}>
                <Link to={`/alliances/${a.id}`}>{name}</Link>
                {home && a.districtId !== home ? <Tag color="purple">{t('crossDistrict.badge')}</Tag> : null}
              </Space>
            ) },
            { title: t('alliance.fields.kind'), dataIndex: 'kind', render: (k: AllianceKind) => t(`alliance.kind.${k}`) },
            { title: t('alliance.fields.status'), dataIndex: 'status', render: (s: AllianceStatus) => <AllianceStatusTag status={s} /> },
            { title: t('alliance.fields.coreSchool'), dataIndex: ['coreSchool', 'name'] },
            { title: t('alliance.fields.memberCount'), dataIndex: 'memberCount', align: 'right' },
            { title: t('alliance.fields.startsOn'), dataIndex: 'startsOn', render: formatDate },
            { title: t('alliance.fields.createdAt'), dataIndex: 'createdAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'createdAt'), render: formatDate },
          ]}
        />
      </Card>
      <CreateAllianceModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
