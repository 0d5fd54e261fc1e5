import { Alert, Button, Card, Collapse, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { downloadFile, useExams, useGrowth, useSchoolTrend, type ExamView, type GroupGrowthView, type GrowthView } from './api';
import { termLabel } from './labels';

echarts.use([CustomChart, LineChart, ScatterChart, MarkLineComponent]);

type Level = 'schools' | 'classes';

/** Exams of the same district that may serve as the prior exam: every other one, the latest term first. */
export function priorCandidates<E extends Pick<ExamView, 'id' | 'districtId' | 'term' | 'createdAt'>>(exam: Pick<ExamView, 'id' | 'districtId'>, exams: E[]): E[] {
  return exams
    .filter((e) => e.id !== exam.id && e.districtId === exam.districtId)
    .sort((a, b) => b.term.localeCompare(a.term) || b.createdAt.localeCompare(a.createdAt));
}

/** The group's name in the chart and tables: the school, and the class in the class rows. */
export const groupLabel = (g: Pick<GroupGrowthView, 'schoolName' | 'schoolId' | 'className'>): string =>
  `${g.schoolName ?? g.schoolId}${g.className ? ` ${g.className}` : ''}`;

/** 增值评价: growth and value-added of schools and classes against a chosen earlier exam, with a caterpillar chart. */
export function GrowthPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const exams = useExams({ pageSize: 100 });
  const candidates = useMemo(() => priorCandidates(exam, exams.data?.items ?? []), [exam, exams.data]);
  const earlier = candidates.find((e) => e.term < exam.term) ?? candidates[0];
  const [chosen, setChosen] = useState<string>();
  const priorExamId = chosen ?? earlier?.id;
  const [subject, setSubject] = useState(exam.subjects[0]?.name ?? '');
  const [level, setLevel] = useState<Level>('schools');
  const growth = useGrowth(exam.id, { priorExamId: priorExamId ?? '', subject }, !!priorExamId);
  const [exportError, setExportError] = useState<unknown>();

  if (exams.error) return <ProblemAlert error={exams.error} onRetry={() => void exams.refetch()} />;
  if (!exams.data) return <Card loading />;
  if (!priorExamId) return <Card><EmptyState title={t('growth.noPrior')} hint={t('growth.noPriorHint')} /></Card>;

  const exportPath = `/api/v1/assessment/exams/${exam.id}/growth/export?${new URLSearchParams({ priorExamId, subject }).toString()}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space wrap size="middle">
        <Select aria-label={t('growth.priorExam')} style={{ minWidth: 280 }} value={priorExamId} onChange={setChosen} placeholder={t('growth.priorExamPlaceholder')}
          options={candidates.map((e) => ({ value: e.id, label: `${termLabel(t, e.term)} ${e.name}` }))} />
        <Segmented aria-label={t('growth.subject')} value={subject} onChange={(v) => setSubject(String(v))}
          options={exam.subjects.map((s) => ({ label: s.name, value: s.name }))} />
        <Segmented value={level} onChange={(v) => setLevel(v as Level)} options={[{ label: t('growth.schools'), value: 'schools' }, { label: t('growth.classes'), value: 'classes' }]} />
        <Button icon={<DownloadOutlined />} disabled={!growth.data} onClick={() => void downloadFile(exportPath, 'value-added.xlsx').catch(setExportError)}>{t('growth.export')}</Button>
      </Space>
      {exportError ? <ProblemAlert error={exportError} /> : null}
      <Collapse size="small" items={[{ key: 'method', label: t('growth.method'), children: <Typography.Paragraph style={{ margin: 0 }}>{t('growth.methodText')}</Typography.Paragraph> }]} />
      {growth.error ? <ProblemAlert error={growth.error} onRetry={() => void growth.refetch()} /> : null}
      {!growth.error && !growth.data ? <Card loading /> : null}
      {growth.data ? <GrowthFigures data={growth.data} level={level} /> : null}
      {growth.data && growth.data.schools.length > 0 ? <SchoolTrend schools={growth.data.schools} subject={subject} /> : null}
    </Space>
  );
}

function GrowthFigures({ data, level }: { data: GrowthView; level: Level }) {
  const { t } = useTranslation();
  if (data.linkedStudents === 0) return <Card><EmptyState title={t('growth.empty')} hint={t('growth.emptyHint')} /></Card>;
  const rows = data[level];
  const fixed = (n: number, digits = 2) => n.toFixed(digits);
  return (
    <>
      <Space wrap size="large">
        <Typography.Text>{t('growth.linked', { linked: data.linkedStudents, current: data.currentStudents })}</Typography.Text>
        <Typography.Text type="secondary">{t('growth.fit', { a: data.regression.intercept, b: data.regression.slope, r2: data.regression.rSquared })}</Typography.Text>
      </Space>
      {data.limitedToSchools && <Alert type="info" showIcon message={t('growth.limited')} />}
      <Card title={t('growth.chart')}>
        <Caterpillar rows={rows} />
      </Card>
      <Card>
        <Table<GroupGrowthView> size="small" rowKey={(r) => `${r.schoolId}/${r.className ?? ''}`} dataSource={rows} pagination={{ defaultPageSize: 20, showSizeChanger: true }} scroll={{ x: true }} columns={[
          { title: t('growth.columns.rank'), dataIndex: 'rank', align: 'right' },
          { title: t('growth.columns.school'), dataIndex: 'schoolName', render: (_, r) => r.schoolName ?? r.schoolId },
          ...(level === 'classes' ? [{ title: t('growth.columns.className'), dataIndex: 'className' }] : []),
          { title: t('growth.columns.n'), dataIndex: 'n', align: 'right' },
          { title: t('growth.columns.priorMean'), dataIndex: 'priorMean', align: 'right', render: (v: number) => fixed(v) },
          { title: t('growth.columns.currentMean'), dataIndex: 'currentMean', align: 'right', render: (v: number) => fixed(v) },
          { title: <Hint label={t('growth.columns.growth')} hint={t('growth.hints.growth')} />, dataIndex: 'growth', align: 'right', render: (v: number) => fixed(v) },
          { title: t('growth.columns.raw'), dataIndex: 'rawValueAdded', align: 'right', render: (v: number) => fixed(v) },
          { title: t('growth.columns.rawInterval'), key: 'rawInterval', align: 'right', render: (_, r) => `[${fixed(r.rawLow)}, ${fixed(r.rawHigh)}]` },
          { title: <Hint label={t('growth.columns.weight')} hint={t('growth.hints.weight')} />, dataIndex: 'weight', align: 'right', render: (v: number) => fixed(v, 4) },
          { title: t('growth.columns.shrunk'), dataIndex: 'valueAdded', align: 'right', render: (v: number) => <strong>{fixed(v)}</strong> },
          { title: t('growth.columns.interval'), key: 'interval', align: 'right', render: (_, r) => `[${fixed(r.low)}, ${fixed(r.high)}]` },
        ]} />
      </Card>
    </>
  );
}

const Hint = ({ label, hint }: { label: string; hint: string }) => (
  <Space size={4}>{label}<Tooltip title={hint}><QuestionCircleOutlined /></Tooltip></Space>
);

/**
 * 毛毛虫图: one row per group, lowest value-added at the bottom, the shrunk estimate as a dot and its 95%
 * interval as a whisker (drawn by a custom series), with a line at 0.
 */
function Caterpillar({ rows }: { rows: GroupGrowthView[] }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const ordered = [...rows].sort((a, b) => a.valueAdded - b.valueAdded);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const g = ordered[p.dataIndex] as GroupGrowthView;
          return `${groupLabel(g)}<br/>n = ${g.n}<br/>${t('growth.columns.shrunk')}: ${g.valueAdded} [${g.low}, ${g.high}]<br/>${t('growth.columns.raw')}: ${g.rawValueAdded}`;
        },
      },
      grid: { left: 180, right: 30, top: 20, bottom: 30 },
      xAxis: { type: 'value', scale: true },
      yAxis: { type: 'category', data: ordered.map((g) => `${groupLabel(g)} (n=${g.n})`), axisLabel: { width: 170, overflow: 'truncate' } },
      series: [
        {
          type: 'custom', name: t('growth.columns.interval'),
          renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (v: number[]) => number[]; style: () => object }) => {
            const [lowX, y] = api.coord([api.value(1), api.value(0)]) as [number, number];
            const [highX] = api.coord([api.value(2), api.value(0)]) as [number, number];
            const stroke = { stroke: '#1677ff', lineWidth: 2 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: lowX, y1: y, x2: highX, y2: y }, style: stroke },
                { type: 'line', shape: { x1: lowX, y1: y - 4, x2: lowX, y2: y + 4 }, style: stroke },
                { type: 'line', shape: { x1: highX, y1: y - 4, x2: highX, y2: y + 4 }, style: stroke },
              ],
            };
          },
          encode: { x: [1, 2], y: 0 },
          data: ordered.map((g, i) => [i, g.low, g.high]),
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#999' }, data: [{ xAxis: 0 }] },
        },
        { type: 'scatter', name: t('growth.columns.shrunk'), symbolSize: 9, itemStyle: { color: '#1677ff' }, data: ordered.map((g, i) => [g.valueAdded, i]) },
      ],
    };
  }, [rows, t]);
  return <EChart option={option} height={Math.max(220, rows.length * 28 + 60)} label={t('growth.chart')} />;
}

/** 纵向: one school over the exams it sat: its mean T per exam and its value-added against the exam before. */
function SchoolTrend({ schools, subject }: { schools: GroupGrowthView[]; subject: string }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>();
  const schoolId = chosen && schools.some((s) => s.schoolId === chosen) ? chosen : (schools[0] as GroupGrowthView).schoolId;
  const trend = useSchoolTrend(schoolId, subject);
  const option = useMemo(() => {
    const points = trend.data?.points ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: points.map((p) => `${p.term} ${p.examName}`) },
      yAxis: [{ type: 'value', name: t('growth.trend.meanT'), scale: true }, { type: 'value', name: t('growth.trend.valueAdded') }],
      series: [
        { type: 'line', name: t('growth.trend.meanT'), data: points.map((p) => p.meanT) },
        { type: 'line', name: t('growth.trend.valueAdded'), yAxisIndex: 1, data: points.map((p) => p.valueAdded), connectNulls: false },
      ],
    };
  }, [trend.data, t]);
  return (
    <Card title={t('growth.trend.title')} extra={(
      <Select aria-label={t('growth.columns.school')} style={{ minWidth: 200 }} value={schoolId} onChange={setChosen}
        options={schools.map((s) => ({ value: s.schoolId, label: s.schoolName ?? s.schoolId }))} />
    )}>
      {trend.error ? <ProblemAlert error={trend.error} onRetry={() => void trend.refetch()} /> : null}
      {trend.data ? (
        <>
          <EChart option={option} height={260} label={t('growth.trend.title')} />
          <Table size="small" rowKey="examId" pagination={false} dataSource={trend.data.points} columns={[
            { title: t('growth.trend.exam'), key: 'exam', render: (_, p) => `${p.term} ${p.grade}${p.examName}` },
            { title: t('growth.columns.n'), dataIndex: 'n', align: 'right' },
            { title: t('growth.trend.meanT'), dataIndex: 'meanT', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
            { title: t('growth.trend.valueAdded'), dataIndex: 'valueAdded', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
            {
              title: t('growth.columns.interval'), key: 'interval', align: 'right',
              render: (_, p) => (p.low === null || p.high === null ? '—' : `[${p.low.toFixed(2)}, ${p.high.toFixed(2)}]`),
            },
          ]} />
        </>
      ) : !trend.error ? <Card loading /> : null}
    </Card>
  );
}
