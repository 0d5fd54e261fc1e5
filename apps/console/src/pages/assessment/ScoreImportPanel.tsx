import { Alert, Button, Card, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiProblem, type ApiFieldError } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { downloadFile, uploadScores, type ExamView, type ScoreImportReportView } from './api';
import { useQueryClient } from '@tanstack/react-query';

/** Template download, upload with progress, mode choice, and the row errors of the last try. */
export function ScoreImportPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<'all' | 'valid-only'>('all');
  const [progress, setProgress] = useState<number | undefined>();
  const [report, setReport] = useState<ScoreImportReportView | undefined>();
  const [error, setError] = useState<unknown>();
  const rowErrors: ApiFieldError[] = report?.errors ?? (isApiProblem(error) ? error.errors.filter((e) => e.row !== undefined) : []);

  const send = async (file: File) => {
    setReport(undefined);
    setError(undefined);
    setProgress(0);
    try {
      setReport(await uploadScores(exam.id, file, mode, setProgress));
      await client.invalidateQueries({ queryKey: ['assessment'] });
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  };

  if (!exam.canEnterScores) {
    return <Alert type="info" showIcon message={exam.status === 'draft' ? t('assessment.detail.notOpen') : exam.status === 'open' ? t('assessment.import.notAllowed') : t('assessment.detail.closed')} />;
  }
  return (
    <Card title={t('assessment.import.title')}>
      <Typography.Paragraph type="secondary">{t('assessment.import.hint')}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/assessment/exams/${exam.id}/scores/template`, 'template.xlsx').catch(setError)}>
          {t('assessment.import.template')}
        </Button>
        <Space>
          <Typography.Text>{t('assessment.import.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'valid-only')} options={[
            { value: 'all', label: t('assessment.import.modeAll') },
            { value: 'valid-only', label: t('assessment.import.modeValidOnly') },
          ]} />
        </Space>
        <Upload accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(file) => { void send(file); return false; }} disabled={progress !== undefined}>
          <Button type="primary" icon={<UploadOutlined />} loading={progress !== undefined}>{t('assessment.import.choose')}</Button>
        </Upload>
        {progress !== undefined && (
          <div>
            <Progress percent={progress} status="active" />
            <Typography.Text type="secondary">{t('assessment.import.uploading')}</Typography.Text>
          </div>
        )}
        {report && (
          <Alert type={report.skippedRows ? 'warning' : 'success'} showIcon
            message={t('assessment.import.done', { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged })}
            description={[t('assessment.import.rows', { rows: report.rows }), report.skippedRows ? t('assessment.import.skipped', { count: report.skippedRows }) : ''].filter(Boolean).join('；')} />
        )}
        {error && rowErrors.length ? <Alert type="error" showIcon message={t('assessment.import.failed')} /> : null}
        {error && !rowErrors.length ? <ProblemAlert error={error} /> : null}
        {rowErrors.length > 0 && (
          <>
            {report?.errorsTruncated && <Typography.Text type="secondary">{t('assessment.import.truncated', { count: rowErrors.length })}</Typography.Text>}
            <Table<ApiFieldError> size="small" rowKey={(e) => `${e.row}-${e.field}-${e.message}`} dataSource={rowErrors} pagination={{ pageSize: 20 }} columns={[
              { title: t('assessment.import.errorRow'), dataIndex: 'row', width: 80 },
              { title: t('assessment.import.errorField'), dataIndex: 'field', width: 120 },
              { title: t('assessment.import.errorMessage'), dataIndex: 'message' },
            ]} />
          </>
        )}
      </Space>
    </Card>
  );
}
