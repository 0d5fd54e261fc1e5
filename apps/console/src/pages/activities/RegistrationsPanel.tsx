import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAlliance } from '../../api/queries';
import { useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin, mySchool } from '../../auth/roles';
import { EChart } from '../../components/EChart';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import {
  activityKeys, GRADES, shanghaiDateTime, useAttendance, useRegistrations, type ActivityView, type ParticipantKind, type RegistrationQuery, type RegistrationView,
} from './api';

/** Registered vs checked-in per school with each school's places, the registrations, and the register dialog. */
export function RegistrationsPanel({ activity, occurrenceStart }: { activity: ActivityView; occurrenceStart: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState<RegistrationQuery>({ page: 1, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  const attendance = useAttendance(activity.id, occurrenceStart);
  const registrations = useRegistrations(activity.id, { ...query, occurrenceStart });
  const mayCheckIn = (r: RegistrationView): boolean => activity.canManage || isDistrictAdmin(me) || adminSchoolIds(me).includes(r.school.id);
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'check-in' | 'cancel' }) =>
      action === 'check-in'
        ? unwrap(api.http.POST('/api/v1/activities/registrations/{id}/check-in', { params: { path: { id } } }))
        : unwrap(api.http.POST('/api/v1/activities/registrations/{id}/cancel', { params: { path: { id } } })),
    onSuccess: async (_r, v) => {
      void message.success(t(v.action === 'check-in' ? 'activities.detail.checkedIn' : 'activities.detail.cancelled'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const schools = useMemo(() => attendance.data?.schools ?? [], [attendance.data]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [t('activities.detail.capacitySeries'), t('activities.detail.registeredSeries'), t('activities.detail.checkedInSeries')] },
    grid: { left: 140, right: 24, top: 36, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: schools.map((s) => s.school.name), inverse: true },
    series: [
      { name: t('activities.detail.capacitySeries'), type: 'bar', data: schools.map((s) => s.capacity ?? Math.max(s.registered, 1)), itemStyle: { color: '#e8e8e8' }, barGap: '-100%', barWidth: 18, z: 1 },
      { name: t('activities.detail.registeredSeries'), type: 'bar', data: schools.map((s) => s.registered), itemStyle: { color: '#5b8ff9' }, barWidth: 10, z: 2 },
      { name: t('activities.detail.checkedInSeries'), type: 'bar', data: schools.map((s) => s.checkedIn), itemStyle: { color: '#1f6f5c' }, barWidth: 10, z: 3 },
    ],
  }), [schools, t]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('activities.detail.attendance')} size="small">
        {attendance.error ? <ProblemAlert error={attendance.error} onRetry={() => void attendance.refetch()} /> : null}
        {schools.length ? <EChart label={t('activities.detail.attendance')} option={option} height={Math.max(160, schools.length * 40 + 60)} /> : <EmptyState title={t('activities.detail.attendanceEmpty')} />}
      </Card>
      <Card
        size="small" title={t('activities.detail.registrations')}
        extra={activity.status === 'scheduled' && <Button type="primary" onClick={() => setRegistering(true)}>{t('activities.detail.register')}</Button>}
      >
        {registrations.error ? <ProblemAlert error={registrations.error} onRetry={() => void registrations.refetch()} /> : null}
        <Table<RegistrationView>
          rowKey="id" size="small" loading={registrations.isFetching} dataSource={registrations.data?.items ?? []}
          pagination={{ current: query.page, pageSize: query.pageSize, total: registrations.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
          locale={{ emptyText: registrations.isPending ? ' ' : <EmptyState title={t('activities.detail.noRegistrations')} hint={t('activities.detail.noRegistrationsHint')} /> }}
          columns={[
            { title: t('activities.fields.participant'), dataIndex: 'participantName' },
            { title: t('activities.fields.participantKind'), dataIndex: 'participantKind', render: (k: ParticipantKind, r) => `${t(`activities.participantKind.${k}`)}${r.grade ? ` · ${t('activities.list.gradeOption', { grade: r.grade })}` : ''}` },
            { title: t('activities.fields.school'), dataIndex: ['school', 'name'] },
            { title: t('activities.fields.occurrence'), dataIndex: 'occurrenceStart', render: (s: string) => shanghaiDateTime(s) },
            { title: t('activities.fields.status'), dataIndex: 'status', render: (s: RegistrationView['status'], r) => r.checkedInAt ? <Tag color="green">{t('activities.detail.checkedIn')}</Tag> : <Tag color={s === 'cancelled' ? 'default' : 'blue'}>{t(`activities.registrationStatus.${s}`)}</Tag> },
            {
              title: t('common.actions'), key: 'actions',
              render: (_, r) => r.status === 'registered' && !r.checkedInAt && (
                <Space>
                  {mayCheckIn(r) && <Button size="small" type="primary" loading={act.isPending && act.variables?.id === r.id} onClick={() => act.mutate({ id: r.id, action: 'check-in' })}>{t('activities.detail.checkIn')}</Button>}
                  <Button size="small" onClick={() => act.mutate({ id: r.id, action: 'cancel' })}>{t('activities.detail.cancelRegistration')}</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RegisterModal activity={activity} occurrenceStart={occurrenceStart} open={registering} onClose={() => setRegistering(false)} />
    </Space>
  );
}

interface RegisterValues { schoolId: string; participantKind: ParticipantKind; participantName: string; grade?: number; note?: string }

function RegisterModal({ activity, occurrenceStart, open, onClose }: { activity: ActivityView; occurrenceStart: string | undefined; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RegisterValues>();
  const [error, setError] = useState<unknown>();
  const alliance = useAlliance(open ? activity.alliance.id : undefined);
  const kind = Form.useWatch('participantKind', form);
  const own = mySchool(me)?.id;
  const schools = (alliance.data?.members ?? []).filter((m) => m.status === 'active' && (activity.canManage || isDistrictAdmin(me) || m.school.id === own))
    .map((m) => ({ value: m.school.id, label: m.school.name }));
  const kinds = (['teacher', 'student', 'parent'] as const).filter((k) => (k === 'teacher' ? activity.audience.teachers : k === 'parent' ? activity.audience.parents : activity.audience.studentGrades.length > 0));
  const register = useMutation({
    mutationFn: (v: RegisterValues) => unwrap(api.http.POST('/api/v1/activities/{id}/registrations', {
      params: { path: { id: activity.id } }, body: { ...v, participantName: v.participantName.trim(), occurrenceStart, grade: v.participantKind === 'student' ? v.grade : undefined },
    })),
    onSuccess: async () => {
      void message.success(t('activities.detail.registered'));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
    onError: (e) => { const rest = applyFieldErrors(form, e); setError(rest.length || !(e as { errors?: unknown[] }).errors?.length ? e : undefined); },
  });
  return (
    <Modal title={t('activities.detail.registerTitle')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('activities.detail.register')} cancelText={t('common.cancel')} confirmLoading={register.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{activity.title} · {shanghaiDateTime(occurrenceStart ?? activity.startsAt)}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Form<RegisterValues> form={form} layout="vertical" initialValues={{ schoolId: schools.length === 1 ? schools[0]?.value : own, participantKind: kinds[0] }} onFinish={(v) => { setError(undefined); register.mutate(v); }}>
        <Form.Item name="schoolId" label={t('activities.fields.school')} rules={[{ required: true, message: t('validation.required', { field: t('activities.fields.school') }) }]}>
          <Select options={schools} loading={alliance.isPending} />
        </Form.Item>
        <Form.Item name="participantKind" label={t('activities.fields.participantKind')} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(`activities.participantKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="participantName" label={t('activities.fields.participant')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('activities.fields.participant') }) }, { max: 64 }]}>
          <Input />
        </Form.Item>
        {kind === 'student' && (
          <Form.Item name="grade" label={t('activities.fields.grade')} rules={[{ required: true, message: t('validation.required', { field: t('activities.fields.grade') }) }]}>
            <Select options={GRADES.filter((g) => activity.audience.studentGrades.includes(g)).map((g) => ({ value: g, label: t('activities.list.gradeOption', { grade: g }) }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('activities.fields.note')} rules={[{ max: 200 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
