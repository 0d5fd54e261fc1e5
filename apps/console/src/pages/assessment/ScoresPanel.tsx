import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, sortOrderOf, toSort } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { useCorrections, useCorrectScore, useScores, type ExamView, type ScoreCorrectionView, type ScoreQuery, type StudentScoresView } from './api';

/** Scores by student (paged, searchable) with a correction dialog, and the corrections made so far. */
/** What a subject without a score shows: the student's absent or exempt mark, or that nothing is entered yet. */
function useNoScore(): (student: StudentScoresView, subject: string) => string {
  const { t } = useTranslation();
  return (student, subject) => {
    const status = student.statuses[subject];
    return status === 'absent' ? t('assessment.scores.absent') : status === 'exempt' ? t('assessment.scores.exempt') : t('assessment.scores.notEntered');
  };
}

export function ScoresPanel({ exam }: { exam: ExamView }) {
  const { t } = useTranslation();
  const noScore = useNoScore();
  const [query, setQuery] = useState<ScoreQuery>({ page: 1, pageSize: 20, sort: 'studentNo' });
  const [correcting, setCorrecting] = useState<StudentScoresView | undefined>();
  const scores = useScores(exam.id, query);
  const corrections = useCorrections(exam.id);
  const update = (patch: Partial<ScoreQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('assessment.scores.searchPlaceholder')} aria-label={t('common.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Select allowClear placeholder={t('assessment.scores.school')} aria-label={t('assessment.scores.school')} style={{ width: 220 }} value={query.schoolId} onChange={(schoolId?: string) => update({ schoolId })}
            options={exam.schools.map((s) => ({ value: s.schoolId, label: s.schoolName ?? s.schoolId }))} />
        </Space>
        {scores.error ? <ProblemAlert error={scores.error} onRetry={() => void scores.refetch()} /> : null}
        <Table<StudentScoresView>
          rowKey="studentNo"
          size="small"
          loading={scores.isFetching}
          dataSource={scores.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? 'studentNo' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: scores.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{ emptyText: scores.isPending ? ' ' : <EmptyState title={t('assessment.scores.empty')} hint={t('assessment.scores.emptyHint')} /> }}
          scroll={{ x: true }}
          columns={[
            { title: t('assessment.scores.studentNo'), dataIndex: 'studentNo', sorter: true, sortOrder: sortOrderOf(query.sort, 'studentNo') },
            { title: t('assessment.scores.studentName'), dataIndex: 'studentName', sorter: true, sortOrder: sortOrderOf(query.sort, 'studentName') },
            { title: t('assessment.scores.school'), dataIndex: 'schoolName' },
            { title: t('assessment.scores.className'), dataIndex: 'className', sorter: true, sortOrder: sortOrderOf(query.sort, 'className') },
            ...exam.subjects.map((s) => ({
              title: s.name, key: s.name, align: 'right' as const,
              render: (_: unknown, row: StudentScoresView) => row.scores[s.name] ?? <Typography.Text type="secondary">{noScore(row, s.name)}</Typography.Text>,
            })),
            ...(exam.canEnterScores ? [{
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, row: StudentScoresView) => <Button size="small" onClick={() => setCorrecting(row)}>{t('assessment.scores.correct')}</Button>,
            }] : []),
          ]}
        />
      </Card>
      <Card title={t('assessment.scores.corrections')}>
        <Table<ScoreCorrectionView> size="small" rowKey="id" loading={corrections.isFetching} dataSource={corrections.data?.items ?? []} pagination={false} columns={[
          { title: t('assessment.scores.studentNo'), dataIndex: 'studentNo' },
          { title: t('assessment.scores.studentName'), dataIndex: 'studentName' },
          { title: t('assessment.fields.subject'), dataIndex: 'subject' },
          { title: t('assessment.scores.before'), dataIndex: 'before', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('assessment.scores.after'), dataIndex: 'after', align: 'right' },
          { title: t('assessment.scores.reason'), dataIndex: 'reason' },
          { title: t('assessment.scores.correctedBy'), dataIndex: 'correctedBy' },
          { title: t('assessment.scores.correctedAt'), dataIndex: 'correctedAt', render: formatDateTime },
        ]} />
      </Card>
      {correcting && <CorrectionDialog exam={exam} student={correcting} onClose={() => setCorrecting(undefined)} />}
    </Space>
  );
}

function CorrectionDialog({ exam, student, onClose }: { exam: ExamView; student: StudentScoresView; onClose: () => void }) {
  const { t } = useTranslation();
  const noScore = useNoScore();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ subject: string; score: number; reason: string }>();
  const [error, setError] = useState<unknown>();
  const correct = useCorrectScore(exam.id);
  const subject = Form.useWatch('subject', form);
  const full = exam.subjects.find((s) => s.name === subject)?.fullMarks ?? 300;

  const submit = async (values: { subject: string; score: number; reason: string }) => {
    setError(undefined);
    try {
      await correct.mutateAsync({ studentNo: student.studentNo, subject: values.subject, score: values.score, reason: values.reason.trim() });
      message.success(t('assessment.scores.corrected'));
      onClose();
    } catch (e) {
      if (applyFieldErrors(form, e).length || !(e as { errors?: unknown[] }).errors?.length) setError(e);
    }
  };

  return (
    <Modal open title={t('assessment.scores.correctTitle', { name: student.studentName, no: student.studentNo })} okText={t('common.save')} cancelText={t('common.cancel')}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={correct.isPending}>
      {error ? <ProblemAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ subject: exam.subjects[0]?.name, score: student.scores[exam.subjects[0]?.name ?? ''] }}
        onValuesChange={(changed: { subject?: string }) => { if (changed.subject) form.setFieldValue('score', student.scores[changed.subject]); }}>
        <Form.Item name="subject" label={t('assessment.fields.subject')} rules={[{ required: true }]}>
          <Select options={exam.subjects.map((s) => ({ value: s.name, label: `${s.name}（${student.scores[s.name] ?? noScore(student, s.name)}）` }))} />
        </Form.Item>
        <Form.Item name="score" label={t('assessment.scores.newScore')} rules={[{ required: true, message: t('assessment.form.required', { field: t('assessment.scores.newScore') }) }]}>
          <InputNumber min={0} max={full} step={0.5} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('assessment.scores.reason')} extra={t('assessment.scores.reasonHint')}
          rules={[{ required: true, whitespace: true, message: t('assessment.form.required', { field: t('assessment.scores.reason') }) }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
