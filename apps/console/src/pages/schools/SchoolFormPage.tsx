import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type CreateSchoolDto, type SchoolView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { queryKeys, useSchool } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryBoundary } from '../../components/states';
import { LOCALES, STAGES } from './SchoolsPage';

type SchoolForm = Omit<CreateSchoolDto, 'districtId'>;

function SchoolFormBody({ school }: { school?: SchoolView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SchoolForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const editing = Boolean(school);

  useEffect(() => {
    if (school) form.setFieldsValue({ ...school, address: school.address ?? undefined, location: school.location ?? undefined });
  }, [school, form]);

  const mutation = useMutation({
    mutationFn: async (values: SchoolForm): Promise<SchoolView> => {
      const common = {
        name: values.name.trim(),
        stage: values.stage,
        locale: values.locale,
        township: values.township.trim(),
        address: values.address?.trim() || undefined,
        studentCount: values.studentCount,
        teacherCount: values.teacherCount,
        classCount: values.classCount,
      };
      if (school) return unwrap(api.http.PATCH('/api/v1/schools/{id}', { params: { path: { id: school.id } }, body: common }));
      return unwrap(api.http.POST('/api/v1/schools', { body: { ...common, code: values.code.trim(), districtId: districtId ?? '' } }));
    },
    onSuccess: async (saved) => {
      void message.success(editing ? t('common.saved') : t('school.form.created'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.schools() });
      queryClient.setQueryData(queryKeys.school(saved.id), saved);
      void navigate(`/schools/${saved.id}`);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e, { districtId: 'code' })),
  });

  const required = (key: string) => ({ required: true, whitespace: true, message: t('validation.required', { field: t(key) }) });
  const requiredSelect = (key: string) => ({ required: true, message: t('validation.requiredSelect', { field: t(key) }) });
  const count = (key: string, max: number) => [
    { required: true, message: t('validation.required', { field: t(key) }) },
    { type: 'integer' as const, min: 0, max, message: t('validation.range', { field: t(key), min: 0, max }) },
  ];

  return (
    <>
      <Typography.Title level={1}>{editing ? t('school.form.editTitle') : t('school.form.createTitle')}</Typography.Title>
      <Card>
        <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
        <Form<SchoolForm>
          form={form}
          layout="vertical"
          initialValues={{ stage: 'primary', locale: 'village', studentCount: 0, teacherCount: 0, classCount: 0 }}
          onFinish={(v) => {
            setExtra([]);
            mutation.mutate(v);
          }}
          style={{ maxWidth: 760 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="code"
                label={t('school.fields.code')}
                extra={t('school.form.codeHelp')}
                rules={editing ? [] : [required('school.fields.code'), { pattern: /^\d{10}$/, message: t('validation.schoolCode') }]}
              >
                <Input disabled={editing} inputMode="numeric" maxLength={10} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('school.fields.name')} rules={[required('school.fields.name'), { max: 64, message: t('validation.maxLength', { field: t('school.fields.name'), max: 64 }) }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="stage" label={t('school.fields.stage')} rules={[requiredSelect('school.fields.stage')]}>
                <Select options={STAGES.map((s) => ({ value: s, label: t(`school.stage.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="locale" label={t('school.fields.locale')} rules={[requiredSelect('school.fields.locale')]}>
                <Select options={LOCALES.map((l) => ({ value: l, label: t(`school.locale.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="township" label={t('school.fields.township')} rules={[required('school.fields.township'), { max: 32, message: t('validation.maxLength', { field: t('school.fields.township'), max: 32 }) }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t('school.fields.address')} rules={[{ max: 128, message: t('validation.maxLength', { field: t('school.fields.address'), max: 128 }) }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="studentCount" label={t('school.fields.studentCount')} rules={count('school.fields.studentCount', 20000)}>
                <InputNumber style={{ width: '100%' }} precision={0} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="teacherCount" label={t('school.fields.teacherCount')} rules={count('school.fields.teacherCount', 2000)}>
                <InputNumber style={{ width: '100%' }} precision={0} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="classCount" label={t('school.fields.classCount')} rules={count('school.fields.classCount', 500)}>
                <InputNumber style={{ width: '100%' }} precision={0} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}

export function SchoolFormPage() {
  const { id } = useParams();
  const school = useSchool(id);
  if (!id) return <SchoolFormBody />;
  return (
    <QueryBoundary isPending={school.isPending} error={school.error} refetch={school.refetch}>
      {() => school.data && <SchoolFormBody school={school.data} />}
    </QueryBoundary>
  );
}
