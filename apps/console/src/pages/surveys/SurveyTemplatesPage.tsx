import { App, Button, Card, Collapse, Form, Input, Modal, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import { EmptyState, QueryBoundary } from '../../components/states';
import { useCreateTemplate, useTemplates } from './api';
import { NEW_QUESTION, QuestionBuilder, toQuestionDtos, type BuilderQuestion } from './QuestionBuilder';
import { QuestionList } from './SurveyDetailPage';

/** The district's questionnaire templates; district admins keep them, everyone who runs surveys starts from them. */
export function SurveyTemplatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const templates = useTemplates();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space align="center">
          <Link to="/surveys" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>
          <div>
            <Typography.Title level={1} style={{ margin: 0 }}>{t('surveys.templates.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('surveys.templates.subtitle')}</Typography.Text>
          </div>
        </Space>
        {isDistrictAdmin(me) && <Button type="primary" onClick={() => setCreating(true)}>{t('surveys.templates.create')}</Button>}
      </Space>
      <Card style={{ marginTop: 16 }}>
        <QueryBoundary isPending={templates.isPending} error={templates.error} refetch={templates.refetch}>
          {() => ((templates.data?.items ?? []).length === 0 ? <EmptyState title={t('surveys.templates.empty')} /> : (
            <Collapse
              items={(templates.data?.items ?? []).map((tpl) => ({
                key: tpl.id, label: `${tpl.title}（${tpl.questions.length}）`,
                children: <>{tpl.description && <Typography.Paragraph type="secondary">{tpl.description}</Typography.Paragraph>}<QuestionList questions={tpl.questions} /></>,
              }))}
            />
          ))}
        </QueryBoundary>
      </Card>
      <CreateTemplateModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

interface TemplateForm { title: string; description?: string; questions: BuilderQuestion[] }

function CreateTemplateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const [form] = Form.useForm<TemplateForm>();
  const create = useCreateTemplate();
  const submit = (v: TemplateForm) => create.mutate({ districtId, title: v.title, description: v.description, questions: toQuestionDtos(v.questions ?? []) }, {
    onSuccess: () => { void message.success(t('surveys.templates.created')); onClose(); },
    onError: (e) => { applyFieldErrors(form, e); void message.error(problemMessage(t, e)); },
  });
  return (
    <Modal
      title={t('surveys.templates.create')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={create.isPending} destroyOnHidden width={760}
    >
      <Form<TemplateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ questions: [{ ...NEW_QUESTION }] }}>
        <Form.Item name="title" label={t('surveys.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('surveys.fields.title') }) }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={`${t('surveys.fields.description')}（${t('common.optional')}）`} rules={[{ max: 2000 }]}><Input.TextArea rows={2} /></Form.Item>
        <QuestionBuilder />
      </Form>
    </Modal>
  );
}
