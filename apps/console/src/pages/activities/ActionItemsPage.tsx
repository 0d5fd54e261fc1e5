import { Card, Pagination, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useActionItems, useActivityAlliances, type ActionItemQuery } from './api';
import { ActionItemsTable } from './MinutesPanel';

type Scope = 'mine' | 'alliance';

/** "My action items" and the open items of an alliance, with done / overdue computed in Beijing time. */
export function ActionItemsPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>('mine');
  const [query, setQuery] = useState<ActionItemQuery>({ page: 1, pageSize: 20, status: 'pending', sort: 'dueOn' });
  const alliances = useActivityAlliances();
  const items = useActionItems({ ...query, mine: scope === 'mine' ? true : undefined });
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>{t('activities.items.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('activities.items.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Scope> value={scope} onChange={(s) => { setScope(s); setQuery((q) => ({ ...q, page: 1 })); }} options={[{ value: 'mine', label: t('activities.items.mine') }, { value: 'alliance', label: t('activities.items.alliance') }]} />
        <Select
          allowClear placeholder={t('activities.fields.alliance')} aria-label={t('activities.fields.alliance')} style={{ width: 240 }} value={query.allianceId}
          onChange={(allianceId) => setQuery((q) => ({ ...q, page: 1, allianceId }))} options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))}
        />
        <Select<NonNullable<ActionItemQuery['status']>>
          allowClear placeholder={t('activities.fields.status')} aria-label={t('activities.fields.status')} style={{ width: 160 }} value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={[{ value: 'pending', label: t('activities.items.pending') }, ...(['open', 'overdue', 'done'] as const).map((s) => ({ value: s, label: t(`activities.itemStatus.${s}`) }))]}
        />
      </Space>
      <Card>
        {items.error ? <ProblemAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
        <ActionItemsTable items={items.data?.items ?? []} showActivity loading={items.isFetching} />
        <Pagination
          style={{ marginTop: 16, textAlign: 'right' }} current={query.page} pageSize={query.pageSize} total={items.data?.total ?? 0}
          showTotal={(total) => t('common.total', { total })} onChange={(page, pageSize) => setQuery((q) => ({ ...q, page, pageSize }))}
        />
      </Card>
    </>
  );
}
