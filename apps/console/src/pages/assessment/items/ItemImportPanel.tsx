import { Alert, Button, Card, Radio, Segmented, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiProblem, type ApiFieldError } from '@jiaolian/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportPreview } from '../../../components/ImportPreview';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { downloadFile, type ExamView } from '../api';
import { uploadItemScores, type ItemImportReportView } from './api';

type Mode = 'all' | 'valid-only';

/** Item scores of one subject: template, mode, a preview that writes nothing with every bad row, then confirm. */
export function ItemImportPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [subject, setSubject] = useState(exam.subjects[0]?.name ?? '');
  const [mode, setMode] = useState<Mode>('all');
  const [file, setFile] = useState<File | undefined>();
  const [checking, setChecking] = useState(false);
  const [preview, setPreview] = useState<ItemImportReportView | undefined>();
  const [report, setReport] = useState<ItemImportReportView | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const rowErrors: ApiFieldError[] = isApiProblem(error) ? error.errors.filter((e) => e.row !== undefined) : [];

  const reset = () => { setPreview(undefined); setReport(undefined); setError(undefined); };
  const check = async (chosen: File, options: { subject: string; mode: Mode }) => {
    setFile(chosen);
    reset();
    setChecking(true);
    try {
      setPreview(await uploadItemScores(exam.id, options.subject, chosen, { mode: options.mode, dryRun: true }));
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setConfirming(true);
    setError(undefined);
    try {
      setReport(await uploadItemScores(exam.id, subject, file, { mode, dryRun: false }));
      setPreview(undefined);
      setFile(undefined);
      await client.invalidateQueries({ queryKey: ['assessment'] });
    } catch (e) {
      setError(e);
    } finally {
      setConfirming(false);
    }
  };

  if (!exam.canEnterScores) {
    return <Alert type="info" showIcon message={exam.status === 'draft' ? t('assessment.detail.notOpen') : exam.status === 'open' ? t('assessment.import.notAllowed') : t('assessment.detail.closed')} />;
  }
  return (
    <Card title={t('items.import.title')}>
      <Typography.Paragraph type="secondary">{t('items.import.hint')}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented aria-label={t('items.subject')} value={subject} onChange={(v) => { setSubject(String(v)); setFile(undefined); reset(); }} options={exam.subjects.map((s) => s.name)} />
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/assessment/exams/${exam.id}/item-scores/template?subject=${encodeURIComponent(subject)}`, 'items.xlsx').catch(setError)}>
          {t('items.import.template')}
        </Button>
        <Space>
          <Typography.Text>{t('assessment.import.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => { const next = e.target.value as Mode; setMode(next); if (file && preview) void check(file, { subject, mode: next }); }} options={[
            { value: 'all', label: t('assessment.import.modeAll') },
            { value: 'valid-only', label: t('assessment.import.modeValidOnly') },
          ]} />
        </Space>
        <Upload accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(chosen) => { void check(chosen, { subject, mode }); return false; }} disabled={checking || confirming}>
          <Button type={preview ? 'default' : 'primary'} icon={<UploadOutlined />} loading={checking}>
            {preview ? t('importPreview.again') : t('items.import.choose')}
          </Button>
        </Upload>
        {preview && (
          <ImportPreview
            rows={preview.rows}
            counts={preview.rowCounts}
            outcomes={preview.rowOutcomes.map((r) => ({ row: r.row, key: r.studentNo, outcome: r.outcome, errors: r.errors }))}
            blocked={preview.blocked}
            truncated={preview.rowOutcomesTruncated}
            keyTitle={t('assessment.import.studentNo')}
            confirming={confirming}
            onConfirm={() => void confirm()}
          />
        )}
        {report && (
          <Alert type={report.skippedRows ? 'warning' : 'success'} showIcon
            message={t('items.import.done', { subject: report.subject, inserted: report.rowCounts.inserted, updated: report.rowCounts.updated, unchanged: report.rowCounts.unchanged })}
            description={report.skippedRows ? t('assessment.import.skipped', { count: report.skippedRows }) : undefined} />
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
