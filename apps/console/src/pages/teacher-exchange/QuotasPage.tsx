import { App, Button, Card, Col, Empty, Form, InputNumber, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, type Schemas } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { canManageAlliance } from '../../auth/roles';
import { EChart } from '../../components/EChart';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, QueryBoundary } from '../../components/states';
import { teacherExchangeKeys, useExchangeDirectory, useQuota, useQuotaProgress, type QuotaProgressView, type QuotaRule } from './api';

type SchoolProgress = Schemas['SchoolQuotaProgress'];
type Category = QuotaRule['category'];
const CATEGORIES: Category[] = ['middle_manager', 'backbone', 'any'];
const THIS_YEAR = new Date().getFullYear();
const STATE_COLOR = { behind: 'red', met: 'green', over: 'orange' } as const;

function QuotaRulesForm({ allianceId, year, rules }: { allianceId: string; year: number; rules: QuotaRule[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ rules: QuotaRule[] }>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  useEffect(() => form.setFieldsValue({ rules }), [rules, form]);
  const save = useMutation({
    mutationFn: (v: { rules: QuotaRule[] }) => unwrap(api.http.PUT('/api/v1/teacher-exchange/quotas', { body: { allianceId, year, rules: v.rules ?? [] } })),
    onSuccess: async () => {
      void message.success(t('teacherExchange.quotas.saved'));
      await queryClient.invalidateQueries({ queryKey: teacherExchangeKeys.quota(allianceId, year) });
      await queryClient.invalidateQueries({ queryKey: teacherExchangeKeys.progress(allianceId, year) });
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
      {save.error ? <div style={{ width: '100%' }}><ProblemAlert error={save.error} extraFieldErrors={extra} /></div> : null}
      <Form.List name="rules">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'category']} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('teacherExchange.fields.kind') }) }]}>
                  <Select style={{ width: 150 }} aria-label={t('teacherExchange.quotas.rules')} options={CATEGORIES.map((c) => ({ value: c, label: t(`teacherExchange.category.${c}`) }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'min']} label={t('teacherExchange.quotas.min')} rules={[{ required: true, message: t('teacherExchange.quotas.min') }]}>
                  <InputNumber min={0} max={100} aria-label={t('teacherExchange.quotas.min')} />
                </Form.Item>
                <Form.Item name={[field.name, 'max']} label={t('teacherExchange.quotas.max')} rules={[{ required: true, message: t('teacherExchange.quotas.max') }]}>
                  <InputNumber min={0} max={100} aria-label={t('teacherExchange.quotas.max')} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('teacherExchange.placementForm.removeHost')} />
              </Space>
            ))}
            <Space>
              {fields.length < CATEGORIES.length && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ min: 1, max: 2 })}>{t('teacherExchange.quotas.addRule')}</Button>}
              <Button type="primary" htmlType="submit" loading={save.isPending}>{t('teacherExchange.quotas.save')}</Button>
            </Space>
          </Space>
        )}
      </Form.List>
    </Form>
  );
}

