import { Alert, Button, Card, Radio, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem, type ApiFieldError } from '@jiaolian/api-client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin } from '../../auth/roles';
import { ImportPreview } from '../../components/ImportPreview';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { downloadTemplate, importTeachers, teacherExchangeKeys, type TeacherImportOptions, type TeacherImportReport } from './api';

type Mode = 'all' | 'valid-only';
type Empty = TeacherImportOptions['empty'];

function RowErrors({ errors }: { errors: ApiFieldError[] }) {
  const { t } = useTranslation();
  return (
    <Table<ApiFieldError>
      size="small"
      rowKey={(e) => `${e.row ?? 0}:${e.field}:${e.message}`}
      dataSource={[...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      title={() => t('teacherExchange.import.errorsTitle')}
      columns={[
        { title: t('teacherExchange.import.row'), dataIndex: 'row', width: 80 },
        { title: t('teacherExchange.import.column'), dataIndex: 'field', width: 120 },
        { title: t('teacherExchange.import.message'), dataIndex: 'message' },
      ]}
    />
  );
}

export function TeacherImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const [schoolId, setSchoolId] = useState<string | undefined>(isDistrictAdmin(me) ? undefined : adminSchoolIds(me)[0]);
  const [mode, setMode] = useState<Mode>('all');
  const [empty, setEmpty] = useState<Empty>('keep');
  const [file, setFile] = useState<File | undefined>();
  const download = useMutation({ mutationFn: downloadTemplate });
  // a dry run of the chosen file with the chosen options; nothing is written until the user confirms
  const preview = useMutation({
    mutationFn: (args: { file: File; mode: Mode; empty: Empty }): Promise<TeacherImportReport> =>
      importTeachers(schoolId ?? '', { mode: args.mode, empty: args.empty, dryRun: true }, args.file),
  });
  const upload = useMutation({
    mutationFn: (chosen: File): Promise<TeacherImportReport> => importTeachers(schoolId ?? '', { mode, empty, dryRun: false }, chosen),
    onSuccess: () => {
      preview.reset();
      setFile(undefined);
      return queryClient.invalidateQueries({ queryKey: teacherExchangeKeys.teachers() });
    },
  });
  const failure = upload.error ?? preview.error;
  const rowErrors = isApiProblem(failure) ? failure.errors.filter((e) => e.row !== undefined) : [];
  const check = (next: { file?: File; mode?: Mode; empty?: Empty }) => {
    const args = { file: next.file ?? file, mode: next.mode ?? mode, empty: next.empty ?? empty };
    setMode(args.mode);
    setEmpty(args.empty);
    if (!args.file) return;
    setFile(args.file);
    upload.reset();
    preview.mutate({ file: args.file, mode: args.mode, empty: args.empty });
  };

  return (
    <>
      <Typography.Title level={1}>{t('teacherExchange.import.title')}</Typography.Title>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('teacherExchange.import.step1')}>
          <Typography.Paragraph type="secondary">{t('teacherExchange.import.step1Hint')}</Typography.Paragraph>
          <Space>
            <Button icon={<DownloadOutlined />} loading={download.isPending && download.variables === 'xlsx'} onClick={() => download.mutate('xlsx')}>{t('teacherExchange.import.downloadXlsx')}</Button>
            <Button icon={<DownloadOutlined />} loading={download.isPending && download.variables === 'csv'} onClick={() => download.mutate('csv')}>{t('teacherExchange.import.downloadCsv')}</Button>
          </Space>
          {download.error ? <div style={{ marginTop: 12 }}><ProblemAlert error={download.error} /></div> : null}
        </Card>
        <Card title={t('teacherExchange.import.step2')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <div style={{ maxWidth: 420 }}>
              <SchoolSelect districtId={districtId} value={schoolId} onChange={setSchoolId} placeholder={t('teacherExchange.fields.school')} id="import-school" />
            </div>
            <Radio.Group value={mode} onChange={(e) => check({ mode: e.target.value as Mode })}>
              <Space direction="vertical">
                <Radio value="all">{t('teacherExchange.import.modeAll')}</Radio>
                <Radio value="valid-only">{t('teacherExchange.import.modeValidOnly')}</Radio>
              </Space>
            </Radio.Group>
            <Space wrap>
              <Typography.Text>{t('teacherExchange.import.empty')}</Typography.Text>
              <Radio.Group value={empty} onChange={(e) => check({ empty: e.target.value as Empty })} options={[
                { value: 'keep', label: t('teacherExchange.import.emptyKeep') },
                { value: 'clear', label: t('teacherExchange.import.emptyClear') },
              ]} />
            </Space>
          </Space>
        </Card>
        <Card title={t('teacherExchange.import.step3')}>
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            disabled={!schoolId || upload.isPending || preview.isPending}
            beforeUpload={(chosen) => { check({ file: chosen }); return false; }}
          >
            <Button type={preview.data ? 'default' : 'primary'} icon={<UploadOutlined />} loading={preview.isPending} disabled={!schoolId}>
              {preview.data ? t('importPreview.again') : t('teacherExchange.import.upload')}
            </Button>
          </Upload>
          {!schoolId && <Typography.Text type="secondary" style={{ marginLeft: 12 }}>{t('teacherExchange.import.chooseSchool')}</Typography.Text>}
          <div style={{ marginTop: 16 }}>
            {preview.data && !upload.data && (
              <ImportPreview
                rows={preview.data.total}
                counts={preview.data.rowCounts}
                outcomes={preview.data.rowOutcomes.map((r) => ({ row: r.row, key: r.staffNo, outcome: r.outcome, errors: r.errors }))}
                blocked={preview.data.blocked}
                truncated={false}
                keyTitle={t('teacherExchange.import.staffNo')}
                confirming={upload.isPending}
                onConfirm={() => { if (file) upload.mutate(file); }}
              />
            )}
            {upload.data && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Alert type={upload.data.skipped ? 'warning' : 'success'} showIcon role="status" title={t('teacherExchange.import.done', upload.data)} />
                <Space size="large">
                  <Statistic title={t('teacherExchange.import.total', { total: upload.data.total })} value={upload.data.created + upload.data.updated} />
                </Space>
                {upload.data.errors.length > 0 && <RowErrors errors={upload.data.errors} />}
              </Space>
            )}
            {failure ? (
              rowErrors.length ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Alert type="error" showIcon role="alert" title={t('teacherExchange.import.failed', { count: rowErrors.length })} />
                  <RowErrors errors={rowErrors} />
                </Space>
              ) : <ProblemAlert error={failure} showFieldErrors />
            ) : null}
          </div>
        </Card>
      </Space>
    </>
  );
}
