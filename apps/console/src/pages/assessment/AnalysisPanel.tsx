import { Alert, Button, Card, Col, Row, Segmented, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { downloadFile, useAnalysis, type ExamView, type SubjectAnalysisView } from './api';
import { percent } from './labels';

echarts.use([LineChart, MarkLineComponent]);

type SchoolRow = SubjectAnalysisView['schools'][number];
type ClassRow = SubjectAnalysisView['classes'][number];

/** Tables and charts of one subject at a time: alliance, schools, classes, score bands; export to .xlsx. */
export function AnalysisPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const visible = exam.canManage || exam.status === 'published' || exam.status === 'archived';
  const analysis = useAnalysis(exam.id, visible);
  const [subjectName, setSubjectName] = useState(exam.subjects[0]?.name ?? '');
  const [exportError, setExportError] = useState<unknown>();
  const subject = analysis.data?.subjects.find((s) => s.subject === subjectName) ?? analysis.data?.subjects[0];

  if (!visible) return <Alert type="info" showIcon message={t('assessment.analysis.notPublished')} />;
  if (analysis.error) return <ProblemAlert error={analysis.error} onRetry={() => void analysis.refetch()} />;
  if (!analysis.data || !subject) return <Card loading />;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented aria-label={t('assessment.analysis.subject')} value={subject.subject} onChange={(v) => setSubjectName(String(v))} options={analysis.data.subjects.map((s) => s.subject)} />
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/assessment/exams/${exam.id}/analysis/export`, 'analysis.xlsx').catch(setExportError)}>
          {t('assessment.analysis.export')}
        </Button>
      </Space>
      {exportError ? <ProblemAlert error={exportError} /> : null}
      {analysis.data.limitedToSchools && <Alert type="info" showIcon message={t('assessment.analysis.limited')} />}
      {!subject.alliance ? (
        <Card><EmptyState title={t('assessment.analysis.empty')} hint={t('assessment.analysis.emptyHint')} /></Card>
      ) : (
        <SubjectView subject={subject} />
      )}
    </Space>
  );
}

function SubjectView({ subject }: { subject: SubjectAnalysisView }) {
  const { t } = useTranslation();
  const alliance = subject.alliance!;
  const statColumns = [
    { title: t('assessment.analysis.count'), dataIndex: 'count', align: 'right' as const },
    { title: t('assessment.analysis.mean'), dataIndex: 'mean', align: 'right' as const },
    { title: t('assessment.analysis.stddev'), dataIndex: 'stddev', align: 'right' as const },
    { title: t('assessment.analysis.median'), dataIndex: 'median', align: 'right' as const },
    { title: t('assessment.analysis.max'), dataIndex: 'max', align: 'right' as const },
    { title: t('assessment.analysis.min'), dataIndex: 'min', align: 'right' as const },
    { title: t('assessment.analysis.passRate'), dataIndex: 'passRate', align: 'right' as const, render: percent },
    { title: t('assessment.analysis.excellentRate'), dataIndex: 'excellentRate', align: 'right' as const, render: percent },
    { title: t('assessment.analysis.lowRate'), dataIndex: 'lowRate', align: 'right' as const, render: percent },
    // absent and exempt students are in none of the figures before these columns; the view leaves out a zero
    { title: t('assessment.analysis.absent'), dataIndex: 'absent', align: 'right' as const, render: (n?: number) => n ?? 0 },
    { title: t('assessment.analysis.exempt'), dataIndex: 'exempt', align: 'right' as const, render: (n?: number) => n ?? 0 },
  ];
  const ratio = { title: t('assessment.analysis.aboveMeanRatio'), dataIndex: 'aboveMeanRatio', align: 'right' as const,
    render: (r: number) => <Typography.Text type={r < 0 ? 'danger' : 'success'}>{percent(r)}</Typography.Text> };

  const names = subject.schools.map((s) => s.schoolName ?? s.schoolId);
  const meanOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', max: subject.fullMarks },
    series: [{
      type: 'bar', name: t('assessment.analysis.mean'), data: subject.schools.map((s) => s.mean), barMaxWidth: 40,
      markLine: { symbol: 'none', data: [{ yAxis: alliance.mean, name: t('assessment.analysis.allianceMean') }], label: { formatter: `${t('assessment.analysis.allianceMean')} {c}` } },
    }],
  }), [subject, alliance, names, t]);
  const ratesOption = useMemo(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: {},
    grid: { left: 40, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: (['passRate', 'excellentRate', 'lowRate'] as const).map((key) => ({
      type: 'bar', name: t(`assessment.analysis.${key}`), data: subject.schools.map((s) => Math.round(s[key] * 1000) / 10),
    })),
  }), [subject, names, t]);
  const bandsOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 40, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: subject.bands.map((b) => b.label) },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', name: t('assessment.analysis.alliance'), data: subject.bands.map((b) => b.count) },
      ...subject.schools.map((s) => ({ type: 'line', smooth: true, name: s.schoolName ?? s.schoolId, data: subject.bands.map((b) => b.bySchool[s.schoolId] ?? 0) })),
    ],
  }), [subject, t]);

  return (
    <>
      <Card title={t('assessment.analysis.alliance')}>
        <Table size="small" rowKey={() => 'alliance'} pagination={false} dataSource={[alliance]} columns={statColumns} scroll={{ x: true }} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}><Card title={t('assessment.analysis.meanChart')}><EChart option={meanOption} label={t('assessment.analysis.meanChart')} /></Card></Col>
        <Col xs={24} lg={12}><Card title={t('assessment.analysis.ratesChart')}><EChart option={ratesOption} label={t('assessment.analysis.ratesChart')} /></Card></Col>
      </Row>
      <Card title={t('assessment.analysis.bySchool')}>
        <Table<SchoolRow> size="small" rowKey="schoolId" pagination={false} dataSource={subject.schools} scroll={{ x: true }} columns={[
          { title: t('assessment.analysis.rank'), dataIndex: 'rank', width: 70 },
          { title: t('assessment.analysis.school'), dataIndex: 'schoolName' },
          ...statColumns, ratio,
        ]} />
      </Card>
      <Card title={t('assessment.analysis.byClass')}>
        <Table<ClassRow> size="small" rowKey={(c) => `${c.schoolId}-${c.className}`} pagination={{ pageSize: 20 }} dataSource={subject.classes} scroll={{ x: true }} columns={[
          { title: t('assessment.analysis.rank'), dataIndex: 'rank', width: 70 },
          { title: t('assessment.analysis.school'), dataIndex: 'schoolName' },
          { title: t('assessment.analysis.className'), dataIndex: 'className' },
          { title: t('assessment.analysis.rankInSchool'), dataIndex: 'rankInSchool', align: 'right' },
          ...statColumns, ratio,
        ]} />
      </Card>
      <Card title={t('assessment.analysis.bandsChart')}>
        <EChart option={bandsOption} height={300} label={t('assessment.analysis.bandsChart')} />
      </Card>
    </>
  );
}
