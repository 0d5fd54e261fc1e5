import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAlliance } from '../../api/queries';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryBoundary } from '../../components/states';
import { BodyPicker } from '../organisation/BodyPicker';
import {
  ACTIVITY_KINDS, activityKeys, fromShanghaiWallClock, GRADES, toShanghaiWallClock, useActivity, useActivityAlliances,
  type ActivityKind, type ActivityView, type CreateActivityDto,
} from './api';

interface Values {
  allianceId: string;
  organiserSchoolId: string;
  bodyId?: string | null;
  kind: ActivityKind;
  title: string;
  description?: string;
  period: [Dayjs, Dayjs];
  placeKind: 'school' | 'facility' | 'online';
  placeSchoolId?: string;
  facilityName?: string;
  url?: string;
  teachers: boolean;
  studentGrades: number[];
  parents: boolean;
  capacityPerSchool?: number | null;
  freq: 'none' | 'weekly' | 'monthly';
  interval?: number;
  endBy?: 'count' | 'until';
  count?: number;
  until?: Dayjs;
}

/** Where the API's field names land on this form. */
const FIELD_ALIASES: Record<string, string> = {
  startsAt: 'period', endsAt: 'period', 'place.kind': 'placeKind', 'place.schoolId': 'placeSchoolId', 'place.facilityName': 'facilityName', 'place.url': 'url',
  audience: 'teachers', 'audience.studentGrades': 'studentGrades', recurrence: 'freq', 'recurrence.interval': 'interval', 'recurrence.count': 'count', 'recurrence.until': 'until',
};

function toDto(v: Values): CreateActivityDto {
  return {
    allianceId: v.allianceId, organiserSchoolId: v.organiserSchoolId, bodyId: v.bodyId || undefined, kind: v.kind, title: v.title.trim(), description: v.description?.trim() || undefined,
    startsAt: fromShanghaiWallClock(v.period[0]), endsAt: fromShanghaiWallClock(v.period[1]),
    place: {
      kind: v.placeKind, schoolId: v.placeKind === 'online' ? undefined : v.placeSchoolId || undefined,
      facilityName: v.placeKind === 'online' ? undefined : v.facilityName?.trim() || undefined, url: v.placeKind === 'online' ? v.url?.trim() : undefined,
    },
    audience: { teachers: Boolean(v.teachers), studentGrades: v.studentGrades ?? [], parents: Boolean(v.parents) },
    capacityPerSchool: v.capacityPerSchool ?? null,
    recurrence: v.freq === 'none' ? null : {
      freq: v.freq, interval: v.interval ?? 1, ...(v.endBy === 'until' ? { until: v.until?.format('YYYY-MM-DD') } : { count: v.count ?? 1 }),
    },
  };
}

function fromActivity(a: ActivityView): Partial<Values> {
  return {
    allianceId: a.alliance.id, organiserSchoolId: a.organiserSchool.id, bodyId: a.bodyId, kind: a.kind, title: a.title, description: a.description ?? undefined,
    period: [toShanghaiWallClock(a.startsAt), toShanghaiWallClock(a.endsAt)], placeKind: a.place.kind, placeSchoolId: a.place.school?.id,
    facilityName: a.place.facilityName ?? undefined, url: a.place.url ?? undefined, teachers: a.audience.teachers, studentGrades: a.audience.studentGrades,
    parents: a.audience.parents, capacityPerSchool: a.capacityPerSchool, freq: a.recurrence?.freq ?? 'none', interval: a.recurrence?.interval ?? 1,
    endBy: a.recurrence?.until ? 'until' : 'count', count: a.recurrence?.count ?? 4, until: a.recurrence?.until ? toShanghaiWallClock(`${a.recurrence.until}T04:00:00Z`) : undefined,
  };
}

/** Schedule an activity, or edit one (`/activities/:id/edit`). */
export function ActivityFormPage() {
  const { id } = useParams();
  const existing = useActivity(id);
  if (!id) return <ActivityForm />;
  return <QueryBoundary isPending={existing.isPending} error={existing.error} refetch={existing.refetch}>{() => <ActivityForm activity={existing.data} />}</QueryBoundary>;
}

