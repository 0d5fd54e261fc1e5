import { Alert, Card, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { useScoreDistribution, type DistributionQuery, type ExamView, type ScoreDistributionView } from './api';
import { percent } from './labels';

echarts.use([LineChart]);

type Step = NonNullable<DistributionQuery['step']>;
type Row = ScoreDistributionView['rows'][number];
const STEPS: Step[] = [1, 2, 5, 10];
/** The subject value the API reads as the sum over all subjects. */
const TOTAL = 'total';
const ALLIANCE = '';

/** `85` for one-point bands, `80–85` for wider ones (the lower end is in the band, the upper is not). */
export const bandLabel = (row: Pick<Row, 'low' | 'high'>, step: number): string => (step === 1 ? `${row.low}` : `${row.low}–${row.high}`);

/** 一分一段表: per score band from the top down, the students in it and at or above it, with a chart. */
export function DistributionPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const visible = exam.canManage || exam.status === 'published' || exam.status === 'archived';
  const [subject, setSubject] = useState(exam.subjects[0]?.name ?? TOTAL);
  const [step, setStep] = useState<Step>(1);
  const [schoolId, setSchoolId] = useState(ALLIANCE);
  const distribution = useScoreDistribution(exam.id, { subject, step, ...(schoolId ? { schoolId } : {}) }, visible);
  const data = distribution.data;

  if (!visible) return <Alert type="info" showIcon message={t('assessment.analysis.notPublished')} />;
  if (distribution.error) return <ProblemAlert error={distribution.error} onRetry={() => void distribution.refetch()} />;
  if (!data) return <Card loading />;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space wrap size="middle">
        <Segmented aria-label={t('assessment.distribution.subject')} value={subject} onChange={(v) => setSubject(String(v))}
          options={[...exam.subjects.map((s) => ({ label: s.name, value: s.name })), { label: t('assessment.distribution.total'), value: TOTAL }]} />
        <Segmented aria-label={t('assessment.distribution.step')} value={step} onChange={(v) => setStep(v as Step)}
          options={STEPS.map((n) => ({ label: t('assessment.distribution.stepN', { n }), value: n }))} />
        {data.schools.length > 0 && (
          <Select aria-label={t('assessment.distribution.school')} style={{ minWidth: 200 }} value={schoolId} onChange={setSchoolId}
            options={[{ label: t('assessment.distribution.wholeAlliance'), value: ALLIANCE }, ...data.schools.map((s) => ({ label: s.schoolName ?? s.schoolId, value: s.schoolId }))]} />
        )}
        <Typography.Text type="secondary">{t('assessment.distribution.students', { count: data.students })}</Typography.Text>
      </Space>
      {subject === TOTAL && <Alert type="info" showIcon message={t('assessment.distribution.totalHint')} />}
      {data.rows.length === 0 ? (
        <Card><EmptyState title={t('assessment.distribution.empty')} hint={t('assessment.distribution.emptyHint')} /></Card>
      ) : (
        <DistributionView data={data} />
      )}
    </Space>
  );
}

function DistributionView({ data }: { data: ScoreDistributionView }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    // the chart reads low to high, as a histogram does
    const rows = [...data.rows].reverse();
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 60, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => bandLabel(r, data.step)) },
      yAxis: [{ type: 'value', name: t('assessment.distribution.count') }, { type: 'value', name: t('assessment.distribution.cumulative') }],
      series: [
        { type: 'bar', name: t('assessment.distribution.count'), data: rows.map((r) => r.count), barMaxWidth: 24 },
        { type: 'line', name: t('assessment.distribution.cumulative'), yAxisIndex: 1, showSymbol: false, data: rows.map((r) => r.cumulative) },
      ],
    };
  }, [data, t]);

  return (
    <>
      <Card title={t('assessment.distribution.chart')}>
        <EChart option={option} height={300} label={t('assessment.distribution.chart')} />
      </Card>
      <Card>
        <Table<Row> size="small" rowKey="low" dataSource={data.rows} pagination={{ defaultPageSize: 20, showSizeChanger: true }} columns={[
          {
            title: <Space size={4}>{t('assessment.distribution.band')}<Tooltip title={t('assessment.distribution.bandHint')}><QuestionCircleOutlined /></Tooltip></Space>,
            key: 'band', render: (_, r) => bandLabel(r, data.step),
          },
          { title: t('assessment.distribution.count'), dataIndex: 'count', align: 'right' },
          { title: t('assessment.distribution.cumulative'), dataIndex: 'cumulative', align: 'right' },
          { title: t('assessment.distribution.cumulativeRate'), dataIndex: 'cumulativeRate', align: 'right', render: percent },
          ...(data.schoolId ? [{ title: t('assessment.distribution.allianceCumulative'), dataIndex: 'allianceCumulative', align: 'right' as const }] : []),
        ]} />
      </Card>
    </>
  );
}
