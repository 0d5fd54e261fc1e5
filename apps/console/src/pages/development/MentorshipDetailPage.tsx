import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { adminAllianceIds, adminSchoolIds, isDistrictAdmin } from '../../auth/roles';
import { formatDate, formatDateTime } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  COMMENT_SIDES, developmentKeys, LESSON_KINDS, useMentorship, type CommentSide, type MentorLessonKind, type MentorLessonView, type MentorMonthView,
  type MentorshipView, type RecordMentorLessonDto,
} from './api';

type LessonForm = Omit<RecordMentorLessonDto, 'month' | 'kind'>;

/** A month's lesson in the grid: done (green), missed (red), scheduled or not yet. */
function LessonCell({ lesson, month, onRecord, canRecord }: { lesson: MentorLessonView | null; month: MentorMonthView; onRecord: () => void; canRecord: boolean }) {
  const { t } = useTranslation();
  const state = lesson?.doneAt ? 'complete' : month.missed ? 'missed' : 'pending';
  return (
    <Space direction="vertical" size={2}>
      <Tag color={state === 'complete' ? 'green' : state === 'missed' ? 'red' : 'default'}>{t(`development.detail.${state}`)}</Tag>
      {lesson ? (
        <>
          <Typography.Text>{formatDate(lesson.scheduledOn)} {lesson.startsAt} · {lesson.place}</Typography.Text>
          {lesson.lessonPlanTitle ? <Typography.Text type="secondary">{lesson.lessonPlanTitle}</Typography.Text> : null}
          {lesson.videoUrl ? <a href={lesson.videoUrl} target="_blank" rel="noreferrer">{t('development.detail.video')}</a> : null}
        </>
      ) : <Typography.Text type="secondary">{t('development.detail.notScheduled')}</Typography.Text>}
      {canRecord && <Button size="small" onClick={onRecord}>{t('development.detail.record')}</Button>}
    </Space>
  );
}

