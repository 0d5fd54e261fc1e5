import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, List, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAlliance } from '../../api/queries';
import { useMe } from '../../auth/AuthProvider';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, QueryBoundary } from '../../components/states';
import { activityKeys, shanghaiDateTime, useMinutes, type ActionItemView, type ActivityView, type MinutesView } from './api';
import { ItemStatusTag } from './labels';

interface ItemValues { id?: string; title: string; ownerName: string; ownerUserId?: string; ownerSchoolId?: string; dueOn: Dayjs }
interface MinutesValues { summary: string; decisions: string[]; actionItems: ItemValues[] }

/** The minutes of the chosen occurrence: read them, and (organisers) write them with their action items. */
export function MinutesPanel({ activity, occurrenceStart }: { activity: ActivityView; occurrenceStart: string }) {
  const { t } = useTranslation();
  const minutes = useMinutes(activity.id);
  const [editing, setEditing] = useState(false);
  return (
    <QueryBoundary isPending={minutes.isPending} error={minutes.error} refetch={minutes.refetch}>
      {() => {
        const current = minutes.data?.find((m) => m.occurrenceStart === occurrenceStart);
        if (editing) return <MinutesEditor activity={activity} occurrenceStart={occurrenceStart} minutes={current} onDone={() => setEditing(false)} />;
        if (!current) {
          return <Card><EmptyState title={t('activities.minutes.empty')} hint={activity.canManage ? t('activities.minutes.emptyHint') : t('activities.detail.manageOnly')} action={activity.canManage && <Button type="primary" onClick={() => setEditing(true)}>{t('activities.minutes.write')}</Button>} /></Card>;
        }
        return <MinutesReader minutes={current} canEdit={activity.canManage} onEdit={() => setEditing(true)} />;
      }}
    </QueryBoundary>
  );
}

function MinutesReader({ minutes, canEdit, onEdit }: { minutes: MinutesView; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <Card extra={canEdit && <Button onClick={onEdit}>{t('activities.minutes.edit')}</Button>} title={t('activities.fields.summary')}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{minutes.summary}</Typography.Paragraph>
      <Typography.Text type="secondary">{t('activities.minutes.recordedBy', { name: minutes.recordedBy ?? '—', time: shanghaiDateTime(minutes.updatedAt) })}</Typography.Text>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('activities.fields.decisions')}</Typography.Title>
      <List size="small" dataSource={minutes.decisions} renderItem={(d, i) => <List.Item>{i + 1}. {d}</List.Item>} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('activities.fields.actionItems')}</Typography.Title>
      <ActionItemsTable items={minutes.actionItems} />
    </Card>
  );
}

