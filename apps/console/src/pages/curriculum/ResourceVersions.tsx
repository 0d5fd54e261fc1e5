import { App, Button, Card, Form, Input, Modal, Progress, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import {
  curriculumKeys, downloadResource, FILE_EXTENSIONS, formatBytes, uploadResourceVersion, useResourceVersions, type ResourceVersionView, type ResourceView,
} from './api';

/** The versions of a resource's file, newest first, each downloadable; editors upload a new one. */
export function ResourceVersions({ resource }: { resource: ResourceView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const versions = useResourceVersions(resource.id);
  const [uploading, setUploading] = useState(false);
  const download = useMutation({
    mutationFn: (version: ResourceVersionView) => downloadResource(resource, version),
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Card
      style={{ marginTop: 16 }}
      title={t('curriculum.versions.title')}
      extra={resource.canEdit && <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>{t('curriculum.versions.upload')}</Button>}
    >
      <ProblemAlert error={versions.error} onRetry={() => void versions.refetch()} />
      <Table<ResourceVersionView>
        rowKey="version"
        size="small"
        loading={versions.isPending}
        dataSource={versions.data ?? []}
        pagination={false}
        locale={{ emptyText: t('curriculum.versions.empty') }}
        columns={[
          {
            title: t('curriculum.versions.version'), dataIndex: 'version', width: 120,
            render: (n: number, v) => <>{t('curriculum.versions.label', { n })} {v.current && <Tag color="green">{t('curriculum.versions.current')}</Tag>}</>,
          },
          { title: t('curriculum.fields.file'), key: 'file', render: (_, v) => `${v.file.filename} (${formatBytes(v.file.size)})` },
          { title: t('curriculum.versions.note'), dataIndex: 'note', render: (note: string | null) => note ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> },
          { title: t('curriculum.versions.uploadedBy'), dataIndex: 'uploadedByName' },
          { title: t('curriculum.versions.uploadedAt'), dataIndex: 'uploadedAt', render: (at: string) => formatDateTime(at) },
          {
            title: '', key: 'download', width: 80,
            render: (_, v) => (
              <Button
                type="link" icon={<DownloadOutlined />} aria-label={`${t('curriculum.resources.download')} ${t('curriculum.versions.label', { n: v.version })}`}
                loading={download.isPending && download.variables?.version === v.version} onClick={() => download.mutate(v)}
              />
            ),
          },
        ]}
      />
      <UploadVersionModal resource={resource} open={uploading} onClose={() => setUploading(false)} />
    </Card>
  );
}

function UploadVersionModal({ resource, open, onClose }: { resource: ResourceView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string; file: UploadFile[] }>();
  const [percent, setPercent] = useState<number>();
  const upload = useMutation({
    mutationFn: (values: { note?: string; file: UploadFile[] }) => {
      const file = values.file[0]?.originFileObj;
      if (!file) throw new Error(t('curriculum.upload.fileRequired'));
      setPercent(0);
      return uploadResourceVersion(resource.id, values.note?.trim() ?? '', file, setPercent);
    },
    onSuccess: async () => {
      void message.success(t('curriculum.versions.done'));
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.resource(resource.id) });
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.resources() });
      form.resetFields();
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
    onSettled: () => setPercent(undefined),
  });
  return (
    <Modal
      title={t('curriculum.versions.uploadTitle', { title: resource.title })} open={open} onCancel={onClose} onOk={() => form.submit()}
      okText={t('curriculum.upload.submit')} cancelText={t('common.cancel')} confirmLoading={upload.isPending} destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('curriculum.versions.uploadHint')}</Typography.Paragraph>
      <ProblemAlert error={upload.error} />
      <Form form={form} layout="vertical" onFinish={(values) => upload.mutate(values)}>
        <Form.Item name="note" label={t('curriculum.versions.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t('curriculum.versions.notePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="file" label={t('curriculum.fields.file')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={[{ required: true, type: 'array', min: 1, message: t('curriculum.upload.fileRequired') }]}
          extra={t('curriculum.upload.fileTypes', { types: FILE_EXTENSIONS[resource.type].join(' '), video: 200, other: 50 })}
        >
          <Upload.Dragger beforeUpload={() => false} maxCount={1} accept={FILE_EXTENSIONS[resource.type].join(',')} aria-label={t('curriculum.fields.file')}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('curriculum.upload.fileHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        {percent !== undefined && <Progress percent={percent} status="active" format={(p) => t('curriculum.upload.progress', { percent: p })} />}
      </Form>
    </Modal>
  );
}
