import { App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type Schemas } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin } from '../../auth/roles';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { QueryBoundary } from '../../components/states';
import { RANKS, SUBJECTS, teacherExchangeKeys, TITLES, useTeacher, type TeacherView } from './api';

type TeacherForm = Schemas['CreateTeacherDto'];

function TeacherFormBody({ teacher }: { teacher?: TeacherView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { districtId } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TeacherForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const ownSchools = adminSchoolIds(me);

  useEffect(() => {
    if (teacher) form.setFieldsValue(teacher);
    else form.setFieldsValue({ gender: 'female', title: 'unrated', rank: 'none', middleManager: false, schoolId: isDistrictAdmin(me) ? undefined : ownSchools[0] });
  }, [teacher, form]); // eslint-disable-line react-hooks/exhaustive-deps -- fill once per teacher

  const mutation = useMutation({
    mutationFn: (values: TeacherForm): Promise<TeacherView> => {
      const body = { ...values, staffNo: values.staffNo.trim(), name: values.name.trim() };
      if (teacher) {
        const { schoolId: _ignored, ...changes } = body;
        return unwrap(api.http.PATCH('/api/v1/teacher-exchange/teachers/{id}', { params: { path: { id: teacher.id } }, body: changes }));
      }
      return unwrap(api.http.POST('/api/v1/teacher-exchange/teachers', { body }));
    },
    onSuccess: async () => {
      void message.success(teacher ? t('common.saved') : t('teacherExchange.teacherForm.created'));
      await queryClient.invalidateQueries({ queryKey: teacherExchangeKeys.teachers() });
      void navigate('/teacher-exchange/teachers');
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });

  const required = (key: string) => ({ required: true, message: t('validation.required', { field: t(key) }) });
  return (
    <>
      <Typography.Title level={1}>{teacher ? t('teacherExchange.teacherForm.editTitle') : t('teacherExchange.teacherForm.createTitle')}</Typography.Title>
      <Card>
        {mutation.error ? <ProblemAlert error={mutation.error} extraFieldErrors={extra} /> : null}
        <Form<TeacherForm> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} disabled={mutation.isPending}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {teacher ? (
                <Form.Item label={t('teacherExchange.fields.school')}>
                  <Input value={teacher.schoolName} disabled />
                </Form.Item>
              ) : (
                <Form.Item name="schoolId" label={t('teacherExchange.fields.school')} rules={[required('teacherExchange.fields.school')]}>
                  <SchoolSelect districtId={districtId} />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="staffNo" label={t('teacherExchange.fields.staffNo')} extra={t('teacherExchange.teacherForm.staffNoHint')}
                rules={[required('teacherExchange.fields.staffNo'), { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('teacherExchange.teacherForm.staffNoFormat') }]}>
                <Input maxLength={32} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="name" label={t('teacherExchange.fields.name')} rules={[{ ...required('teacherExchange.fields.name'), whitespace: true }]}>
                <Input maxLength={32} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="gender" label={t('teacherExchange.fields.gender')} rules={[required('teacherExchange.fields.gender')]}>
                <Radio.Group options={(['female', 'male'] as const).map((g) => ({ value: g, label: t(`teacherExchange.gender.${g}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="subjects" label={t('teacherExchange.fields.subjects')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.requiredSelect', { field: t('teacherExchange.fields.subjects') }) }]}>
                <Select mode="multiple" maxCount={5} showSearch={{ optionFilterProp: 'label' }} options={SUBJECTS.map((s) => ({ value: s, label: t(`teacherExchange.subject.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="title" label={t('teacherExchange.fields.title')} rules={[required('teacherExchange.fields.title')]}>
                <Select options={TITLES.map((v) => ({ value: v, label: t(`teacherExchange.title.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="rank" label={t('teacherExchange.fields.rank')} rules={[required('teacherExchange.fields.rank')]}>
                <Select options={RANKS.map((v) => ({ value: v, label: t(`teacherExchange.rank.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="middleManager" label={t('teacherExchange.fields.middleManager')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={mutation.isPending}>{t('common.save')}</Button>
            <Button onClick={() => navigate('/teacher-exchange/teachers')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}

export function TeacherFormPage() {
  const { id } = useParams();
  const teacher = useTeacher(id);
  if (!id) return <TeacherFormBody />;
  return <QueryBoundary isPending={teacher.isPending} error={teacher.error} refetch={teacher.refetch}>{() => <TeacherFormBody teacher={teacher.data} />}</QueryBoundary>;
}
