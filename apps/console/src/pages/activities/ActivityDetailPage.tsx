import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { problemMessage } from '../../components/problem';
import { QueryBoundary } from '../../components/states';
import { activityKeys, shanghaiDateTime, shanghaiTime, useActivity, useOccurrences, type ActivityView, type OccurrenceView } from './api';
import { KindTag, placeText } from './labels';
import { MinutesPanel } from './MinutesPanel';
import { RegistrationsPanel } from './RegistrationsPanel';

/** One activity: its details, the occurrence in view, registrations per school with check-in, and minutes. */
export function ActivityDetailPage() {
  const { id } = useParams();
  const activity = useActivity(id);
  return <QueryBoundary isPending={activity.isPending} error={activity.error} refetch={activity.refetch}>{() => activity.data && <ActivityDetail activity={activity.data} />}</QueryBoundary>;
}

function ActivityDetail({ activity }: { activity: ActivityView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [cancelling, setCancelling] = useState(false);
  const [cancellingOccurrence, setCancellingOccurrence] = useState<OccurrenceView | null>(null);
  const [range] = useState(() => ({ from: activity.startsAt, to: new Date(new Date(activity.startsAt).getTime() + 399 * 86400_000).toISOString() }));
  const occurrences = useOccurrences({ ...range, allianceId: activity.alliance.id, kind: activity.kind });
  const mine = useMemo(() => (occurrences.data?.items ?? []).filter((o) => o.activityId === activity.id), [occurrences.data, activity.id]);
  const upcoming = mine.find((o) => new Date(o.endsAt).getTime() > Date.now()) ?? mine[mine.length - 1];
  const occurrenceStart = params.get('occurrence') ?? upcoming?.occurrenceStart ?? activity.startsAt;
  const current = mine.find((o) => o.occurrenceStart === occurrenceStart);
  const mayCancelOccurrence = activity.canManage && activity.status === 'scheduled' && activity.recurrence !== null
    && current !== undefined && !current.cancelled && new Date(current.startsAt).getTime() > Date.now();
  const audience = [
    activity.audience.teachers ? t('activities.fields.teachers') : null,
    activity.audience.studentGrades.length ? `${t('activities.fields.studentGrades')} ${activity.audience.studentGrades.join('、')}` : null,
    activity.audience.parents ? t('activities.fields.parents') : null,
  ].filter(Boolean).join(' · ');
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space align="center" wrap>
          <Typography.Title level={1} style={{ margin: 0 }}>{activity.title}</Typography.Title>
          <KindTag kind={activity.kind} />
          <Tag color={activity.status === 'cancelled' ? 'red' : 'green'}>{t(`activities.status.${activity.status}`)}</Tag>
        </Space>
        <Space>
          <Button onClick={() => navigate('/activities')}>{t('common.back')}</Button>
          {activity.canManage && activity.status === 'scheduled' && <Button onClick={() => navigate(`/activities/${activity.id}/edit`)}>{t('common.edit')}</Button>}
          {activity.canManage && activity.status === 'scheduled' && <Button danger onClick={() => setCancelling(true)}>{t('activities.detail.cancelActivity')}</Button>}
        </Space>
      </Space>
      <Card style={{ marginTop: 16 }} title={t('activities.detail.overview')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('activities.fields.alliance')}>{activity.alliance.name}</Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.organiser')}>{activity.organiserSchool.name}</Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.time')}>{shanghaiDateTime(activity.startsAt)} – {shanghaiTime(activity.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.repeat')}>
            {activity.recurrence
              ? `${t(`activities.freq.${activity.recurrence.freq}`)} · ${activity.recurrence.freq === 'weekly' ? t('activities.form.intervalWeeks', { n: activity.recurrence.interval }) : t('activities.form.intervalMonths', { n: activity.recurrence.interval })}${activity.recurrence.count ? ` · ${activity.recurrence.count}×` : ''}${activity.recurrence.until ? ` · ≤ ${activity.recurrence.until}` : ''}`
              : t('activities.form.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.place')}>{t(`activities.placeKind.${activity.place.kind}`)} · {placeText(activity.place)}</Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.audience')}>{audience}</Descriptions.Item>
          <Descriptions.Item label={t('activities.fields.capacity')}>{activity.capacityPerSchool ?? t('activities.form.unlimited')}</Descriptions.Item>
          {activity.cancelReason && <Descriptions.Item label={t('activities.detail.cancelReason')}>{activity.cancelReason}</Descriptions.Item>}
          {activity.description && <Descriptions.Item label={t('activities.fields.description')} span={2}>{activity.description}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Space style={{ margin: '16px 0' }} wrap>
        <Typography.Text strong>{t('activities.detail.occurrence')}</Typography.Text>
        <Select
          aria-label={t('activities.detail.occurrence')} style={{ width: 260 }} value={occurrenceStart} loading={occurrences.isPending}
          onChange={(value) => setParams({ occurrence: value }, { replace: true })}
          options={(mine.length ? mine : [{ occurrenceStart: activity.startsAt, startsAt: activity.startsAt, cancelled: false }]).map((o) => ({
            value: o.occurrenceStart, label: `${shanghaiDateTime(o.startsAt)}${o.cancelled ? t('activities.detail.cancelledSuffix') : ''}`,
          }))}
        />
        {mayCancelOccurrence && <Button danger onClick={() => setCancellingOccurrence(current)}>{t('activities.detail.cancelOccurrence')}</Button>}
        {activity.canManage && (
          <Button onClick={() => navigate(`/surveys?new=1&activityId=${activity.id}&occurrenceStart=${encodeURIComponent(occurrenceStart)}`)}>
            {t('surveys.builder.feedbackSurvey')}
          </Button>
        )}
      </Space>
      {current?.cancelled && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('activities.detail.occurrenceCancelled', { reason: current.cancelReason ?? '' })} />}
      <Tabs
        items={[
          { key: 'registrations', label: t('activities.detail.registrations'), children: <RegistrationsPanel activity={activity} occurrenceStart={occurrenceStart} /> },
          { key: 'minutes', label: t('activities.detail.minutes'), children: <MinutesPanel key={occurrenceStart} activity={activity} occurrenceStart={occurrenceStart} /> },
        ]}
      />
      <CancelModal activity={activity} open={cancelling} onClose={() => setCancelling(false)} />
      <CancelModal activity={activity} occurrence={cancellingOccurrence ?? undefined} open={cancellingOccurrence !== null} onClose={() => setCancellingOccurrence(null)} />
    </>
  );
}

/** Cancels the whole activity, or (with `occurrence`) that one session of the series. */
function CancelModal({ activity, occurrence, open, onClose }: { activity: ActivityView; occurrence?: OccurrenceView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (reason: string): Promise<unknown> => (occurrence
      ? unwrap(api.http.POST('/api/v1/activities/{id}/occurrences/cancel', { params: { path: { id: activity.id } }, body: { occurrenceStart: occurrence.occurrenceStart, reason } }))
      : unwrap(api.http.POST('/api/v1/activities/{id}/cancel', { params: { path: { id: activity.id } }, body: { reason } }))),
    onSuccess: async () => {
      void message.success(t(occurrence ? 'activities.detail.occurrenceCancelledOk' : 'activities.detail.activityCancelled'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      onClose();
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const title = occurrence ? t('activities.detail.cancelOccurrenceTitle', { when: shanghaiDateTime(occurrence.startsAt) }) : t('activities.detail.cancelActivity');
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={cancel.isPending} destroyOnHidden>
      {occurrence && <Typography.Paragraph type="secondary">{t('activities.detail.cancelOccurrenceHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v.reason.trim())}>
        <Form.Item name="reason" label={t('activities.detail.cancelReason')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('activities.detail.cancelReason') }) }, { max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
