import { Alert, Button, Card, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiProblem, type ApiFieldError } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportPreview } from '../../components/ImportPreview';
import { ProblemAlert } from '../../components/ProblemAlert';
import { downloadFile, uploadScores, type EmptyCellRule, type ExamView, type ScoreImportReportView } from './api';
import { useQueryClient } from '@tanstack/react-query';

type Mode = 'all' | 'valid-only';

/**
 * Template download, the mode and empty-cell choices, then a preview (a dry run of the chosen file that
 * writes nothing) with each row's outcome, and a confirm button that imports the same file.
 */
export function ScoreImportPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>('all');
  const [empty, setEmpty] = useState<EmptyCellRule>('keep');
  const [file, setFile] = useState<File | undefined>();
  const [progress, setProgress] = useState<number | undefined>();
  const [preview, setPreview] = useState<ScoreImportReportView | undefined>();
  const [report, setReport] = useState<ScoreImportReportView | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const rowErrors: ApiFieldError[] = isApiProblem(error) ? error.errors.filter((e) => e.row !== undefined) : [];

  const check = async (chosen: File, options: { mode: Mode; empty: EmptyCellRule }) => {
    setFile(chosen);
    setPreview(undefined);
    setReport(undefined);
    setError(undefined);
    setProgress(0);
    try {
      setPreview(await uploadScores(exam.id, chosen, { ...options, dryRun: true }, setProgress));
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setConfirming(true);
    setError(undefined);
    try {
      setReport(await uploadScores(exam.id, file, { mode, empty, dryRun: false }, () => undefined));
      setPreview(undefined);
      setFile(undefined);
      await client.invalidateQueries({ queryKey: ['assessment'] });
    } catch (e) {
      setError(e);
    } finally {
      setConfirming(false);
    }
  };

  const choose = (next: { mode?: Mode; empty?: EmptyCellRule }) => {
    const options = { mode: next.mode ?? mode, empty: next.empty ?? empty };
    setMode(options.mode);
    setEmpty(options.empty);
    // the preview answers for the options it ran with: run it again for the new ones
    if (file && preview) void check(file, options);
  };

  if (!exam.canEnterScores) {
    return <Alert type="info" showIcon message={exam.status === 'draft' ? t('assessment.detail.notOpen') : exam.status === 'open' ? t('assessment.import.notAllowed') : t('assessment.detail.closed')} />;
  }
  return (
    <Card title={t('assessment.import.title')}>
      <Typography.Paragraph type="secondary">{t('assessment.import.hint')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('assessment.import.marksHint')}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/assessment/exams/${exam.id}/scores/template`, 'template.xlsx').catch(setError)}>
          {t('assessment.import.template')}
        </Button>
        <Space>
          <Typography.Text>{t('assessment.import.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => choose({ mode: e.target.value as Mode })} options={[
            { value: 'all', label: t('assessment.import.modeAll') },
            { value: 'valid-only', label: t('assessment.import.modeValidOnly') },
          ]} />
        </Space>
        <Space wrap>
          <Typography.Text>{t('assessment.import.empty')}</Typography.Text>
          <Radio.Group value={empty} onChange={(e) => choose({ empty: e.target.value as EmptyCellRule })} options={[
            { value: 'keep', label: t('assessment.import.emptyKeep') },
            { value: 'clear', label: t('assessment.import.emptyClear') },
            { value: 'absent', label: t('assessment.import.emptyAbsent') },
          ]} />
        </Space>
        <Upload accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(chosen) => { void check(chosen, { mode, empty }); return false; }}
          disabled={progress !== undefined || confirming}>
          <Button type={preview ? 'default' : 'primary'} icon={<UploadOutlined />} loading={progress !== undefined}>
            {preview ? t('importPreview.again') : t('assessment.import.choose')}
          </Button>
        </Upload>
        {progress !== undefined && (
          <div>
            <Progress percent={progress} status="active" />
            <Typography.Text type="secondary">{t('assessment.import.uploading')}</Typography.Text>
          </div>
        )}
        {preview && (
          <ImportPreview
            rows={preview.rows}
            counts={preview.rowCounts}
            outcomes={preview.rowOutcomes.map((r) => ({ row: r.row, key: r.studentNo, outcome: r.outcome, errors: r.errors }))}
            blocked={preview.blocked}
            truncated={preview.rowOutcomesTruncated}
            keyTitle={t('assessment.import.studentNo')}
            details={<Typography.Text type="secondary">{t('assessment.import.previewScores', preview)}</Typography.Text>}
            confirming={confirming}
            onConfirm={() => void confirm()}
          />
        )}
        {report && (
          <Alert type={report.skippedRows ? 'warning' : 'success'} showIcon
            message={t('assessment.import.done', { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged })}
            description={[
              t('assessment.import.rows', { rows: report.rows }),
              report.cleared ? t('assessment.import.cleared', { count: report.cleared }) : '',
              report.skippedRows ? t('assessment.import.skipped', { count: report.skippedRows }) : '',
            ].filter(Boolean).join('；')} />
        )}
        {error && rowErrors.length ? <Alert type="error" showIcon message={t('assessment.import.failed')} /> : null}
        {error && !rowErrors.length ? <ProblemAlert error={error} /> : null}
        {rowErrors.length > 0 && (
          <Table<ApiFieldError> size="small" rowKey={(e) => `${e.row}-${e.field}-${e.message}`} dataSource={rowErrors} pagination={{ pageSize: 20 }} columns={[
            { title: t('assessment.import.errorRow'), dataIndex: 'row', width: 80 },
            { title: t('assessment.import.errorField'), dataIndex: 'field', width: 120 },
            { title: t('assessment.import.errorMessage'), dataIndex: 'message' },
          ]} />
        )}
      </Space>
    </Card>
  );
}
