import { App, Badge, Button, Calendar, Card, Form, Input, Modal, Popover, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin } from '../../auth/roles';
import { formatDateTime } from '../../components/format';
import { problemMessage } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { BOOKING_STATUSES, curriculumKeys, useBookings, type BookingQuery, type BookingStatus, type BookingView } from './api';

const STATUS_COLORS: Record<BookingStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'default' };
type Tab = 'incoming' | 'outgoing' | 'all' | 'calendar';

/** Approvals for the owning school, the school's own requests, and a month calendar of bookings. */
export function BookingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const approves = isDistrictAdmin(me) || adminSchoolIds(me).length > 0;
  const [tab, setTab] = useState<Tab>(approves ? 'incoming' : 'outgoing');
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>{t('curriculum.bookings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('curriculum.bookings.subtitle')}</Typography.Paragraph>
      <Segmented<Tab>
        style={{ marginBottom: 16 }}
        value={tab}
        onChange={setTab}
        options={[
          ...(approves ? [{ value: 'incoming' as const, label: t('curriculum.bookings.incoming') }] : []),
          { value: 'outgoing', label: t('curriculum.bookings.outgoing') },
          { value: 'all', label: t('curriculum.bookings.all') },
          { value: 'calendar', label: t('curriculum.bookings.calendar') },
        ]}
      />
      {tab === 'calendar' ? <BookingCalendar /> : <BookingTable key={tab} direction={tab === 'all' ? undefined : tab} />}
    </>
  );
}

