import { Card, Segmented, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JoinRequestStatus } from '@jiaolian/api-client';
import { useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { JoinRequestsTable } from './JoinRequestsTable';

const FILTERS = ['pending', 'accepted', 'declined', 'withdrawn', 'all', 'awaiting'] as const;
type Filter = (typeof FILTERS)[number];

export function JoinRequestsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const me = useMe();
  // district admins also filter the requests across districts waiting for their approval
  const filters = FILTERS.filter((f) => f !== 'awaiting' || isDistrictAdmin(me));
  const filter: Filter = filters.includes(raw as Filter) ? (raw as Filter) : 'pending';
  const label = (f: Filter): string => (f === 'all' ? t('common.all') : f === 'awaiting' ? t('crossDistrict.awaitingMine') : t(`joinRequest.status.${f}`));
  const query = filter === 'all' ? {} : filter === 'awaiting' ? { awaitingMyApproval: true } : { status: filter as JoinRequestStatus };
  return (
    <>
      <Typography.Title level={1}>{t('joinRequest.title')}</Typography.Title>
      <Card>
        <Segmented<Filter>
          style={{ marginBottom: 16 }}
          value={filter}
          onChange={(f) => setParams(f === 'pending' ? {} : { status: f })}
          options={filters.map((f) => ({ value: f, label: label(f) }))}
        />
        <JoinRequestsTable key={filter} query={query} />
      </Card>
    </>
  );
}
