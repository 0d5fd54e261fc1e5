import { Card, Segmented, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JoinRequestStatus } from '@jiaolian/api-client';
import { JoinRequestsTable } from './JoinRequestsTable';

const FILTERS = ['pending', 'accepted', 'declined', 'withdrawn', 'all'] as const;
type Filter = (typeof FILTERS)[number];

export function JoinRequestsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = FILTERS.includes(raw as Filter) ? (raw as Filter) : 'pending';
  return (
    <>
      <Typography.Title level={3}>{t('joinRequest.title')}</Typography.Title>
      <Card>
        <Segmented<Filter>
          style={{ marginBottom: 16 }}
          value={filter}
          onChange={(f) => setParams(f === 'pending' ? {} : { status: f })}
          options={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('common.all') : t(`joinRequest.status.${f}`) }))}
        />
        <JoinRequestsTable key={filter} query={filter === 'all' ? {} : { status: filter as JoinRequestStatus }} />
      </Card>
    </>
  );
}
