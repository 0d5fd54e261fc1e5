import { Button, Card, Col, Input, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
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
import { GRADES, RESOURCE_TYPES, SUBJECTS, useResources, type ResourceFacets, type ResourceQuery, type ResourceType, type ResourceView } from './api';
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
  const [query, setQuery] = useState<ResourceQuery>({ page: 1, pageSize: 12, facets: true });
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
          <Typography.Title level={1} style={{ margin: 0 }}>{t('curriculum.resources.title')}</Typography.Title>
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
          {filtered && <Button onClick={() => setQuery({ page: 1, pageSize: query.pageSize, facets: true })}>{t('common.reset')}</Button>}
        </Space>
        {resources.data?.facets && (filtered || items.length > 0) ? <FacetFilters facets={resources.data.facets} query={query} onPick={update} /> : null}
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
        showTotal={(total) => (resources.data?.totalCapped ? t('curriculum.resources.totalCapped', { total }) : t('common.total', { total }))}
        onChange={(page, pageSize) => setQuery((q) => ({ ...q, page, pageSize }))}
      />
      <UploadResourceModal open={uploading} onClose={() => setUploading(false)} />
    </>
  );
}

/** A facet's count; counted over the first matches only when there are more than the cap, so "at least". */
const facetCount = (count: number, capped: boolean): string => (capped ? `${count}+` : String(count));

/**
 * The facet counts of the matches as filters: each value with how many matches have it; choosing one
 * filters by it, choosing it again clears that filter.
 */
function FacetFilters({ facets, query, onPick }: { facets: ResourceFacets; query: ResourceQuery; onPick: (patch: Partial<ResourceQuery>) => void }) {
  const { t } = useTranslation();
  const groups: { key: 'type' | 'subject' | 'grade' | 'schoolId'; title: string; entries: ResourceFacets['type']; label: (value: string, label?: string) => string }[] = [
    { key: 'type', title: t('curriculum.fields.type'), entries: facets.type, label: (v) => typeLabel(t, v) },
    { key: 'subject', title: t('curriculum.fields.subject'), entries: facets.subject, label: (v) => v },
    { key: 'grade', title: t('curriculum.fields.grade'), entries: facets.grade, label: (v) => v },
    { key: 'schoolId', title: t('curriculum.resources.schoolFilter'), entries: facets.school.slice(0, 12), label: (v, label) => label || v },
  ];
  return (
    <div data-testid="resource-facets" style={{ marginTop: 12 }}>
      {groups.filter((g) => g.entries.length).map((group) => (
        <div key={group.key} style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>{group.title}</Typography.Text>
          {group.entries.map((entry) => {
            const active = query[group.key] === entry.value;
            return (
              <Tag.CheckableTag key={entry.value} checked={active} onChange={() => onPick({ [group.key]: active ? undefined : entry.value })}>
                {group.label(entry.value, entry.label)} ({facetCount(entry.count, facets.capped)})
              </Tag.CheckableTag>
            );
          })}
        </div>
      ))}
      {facets.capped && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('curriculum.resources.facetsCapped')}</Typography.Text>}
    </div>
  );
}

const typeLabel = (t: TFunction, value: string): string => t(`curriculum.type.${value}`);

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
