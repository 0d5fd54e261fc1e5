import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecordView } from '@jiaolian/api-client';
import { useAudit, type AuditQuery } from '../../api/queries';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';

const ENTITY_TYPES = ['district', 'school', 'campus', 'alliance', 'membership', 'join_request', 'user', 'role_assignment'] as const;

const Json = ({ value }: { value: Record<string, unknown> | null }) =>
  value ? <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', maxWidth: 480 }}>{JSON.stringify(value, null, 2)}</pre> : <span>—</span>;

export function AuditPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20, sort: '-at' });
  const audit = useAudit(query);
  return (
    <>
      <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('audit.filterEntityType')}
            aria-label={t('audit.filterEntityType')}
            style={{ width: 180 }}
            value={query.entityType}
            onChange={(entityType?: string) => setQuery((q) => ({ ...q, page: 1, entityType }))}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityType.${e}`) }))}
          />
        </Space>
        {audit.error ? <ProblemAlert error={audit.error} onRetry={() => void audit.refetch()} /> : null}
        <Table<AuditRecordView>
          rowKey="id"
          loading={audit.isFetching}
          dataSource={audit.data?.items ?? []}
          onChange={(p) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20 }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: audit.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          expandable={{
            expandedRowRender: (r) => (
              <Space align="start" size="large" wrap>
                <div><Typography.Text strong>{t('audit.fields.before')}</Typography.Text><Json value={r.before} /></div>
                <div><Typography.Text strong>{t('audit.fields.after')}</Typography.Text><Json value={r.after} /></div>
                {r.requestId && <div><Typography.Text strong>{t('audit.fields.requestId')}</Typography.Text><div><code>{r.requestId}</code></div></div>}
              </Space>
            ),
          }}
          locale={{ emptyText: audit.isPending ? ' ' : <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} /> }}
          columns={[
            { title: t('audit.fields.at'), dataIndex: 'at', render: formatDateTime },
            { title: t('audit.fields.actor'), dataIndex: 'actorName', render: (n: string | null, r) => n ?? r.actorId },
            { title: t('audit.fields.action'), dataIndex: 'action', render: (a: string) => <Tag>{a}</Tag> },
            { title: t('audit.fields.entityType'), dataIndex: 'entityType', render: (e: string) => t(`audit.entityType.${e}`, { defaultValue: e }) },
            { title: t('audit.fields.entityId'), dataIndex: 'entityId', render: (id: string) => <code style={{ fontSize: 12 }}>{id.slice(0, 8)}</code> },
          ]}
        />
      </Card>
    </>
  );
}
