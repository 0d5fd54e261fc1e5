import { App, Button, Card, Descriptions, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { queryKeys } from '../../api/queries';
import { recentTerms } from '../plans/api';
import { profileKeys, tagName, usePairingSuggestions, type PairingSuggestionView, type SuggestionQuery } from './api';

/** The district's pairing suggestions for a term: who supports whom, why, how far; accepting one as a draft pairing. */
export function PairingSuggestionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const terms = recentTerms();
  const [query, setQuery] = useState<SuggestionQuery>({ term: terms[0]!, travelLimitKm: 30, roadFactor: 1.3, includeAlliances: true });
  const suggestions = usePairingSuggestions(districtId, query);
  const params = suggestions.data?.params;
  const accept = useMutation({
    mutationFn: (s: PairingSuggestionView) => unwrap(api.http.POST('/api/v1/districts/{id}/pairing-suggestions/accept', {
      params: { path: { id: districtId ?? '' } },
      // the parameters the suggestions were computed with, so the pair is checked against the same model
      body: {
        term: query.term, travelLimitKm: params?.travelLimitKm ?? 30, roadFactor: params?.roadFactor ?? 1.3, distancePenalty: params?.distancePenalty ?? 0.02,
        maxSupportersPerSchool: params?.maxSupportersPerSchool ?? 1, includeAlliances: false, supportingSchoolId: s.provider.id, supportedSchoolId: s.school.id,
      },
    })),
    onSuccess: (alliance) => {
      void message.success(t('profiles.suggestions.accepted', { name: alliance.name }));
      // straight to the draft: the suggestions (re-solved without the pair) are refetched when next shown, not before leaving
      void navigate(`/alliances/${alliance.id}`);
      void queryClient.invalidateQueries({ queryKey: profileKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.alliances() });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const reason = (s: PairingSuggestionView) => (i18n.language.startsWith('zh') ? s.reasonZh : s.reasonEn);
  const columns = [
    { title: t('profiles.suggestions.kind'), dataIndex: 'kind', width: 110, render: (k: PairingSuggestionView['kind']) => <Tag color={k === 'school' ? 'blue' : 'purple'}>{t(`profiles.suggestionKind.${k}`)}</Tag> },
    { title: t('profiles.suggestions.provider'), render: (_: unknown, s: PairingSuggestionView) => s.provider.name },
    { title: t('profiles.suggestions.school'), render: (_: unknown, s: PairingSuggestionView) => s.school.name },
    { title: t('profiles.suggestions.supplies'), render: (_: unknown, s: PairingSuggestionView) => s.supplies.map((tag) => <Tag key={tag.tagId}>{tagName(tag, i18n.language)}</Tag>) },
    { title: t('profiles.suggestions.distance'), dataIndex: 'distanceKm', width: 100, render: (km: number) => `${km} km` },
    { title: t('profiles.suggestions.reason'), render: (_: unknown, s: PairingSuggestionView) => <span data-testid="suggestion-reason">{reason(s)}</span> },
    {
      title: t('common.actions'), width: 150,
      render: (_: unknown, s: PairingSuggestionView) => (s.kind === 'school' ? (
        <Popconfirm title={t('profiles.suggestions.acceptConfirm', { provider: s.provider.name, school: s.school.name })} onConfirm={() => accept.mutate(s)} okText={t('profiles.suggestions.accept')} cancelText={t('common.cancel')}>
          <Button size="small" type="primary" loading={accept.isPending && accept.variables === s}>{t('profiles.suggestions.accept')}</Button>
        </Popconfirm>
      ) : null),
    },
  ];
  const data = suggestions.data;
  const pairings = (data?.suggestions ?? []).filter((s) => s.kind === 'school');
  const chart = pairings.length ? {
    tooltip: { trigger: 'axis' }, grid: { left: 140, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', name: 'km' },
    yAxis: { type: 'category', data: pairings.map((s) => s.school.name) },
    series: [{ type: 'bar', name: t('profiles.suggestions.distance'), data: pairings.map((s) => s.distanceKm) }],
  } : undefined;
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>{t('profiles.suggestions.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('profiles.suggestions.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label={t('profiles.fields.term')} style={{ width: 140 }} value={query.term} onChange={(term: string) => setQuery((q) => ({ ...q, term }))} options={terms.map((v) => ({ value: v, label: v }))} />
        <span>{t('profiles.suggestions.travelLimit')}</span>
        <InputNumber aria-label={t('profiles.suggestions.travelLimit')} min={1} max={200} value={query.travelLimitKm} onChange={(v) => v && setQuery((q) => ({ ...q, travelLimitKm: v }))} addonAfter="km" />
        <span>{t('profiles.suggestions.roadFactor')}</span>
        <InputNumber aria-label={t('profiles.suggestions.roadFactor')} min={1} max={3} step={0.1} value={query.roadFactor} onChange={(v) => v && setQuery((q) => ({ ...q, roadFactor: v }))} />
        <span>{t('profiles.suggestions.includeAlliances')}</span>
        <Switch aria-label={t('profiles.suggestions.includeAlliances')} checked={query.includeAlliances} onChange={(includeAlliances) => setQuery((q) => ({ ...q, includeAlliances }))} />
      </Space>
      {suggestions.error ? <ProblemAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} /> : null}
      {data && (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions column={{ xs: 1, md: 4 }} size="small">
            <Descriptions.Item label={t('profiles.suggestions.status')}><Tag color={data.status === 'Optimal' ? 'green' : 'red'}>{data.status === 'Optimal' ? t('profiles.suggestions.optimal') : data.status}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('profiles.suggestions.objective')}>{data.objective}</Descriptions.Item>
            <Descriptions.Item label={t('profiles.suggestions.profiles')}>{data.profiles}</Descriptions.Item>
            <Descriptions.Item label={t('profiles.suggestions.candidates')}>{data.candidatePairs}（{data.solveMs} ms）</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('profiles.suggestions.objectiveHint', { penalty: data.params.distancePenalty })}</Typography.Text>
        </Card>
      )}
      <Card>
        <Table<PairingSuggestionView>
          rowKey={(s) => `${s.kind}-${s.provider.id}-${s.school.id}`} size="middle" columns={columns} dataSource={data?.suggestions ?? []} loading={suggestions.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState title={t('profiles.suggestions.empty')} hint={t('profiles.suggestions.emptyHint')} /> }}
        />
        {data && data.unmet.length > 0 && (
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {t('profiles.suggestions.unmet')}：{data.unmet.map((s) => <Tag key={s.id}>{s.name}</Tag>)}
          </Typography.Paragraph>
        )}
      </Card>
      {chart && <Card title={t('profiles.suggestions.chart')} style={{ marginTop: 16 }}><EChart option={chart} height={Math.max(200, pairings.length * 28)} label={t('profiles.suggestions.chart')} /></Card>}
    </>
  );
}
