import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin, mySchool, ownDistrictId } from '../../auth/roles';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { EmptyState } from '../../components/states';
import { curriculumKeys, FACILITY_KINDS, useFacilities, type FacilityKind, type FacilityQuery, type FacilityView } from './api';

/** Facilities of the user's school and its alliance partners, per school; school admins register theirs; staff book. */
export function FacilitiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [query, setQuery] = useState<FacilityQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [booking, setBooking] = useState<FacilityView | undefined>();
  const facilities = useFacilities(query);
  const canCreate = isDistrictAdmin(me) || adminSchoolIds(me).length > 0;
  const canBook = Boolean(mySchool(me)) || isDistrictAdmin(me);
  const filtered = Boolean(query.q || query.kind || query.schoolId);
  const update = (patch: Partial<FacilityQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('curriculum.facilities.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('curriculum.facilities.subtitle')}</Typography.Text>
        </div>
        {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('curriculum.facilities.create')}</Button>}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('curriculum.facilities.searchPlaceholder')} aria-label={t('common.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Select<FacilityKind>
            allowClear placeholder={t('curriculum.fields.kind')} aria-label={t('curriculum.fields.kind')} style={{ width: 140 }} value={query.kind}
            onChange={(kind) => update({ kind })} options={FACILITY_KINDS.map((k) => ({ value: k, label: t(`curriculum.kind.${k}`) }))}
          />
          <div style={{ width: 220 }}>
            <SchoolSelect districtId={ownDistrictId(me)} placeholder={t('curriculum.fields.owningSchool')} value={query.schoolId} onChange={(schoolId) => update({ schoolId: schoolId || undefined })} />
          </div>
        </Space>
        {facilities.error ? <ProblemAlert error={facilities.error} onRetry={() => void facilities.refetch()} /> : null}
        <Table<FacilityView>
          rowKey="id"
          loading={facilities.isFetching}
          dataSource={facilities.data?.items ?? []}
          pagination={{ current: query.page, pageSize: query.pageSize, total: facilities.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
          locale={{ emptyText: facilities.isPending ? ' ' : <EmptyState title={filtered ? t('curriculum.resources.noMatch') : t('curriculum.facilities.empty')} hint={filtered ? undefined : t('curriculum.facilities.emptyHint')} /> }}
          columns={[
            { title: t('curriculum.fields.owningSchool'), dataIndex: 'schoolName' },
            { title: t('curriculum.fields.name'), dataIndex: 'name', render: (name: string, f) => <Space>{name}{!f.active && <Tag>{t('curriculum.facilities.inactive')}</Tag>}</Space> },
            { title: t('curriculum.fields.kind'), dataIndex: 'kind', render: (k: FacilityKind) => <Tag color="green">{t(`curriculum.kind.${k}`)}</Tag> },
            { title: t('curriculum.fields.capacity'), dataIndex: 'capacity', align: 'right' },
            { title: t('curriculum.fields.openHours'), dataIndex: 'openHours' },
            { title: t('curriculum.fields.location'), dataIndex: 'location', render: (l: string | null) => l ?? t('common.none') },
            {
              title: t('common.actions'), key: 'actions',
              render: (_, f) => canBook && f.active ? <Button size="small" icon={<CalendarOutlined />} onClick={() => setBooking(f)}>{t('curriculum.facilities.book')}</Button> : null,
            },
          ]}
        />
      </Card>
      <CreateFacilityModal open={creating} onClose={() => setCreating(false)} />
      <BookingModal facility={booking} onClose={() => setBooking(undefined)} />
    </>
  );
}

interface FacilityForm { schoolId: string; kind: FacilityKind; name: string; capacity: number; openHours: string; location?: string; description?: string }

function CreateFacilityModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FacilityForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const ownSchool = adminSchoolIds(me)[0];
  const required = (field: string) => ({ required: true, message: t('validation.required', { field: t(`curriculum.fields.${field}`) }) });
  const mutation = useMutation({
    mutationFn: (v: FacilityForm) => unwrap(api.http.POST('/api/v1/curriculum/facilities', {
      body: { ...v, schoolId: v.schoolId ?? ownSchool ?? '', name: v.name.trim(), openHours: v.openHours.trim(), location: v.location?.trim() || undefined, description: v.description?.trim() || undefined },
    })),
    onSuccess: async () => {
      void message.success(t('curriculum.facilities.created'));
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.facilities() });
      form.resetFields();
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  return (
    <Modal title={t('curriculum.facilities.createTitle')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')} confirmLoading={mutation.isPending} destroyOnHidden>
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<FacilityForm> form={form} layout="vertical" initialValues={{ kind: 'lab', capacity: 40, schoolId: ownSchool }} onFinish={(v) => { setExtra([]); mutation.mutate(v); }}>
        {!ownSchool && (
          <Form.Item name="schoolId" label={t('curriculum.fields.owningSchool')} rules={[required('owningSchool')]}>
            <SchoolSelect districtId={ownDistrictId(me)} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('curriculum.fields.kind')} rules={[required('kind')]}>
          <Select options={FACILITY_KINDS.map((k) => ({ value: k, label: t(`curriculum.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('curriculum.fields.name')} rules={[required('name'), { max: 64 }]}><Input /></Form.Item>
        <Form.Item name="capacity" label={t('curriculum.fields.capacity')} rules={[required('capacity')]}><InputNumber min={1} max={5000} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="openHours" label={t('curriculum.fields.openHours')} rules={[required('openHours'), { max: 120 }]}><Input placeholder="周一至周五 14:00–17:00" /></Form.Item>
        <Form.Item name="location" label={t('curriculum.fields.location')} rules={[{ max: 120 }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('curriculum.fields.description')} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface BookingForm { schoolId: string; range: [Dayjs, Dayjs]; purpose: string; attendees: number }

/** A booking request; a taken slot comes back as 409 naming the time and is shown on the time field. */
export function BookingModal({ facility, onClose }: { facility: FacilityView | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BookingForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const school = mySchool(me);
  const mutation = useMutation({
    mutationFn: (v: BookingForm) => unwrap(api.http.POST('/api/v1/curriculum/bookings', {
      body: { facilityId: facility?.id ?? '', schoolId: v.schoolId ?? school?.id ?? '', startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString(), purpose: v.purpose.trim(), attendees: v.attendees },
    })),
    onSuccess: async () => {
      void message.success(t('curriculum.booking.created'));
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.bookings() });
      form.resetFields();
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e, { startsAt: 'range', endsAt: 'range' })),
  });
  return (
    <Modal
      title={`${t('curriculum.booking.title')} · ${facility?.name ?? ''}`}
      open={Boolean(facility)} onCancel={onClose} onOk={() => form.submit()} okText={t('common.submit')} cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending} destroyOnHidden
    >
      {facility && <Typography.Paragraph type="secondary">{facility.schoolName} · {t('curriculum.fields.openHours')}: {facility.openHours} · {t('curriculum.fields.capacity')}: {facility.capacity}</Typography.Paragraph>}
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<BookingForm> form={form} layout="vertical" initialValues={{ schoolId: school?.id, attendees: 30 }} onFinish={(v) => { setExtra([]); mutation.mutate(v); }}>
        {!school && (
          <Form.Item name="schoolId" label={t('curriculum.booking.forSchool')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('curriculum.booking.forSchool') }) }]}>
            <SchoolSelect districtId={ownDistrictId(me)} />
          </Form.Item>
        )}
        <Form.Item name="range" label={t('curriculum.booking.range')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('curriculum.booking.range') }) }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="purpose" label={t('curriculum.fields.purpose')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('curriculum.fields.purpose') }) }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="attendees" label={t('curriculum.fields.attendees')} rules={[{ required: true, message: t('validation.required', { field: t('curriculum.fields.attendees') }) }]}>
          <InputNumber min={1} max={facility?.capacity ?? 5000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
