import { Alert, App, Button, Card, Empty, Input, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { useActivityAlliances } from '../activities/api';
import { recentTerms } from '../plans/api';
import {
  evaluationKeys, STEP_COLORS, STEPS, useAwards, useEvaluations, useFrameworks, useRanking, type EvaluationQuery, type EvaluationStep, type EvaluationView,
  type RankingView,
} from './api';

/** The term's evaluations the user may see, opening a term (district admin), rankings with a bar chart, and awards. */
export function EvaluationsPage() {
  const { t } = useTranslation();
  const terms = recentTerms();
  const [term, setTerm] = useState(terms[0]!);
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>{t('evaluation.list.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('evaluation.list.subtitle')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Select aria-label={t('evaluation.fields.term')} style={{ width: 160 }} value={term} onChange={setTerm} options={terms.map((value) => ({ value, label: value }))} />
      </Space>
      <Tabs
        items={[
          { key: 'list', label: t('evaluation.list.evaluations'), children: <EvaluationList term={term} /> },
          { key: 'rankings', label: t('evaluation.list.rankings'), children: <Rankings term={term} /> },
          { key: 'awards', label: t('evaluation.list.awards'), children: <Awards term={term} /> },
        ]}
      />
    </>
  );
}

function EvaluationList({ term }: { term: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [query, setQuery] = useState<EvaluationQuery>({ page: 1, pageSize: 20, sort: '-total' });
  const evaluations = useEvaluations({ ...query, term });
  const columns = [
    {
      title: t('evaluation.fields.target'),
      render: (_: unknown, e: EvaluationView) => (
        <Typography.Link onClick={() => navigate(`/evaluation/evaluations/${e.id}`)}>{e.schoolName ?? e.allianceName ?? e.id}</Typography.Link>
      ),
    },
    { title: t('evaluation.fields.alliance'), render: (_: unknown, e: EvaluationView) => (e.targetType === 'school' ? e.allianceName : <Tag>{t('evaluation.targetType.alliance')}</Tag>) },
    { title: t('evaluation.fields.step'), dataIndex: 'step', width: 130, render: (s: EvaluationStep) => <Tag color={STEP_COLORS[s]}>{t(`evaluation.step.${s}`)}</Tag> },
    { title: t('evaluation.fields.total'), dataIndex: 'total', width: 100, render: (v: number | null) => (v === null ? <Tag>{t('evaluation.detail.noData')}</Tag> : v.toFixed(2)) },
    { title: t('evaluation.fields.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
  ];
  return (
    <>
      {isDistrictAdmin(me) && <OpenTerm term={term} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('common.search')} aria-label={t('common.search')} style={{ width: 240 }} onSearch={(q) => setQuery((p) => ({ ...p, page: 1, q: q || undefined }))} />
        <Select<'alliance' | 'school'>
          allowClear placeholder={t('evaluation.fields.target')} aria-label={t('evaluation.fields.target')} style={{ width: 130 }} value={query.targetType}
          onChange={(targetType) => setQuery((p) => ({ ...p, page: 1, targetType }))}
          options={(['alliance', 'school'] as const).map((v) => ({ value: v, label: t(`evaluation.targetType.${v}`) }))}
        />
        <Select<EvaluationStep>
          allowClear placeholder={t('evaluation.fields.step')} aria-label={t('evaluation.fields.step')} style={{ width: 150 }} value={query.step}
          onChange={(step) => setQuery((p) => ({ ...p, page: 1, step }))}
          options={STEPS.map((s) => ({ value: s, label: t(`evaluation.step.${s}`) }))}
        />
      </Space>
      <Card>
        {evaluations.error ? <ProblemAlert error={evaluations.error} onRetry={() => void evaluations.refetch()} /> : null}
        <Table<EvaluationView>
          rowKey="id" size="middle" columns={columns} dataSource={evaluations.data?.items ?? []} loading={evaluations.isFetching}
          locale={{ emptyText: <EmptyState title={t('evaluation.list.empty')} hint={t('evaluation.list.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: evaluations.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((p) => ({ ...p, page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}

function OpenTerm({ term }: { term: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const frameworks = useFrameworks();
  const current = (frameworks.data?.items ?? []).filter((f) => !f.superseded);
  const [frameworkId, setFrameworkId] = useState<string>();
  const open = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/evaluation/evaluations', { body: { frameworkId: frameworkId ?? current[0]?.id ?? '', term } })),
    onSuccess: async (result) => {
      void message.success(t('evaluation.list.opened', { created: result.created, refreshed: result.refreshed }));
      if (result.unavailable.length) void message.warning(t('evaluation.list.unavailable', { services: result.unavailable.join('、') }));
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.all });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        aria-label={t('evaluation.list.chooseFramework')} placeholder={t('evaluation.list.chooseFramework')} style={{ width: 280 }} value={frameworkId ?? current[0]?.id}
        onChange={setFrameworkId} options={current.map((f) => ({ value: f.id, label: `${f.name} v${f.version}` }))} loading={frameworks.isPending}
      />
      <Button type="primary" disabled={!current.length} loading={open.isPending} onClick={() => open.mutate()}>{t('evaluation.list.open')}</Button>
    </Space>
  );
}

/** A horizontal bar chart of a ranking, best first; hidden scores are left out of the chart but listed by rank. */
export function RankingChart({ ranking, label }: { ranking: RankingView; label: string }) {
  const { t } = useTranslation();
  const items = ranking.items.filter((i) => i.total !== null);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 140, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => `${i.rank}. ${i.name ?? ''}`) },
    series: [{ type: 'bar', name: t('evaluation.fields.total'), data: items.map((i) => i.total), label: { show: true, position: 'right' } }],
  }), [items, t]);
  return <EChart option={option} height={Math.max(160, items.length * 32 + 40)} label={label} />;
}

function Rankings({ term }: { term: string }) {
  const { t } = useTranslation();
  const { districtId } = useAuth();
  const alliances = useActivityAlliances();
  const [allianceId, setAllianceId] = useState<string>();
  const byDistrict = useRanking({ term, districtId: districtId ?? '' }, Boolean(districtId));
  const bySchool = useRanking({ term, allianceId: allianceId ?? '' }, Boolean(allianceId));
  const table = (ranking: RankingView | undefined) => (
    <Table
      rowKey="targetId" size="small" pagination={false} dataSource={ranking?.items ?? []}
      columns={[
        { title: t('evaluation.fields.rank'), dataIndex: 'rank', width: 80 },
        { title: t('evaluation.fields.name'), dataIndex: 'name' },
        { title: t('evaluation.fields.step'), dataIndex: 'step', width: 130, render: (s: EvaluationStep) => <Tag color={STEP_COLORS[s]}>{t(`evaluation.step.${s}`)}</Tag> },
        { title: t('evaluation.fields.total'), dataIndex: 'total', width: 100, render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
      ]}
    />
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('evaluation.list.allianceRanking')}>
        {byDistrict.error ? <ProblemAlert error={byDistrict.error} /> : null}
        {byDistrict.data?.items.length ? <RankingChart ranking={byDistrict.data} label={t('evaluation.list.allianceRanking')} /> : <Empty />}
        {table(byDistrict.data)}
      </Card>
      <Card
        title={t('evaluation.list.schoolRanking')}
        extra={(
          <Select
            aria-label={t('evaluation.list.chooseAlliance')} placeholder={t('evaluation.list.chooseAlliance')} style={{ width: 240 }} value={allianceId} onChange={setAllianceId}
            options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))}
          />
        )}
      >
        {bySchool.error ? <ProblemAlert error={bySchool.error} /> : null}
        {bySchool.data?.items.length ? <RankingChart ranking={bySchool.data} label={t('evaluation.list.schoolRanking')} /> : <Empty />}
        {allianceId && table(bySchool.data)}
      </Card>
    </Space>
  );
}

function Awards({ term }: { term: string }) {
  const { t } = useTranslation();
  const awards = useAwards(term);
  if (awards.error) return <ProblemAlert error={awards.error} />;
  if (!awards.data?.items.length) return <Alert type="info" showIcon title={t('evaluation.list.noAwards')} />;
  return (
    <List
      dataSource={awards.data.items}
      renderItem={(a) => (
        <List.Item>
          <List.Item.Meta title={<Space><Tag color="gold">{a.title}</Tag>{a.targetName}</Space>} description={a.citation} />
          {a.total !== null && <span>{a.total.toFixed(2)}</span>}
        </List.Item>
      )}
    />
  );
}