/** A table of action items with "mark done" / "reopen" for those the user may change. */
export function ActionItemsTable({ items, showActivity = false, loading = false }: { items: ActionItemView[]; showActivity?: boolean; loading?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => done
      ? unwrap(api.http.POST('/api/v1/activities/action-items/{id}/done', { params: { path: { id } } }))
      : unwrap(api.http.POST('/api/v1/activities/action-items/{id}/reopen', { params: { path: { id } } })),
    onSuccess: async (item) => {
      void message.success(t(item.status === 'done' ? 'activities.items.done' : 'activities.items.reopened'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <Table<ActionItemView>
      rowKey="id" size="small" loading={loading} dataSource={items} pagination={false}
      locale={{ emptyText: <EmptyState title={t('activities.items.empty')} hint={t('activities.items.emptyHint')} /> }}
      columns={[
        { title: t('activities.fields.actionItem'), dataIndex: 'title' },
        ...(showActivity ? [{ title: t('activities.fields.title'), key: 'activity', render: (_: unknown, i: ActionItemView) => <Space direction="vertical" size={0}><a href={`/activities/${i.activity.id}`}>{i.activity.name}</a><Typography.Text type="secondary">{i.alliance.name}</Typography.Text></Space> }] : []),
        { title: t('activities.fields.owner'), dataIndex: 'ownerName', render: (name: string, i) => <Space direction="vertical" size={0}>{name}{i.ownerSchool && <Typography.Text type="secondary">{i.ownerSchool.name}</Typography.Text>}</Space> },
        { title: t('activities.fields.dueOn'), dataIndex: 'dueOn' },
        { title: t('activities.fields.status'), dataIndex: 'status', render: (s: ActionItemView['status']) => <ItemStatusTag status={s} /> },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, i) => i.canComplete && (i.status === 'done'
            ? <Button size="small" onClick={() => mark.mutate({ id: i.id, done: false })}>{t('activities.items.reopen')}</Button>
            : <Button size="small" type="primary" loading={mark.isPending && mark.variables?.id === i.id} onClick={() => mark.mutate({ id: i.id, done: true })}>{t('activities.items.markDone')}</Button>),
        },
      ]}
    />
  );
}

function MinutesEditor({ activity, occurrenceStart, minutes, onDone }: { activity: ActivityView; occurrenceStart: string; minutes?: MinutesView; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MinutesValues>();
  const [error, setError] = useState<unknown>();
  const alliance = useAlliance(activity.alliance.id);
  const schools = (alliance.data?.members ?? []).filter((m) => m.status === 'active').map((m) => ({ value: m.school.id, label: m.school.name }));
  const openItems = (minutes?.actionItems ?? []).filter((i) => i.status !== 'done');
  const save = useMutation({
    mutationFn: (v: MinutesValues) => unwrap(api.http.PUT('/api/v1/activities/{id}/minutes', {
      params: { path: { id: activity.id } },
      body: {
        occurrenceStart, summary: v.summary ?? '', decisions: (v.decisions ?? []).map((d) => d.trim()).filter(Boolean),
        actionItems: [
          ...(v.actionItems ?? []).map((i) => ({
            id: i.id, title: i.title.trim(), ownerName: i.ownerName.trim(), ownerUserId: i.ownerUserId || undefined, ownerSchoolId: i.ownerSchoolId || undefined, dueOn: i.dueOn.format('YYYY-MM-DD'),
          })),
        ],
      },
    })),
    onSuccess: async () => {
      void message.success(t('activities.minutes.saved'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      onDone();
    },
    onError: (e) => { const rest = applyFieldErrors(form, e, { 'body.summary': 'summary' }); setError(rest.length || !(e as { errors?: unknown[] }).errors?.length ? e : undefined); },
  });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field: t(`activities.fields.${field}`) }) });
  return (
    <Card title={t(minutes ? 'activities.minutes.edit' : 'activities.minutes.write')}>
      {error ? <ProblemAlert error={error} /> : null}
      <Form<MinutesValues>
        form={form} layout="vertical" onFinish={(v) => { setError(undefined); save.mutate(v); }}
        initialValues={{
          summary: minutes?.summary ?? '', decisions: minutes?.decisions ?? [],
          actionItems: openItems.map((i) => ({ id: i.id, title: i.title, ownerName: i.ownerName, ownerUserId: i.ownerUserId ?? undefined, ownerSchoolId: i.ownerSchool?.id, dueOn: dayjs(i.dueOn) })),
        }}
      >
        <Form.Item name="summary" label={t('activities.fields.summary')} rules={[{ max: 10000 }]}><Input.TextArea rows={5} /></Form.Item>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <Form.Item label={t('activities.fields.decisions')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={field.name} rules={[required('decisions'), { max: 500 }]} style={{ width: 560 }}><Input /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>{t('activities.minutes.addDecision')}</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="actionItems">
          {(fields, { add, remove }) => (
            <Form.Item label={t('activities.fields.actionItems')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'id']} hidden><Input /></Form.Item>
                  <Form.Item name={[field.name, 'ownerUserId']} hidden><Input /></Form.Item>
                  <Form.Item name={[field.name, 'title']} rules={[required('actionItem'), { max: 200 }]}><Input placeholder={t('activities.fields.actionItem')} aria-label={t('activities.fields.actionItem')} style={{ width: 260 }} /></Form.Item>
                  <Form.Item name={[field.name, 'ownerName']} rules={[required('owner'), { max: 64 }]}><Input placeholder={t('activities.fields.owner')} aria-label={t('activities.fields.owner')} style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[field.name, 'ownerSchoolId']}><Select allowClear placeholder={t('activities.fields.ownerSchool')} aria-label={t('activities.fields.ownerSchool')} options={schools} style={{ width: 200 }} /></Form.Item>
                  <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, message: t('validation.required', { field: t('activities.fields.dueOn') }) }]}><DatePicker placeholder={t('activities.fields.dueOn')} aria-label={t('activities.fields.dueOn')} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Space>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dueOn: dayjs().add(14, 'day') })}>{t('activities.minutes.addItem')}</Button>
                <Button type="dashed" onClick={() => add({ ownerName: me.displayName, ownerUserId: me.id, dueOn: dayjs().add(14, 'day') })}>{t('activities.minutes.assignMe')}</Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('activities.minutes.save')}</Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
