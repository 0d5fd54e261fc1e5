import { App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { QueryBoundary } from '../../components/states';
import { curriculumKeys, downloadResource, formatBytes, useResource } from './api';
import { ResourceTypeTag } from './ResourcesPage';
import { ResourceVersions } from './ResourceVersions';

export function ResourceDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const resource = useResource(id);
  const download = useMutation({
    mutationFn: () => downloadResource(resource.data!),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: curriculumKeys.resource(id ?? '') }),
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.http.DELETE('/api/v1/curriculum/resources/{id}', { params: { path: { id: id ?? '' } } })),
    onSuccess: async () => {
      void message.success(t('curriculum.resources.removed'));
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.resources() });
      void navigate('/curriculum/resources');
    },
  });
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/curriculum/resources">{t('curriculum.resources.title')}</Link> }, { title: t('curriculum.resources.detail') }]} />
      <QueryBoundary isPending={resource.isPending} error={resource.error} refetch={resource.refetch}>
        {() => {
          const r = resource.data!;
          return (
            <Card>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                <Space direction="vertical" size={4}>
                  <Space><ResourceTypeTag type={r.type} /><Tag>{t(`curriculum.visibility.${r.visibility}`)}</Tag><Tag color="blue">{t('curriculum.versions.label', { n: r.version })}</Tag></Space>
                  <Typography.Title level={1} style={{ margin: 0 }}>{r.title}</Typography.Title>
                </Space>
                <Space>
                  <Button type="primary" icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
                    {t('curriculum.resources.download')}
                  </Button>
                  {r.canEdit && (
                    <Popconfirm title={t('curriculum.resources.removeConfirm')} onConfirm={() => remove.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                      <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>{t('curriculum.resources.remove')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              </Space>
              <ProblemAlert error={remove.error} />
              <Descriptions style={{ marginTop: 16 }} bordered column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('curriculum.fields.subject')}>{r.subject}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.grade')}>{r.grade}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.edition')}>{r.edition ?? t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.unit')}>{r.unit ?? t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.school')}>{r.schoolName}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.owner')}>{r.ownerName}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.licence')}>{r.licence}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.downloads')}><span data-testid="download-count">{r.downloadCount}</span></Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.file')}>{r.file.filename} ({formatBytes(r.file.size)})</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.tags')} span={2}>{r.tags.length ? r.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('curriculum.fields.description')} span={2}>{r.description ?? t('common.none')}</Descriptions.Item>
              </Descriptions>
              <ResourceVersions resource={r} />
            </Card>
          );
        }}
      </QueryBoundary>
    </>
  );
}