function ActivityForm({ activity }: { activity?: ActivityView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [unmatched, setUnmatched] = useState<unknown>();
  const alliances = useActivityAlliances();
  const allianceId = Form.useWatch('allianceId', form);
  const placeKind = Form.useWatch('placeKind', form);
  const freq = Form.useWatch('freq', form);
  const endBy = Form.useWatch('endBy', form);
  const alliance = useAlliance(allianceId);
  const schools = (alliance.data?.members ?? []).filter((m) => m.status === 'active').map((m) => ({ value: m.school.id, label: m.school.name }));
  useEffect(() => { if (activity) form.setFieldsValue(fromActivity(activity)); }, [activity, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const dto = toDto(v);
      if (!activity) return unwrap(api.http.POST('/api/v1/activities', { body: dto }));
      const { allianceId: _a, organiserSchoolId: _o, ...changes } = dto;
      // a cleared body picker removes the link
      return unwrap(api.http.PATCH('/api/v1/activities/{id}', { params: { path: { id: activity.id } }, body: { ...changes, bodyId: v.bodyId || null } }));
    },
    onSuccess: async (saved) => {
      void message.success(t('activities.form.saved'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      void navigate(`/activities/${saved.id}`);
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, FIELD_ALIASES);
      setUnmatched(rest.length || !(e as { errors?: unknown[] }).errors?.length ? e : undefined);
    },
  });
  const required = (field: string) => ({ required: true, message: t('validation.required', { field: t(`activities.fields.${field}`) }) });

  return (
    <>
      <Typography.Title level={1}>{t(activity ? 'activities.form.editTitle' : 'activities.form.createTitle')}</Typography.Title>
      <Card>
        {unmatched ? <ProblemAlert error={unmatched} /> : null}
        <Form<Values>
          form={form} layout="vertical" style={{ maxWidth: 760 }} onFinish={(v) => { setUnmatched(undefined); save.mutate(v); }}
          initialValues={{ placeKind: 'school', teachers: true, studentGrades: [], parents: false, freq: 'none', interval: 1, endBy: 'count', count: 4, kind: 'discussion' }}
        >
          <Form.Item name="allianceId" label={t('activities.fields.alliance')} rules={[required('alliance')]} extra={t('activities.form.allianceHint')}>
            <Select disabled={Boolean(activity)} loading={alliances.isPending} options={(alliances.data?.alliances ?? []).filter((a) => a.status === 'active').map((a) => ({ value: a.allianceId, label: a.name }))} onChange={() => form.setFieldsValue({ organiserSchoolId: undefined, placeSchoolId: undefined, bodyId: undefined })} />
          </Form.Item>
          <Form.Item name="organiserSchoolId" label={t('activities.fields.organiser')} rules={[required('organiser')]}>
            <Select disabled={Boolean(activity)} loading={alliance.isFetching} options={schools} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="bodyId" label={t('organisation.picker.activityBody')} extra={t('organisation.picker.hint')}>
            <BodyPicker allianceId={allianceId} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="kind" label={t('activities.fields.kind')} rules={[required('kind')]}>
              <Select style={{ width: 220 }} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="capacityPerSchool" label={t('activities.fields.capacity')}>
              <InputNumber min={1} max={10000} placeholder={t('activities.form.unlimited')} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label={t('activities.fields.title')} rules={[required('title'), { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="description" label={t('activities.fields.description')} rules={[{ max: 4000 }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="period" label={t('activities.fields.time')} rules={[required('time')]} extra={t('activities.form.timeZoneHint')}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="placeKind" label={t('activities.fields.placeKind')}>
            <Radio.Group options={(['school', 'facility', 'online'] as const).map((k) => ({ value: k, label: t(`activities.placeKind.${k}`) }))} />
          </Form.Item>
          {placeKind !== 'online' && (
            <Space size="large" wrap>
              <Form.Item name="placeSchoolId" label={t('activities.fields.placeSchool')} rules={placeKind === 'school' ? [required('placeSchool')] : []}>
                <Select allowClear style={{ width: 280 }} options={schools} />
              </Form.Item>
              <Form.Item name="facilityName" label={t('activities.fields.facilityName')} rules={placeKind === 'facility' ? [required('facilityName'), { max: 100 }] : [{ max: 100 }]}>
                <Input style={{ width: 280 }} />
              </Form.Item>
            </Space>
          )}
          {placeKind === 'online' && (
            <Form.Item name="url" label={t('activities.fields.url')} rules={[required('url'), { type: 'url' }]}><Input placeholder="https://" /></Form.Item>
          )}
          <Form.Item label={t('activities.fields.audience')} required>
            <Space wrap>
              <Form.Item name="teachers" valuePropName="checked" noStyle><Checkbox>{t('activities.fields.teachers')}</Checkbox></Form.Item>
              <Form.Item name="parents" valuePropName="checked" noStyle><Checkbox>{t('activities.fields.parents')}</Checkbox></Form.Item>
              <Form.Item name="studentGrades" noStyle>
                <Select mode="multiple" allowClear style={{ minWidth: 280 }} placeholder={t('activities.fields.studentGrades')} aria-label={t('activities.fields.studentGrades')} options={GRADES.map((g) => ({ value: g, label: t('activities.list.gradeOption', { grade: g }) }))} />
              </Form.Item>
            </Space>
          </Form.Item>
          <Space size="large" wrap align="start">
            <Form.Item name="freq" label={t('activities.fields.repeat')}>
              <Select style={{ width: 160 }} options={[{ value: 'none', label: t('activities.form.none') }, { value: 'weekly', label: t('activities.freq.weekly') }, { value: 'monthly', label: t('activities.freq.monthly') }]} />
            </Form.Item>
            {freq && freq !== 'none' && (
              <>
                <Form.Item name="interval" label={t('activities.fields.interval')} rules={[required('interval')]}>
                  <InputNumber min={1} max={12} addonAfter={freq === 'weekly' ? t('activities.form.intervalWeeks', { n: '' }) : t('activities.form.intervalMonths', { n: '' })} />
                </Form.Item>
                <Form.Item name="endBy" label={t('activities.fields.endBy')}>
                  <Radio.Group options={[{ value: 'count', label: t('activities.form.byCount') }, { value: 'until', label: t('activities.form.byUntil') }]} />
                </Form.Item>
                {endBy === 'until'
                  ? <Form.Item name="until" label={t('activities.fields.until')} rules={[required('until')]}><DatePicker /></Form.Item>
                  : <Form.Item name="count" label={t('activities.fields.count')} rules={[required('count')]}><InputNumber min={1} max={200} /></Form.Item>}
              </>
            )}
          </Space>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
