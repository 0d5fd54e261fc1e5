import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Space, Spin, Steps, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import {
  evaluationKeys, STEP_COLORS, useEvaluation, useHistory, type DimensionScoreView, type EvaluationAction, type EvaluationDetailView, type IndicatorScoreView,
} from './api';

const localName = (language: string, item: { name: string; nameEn: string | null }): string => (language === 'en' && item.nameEn ? item.nameEn : item.name);

/** One evaluation: its step flow with actions, dimension radar, indicator scores with drill-down and scoring, growth over terms, versions. */
export function EvaluationDetailPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const evaluation = useEvaluation(id);
  const e = evaluation.data;
  const history = useHistory(e?.targetType ?? 'school', e ? (e.schoolId ?? e.allianceId) : undefined);
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [awarding, setAwarding] = useState(false);
  const [drill, setDrill] = useState<IndicatorScoreView>();
  const refresh = async (): Promise<void> => { await queryClient.invalidateQueries({ queryKey: evaluationKeys.all }); };
  const act = useMutation({
    mutationFn: ({ action, text }: { action: EvaluationAction; text?: string }) =>
      unwrap(api.http.POST('/api/v1/evaluation/evaluations/{id}/transitions', { params: { path: { id: id ?? '' } }, body: { action, comment: text || undefined } })),
    onSuccess: async () => { void message.success(t('evaluation.detail.moved')); setReturning(false); setComment(''); await refresh(); },
    onError: (err) => void message.error(problemMessage(t, err)),
  });
  const regather = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/evaluation/evaluations/{id}/refresh', { params: { path: { id: id ?? '' } } })),
    onSuccess: refresh,
    onError: (err) => void message.error(problemMessage(t, err)),
  });
  const radar = useMemo(() => (e ? radarOption(e.dimensions, i18n.language) : undefined), [e, i18n.language]);
  const line = useMemo(() => (history.data ? {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 24, top: 24, bottom: 24 },
    xAxis: { type: 'category', data: history.data.points.map((p) => p.term) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'line', name: t('evaluation.fields.total'), data: history.data.points.map((p) => p.total), label: { show: true } }],
  } : undefined), [history.data, t]);
  if (evaluation.error) return <ProblemAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  if (!e) return <Spin />;
  const stepIndex = { draft: 0, 'self-evaluated': 1, 'alliance-reviewed': 2, published: 3 }[e.step];
  const stepItems = e.targetType === 'school'
    ? [t('evaluation.stepTitle.self'), t('evaluation.stepTitle.alliance'), t('evaluation.stepTitle.district'), t('evaluation.stepTitle.published')]
    : [t('evaluation.stepTitle.self'), t('evaluation.stepTitle.district'), t('evaluation.stepTitle.published')];
  const current = e.targetType === 'school' || stepIndex < 3 ? stepIndex : 2;
  const scoring = e.can.selfEvaluate || e.can.allianceReview || e.can.districtReview;
  return (
    <>
      <Button type="link" onClick={() => navigate('/evaluation/evaluations')} style={{ paddingLeft: 0 }}>← {t('common.back')}</Button>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {e.schoolName ?? e.allianceName} · {e.term} <Tag color={STEP_COLORS[e.step]}>{t(`evaluation.step.${e.step}`)}</Tag> <Tag>v{e.version}</Tag>
        </Typography.Title>
        <Space wrap>
          {e.can.selfEvaluate && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'submit' })}>{t('evaluation.action.submit')}</Button>}
          {e.can.allianceReview && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'approve' })}>{t('evaluation.action.approve')}</Button>}
          {e.can.districtReview && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'publish' })}>{t('evaluation.action.publish')}</Button>}
          {(e.can.allianceReview || e.can.districtReview) && <Button danger onClick={() => setReturning(true)}>{t('evaluation.action.return')}</Button>}
          {e.can.refresh && <Button loading={regather.isPending} onClick={() => regather.mutate()}>{t('evaluation.action.refresh')}</Button>}
          {e.can.correct && <Button onClick={() => setCorrecting(true)}>{t('evaluation.action.correct')}</Button>}
          {e.can.correct && <Button onClick={() => setAwarding(true)}>{t('evaluation.detail.award')}</Button>}
        </Space>
      </Space>
      <Card style={{ margin: '16px 0' }}>
        <Steps current={current} items={stepItems.map((title) => ({ title }))} />
        {e.step === 'published' && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('evaluation.detail.frozen')} />}
        {e.superseded && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('evaluation.detail.superseded', { version: e.version + 1 })} />}
        {e.correctionReason && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('evaluation.detail.correction', { reason: e.correctionReason })} />}
        {e.unavailable.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('evaluation.detail.missing', { services: e.unavailable.join('、') })} />}
        <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('evaluation.fields.total')}>{e.total === null ? <Tag>{t('evaluation.detail.noData')}</Tag> : <Typography.Text strong>{e.total.toFixed(2)}</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.fields.alliance')}>{e.allianceName}</Descriptions.Item>
          {e.factsGatheredAt && <Descriptions.Item label={t('evaluation.fields.source')}>{t('evaluation.detail.gatheredAt', { time: new Date(e.factsGatheredAt).toLocaleString() })}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('evaluation.detail.radar')}>{radar && <EChart option={radar} height={300} label={t('evaluation.detail.radar')} />}</Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('evaluation.detail.history')}>{line && <EChart option={line} height={300} label={t('evaluation.detail.history')} />}</Card>
        </Col>
      </Row>
      <Card title={t('evaluation.detail.scores')} style={{ marginTop: 16 }} extra={<Typography.Text type="secondary">{t('evaluation.detail.noDataHint')}</Typography.Text>}>
        {e.dimensions.map((d) => (
          <DimensionTable key={d.code} dimension={d} evaluation={e} scoring={scoring} onDrill={setDrill} onSaved={refresh} />
        ))}
      </Card>
      <Card title={t('evaluation.detail.steps')} style={{ marginTop: 16 }}>
        <Timeline items={e.steps.map((s) => ({
          children: <span>{new Date(s.at).toLocaleString()} · {s.by} · {t(`evaluation.action.${s.action}`, { defaultValue: s.action })} → {t(`evaluation.step.${s.to}`)}{s.comment ? `：${s.comment}` : ''}</span>,
        }))}
        />
      </Card>
      <Modal open={returning} title={t('evaluation.action.return')} onCancel={() => setReturning(false)} onOk={() => act.mutate({ action: 'return', text: comment })} confirmLoading={act.isPending}>
        <Input.TextArea rows={3} aria-label={t('evaluation.detail.returnReason')} placeholder={t('evaluation.detail.returnReason')} value={comment} onChange={(ev) => setComment(ev.target.value)} />
      </Modal>
      {correcting && <CorrectModal evaluation={e} onClose={() => setCorrecting(false)} onDone={(next) => navigate(`/evaluation/evaluations/${next}`)} />}
      {awarding && <AwardModal evaluation={e} onClose={() => setAwarding(false)} />}
      {drill && <DrillModal evaluationId={e.id} indicator={drill} onClose={() => setDrill(undefined)} />}
    </>
  );
}

