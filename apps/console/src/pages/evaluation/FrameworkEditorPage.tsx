import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { evaluationKeys, treeInput, useFramework, weightSum, type DimensionInputDto, type IndicatorInputDto } from './api';

const RULES = ['linear', 'ratio', 'rank'] as const;
const TARGETS = ['both', 'school', 'alliance'] as const;

/**
 * The framework's tree: dimensions and their indicators with weights, kinds and scoring rules. Sibling
 * weights must sum to 100 (checked here as you type and again by the service); saving a framework a
 * published evaluation uses makes its next version.
 */
export function FrameworkEditorPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const framework = useFramework(id);
  const [tree, setTree] = useState<DimensionInputDto[]>();
  useEffect(() => { if (framework.data) setTree(treeInput(framework.data.dimensions)); }, [framework.data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.http.PATCH('/api/v1/evaluation/frameworks/{id}', { params: { path: { id: id ?? '' } }, body: { dimensions: tree } })),
    onSuccess: async (saved) => {
      void message.success(saved.id === id ? t('evaluation.frameworks.saved') : t('evaluation.frameworks.newVersion', { version: saved.version }));
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.frameworks });
      if (saved.id !== id) void navigate(`/evaluation/frameworks/${saved.id}`);
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  if (framework.error) return <ProblemAlert error={framework.error} onRetry={() => void framework.refetch()} />;
  if (!framework.data || !tree) return <Spin />;
  const editable = isDistrictAdmin(me);
  const dimensionSum = weightSum(tree.map((d) => d.weight));
  const sums = tree.map((d) => weightSum(d.indicators.map((i) => i.weight)));
  const valid = dimensionSum === 100 && sums.every((s) => s === 100);
  const sources = framework.data.dimensions.flatMap((d) => d.indicators);
  const setDimension = (index: number, change: Partial<DimensionInputDto>) => setTree((prev) => prev?.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const setIndicator = (di: number, ii: number, change: Partial<IndicatorInputDto>) =>
    setDimension(di, { indicators: tree[di]!.indicators.map((x, i) => (i === ii ? { ...x, ...change } : x)) });
  return (
    <>
      <Button type="link" onClick={() => navigate('/evaluation/frameworks')} style={{ paddingLeft: 0 }}>← {t('common.back')}</Button>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {framework.data.name} <Tag>v{framework.data.version}</Tag>{framework.data.inUse && <Tag color="green">{t('evaluation.frameworks.inUse')}</Tag>}
        </Typography.Title>
        {editable && <Button type="primary" disabled={!valid} loading={save.isPending} onClick={() => save.mutate()}>{t('common.save')}</Button>}
      </Space>
      {dimensionSum !== 100 && <Alert type="error" showIcon style={{ margin: '16px 0' }} title={t('evaluation.frameworks.sumError', { sum: dimensionSum })} />}
      {tree.map((d, di) => (
        <Card
          key={d.code} style={{ marginTop: 16 }}
          title={(
            <Space>
              <Input aria-label={t('evaluation.fields.dimension')} value={d.name} disabled={!editable} onChange={(e) => setDimension(di, { name: e.target.value })} style={{ width: 200 }} />
              <span>{t('evaluation.fields.weight')}</span>
              <InputNumber aria-label={`${d.name} ${t('evaluation.fields.weight')}`} min={0} max={100} value={d.weight} disabled={!editable} onChange={(v) => setDimension(di, { weight: v ?? 0 })} />
            </Space>
          )}
        >
          {sums[di] !== 100 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('evaluation.frameworks.sumError', { sum: sums[di] })} />}
          <Table<IndicatorInputDto>
            rowKey="code" size="small" pagination={false} dataSource={d.indicators}
            columns={[
              { title: t('evaluation.fields.indicator'), render: (_: unknown, ind, ii) => <Input value={ind.name} disabled={!editable} onChange={(e) => setIndicator(di, ii, { name: e.target.value })} /> },
              {
                title: t('evaluation.fields.weight'), width: 100,
                render: (_: unknown, ind, ii) => <InputNumber aria-label={`${ind.name} ${t('evaluation.fields.weight')}`} min={0} max={100} value={ind.weight} disabled={!editable} onChange={(v) => setIndicator(di, ii, { weight: v ?? 0 })} />,
              },
              { title: t('evaluation.fields.kind'), width: 150, render: (_: unknown, ind) => t(`evaluation.kind.${ind.kind}`) },
              {
                title: t('evaluation.fields.appliesTo'), width: 150,
                render: (_: unknown, ind, ii) => (
                  <Select value={ind.appliesTo} disabled={!editable} style={{ width: 140 }} onChange={(appliesTo) => setIndicator(di, ii, { appliesTo })}
                    options={TARGETS.map((v) => ({ value: v, label: t(`evaluation.appliesTo.${v}`) }))}
                  />
                ),
              },
              {
                title: t('evaluation.fields.rule'), width: 320,
                render: (_: unknown, ind, ii) => (ind.kind === 'evaluator'
                  ? <Space>{t('evaluation.fields.maxScore')}<InputNumber min={1} max={1000} value={ind.maxScore} disabled={!editable} onChange={(v) => setIndicator(di, ii, { maxScore: v ?? 1 })} /></Space>
                  : (
                    <Space wrap>
                      <Select value={ind.rule} disabled={!editable} style={{ width: 120 }} onChange={(rule) => setIndicator(di, ii, { rule })} options={RULES.map((v) => ({ value: v, label: t(`evaluation.rule.${v}`) }))} />
                      {ind.rule === 'linear' && (
                        <>
                          <InputNumber aria-label={t('evaluation.fields.floor')} placeholder={t('evaluation.fields.floor')} value={ind.floor} disabled={!editable} onChange={(v) => setIndicator(di, ii, { floor: v ?? 0 })} style={{ width: 80 }} />
                          <InputNumber aria-label={t('evaluation.fields.target2')} placeholder={t('evaluation.fields.target2')} value={ind.target} disabled={!editable} onChange={(v) => setIndicator(di, ii, { target: v ?? 0 })} style={{ width: 80 }} />
                        </>
                      )}
                    </Space>
                  )),
              },
              {
                title: t('evaluation.fields.source'),
                render: (_: unknown, ind) => {
                  const view = sources.find((s) => s.code === ind.code);
                  return <Typography.Text type="secondary">{(i18n.language === 'en' ? view?.sourceEn : view?.source) ?? ind.guidance ?? ''}</Typography.Text>;
                },
              },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
