import { App, AutoComplete, Form, Input, Modal, Progress, Radio, Select, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthProvider';
import { mySchool } from '../../auth/roles';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import {
  curriculumKeys, EDITIONS, FILE_EXTENSIONS, GRADES, LICENCES, RESOURCE_TYPES, SUBJECTS, uploadResource, VISIBILITIES,
  type ResourceType, type ResourceVisibility,
} from './api';

interface UploadForm {
  type: ResourceType;
  schoolId: string;
  title: string;
  subject: string;
  grade: string;
  edition?: string;
  unit?: string;
  tags?: string[];
  licence: string;
  visibility: ResourceVisibility;
  description?: string;
  file: UploadFile[];
}

/** Upload form: metadata, then the file, streamed with a progress bar; server field errors land on their fields. */
export function UploadResourceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const school = mySchool(me);
  const [form] = Form.useForm<UploadForm>();
  const [percent, setPercent] = useState<number | undefined>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const type = Form.useWatch('type', form) ?? 'lesson_plan';
  const visibility = Form.useWatch('visibility', form);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field: t(`curriculum.fields.${field}`) }) });

  const mutation = useMutation({
    mutationFn: (v: UploadForm) => {
      const file = v.file[0]?.originFileObj as File;
      const fields: Record<string, string> = {
        type: v.type, schoolId: v.schoolId ?? school?.id ?? '', title: v.title.trim(), subject: v.subject.trim(), grade: v.grade.trim(), licence: v.licence.trim(), visibility: v.visibility,
      };
      if (v.edition?.trim()) fields['edition'] = v.edition.trim();
      if (v.unit?.trim()) fields['unit'] = v.unit.trim();
      if (v.description?.trim()) fields['description'] = v.description.trim();
      if (v.tags?.length) fields['tags'] = v.tags.join(',');
      setPercent(0);
      return uploadResource(fields, file, setPercent);
    },
    onSuccess: async (resource) => {
      void message.success(t('curriculum.upload.done'));
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.resources() });
      form.resetFields();
      setPercent(undefined);
      onClose();
      void navigate(`/curriculum/resources/${resource.id}`);
    },
    onError: (e) => { setPercent(undefined); setExtra(applyFieldErrors(form, e)); },
  });

  return (
    <Modal
      title={t('curriculum.upload.title')}
      open={open}
      onCancel={() => { if (!mutation.isPending) onClose(); }}
      onOk={() => form.submit()}
      okText={t('curriculum.upload.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<UploadForm>
        form={form}
        layout="vertical"
        initialValues={{ type: 'lesson_plan', visibility: 'alliance', licence: '联盟内共享', schoolId: school?.id }}
        onFinish={(v) => { setExtra([]); mutation.mutate(v); }}
      >
        <Form.Item name="type" label={t('curriculum.fields.type')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" size="small" options={RESOURCE_TYPES.map((v) => ({ value: v, label: t(`curriculum.type.${v}`) }))} />
        </Form.Item>
        {!school && (
          <Form.Item name="schoolId" label={t('curriculum.fields.school')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('curriculum.fields.school') }) }]}>
            <SchoolSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('curriculum.fields.title')} rules={[required('title'), { max: 120, message: t('validation.maxLength', { field: t('curriculum.fields.title'), max: 120 }) }]}>
          <Input />
        </Form.Item>
        <Input.Group compact style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="subject" label={t('curriculum.fields.subject')} rules={[required('subject')]} style={{ flex: 1 }}>
            <AutoComplete options={SUBJECTS.map((v) => ({ value: v }))} filterOption />
          </Form.Item>
          <Form.Item name="grade" label={t('curriculum.fields.grade')} rules={[required('grade')]} style={{ flex: 1 }}>
            <AutoComplete options={GRADES.map((v) => ({ value: v }))} filterOption />
          </Form.Item>
          <Form.Item name="edition" label={t('curriculum.fields.edition')} style={{ flex: 1 }}>
            <AutoComplete options={EDITIONS.map((v) => ({ value: v }))} filterOption />
          </Form.Item>
          <Form.Item name="unit" label={t('curriculum.fields.unit')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Input.Group>
        <Form.Item name="tags" label={t('curriculum.fields.tags')} rules={[{ type: 'array', max: 10 }]}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t('curriculum.upload.tagsPlaceholder')} open={false} />
        </Form.Item>
        <Form.Item name="licence" label={t('curriculum.fields.licence')} rules={[required('licence')]}>
          <AutoComplete options={LICENCES.map((v) => ({ value: v }))} />
        </Form.Item>
        <Form.Item name="visibility" label={t('curriculum.fields.visibility')} extra={visibility ? t(`curriculum.visibilityHelp.${visibility}`) : undefined} rules={[{ required: true }]}>
          <Radio.Group options={VISIBILITIES.map((v) => ({ value: v, label: t(`curriculum.visibility.${v}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('curriculum.fields.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="file"
          label={t('curriculum.fields.file')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[{ required: true, type: 'array', min: 1, message: t('curriculum.upload.fileRequired') }]}
          extra={t('curriculum.upload.fileTypes', { types: FILE_EXTENSIONS[type].join(' '), video: 200, other: 50 })}
        >
          <Upload.Dragger beforeUpload={() => false} maxCount={1} accept={FILE_EXTENSIONS[type].join(',')} aria-label={t('curriculum.fields.file')}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('curriculum.upload.fileHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        {percent !== undefined && <Progress percent={percent} status="active" format={(p) => t('curriculum.upload.progress', { percent: p })} />}
      </Form>
    </Modal>
  );
}
