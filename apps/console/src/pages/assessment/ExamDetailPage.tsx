import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryBoundary } from '../../components/states';
import { AnalysisPanel } from './AnalysisPanel';
import { DistributionPanel } from './DistributionPanel';
import { useExam, useTransition, type ExamView } from './api';
import { ExamFormModal } from './ExamFormModal';
import { GrowthPanel } from './GrowthPanel';
import { ExamStatusTag, termLabel } from './labels';
import { ScoreImportPanel } from './ScoreImportPanel';
import { ScoresPanel } from './ScoresPanel';
import { ItemAnalysisPanel } from './items/ItemAnalysisPanel';
import { ItemImportPanel } from './items/ItemImportPanel';
import { PapersPanel } from './items/PapersPanel';

const NEXT: Partial<Record<ExamView['status'], 'open' | 'publish' | 'archive'>> = { draft: 'open', open: 'publish', published: 'archive' };

export function ExamDetailPage() {
  const { id = '' } = useParams();
  const exam = useExam(id);
  return (
    <QueryBoundary isPending={exam.isPending} error={exam.error} refetch={exam.refetch}>
      {() => <ExamDetail exam={exam.data as ExamView} />}
    </QueryBoundary>
  );
}

function ExamDetail({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const transition = useTransition(exam.id);
  const next = exam.canManage ? NEXT[exam.status] : undefined;
  const tab = params.get('tab') ?? 'overview';

  const move = async (action: 'open' | 'publish' | 'archive') => {
    await transition.mutateAsync(action);
    message.success(t('assessment.actions.done'));
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="center">
          <Link to="/assessment/exams" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={1} style={{ margin: 0 }}>{exam.name}</Typography.Title>
          <ExamStatusTag status={exam.status} />
        </Space>
        <Space>
          {exam.canManage && exam.status === 'draft' && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
          {next && (
            <Popconfirm title={t(`assessment.actions.${next}Confirm`)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => move(next)}>
              <Button type="primary" loading={transition.isPending}>{t(`assessment.actions.${next}`)}</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      {transition.error ? <ProblemAlert error={transition.error} /> : null}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'overview', label: t('assessment.tabs.overview'), children: <Overview exam={exam} /> },
          ...(exam.canEnterScores || exam.canManage ? [{ key: 'import', label: t('assessment.tabs.import'), children: <ScoreImportPanel exam={exam} /> }] : []),
          { key: 'scores', label: t('assessment.tabs.scores'), children: <ScoresPanel exam={exam} /> },
          { key: 'analysis', label: t('assessment.tabs.analysis'), children: <AnalysisPanel exam={exam} /> },
          { key: 'distribution', label: t('assessment.tabs.distribution'), children: <DistributionPanel exam={exam} /> },
          { key: 'papers', label: t('items.tabs.papers'), children: <PapersPanel exam={exam} /> },
          ...(exam.canEnterScores || exam.canManage ? [{ key: 'item-import', label: t('items.tabs.import'), children: <ItemImportPanel exam={exam} /> }] : []),
          { key: 'item-analysis', label: t('items.tabs.analysis'), children: <ItemAnalysisPanel exam={exam} /> },
          { key: 'growth', label: t('growth.tab'), children: <GrowthPanel exam={exam} /> },
        ]}
      />
      {editing && <ExamFormModal open exam={exam} onClose={() => setEditing(false)} />}
    </>
  );
}

function Overview({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('assessment.fields.alliance')}>{exam.allianceName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.fields.term')}>{termLabel(t, exam.term)}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.fields.grade')}>{exam.grade}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.fields.studentCount')}>{exam.studentCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('assessment.fields.subjects')}>
        <Table size="small" rowKey="name" pagination={false} dataSource={exam.subjects} columns={[
          { title: t('assessment.fields.subject'), dataIndex: 'name' },
          { title: t('assessment.fields.fullMarks'), dataIndex: 'fullMarks', align: 'right' },
          { title: t('assessment.fields.passLine'), dataIndex: 'passLine', align: 'right' },
          { title: t('assessment.fields.excellentLine'), dataIndex: 'excellentLine', align: 'right' },
          { title: t('assessment.fields.lowLine'), dataIndex: 'lowLine', align: 'right' },
        ]} />
      </Card>
      <Card title={t('assessment.fields.schools')}>
        <Table size="small" rowKey="schoolId" pagination={false} dataSource={exam.schools} columns={[
          { title: t('assessment.scores.school'), dataIndex: 'schoolName' },
          { title: t('assessment.fields.classes'), dataIndex: 'classes', render: (c: string[]) => (c.length ? c.join('、') : t('common.all')) },
        ]} />
      </Card>
    </Space>
  );
}