function ProgressView({ progress }: { progress: QuotaProgressView }) {
  const { t } = useTranslation();
  const behind = progress.schools.filter((s) => s.behind).length;
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 8, right: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: progress.schools.map((s) => s.schoolName), axisLabel: { interval: 0, rotate: progress.schools.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: progress.rules.flatMap((rule) => [
      {
        name: `${t(`teacherExchange.category.${rule.category}`)} · ${t('teacherExchange.quotas.actual')}`, type: 'bar',
        data: progress.schools.map((s) => {
          const c = s.categories.find((x) => x.category === rule.category);
          return { value: c?.actual ?? 0, itemStyle: c?.state === 'behind' ? { color: '#d4380d' } : undefined };
        }),
        markLine: { symbol: 'none', data: [{ yAxis: rule.min, name: t('teacherExchange.quotas.target') }], lineStyle: { type: 'dashed' } },
      },
    ]),
  }), [progress, t]);

  if (!progress.rules.length) return <EmptyState title={t('teacherExchange.quotas.noRules')} hint={t('teacherExchange.quotas.noRulesHint')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Tag color={behind ? 'red' : 'green'} style={{ fontSize: 14, padding: '4px 8px' }}>
        {behind ? t('teacherExchange.quotas.behindCount', { count: behind }) : t('teacherExchange.quotas.allMet')}
      </Tag>
      <EChart option={option} height={300} label={t('teacherExchange.quotas.chart')} />
      <Table<SchoolProgress>
        rowKey="schoolId"
        size="middle"
        pagination={false}
        dataSource={[...progress.schools].sort((a, b) => Number(b.behind) - Number(a.behind))}
        rowClassName={(s) => (s.behind ? 'quota-behind' : '')}
        onRow={(s) => ({ style: s.behind ? { background: '#fff2f0' } : undefined, 'data-behind': s.behind ? 'true' : 'false' } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('teacherExchange.quotas.school'), dataIndex: 'schoolName', render: (name: string, s) => <Space>{name}{s.behind && <Tag color="red">{t('teacherExchange.quotas.behind')}</Tag>}</Space> },
          ...progress.rules.map((rule) => ({
            title: `${t(`teacherExchange.category.${rule.category}`)}（${rule.min}–${rule.max}）`,
            key: rule.category,
            render: (_: unknown, s: SchoolProgress) => {
              const c = s.categories.find((x) => x.category === rule.category);
              if (!c) return '—';
              const percent = c.min ? Math.min(100, Math.round((c.actual / c.min) * 100)) : 100;
              return (
                <Space direction="vertical" size={0} style={{ width: 180 }}>
                  <Progress percent={percent} size="small" status={c.state === 'behind' ? 'exception' : 'success'} format={() => `${c.actual}/${c.min}`} aria-label={`${s.schoolName} ${t(`teacherExchange.category.${rule.category}`)} ${c.actual}/${c.min}`} />
                  <Typography.Text type={c.state === 'behind' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    <Tag color={STATE_COLOR[c.state]}>{t(`teacherExchange.quotas.${c.state}`)}</Tag>
                  </Typography.Text>
                </Space>
              );
            },
          })),
        ]}
      />
    </Space>
  );
}

export function QuotasPage() {
  const { t } = useTranslation();
  const me = useMe();
  const directory = useExchangeDirectory();
  const alliances = (directory.data?.alliances ?? []).filter((a) => a.status === 'active');
  const [allianceId, setAllianceId] = useState<string | undefined>();
  const [year, setYear] = useState(THIS_YEAR);
  const chosen = allianceId ?? alliances[0]?.allianceId;
  const quota = useQuota(chosen, year);
  const progress = useQuotaProgress(chosen, year);

  return (
    <>
      <Typography.Title level={1}>{t('teacherExchange.quotas.title')}</Typography.Title>
      <QueryBoundary isPending={directory.isPending} error={directory.error} refetch={directory.refetch}>
        {() => (!alliances.length ? <Card><Empty description={t('teacherExchange.quotas.noAlliance')} /></Card> : (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Card>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Select style={{ width: '100%' }} aria-label={t('teacherExchange.quotas.alliance')} value={chosen} onChange={setAllianceId}
                    options={alliances.map((a) => ({ value: a.allianceId, label: a.name }))} placeholder={t('teacherExchange.quotas.chooseAlliance')} />
                </Col>
                <Col xs={24} md={6}>
                  <Select style={{ width: '100%' }} aria-label={t('teacherExchange.quotas.year')} value={year} onChange={setYear}
                    options={[THIS_YEAR - 1, THIS_YEAR, THIS_YEAR + 1].map((y) => ({ value: y, label: String(y) }))} />
                </Col>
              </Row>
            </Card>
            {chosen && canManageAlliance(me, chosen) && (
              <Card title={t('teacherExchange.quotas.rules')}>
                {quota.error ? <ProblemAlert error={quota.error} /> : <QuotaRulesForm allianceId={chosen} year={year} rules={quota.data?.rules ?? []} />}
              </Card>
            )}
            <Card title={t('teacherExchange.quotas.progress')}>
              <QueryBoundary isPending={progress.isPending} error={progress.error} refetch={progress.refetch}>
                {() => (progress.data ? <ProgressView progress={progress.data} /> : null)}
              </QueryBoundary>
            </Card>
          </Space>
        ))}
      </QueryBoundary>
    </>
  );
}
