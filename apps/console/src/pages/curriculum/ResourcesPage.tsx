import { Button, Card, Col, Input, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthProvider';
import { hasRole, ownDistrictId } from '../../auth/roles';
import { formatDate } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { EmptyState } from '../../components/states';
import { GRADES, RESOURCE_TYPES, SUBJECTS, useResources, type ResourceQuery, type ResourceType, type ResourceView } from './api';
import { UploadResourceModal } from './UploadResourceModal';

const TYPE_COLORS: Record<ResourceType, string> = {
  lesson_plan: 'green', courseware: 'blue', lesson_video: 'magenta', exam_paper: 'orange', case: 'cyan', reflection: 'purple', research: 'geekblue',
};

export function ResourceTypeTag({ type }: { type: ResourceType }) {
  const { t } = useTranslation();
  return <Tag color={TYPE_COLORS[type]}>{t(`curriculum.type.${type}`)}</Tag>;
}

/** The resource library: Chinese full-text search, filters, cards, paging, and uploading for staff. */
export function ResourcesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [query, setQuery] = useState<ResourceQuery>({ page: 1, pageSize: 12 });
  const [uploading, setUploading] = useState(false);
  const resources = useResources(query);
  const filtered = Boolean(query.q || query.type || query.subject || query.grade || query.schoolId);
  const canUpload = hasRole(me, 'teacher', 'school_admin', 'district_admin', 'platform_admin');
  const update = (patch: Partial<ResourceQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const items = resources.data?.items ?? [];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('curriculum.resources.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('curriculum.resources.subtitle')}</Typography.Text>
        </div>
        {canUpload && (
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setUploading(true)}>{t('curriculum.resources.upload')}</Button>
        )}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            allowClear
            enterButton
            placeholder={t('curriculum.resources.searchPlaceholder')}
            aria-label={t('common.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 320 }}
          />
          <Select<ResourceType>
            allowClear
            placeholder={t('curriculum.fields.type')}
            aria-label={t('curriculum.fields.type')}
            style={{ width: 130 }}
            value={query.type}
            onChange={(type) => update({ type })}
            options={RESOURCE_TYPES.map((v) => ({ value: v, label: t(`curriculum.type.${v}`) }))}
          />
          <Select<string>
            allowClear
            placeholder={t('curriculum.fields.subject')}
            aria-label={t('curriculum.fields.subject')}
            style={{ width: 130 }}
            value={query.subject}
            onChange={(subject) => update({ subject })}
            options={SUBJECTS.map((v) => ({ value: v, label: v }))}
          />
          <Select<string>
            allowClear
            placeholder={t('curriculum.fields.grade')}
            aria-label={t('curriculum.fields.grade')}
            style={{ width: 120 }}
            value={query.grade}
            onChange={(grade) => update({ grade })}
            options={GRADES.map((v) => ({ value: v, label: v }))}
          />
          <div style={{ width: 220 }}>
            <SchoolSelect districtId={ownDistrictId(me)} placeholder={t('curriculum.resources.schoolFilter')} value={query.schoolId} onChange={(schoolId) => update({ schoolId: schoolId || undefined })} />
          </div>
          {filtered && <Button onClick={() => setQuery({ page: 1, pageSize: query.pageSize })}>{t('common.reset')}</Button>}
        </Space>
      </Card>
      {resources.error ? <ProblemAlert error={resources.error} onRetry={() => void resources.refetch()} /> : null}
      {!resources.isPending && !items.length ? (
        <Card>
          {filtered
            ? <EmptyState title={t('curriculum.resources.noMatch')} hint={t('curriculum.resources.noMatchHint')} />
            : <EmptyState title={t('curriculum.resources.empty')} hint={canUpload ? t('curriculum.resources.emptyHint') : undefined} />}
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {(resources.isPending ? Array.from({ length: 6 }, () => undefined) : items).map((r, i) => (
            <Col key={r?.id ?? i} xs={24} md={12} xl={8}>
              <ResourceCard resource={r} />
            </Col>
          ))}
        </Row>
      )}
      <Pagination
        style={{ marginTop: 16, textAlign: 'right' }}
        current={query.page}
        pageSize={query.pageSize}
        total={resources.data?.total ?? 0}
        showSizeChanger
        pageSizeOptions={[12, 24, 48]}
        showTotal={(total) => t('common.total', { total })}
        onChange={(page, pageSize) => setQuery((q) => ({ ...q, page, pageSize }))}
      />
      <UploadResourceModal open={uploading} onClose={() => setUploading(false)} />
    </>
  );
}

function ResourceCard({ resource: r }: { resource: ResourceView | undefined }) {
  const { t } = useTranslation();
  return (
    <Card loading={!r} size="small" style={{ height: '100%' }} data-testid="resource-card">
      {r && (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Space size={4} wrap>
            <ResourceTypeTag type={r.type} />
            <Tag>{t(`curriculum.visibility.${r.visibility}`)}</Tag>
          </Space>
          <Link to={`/curriculum/resources/${r.id}`} style={{ fontSize: 16, fontWeight: 500 }}>{r.title}</Link>
          <Typography.Text type="secondary">
            {[r.subject, r.grade, r.edition, r.unit].filter(Boolean).join(' · ')}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis>{r.schoolName} · {r.ownerName} · {formatDate(r.createdAt)}</Typography.Text>
          <Space size={4} wrap>{r.tags.map((tag) => <Tag key={tag} bordered={false}>{tag}</Tag>)}</Space>
          <Typography.Text type="secondary"><DownloadOutlined /> {r.downloadCount}</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