function radarOption(dimensions: DimensionScoreView[], language: string) {
  return {
    tooltip: {},
    radar: { indicator: dimensions.map((d) => ({ name: localName(language, d), max: 100 })) },
    series: [{ type: 'radar', data: [{ value: dimensions.map((d) => d.score ?? 0), name: '' }], areaStyle: { opacity: 0.2 } }],
  };
}

function DimensionTable({ dimension, evaluation, scoring, onDrill, onSaved }: {
  dimension: DimensionScoreView; evaluation: EvaluationDetailView; scoring: boolean; onDrill: (i: IndicatorScoreView) => void; onSaved: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<IndicatorScoreView>();
  const [form] = Form.useForm<{ score: number; comment?: string; evidence?: string }>();
  const save = useMutation({
    mutationFn: (v: { score: number; comment?: string; evidence?: string }) => unwrap(api.http.POST('/api/v1/evaluation/evaluations/{id}/scores', {
      params: { path: { id: evaluation.id } }, body: { scores: [{ indicator: editing?.code ?? '', ...v }] },
    })),
    onSuccess: async () => { void message.success(t('evaluation.detail.scored')); setEditing(undefined); await onSaved(); },
    onError: (err) => void message.error(problemMessage(t, err)),
  });
  return (
    <>
      <Typography.Title level={5}>
        {localName(i18n.language, dimension)}（{t('evaluation.fields.weight')} {dimension.weight}）：
        {dimension.score === null ? <Tag>{t('evaluation.detail.noData')}</Tag> : dimension.score.toFixed(2)}
      </Typography.Title>
      <Table<IndicatorScoreView>
        rowKey="code" size="small" pagination={false} dataSource={dimension.indicators} style={{ marginBottom: 16 }}
        columns={[
          { title: t('evaluation.fields.indicator'), render: (_: unknown, i) => localName(i18n.language, i) },
          { title: t('evaluation.fields.kind'), width: 150, render: (_: unknown, i) => t(`evaluation.kind.${i.kind}`) },
          { title: t('evaluation.fields.weight'), dataIndex: 'weight', width: 70 },
          {
            title: t('evaluation.fields.value'), width: 140,
            render: (_: unknown, i) => (i.value === null ? '—' : i.numerator !== null && i.denominator !== null ? `${i.value}（${i.numerator}/${i.denominator}）` : String(i.value)),
          },
          { title: t('evaluation.fields.score'), width: 100, render: (_: unknown, i) => (i.noData ? <Tooltip title={t('evaluation.detail.noDataHint')}><Tag>{t('evaluation.detail.noData')}</Tag></Tooltip> : i.score?.toFixed(2)) },
          {
            title: t('common.actions'), width: 120,
            render: (_: unknown, i) => (i.kind === 'computed'
              ? <Button size="small" type="link" onClick={() => onDrill(i)}>{t('evaluation.detail.drill')}</Button>
              : scoring && !evaluation.superseded && evaluation.step !== 'published'
                ? <Button size="small" type="link" onClick={() => { form.resetFields(); setEditing(i); }}>{t('evaluation.detail.enterScores')}</Button>
                : i.entries.map((x) => `${t(`evaluation.scoreStep.${x.step}`)} ${x.score}`).join(' / ')),
          },
        ]}
      />
      <Modal open={Boolean(editing)} title={editing ? localName(i18n.language, editing) : ''} onCancel={() => setEditing(undefined)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        {editing?.entries.map((x) => <Typography.Paragraph key={x.step} type="secondary">{t(`evaluation.scoreStep.${x.step}`)}：{x.score} {x.comment ?? ''}</Typography.Paragraph>)}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="score" label={t('evaluation.fields.score')} rules={[{ required: true }]}><InputNumber min={0} step={0.5} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="evidence" label={t('evaluation.fields.evidence')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="comment" label={t('evaluation.fields.comment')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function DrillModal({ evaluationId, indicator, onClose }: { evaluationId: string; indicator: IndicatorScoreView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const drill = useQuery({
    queryKey: ['evaluation', 'drill', evaluationId, indicator.code],
    queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/evaluations/{id}/drill-down', { params: { path: { id: evaluationId }, query: { indicator: indicator.code } } })),
  });
  return (
    <Modal open title={localName(i18n.language, indicator)} onCancel={onClose} footer={null} width={720}>
      {drill.error ? <ProblemAlert error={drill.error} /> : null}
      <Typography.Paragraph type="secondary">{i18n.language === 'en' ? drill.data?.sourceEn : drill.data?.source}</Typography.Paragraph>
      <Table
        rowKey={(r) => r.schoolId ?? 'alliance'} size="small" pagination={false} loading={drill.isPending} dataSource={drill.data?.rows ?? []}
        columns={[
          { title: t('evaluation.fields.school'), render: (_: unknown, r: { schoolName: string | null; schoolId: string | null }) => r.schoolName ?? (r.schoolId ? r.schoolId : t('evaluation.targetType.alliance')) },
          { title: t('evaluation.fields.value'), dataIndex: 'value' },
          { title: t('evaluation.fields.numerator'), dataIndex: 'numerator', render: (v: number | null) => v ?? '—' },
          { title: t('evaluation.fields.denominator'), dataIndex: 'denominator', render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Modal>
  );
}

function CorrectModal({ evaluation, onClose, onDone }: { evaluation: EvaluationDetailView; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const correct = useMutation({
    mutationFn: (v: { reason: string }) => unwrap(api.http.POST('/api/v1/evaluation/evaluations/{id}/corrections', {
      params: { path: { id: evaluation.id } }, body: { reason: v.reason, refreshFacts: true },
    })),
    onSuccess: async (next) => { await queryClient.invalidateQueries({ queryKey: evaluationKeys.all }); onClose(); onDone(next.id); },
    onError: (err) => void message.error(problemMessage(t, err)),
  });
  return (
    <Modal open title={t('evaluation.action.correct')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={correct.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => correct.mutate(v)}>
        <Form.Item name="reason" label={t('evaluation.fields.reason')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function AwardModal({ evaluation, onClose }: { evaluation: EvaluationDetailView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ title: string; citation: string }>();
  const award = useMutation({
    mutationFn: (v: { title: string; citation: string }) => unwrap(api.http.POST('/api/v1/evaluation/awards', { body: { evaluationId: evaluation.id, ...v } })),
    onSuccess: async () => { void message.success(t('evaluation.detail.awarded')); await queryClient.invalidateQueries({ queryKey: evaluationKeys.all }); onClose(); },
    onError: (err) => void message.error(problemMessage(t, err)),
  });
  return (
    <Modal open title={t('evaluation.detail.award')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={award.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => award.mutate(v)} initialValues={{ title: evaluation.targetType === 'alliance' ? '优秀教联体' : '进步最大学校' }}>
        <Form.Item name="title" label={t('evaluation.fields.awardTitle')} rules={[{ required: true, whitespace: true }, { max: 60 }]}><Input /></Form.Item>
        <Form.Item name="citation" label={t('evaluation.fields.citation')} rules={[{ required: true, whitespace: true }, { max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
