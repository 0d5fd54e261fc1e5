import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { downloadFile, figureKey, formatFigure, useBriefing, type BriefingDetailView, type BriefingHighlight } from './api';

const CHECK_IN_RATE = 'activities.check-in-rate';

/** The preview of an issued briefing: key figures, highlights, charts, every service's section, plans and evaluation; PDF and Excel downloads. */
export function BriefingDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const briefing = useBriefing(id);
  const b = briefing.data;
  const figureName = (key: string): string => t(figureKey(key), { defaultValue: key });
  const highlightText = (h: BriefingHighlight): string =>
    t(`briefings.highlight.${h.kind}`, { name: h.name, value: h.kind === 'best-check-in' ? `${(h.value * 100).toFixed(1)}%` : h.value });
  const charts = useMemo(() => (b ? chartOptions(b, t('briefings.detail.checkInChart'), (s) => t(`plans.status.${s}`, { defaultValue: s })) : null), [b, t]);
  if (briefing.error) return <ProblemAlert error={briefing.error} onRetry={() => void briefing.refetch()} />;
  if (!b || !charts) return <Card loading />;
  const download = (format: 'pdf' | 'xlsx') =>
    downloadFile(`/api/v1/briefings/${b.id}/${format}`, `${b.title}.${format}`).catch((e: unknown) => void message.error(problemMessage(t, e)));
  const p = b.content.plans;
  const e = b.content.evaluation;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{b.title}</Typography.Title>
          <Typography.Text type="secondary">{`${t(`briefings.scope.${b.scope}`)} · ${b.scopeName} · ${b.period}（${b.from} ~ ${b.to}）`}</Typography.Text>
        </div>
        <Space>
          <Button type="primary" onClick={() => void download('pdf')}>{t('briefings.detail.pdf')}</Button>
          <Button onClick={() => void download('xlsx')}>{t('briefings.detail.xlsx')}</Button>
        </Space>
      </Space>
      <Alert type="info" showIcon title={t('briefings.detail.frozen', { time: dayjs(b.issuedAt).format('YYYY-MM-DD HH:mm') })} />
      <Card title={t('briefings.detail.keyFigures')}>
        <Row gutter={[16, 16]}>
          {b.content.keyFigures.map((f) => (
            <Col key={f.key} xs={12} md={8} lg={6}><Statistic title={figureName(f.key)} value={formatFigure(f)} /></Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('briefings.detail.highlights')} style={{ height: '100%' }}>
            {b.content.highlights.length === 0
              ? <Typography.Text type="secondary">{t('briefings.detail.noHighlights')}</Typography.Text>
              : <ul style={{ margin: 0, paddingInlineStart: 20 }}>{b.content.highlights.map((h) => <li key={`${h.kind}/${h.name}`}>{highlightText(h)}</li>)}</ul>}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('briefings.detail.planChart')} style={{ height: '100%' }}>
            {p.plans === 0 ? <Empty /> : <EChart option={charts.plans} height={220} label={t('briefings.detail.planChart')} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('briefings.detail.checkInChart')}>
        {charts.rated === 0 ? <Empty /> : <EChart option={charts.checkIn} height={Math.max(200, charts.rated * 28)} label={t('briefings.detail.checkInChart')} />}
      </Card>
      <Card title={t('briefings.detail.services')}>
        <Row gutter={[16, 16]}>
          {b.content.services.map((s) => (
            <Col key={s.service} xs={24} md={12}>
              <Card size="small" title={<Space>{t(`briefings.service.${s.service}`, { defaultValue: s.service })}<Tag>{t(`briefings.basis.${s.basis}`)}</Tag></Space>}>
                {!s.available
                  ? <Typography.Text type="secondary">{t('briefings.detail.notAvailable')}</Typography.Text>
                  : (
                    <Descriptions size="small" column={1}
                      items={s.figures.map((f) => ({ key: f.key, label: figureName(f.key), children: formatFigure(f) }))} />
                  )}
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('briefings.detail.plans')}>
        <Typography.Paragraph>
          {t('briefings.detail.planSummary', { plans: p.plans, milestones: p.milestones, due: p.dueInPeriod, onTime: p.doneOnTime, completed: p.completedInPeriod, overdue: p.overdue })}
        </Typography.Paragraph>
        <Table
          rowKey="planId" size="small" pagination={false} dataSource={p.rows}
          columns={[
            { title: t('briefings.fields.school'), dataIndex: 'owner' },
            { title: t('briefings.fields.plan'), dataIndex: 'title' },
            { title: t('briefings.fields.status'), dataIndex: 'status', render: (s: string) => t(`plans.status.${s}`, { defaultValue: s }) },
            { title: t('briefings.fields.milestones'), dataIndex: 'milestones' },
            { title: t('briefings.fields.done'), dataIndex: 'done' },
            { title: t('briefings.fields.overdue'), dataIndex: 'overdue', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
          ]}
        />
      </Card>
      <Card title={t('briefings.detail.evaluation')}>
        {!e.available
          ? <Typography.Text type="secondary">{t('briefings.detail.evaluationNotAvailable')}</Typography.Text>
          : e.rows.length === 0
            ? <Typography.Text type="secondary">{t('briefings.detail.noEvaluation')}</Typography.Text>
            : (
              <Table
                rowKey="targetId" size="small" pagination={false} dataSource={e.rows}
                columns={[
                  { title: t('briefings.fields.name'), dataIndex: 'name' },
                  { title: t('briefings.fields.status'), dataIndex: 'step', render: (s: string) => t(`briefings.step.${s}`, { defaultValue: s }) },
                  { title: t('briefings.fields.score'), dataIndex: 'score' },
                  { title: t('briefings.fields.rank'), dataIndex: 'rank' },
                ]}
              />
            )}
      </Card>
    </Space>
  );
}

/** The two charts of the preview: check-in rate per school (bars) and plans by status (pie). */
function chartOptions(b: BriefingDetailView, checkInName: string, statusName: (s: string) => string) {
  const rated = b.content.schools.filter((s) => s.figures[CHECK_IN_RATE] !== undefined)
    .sort((x, y) => (x.figures[CHECK_IN_RATE] ?? 0) - (y.figures[CHECK_IN_RATE] ?? 0));
  return {
    rated: rated.length,
    checkIn: {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rated.map((s) => s.name) },
      series: [{ type: 'bar', name: checkInName, data: rated.map((s) => Math.round((s.figures[CHECK_IN_RATE] ?? 0) * 1000) / 10), itemStyle: { color: '#5470c6' } }],
    },
    plans: {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '70%'], data: Object.entries(b.content.plans.byStatus).map(([s, n]) => ({ name: statusName(s), value: n })) }],
    },
  };
}
