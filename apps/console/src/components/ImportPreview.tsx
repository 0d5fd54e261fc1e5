import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import type { ApiFieldError } from '@jiaolian/api-client';
import { useTranslation } from 'react-i18next';

export type ImportRowOutcome = 'inserted' | 'updated' | 'unchanged' | 'rejected';

/** One row of a dry run as both imports answer it; `key` is the student or staff number. */
export interface ImportPreviewRow {
  row: number;
  key: string;
  outcome: ImportRowOutcome;
  errors: ApiFieldError[];
}

export interface ImportPreviewProps {
  rows: number;
  counts: Record<ImportRowOutcome, number>;
  outcomes: ImportPreviewRow[];
  /** mode all with a rejected row: confirming imports nothing */
  blocked: boolean;
  truncated: boolean;
  /** the column title of `key` (学号 or 工号) */
  keyTitle: string;
  /** extra lines under the row counts, e.g. score counts or the empty-cell rule */
  details?: React.ReactNode;
  confirming: boolean;
  onConfirm: () => void;
}

const COLOURS: Record<ImportRowOutcome, string> = { inserted: 'green', updated: 'blue', unchanged: 'default', rejected: 'red' };

/** What a dry run says an import would do: the counts, each row's outcome and problems, and the confirm button. */
export function ImportPreview({ rows, counts, outcomes, blocked, truncated, keyTitle, details, confirming, onConfirm }: ImportPreviewProps) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-preview">
      <Typography.Title level={5} style={{ margin: 0 }}>{t('importPreview.title')}</Typography.Title>
      <Typography.Text strong role="status">{t('importPreview.rows', { rows, ...counts })}</Typography.Text>
      {details}
      {blocked
        ? <Alert type="error" showIcon message={t('importPreview.blocked', { count: counts.rejected })} />
        : <Alert type={counts.rejected ? 'warning' : 'success'} showIcon
          message={counts.rejected ? t('importPreview.readyWithSkips', { count: counts.rejected }) : t('importPreview.ready')} />}
      <Table<ImportPreviewRow>
        size="small"
        rowKey="row"
        dataSource={outcomes}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('importPreview.row'), dataIndex: 'row', width: 80 },
          { title: keyTitle, dataIndex: 'key', width: 140 },
          {
            title: t('importPreview.outcome'), dataIndex: 'outcome', width: 100,
            filters: (['inserted', 'updated', 'unchanged', 'rejected'] as const).map((value) => ({ text: t(`importPreview.outcomes.${value}`), value })),
            onFilter: (value, record) => record.outcome === value,
            render: (outcome: ImportRowOutcome) => <Tag color={COLOURS[outcome]}>{t(`importPreview.outcomes.${outcome}`)}</Tag>,
          },
          {
            title: t('importPreview.problems'), dataIndex: 'errors',
            render: (errors: ApiFieldError[]) => errors.map((e) => `${e.field}：${e.message}`).join('；'),
          },
        ]}
      />
      {truncated && <Typography.Text type="secondary">{t('importPreview.truncated', { count: outcomes.length })}</Typography.Text>}
      <Button type="primary" onClick={onConfirm} loading={confirming} disabled={blocked}>{t('importPreview.confirm')}</Button>
    </Space>
  );
}
