import { Alert, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { EmptyState } from '../../../components/states';
import { downloadFile, type ExamView } from '../api';
import { percent } from '../labels';
import { useItemAnalysis, usePapers, type ItemAnalysisView, type ItemStatsView } from './api';

echarts.use([ScatterChart, MarkLineComponent]);

/** Difficulty and discrimination per item with flags, options, alpha and knowledge-point rates; export to .xlsx. */
export function ItemAnalysisPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const visible = exam.canManage || exam.status === 'published' || exam.status === 'archived';
  const papers = usePapers(exam.id);
  const withPaper = (papers.data?.papers ?? []).filter((p) => p.items.length > 0).map((p) => p.subject);
  const [chosen, setChosen] = useState<string | undefined>();
  const subject = chosen && withPaper.includes(chosen) ? chosen : withPaper[0] ?? '';
  const analysis = useItemAnalysis(exam.id, subject, visible);
  const [exportError, setExportError] = useState<unknown>();

  if (!visible) return <Alert type="info" showIcon message={t('items.analysis.notPublished')} />;
  if (papers.error) return <ProblemAlert error={papers.error} onRetry={() => void papers.refetch()} />;
  if (!papers.data) return <Card loading />;
  if (!withPaper.length) return <Card><EmptyState title={t('items.analysis.noPaper')} hint={t('items.analysis.noPaperHint')} /></Card>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented aria-label={t('items.subject')} value={subject} onChange={(v) => setChosen(String(v))} options={withPaper} />
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/assessment/exams/${exam.id}/item-analysis/export?subject=${encodeURIComponent(subject)}`, 'items.xlsx').catch(setExportError)}>
          {t('items.analysis.export')}
        </Button>
      </Space>
      {exportError ? <ProblemAlert error={exportError} /> : null}
      {analysis.error ? <ProblemAlert error={analysis.error} onRetry={() => void analysis.refetch()} /> : null}
      {!analysis.data ? (analysis.error ? null : <Card loading />) : analysis.data.students === 0
        ? <Card><EmptyState title={t('items.analysis.empty')} hint={t('items.analysis.emptyHint')} /></Card>
        : <AnalysisView analysis={analysis.data} />}
    </Space>
  );
}

function AnalysisView({ analysis }: { analysis: ItemAnalysisView }) {
  const { t } = useTranslation();
  const flagged = analysis.items.filter((i) => i.flags.length > 0);
  const scatter = useMemo(() => ({
    tooltip: { formatter: (p: { data: [number, number, string] }) => `${t('items.fields.no')} ${p.data[2]}：${t('items.analysis.difficulty')} ${p.data[0]}，${t('items.analysis.discrimination')} ${p.data[1]}` },
    grid: { left: 50, right: 20, top: 20, bottom: 40 },
    xAxis: { name: t('items.analysis.difficulty'), nameLocation: 'middle', nameGap: 26, min: 0, max: 1 },
    yAxis: { name: t('items.analysis.discrimination'), min: (v: { min: number }) => Math.min(-0.2, Math.floor(v.min * 10) / 10), max: 1 },
    series: [{
      type: 'scatter', symbolSize: 12,
      data: analysis.items.filter((i) => i.discrimination !== null).map((i) => ({ value: [i.difficulty, i.discrimination, i.no], itemStyle: { color: i.flags.length ? '#cf1322' : '#1677ff' } })),
      markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed' }, data: [{ yAxis: analysis.lowDiscrimination }, { yAxis: 0 }] },
    }],
  }), [analysis, t]);
  const kpOption = useMemo(() => {
    const alliance = analysis.knowledgePoints.map((k) => k.rates.find((r) => r.level === 'alliance')?.rate ?? 0);
    return {
      tooltip: { trigger: 'axis' }, grid: { left: 110, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', min: 0, max: 1 }, yAxis: { type: 'category', data: analysis.knowledgePoints.map((k) => k.knowledgePoint) },
      series: [{ type: 'bar', data: alliance, label: { show: true, position: 'right', formatter: (p: { value: number }) => percent(p.value) } }],
    };
  }, [analysis]);

  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={6}><Card><Statistic title={t('items.analysis.students')} value={analysis.students} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('items.analysis.mean')} value={analysis.mean} suffix={`/ ${analysis.fullMarks}`} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('items.analysis.alpha')} value={analysis.alpha ?? '—'} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('items.analysis.flagged')} value={flagged.length} valueStyle={flagged.length ? { color: '#cf1322' } : undefined} /></Card></Col>
      </Row>
      {flagged.length > 0 && (
        <Alert type="warning" showIcon message={t('items.analysis.flagsTitle', { threshold: analysis.lowDiscrimination })}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{flagged.map((i) => <li key={i.no}>{t('items.analysis.flagLine', { no: i.no, flag: t(`items.flag.${i.flags[0]}`), r: i.discrimination ?? '—', d: i.upperLower ?? '—' })}</li>)}</ul>} />
      )}
      {analysis.limitedToSchools && <Alert type="info" showIcon message={t('items.analysis.limited')} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}><Card title={t('items.analysis.scatter')}><EChart option={scatter} height={300} label={t('items.analysis.scatter')} /></Card></Col>
        <Col xs={24} lg={12}><Card title={t('items.analysis.kpChart')}><EChart option={kpOption} height={300} label={t('items.analysis.kpChart')} /></Card></Col>
      </Row>
      <Card title={t('items.analysis.items')}>
        <Table<ItemStatsView> size="small" rowKey="no" pagination={false} dataSource={analysis.items} scroll={{ x: 900 }} columns={[
          { title: t('items.fields.no'), dataIndex: 'no', width: 70 },
          { title: t('items.fields.type'), dataIndex: 'type', width: 80, render: (v: ItemStatsView['type']) => t(`items.type.${v}`) },
          { title: t('items.fields.fullMarks'), dataIndex: 'fullMarks', align: 'right', width: 70 },
          { title: t('items.analysis.mean'), dataIndex: 'mean', align: 'right', width: 80 },
          { title: t('items.analysis.difficulty'), dataIndex: 'difficulty', align: 'right', width: 90 },
          { title: t('items.analysis.discrimination'), dataIndex: 'discrimination', align: 'right', width: 100, render: (v: number | null) => v ?? '—' },
          { title: t('items.analysis.upperLower'), dataIndex: 'upperLower', align: 'right', width: 100, render: (v: number | null) => v ?? '—' },
          { title: t('items.analysis.options'), render: (_, i) => i.options.map((o) => <Tag key={o.option} color={o.isKey ? 'green' : undefined}>{o.option} {percent(o.rate)}</Tag>) },
          { title: t('items.fields.knowledgePoints'), dataIndex: 'knowledgePoints', render: (v: string[]) => v.join('、') },
          { title: t('items.analysis.flags'), dataIndex: 'flags', width: 120, render: (flags: ItemStatsView['flags']) => flags.map((f) => <Tag key={f} color="red">{t(`items.flag.${f}`)}</Tag>) },
        ]} />
      </Card>
      <Card title={t('items.analysis.kpTable')}>
        <Table size="small" rowKey={(r) => `${r.knowledgePoint}-${r.schoolId ?? ''}-${r.className ?? ''}`} pagination={{ pageSize: 30 }}
          dataSource={analysis.knowledgePoints.flatMap((k) => k.rates.map((r) => ({ ...r, knowledgePoint: k.knowledgePoint })))} columns={[
            { title: t('items.fields.knowledgePoints'), dataIndex: 'knowledgePoint' },
            { title: t('items.analysis.level'), dataIndex: 'level', render: (v: 'alliance' | 'school' | 'class') => t(`items.level.${v}`) },
            { title: t('assessment.scores.school'), dataIndex: 'schoolName', render: (v: string | null) => v ?? '—' },
            { title: t('items.analysis.className'), dataIndex: 'className', render: (v: string | null) => v ?? '—' },
            { title: t('items.analysis.students'), dataIndex: 'students', align: 'right' },
            { title: t('items.analysis.rate'), dataIndex: 'rate', align: 'right', render: (v: number) => percent(v) },
          ]} />
      </Card>
      <Typography.Paragraph type="secondary">{t('items.analysis.formulas', { groupSize: analysis.groupSize })}</Typography.Paragraph>
    </>
  );
}