/** One pair: its goals, the month grid of demo and report lessons (missed months in red), term-end comments and closing. */
export function MentorshipDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const pair = useMentorship(id);
  const [recording, setRecording] = useState<{ month: string; kind: MentorLessonKind } | undefined>();
  const [commenting, setCommenting] = useState<CommentSide | undefined>();
  const [lessonForm] = Form.useForm<LessonForm>();
  const [commentForm] = Form.useForm<{ text: string }>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);

  const refresh = async (view: MentorshipView) => {
    queryClient.setQueryData(developmentKeys.mentorship(id), view);
    await queryClient.invalidateQueries({ queryKey: developmentKeys.mentorships() });
  };
  const record = useMutation({
    mutationFn: (body: RecordMentorLessonDto) => unwrap(api.http.POST('/api/v1/teacher-exchange/mentorships/{id}/lessons', { params: { path: { id } }, body })),
    onSuccess: async (view) => { void message.success(t('development.detail.recorded')); setRecording(undefined); lessonForm.resetFields(); await refresh(view); },
    onError: (e) => setExtra(applyFieldErrors(lessonForm, e)),
  });
  const comment = useMutation({
    mutationFn: (body: { side: CommentSide; text: string }) => unwrap(api.http.POST('/api/v1/teacher-exchange/mentorships/{id}/comments', { params: { path: { id } }, body })),
    onSuccess: async (view) => { void message.success(t('development.detail.commented')); setCommenting(undefined); commentForm.resetFields(); await refresh(view); },
  });
  const close = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/teacher-exchange/mentorships/{id}/close', { params: { path: { id } } })),
    onSuccess: async (view) => { void message.success(t('development.detail.closed')); await refresh(view); },
  });

  if (pair.error) return <ProblemAlert error={pair.error} onRetry={() => void pair.refetch()} />;
  if (!pair.data) return <Card loading />;
  const p = pair.data;
  const schoolAdmin = isDistrictAdmin(me) || adminSchoolIds(me).some((s) => s === p.mentorSchoolId || s === p.apprenticeSchoolId);
  const manager = schoolAdmin || adminAllianceIds(me).includes(p.allianceId);
  const open = p.status === 'active';
  const openRecord = (month: MentorMonthView, kind: MentorLessonKind) => {
    const lesson = month[kind];
    setExtra([]);
    record.reset();
    lessonForm.setFieldsValue(lesson
      ? { scheduledOn: lesson.scheduledOn, startsAt: lesson.startsAt, place: lesson.place, lessonPlanId: lesson.lessonPlanId ?? undefined, videoUrl: lesson.videoUrl ?? undefined, reflection: lesson.reflection ?? undefined, done: Boolean(lesson.doneAt) }
      : { scheduledOn: `${month.month}-`, startsAt: '09:00', place: '', done: false });
    setRecording({ month: month.month, kind });
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>{p.mentorName} → {p.apprenticeName} <Tag color={open ? 'blue' : 'default'}>{t(`development.status.${p.status}`)}</Tag></Typography.Title>
        {manager && open && <Button onClick={() => close.mutate()} loading={close.isPending} title={t('development.detail.closeHint')}>{t('development.detail.close')}</Button>}
      </Space>
      {close.error ? <ProblemAlert error={close.error} showFieldErrors /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('development.fields.mentor')}>{p.mentorName}（{p.mentorSchoolName}）</Descriptions.Item>
          <Descriptions.Item label={t('development.fields.apprentice')}>{p.apprenticeName}（{p.apprenticeSchoolName}）</Descriptions.Item>
          <Descriptions.Item label={t('development.fields.term')}>{p.term}</Descriptions.Item>
          <Descriptions.Item label={t('development.fields.alliance')}>{p.allianceName}</Descriptions.Item>
          <Descriptions.Item label={t('development.fields.missedMonths')}><Typography.Text type={p.missedMonths ? 'danger' : undefined}>{p.missedMonths}</Typography.Text></Descriptions.Item>
          {p.closedAt ? <Descriptions.Item label={t('development.status.closed')}>{formatDateTime(p.closedAt)}</Descriptions.Item> : null}
          <Descriptions.Item label={t('development.fields.goals')} span={2}>{p.goals}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('development.detail.months')} style={{ marginBottom: 16 }}>
        {!schoolAdmin && <Typography.Paragraph type="secondary">{t('development.detail.readOnly')}</Typography.Paragraph>}
        <Table<MentorMonthView>
          rowKey="month"
          pagination={false}
          dataSource={p.months}
          rowClassName={(m) => (m.missed ? 'mentorship-missed' : '')}
          columns={[
            { title: t('development.fields.month'), dataIndex: 'month', render: (month: string, m) => <Typography.Text strong type={m.missed ? 'danger' : undefined}>{month}</Typography.Text> },
            ...LESSON_KINDS.map((kind) => ({
              title: t(`development.kind.${kind}`), key: kind,
              render: (_: unknown, m: MentorMonthView) => <LessonCell lesson={m[kind]} month={m} canRecord={schoolAdmin && open} onRecord={() => openRecord(m, kind)} />,
            })),
          ]}
        />
      </Card>
      <Card title={t('development.detail.comments')}>
        {comment.error ? <ProblemAlert error={comment.error} /> : null}
        <Descriptions column={1}>
          {COMMENT_SIDES.map((side) => (
            <Descriptions.Item key={side} label={t(`development.side.${side}`)}>
              <Space>
                <span>{p.comments[side] ?? '—'}</span>
                {schoolAdmin && open && <Button size="small" onClick={() => { commentForm.setFieldsValue({ text: p.comments[side] ?? '' }); setCommenting(side); }}>{t('development.detail.addComment')}</Button>}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Modal open={Boolean(recording)} title={recording ? t('development.detail.recordTitle', { month: recording.month, kind: t(`development.kind.${recording.kind}`) }) : ''}
        onCancel={() => setRecording(undefined)} onOk={() => lessonForm.submit()} confirmLoading={record.isPending} destroyOnHidden={false}>
        {record.error ? <ProblemAlert error={record.error} extraFieldErrors={extra} /> : null}
        <Form<LessonForm> form={lessonForm} layout="vertical" onFinish={(values) => {
          if (!recording) return;
          setExtra([]);
          record.mutate({
            ...recording, scheduledOn: values.scheduledOn, startsAt: values.startsAt, place: values.place, done: Boolean(values.done),
            ...(values.lessonPlanId ? { lessonPlanId: values.lessonPlanId.trim() } : {}),
            ...(values.videoUrl ? { videoUrl: values.videoUrl.trim() } : {}),
            ...(values.reflection ? { reflection: values.reflection } : {}),
          });
        }}>
          <Form.Item name="scheduledOn" label={t('development.fields.scheduledOn')} rules={[{ required: true, message: t('validation.required', { field: t('development.fields.scheduledOn') }) }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="startsAt" label={t('development.fields.startsAt')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('validation.required', { field: t('development.fields.startsAt') }) }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="place" label={t('development.fields.place')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.place') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="lessonPlanId" label={t('development.fields.lessonPlan')} extra={t('development.detail.planHelp')}>
            <Input />
          </Form.Item>
          <Form.Item name="videoUrl" label={t('development.fields.videoUrl')} rules={[{ type: 'url', message: t('development.fields.videoUrl') }]}>
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item name="reflection" label={t('development.fields.reflection')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="done" label={t('development.fields.done')} valuePropName="checked" extra={t('development.detail.doneHint')}>
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(commenting)} title={commenting ? t(`development.side.${commenting}`) : ''} onCancel={() => setCommenting(undefined)}
        onOk={() => commentForm.submit()} confirmLoading={comment.isPending}>
        <Form form={commentForm} layout="vertical" onFinish={(values: { text: string }) => commenting && comment.mutate({ side: commenting, text: values.text })}>
          <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('validation.required', { field: commenting ? t(`development.side.${commenting}`) : '' }) }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