function BookingTable({ direction }: { direction: 'incoming' | 'outgoing' | undefined }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<BookingQuery>({ page: 1, pageSize: 20, direction, status: direction === 'incoming' ? 'pending' : undefined, sort: 'startsAt' });
  const bookings = useBookings(query);
  const [rejecting, setRejecting] = useState<BookingView | undefined>();
  const [cancelling, setCancelling] = useState<BookingView | undefined>();
  const approve = useDecision();
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<BookingStatus>
          allowClear placeholder={t('curriculum.fields.status')} aria-label={t('curriculum.fields.status')} style={{ width: 140 }} value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))} options={BOOKING_STATUSES.map((s) => ({ value: s, label: t(`curriculum.status.${s}`) }))}
        />
      </Space>
      {bookings.error ? <ProblemAlert error={bookings.error} onRetry={() => void bookings.refetch()} /> : null}
      <Table<BookingView>
        rowKey="id"
        loading={bookings.isFetching}
        dataSource={bookings.data?.items ?? []}
        pagination={{ current: query.page, pageSize: query.pageSize, total: bookings.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
        locale={{ emptyText: bookings.isPending ? ' ' : <EmptyState title={t('curriculum.bookings.empty')} hint={t('curriculum.bookings.emptyHint')} /> }}
        columns={[
          { title: t('curriculum.fields.time'), dataIndex: 'startsAt', render: (_, b) => `${formatDateTime(b.startsAt)} – ${dayjs(b.endsAt).format('HH:mm')}` },
          { title: t('curriculum.fields.facility'), dataIndex: 'facilityName', render: (name: string, b) => <Space direction="vertical" size={0}>{name}<Typography.Text type="secondary">{b.ownerSchoolName}</Typography.Text></Space> },
          { title: t('curriculum.fields.requester'), dataIndex: 'requesterSchoolName', render: (name: string, b) => <Space direction="vertical" size={0}>{name}<Typography.Text type="secondary">{b.requestedByName}</Typography.Text></Space> },
          { title: t('curriculum.fields.purpose'), dataIndex: 'purpose' },
          { title: t('curriculum.fields.attendees'), dataIndex: 'attendees', align: 'right' },
          { title: t('curriculum.fields.status'), dataIndex: 'status', render: (s: BookingStatus, b) => <Space direction="vertical" size={0}><Tag color={STATUS_COLORS[s]}>{t(`curriculum.status.${s}`)}</Tag>{b.reason && <Typography.Text type="secondary">{b.reason}</Typography.Text>}</Space> },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, b) => (
              <Space>
                {b.canDecide && <Button size="small" type="primary" loading={approve.isPending && approve.variables?.id === b.id} onClick={() => approve.mutate({ id: b.id, action: 'approve' })}>{t('curriculum.bookings.approve')}</Button>}
                {b.canDecide && <Button size="small" danger onClick={() => setRejecting(b)}>{t('curriculum.bookings.reject')}</Button>}
                {b.canCancel && <Button size="small" onClick={() => setCancelling(b)}>{t('curriculum.bookings.cancel')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal booking={rejecting} action="reject" onClose={() => setRejecting(undefined)} />
      <ReasonModal booking={cancelling} action="cancel" onClose={() => setCancelling(undefined)} />
    </Card>
  );
}

function useDecision() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'approve' | 'reject' | 'cancel'; reason?: string }) => {
      const path = { params: { path: { id } } };
      if (action === 'approve') return unwrap(api.http.POST('/api/v1/curriculum/bookings/{id}/approve', path));
      if (action === 'reject') return unwrap(api.http.POST('/api/v1/curriculum/bookings/{id}/reject', { ...path, body: { reason: reason ?? '' } }));
      return unwrap(api.http.POST('/api/v1/curriculum/bookings/{id}/cancel', { ...path, body: { reason: reason || undefined } }));
    },
    onSuccess: async (booking) => {
      void message.success(t(`curriculum.bookings.${booking.status === 'approved' ? 'approved' : booking.status === 'rejected' ? 'rejected' : 'cancelled'}`));
      await queryClient.invalidateQueries({ queryKey: curriculumKeys.bookings() });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
}

function ReasonModal({ booking, action, onClose }: { booking: BookingView | undefined; action: 'reject' | 'cancel'; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const decision = useDecision();
  const label = t(`curriculum.bookings.${action}Reason`);
  return (
    <Modal
      title={t(`curriculum.bookings.${action}Title`)} open={Boolean(booking)} onCancel={onClose} onOk={() => form.submit()}
      okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={decision.isPending} destroyOnHidden
    >
      {booking && <Typography.Paragraph>{booking.facilityName} · {formatDateTime(booking.startsAt)} · {booking.requesterSchoolName}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => decision.mutate({ id: booking?.id ?? '', action, reason: v.reason?.trim() }, { onSuccess: () => { form.resetFields(); onClose(); } })}>
        <Form.Item name="reason" label={label} rules={action === 'reject' ? [{ required: true, whitespace: true, message: t('validation.required', { field: label }) }, { max: 500 }] : [{ max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A month of pending and approved bookings the user may see, per day. */
function BookingCalendar() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').subtract(7, 'day');
  const to = month.endOf('month').add(7, 'day');
  const bookings = useBookings({ from: from.toISOString(), to: to.toISOString(), pageSize: 200, sort: 'startsAt' });
  const live = (bookings.data?.items ?? []).filter((b) => b.status === 'pending' || b.status === 'approved');
  const onDay = (day: Dayjs) => live.filter((b) => dayjs(b.startsAt).isSame(day, 'day'));
  return (
    <Card>
      {bookings.error ? <ProblemAlert error={bookings.error} onRetry={() => void bookings.refetch()} /> : null}
      <Calendar
        value={month}
        onPanelChange={(value) => setMonth(value)}
        onSelect={(value) => setMonth(value)}
        cellRender={(day, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = onDay(day);
          return (
            <div>
              {items.slice(0, 3).map((b) => (
                <Popover key={b.id} title={b.facilityName} content={<div>{formatDateTime(b.startsAt)} – {dayjs(b.endsAt).format('HH:mm')}<br />{b.requesterSchoolName} · {b.purpose}</div>}>
                  <div><Badge status={b.status === 'approved' ? 'success' : 'warning'} text={`${dayjs(b.startsAt).format('HH:mm')} ${b.facilityName}`} /></div>
                </Popover>
              ))}
              {items.length > 3 && <Typography.Text type="secondary">{t('curriculum.bookings.more', { count: items.length - 3 })}</Typography.Text>}
            </div>
          );
        }}
      />
    </Card>
  );
}
