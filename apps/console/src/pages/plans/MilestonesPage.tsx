import { Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { useActivityAlliances } from '../activities/api';
import { recentTerms, usePlanMilestones, type MilestoneListItemView, type MilestoneQuery } from './api';

type Scope = 'mine' | 'all';

/** "My overdue milestones", and for alliance and district admins every overdue milestone they may see; overdue in Beijing days. */
export function MilestonesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [scope, setScope] = useState<Scope>('mine');
  const [query, setQuery] = useState<MilestoneQuery>({ page: 1, pageSize: 20, status: 'overdue', sort: 'dueOn' });
  const alliances = useActivityAlliances();
  const milestones = usePlanMilestones({ ...query, mine: scope === 'mine' ? true : undefined });
  const columns = [
    { title: t('plans.fields.milestone'), dataIndex: 'title', render: (title: string, m: MilestoneListItemView) => <Typography.Link onClick={() => navigate(`/plans/${m.plan.id}`)}>{title}</Typography.Link> },
    { title: t('plans.fields.dueOn'), dataIndex: 'dueOn', width: 120 },
    {
      title: t('plans.fields.status'), width: 150,
      render: (_: unknown, m: MilestoneListItemView) => (m.overdue
        ? <Tag color="red">{t('plans.detail.overdue', { days: m.daysOverdue })}</Tag>
        : <Tag color={m.status === 'done' ? 'green' : 'blue'}>{t(`plans.milestoneStatus.${m.status}`)}</Tag>),
    },
    { title: t('plans.fields.owner'), dataIndex: 'ownerName', width: 110 },
    { title: t('plans.fields.target'), render: (_: unknown, m: MilestoneListItemView) => m.target.name },
    { title: t('plans.fields.plan'), render: (_: unknown, m: MilestoneListItemView) => `${m.school?.name ?? m.alliance.name} · ${m.term}` },
    { title: t('plans.fields.expectedResult'), dataIndex: 'expectedResult' },
  ];
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>{t('plans.milestones.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('plans.milestones.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Scope>
          value={scope} onChange={(s) => { setScope(s); setQuery((q) => ({ ...q, page: 1 })); }}
          options={[{ value: 'mine', label: t('plans.milestones.mine') }, { value: 'all', label: t('plans.milestones.all') }]}
        />
        <Select
          allowClear placeholder={t('plans.fields.alliance')} aria-label={t('plans.fields.alliance')} style={{ width: 220 }} value={query.allianceId}
          onChange={(allianceId) => setQuery((q) => ({ ...q, page: 1, allianceId }))} options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))}
        />
        <Select
          allowClear placeholder={t('plans.fields.term')} aria-label={t('plans.fields.term')} style={{ width: 150 }} value={query.term}
          onChange={(term) => setQuery((q) => ({ ...q, page: 1, term }))} options={recentTerms().map((term) => ({ value: term, label: term }))}
        />
        <Select<NonNullable<MilestoneQuery['status']>>
          aria-label={t('plans.fields.status')} style={{ width: 130 }} value={query.status} onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={(['overdue', 'pending', 'open', 'done'] as const).map((s) => ({ value: s, label: t(`plans.milestones.${s}`) }))}
        />
      </Space>
      <Card>
        {milestones.error ? <ProblemAlert error={milestones.error} onRetry={() => void milestones.refetch()} /> : null}
        <Table<MilestoneListItemView>
          rowKey="id" size="middle" columns={columns} dataSource={milestones.data?.items ?? []} loading={milestones.isFetching}
          locale={{ emptyText: <EmptyState title={t('plans.milestones.empty')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: milestones.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
