import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAlliance, useAlliances } from '../../api/queries';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCreateExam, useUpdateExam, type ExamView } from './api';

interface SubjectRow { name: string; fullMarks: number; passLine?: number | null; excellentLine?: number | null; lowLine?: number | null }
interface SchoolRow { schoolId: string; classes?: string[] }
interface FormValues { allianceId: string; term: string; grade: string; name: string; subjects: SubjectRow[]; schools: SchoolRow[] }

const DEFAULT_SUBJECTS: SubjectRow[] = [{ name: '语文', fullMarks: 100 }, { name: '数学', fullMarks: 100 }, { name: '英语', fullMarks: 100 }];
const clean = (n: number | null | undefined): number | undefined => (n === null || n === undefined ? undefined : n);

/** Creates an exam, or edits a draft one: alliance, term, grade, name, subjects with lines, schools with classes. */
export function ExamFormModal({ open, onClose, exam }: { open: boolean; onClose: () => void; exam?: ExamView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>();
  const create = useCreateExam();
  const update = useUpdateExam(exam?.id ?? '');
  const allianceId = Form.useWatch('allianceId', form) ?? exam?.allianceId;
  const alliances = useAlliances({ status: 'active', pageSize: 100, sort: 'name' });
  const alliance = useAlliance(allianceId);
  const members = (alliance.data?.members ?? []).filter((m) => m.status === 'active');

  const submit = async (values: FormValues) => {
    setError(undefined);
    const body = {
      term: values.term.trim(), grade: values.grade.trim(), name: values.name.trim(),
      subjects: values.subjects.map((s) => ({ name: s.name.trim(), fullMarks: s.fullMarks, passLine: clean(s.passLine), excellentLine: clean(s.excellentLine), lowLine: clean(s.lowLine) })),
      schools: values.schools.map((s) => ({ schoolId: s.schoolId, classes: s.classes ?? [] })),
    };
    try {
      if (exam) {
        await update.mutateAsync(body);
        message.success(t('assessment.form.saved'));
        onClose();
      } else {
        const created = await create.mutateAsync({ ...body, allianceId: values.allianceId });
        message.success(t('assessment.form.created'));
        onClose();
        void navigate(`/assessment/exams/${created.id}`);
      }
    } catch (e) {
      const rest = applyFieldErrors(form, e);
      if (rest.length || !(e as { errors?: unknown[] }).errors?.length) setError(e);
    }
  };

  const required = (field: string) => [{ required: true, message: t('assessment.form.required', { field: t(`assessment.fields.${field}`) }) }];

  return (
    <Modal
      open={open}
      width={880}
      title={exam ? t('assessment.form.editTitle') : t('assessment.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={exam ? {
          allianceId: exam.allianceId, term: exam.term, grade: exam.grade, name: exam.name,
          subjects: exam.subjects, schools: exam.schools.map((s) => ({ schoolId: s.schoolId, classes: s.classes })),
        } : { term: '2026-2027-1', subjects: DEFAULT_SUBJECTS, schools: [] }}
      >
        <Space wrap align="start">
          <Form.Item name="allianceId" label={t('assessment.fields.alliance')} rules={required('alliance')} style={{ width: 260 }}>
            <Select disabled={!!exam} loading={alliances.isPending} options={(alliances.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              onChange={() => form.setFieldValue('schools', [])} />
          </Form.Item>
          <Form.Item name="term" label={t('assessment.fields.term')} rules={[...required('term'), { pattern: /^\d{4}-\d{4}-[12]$/, message: t('assessment.form.termFormat') }]} style={{ width: 150 }}>
            <Input placeholder={t('assessment.list.termPlaceholder')} />
          </Form.Item>
          <Form.Item name="grade" label={t('assessment.fields.grade')} rules={required('grade')} style={{ width: 120 }}>
            <Input placeholder="七年级" maxLength={16} />
          </Form.Item>
          <Form.Item name="name" label={t('assessment.fields.name')} rules={required('name')} style={{ width: 240 }}>
            <Input placeholder="期中统一检测" maxLength={64} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('assessment.fields.subjects')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('assessment.fields.linesHint')}</Typography.Paragraph>
        <Form.List name="subjects">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                columns={[
                  { title: t('assessment.fields.subject'), render: (_, f) => <Form.Item name={[f.name, 'name']} rules={required('subject')} noStyle><Input aria-label={t('assessment.fields.subject')} maxLength={16} /></Form.Item> },
                  { title: t('assessment.fields.fullMarks'), render: (_, f) => <Form.Item name={[f.name, 'fullMarks']} rules={required('fullMarks')} noStyle><InputNumber aria-label={t('assessment.fields.fullMarks')} min={1} max={300} /></Form.Item> },
                  ...(['passLine', 'excellentLine', 'lowLine'] as const).map((line) => ({
                    title: t(`assessment.fields.${line}`),
                    render: (_: unknown, f: { name: number }) => <Form.Item name={[f.name, line]} noStyle><InputNumber aria-label={t(`assessment.fields.${line}`)} min={0} max={300} /></Form.Item>,
                  })),
                  { title: '', width: 60, render: (_, f) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('assessment.form.removeSubject')} onClick={() => remove(f.name)} disabled={fields.length <= 1} /> },
                ]}
              />
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', fullMarks: 100 })} style={{ margin: '8px 0 16px' }}>{t('assessment.form.addSubject')}</Button>
            </>
          )}
        </Form.List>
        <Typography.Text strong>{t('assessment.fields.schools')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{allianceId ? t('assessment.fields.classesHint') : t('assessment.form.chooseAlliance')}</Typography.Paragraph>
        <Form.List name="schools">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'schoolId']} rules={required('schools')} style={{ width: 260 }}>
                    <Select aria-label={t('assessment.fields.schools')} options={members.map((m) => ({ value: m.school.id, label: m.school.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'classes']} style={{ width: 420 }}>
                    <Select mode="tags" aria-label={t('assessment.fields.classes')} placeholder={t('assessment.fields.classes')} tokenSeparators={[',', '，', '、']} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('assessment.form.removeSubject')} />
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} disabled={!allianceId} onClick={() => add({ classes: [] })}>{t('assessment.fields.schools')}</Button>
                <Button disabled={!allianceId || !members.length} onClick={() => form.setFieldValue('schools', members.map((m) => ({ schoolId: m.school.id, classes: [] })))}>
                  {t('common.all')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
