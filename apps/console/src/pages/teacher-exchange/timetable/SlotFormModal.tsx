import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, TimePicker } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@jiaolian/api-client';
import { applyFieldErrors } from '../../../components/problem';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { SUBJECTS, type PlacementView, type Subject } from '../api';
import { deleteSlot, saveSlot, timetableKeys, WEEKDAYS, type SlotSavedView, type SlotView } from './api';
import { TravelWarnings } from './WeekGrid';

interface SlotForm {
  weekday: number;
  startsAt: Dayjs;
  endsAt: Dayjs;
  schoolId: string;
  subject: Subject;
  grade: number;
  className?: string;
  note?: string;
}

interface Props {
  placement: PlacementView;
  /** the slot to edit; undefined to add one */
  slot: SlotView | undefined;
  /** the host school a new lesson starts at (the caller's own, for a host school admin) */
  defaultSchoolId?: string;
  open: boolean;
  onClose: () => void;
}

const time = (value: string): Dayjs => dayjs(`2000-01-03T${value}`);

/** Adds or edits one weekly lesson; a clash comes back from the server on the start field, a tight transfer as a warning. */
export function SlotFormModal({ placement, slot, defaultSchoolId, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SlotForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const [saved, setSaved] = useState<SlotSavedView | undefined>();

  useEffect(() => {
    if (!open) return;
    setExtra([]);
    setSaved(undefined);
    form.resetFields();
    form.setFieldsValue(slot
      ? { ...slot, startsAt: time(slot.startsAt), endsAt: time(slot.endsAt), className: slot.className ?? undefined, note: slot.note ?? undefined }
      : { weekday: 2, schoolId: defaultSchoolId ?? placement.hosts[0]?.schoolId, startsAt: time('14:00'), endsAt: time('14:40') });
  }, [open, slot, placement, defaultSchoolId, form]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: timetableKeys.all });
  const save = useMutation({
    mutationFn: (v: SlotForm) => saveSlot(placement.id, slot?.id, {
      weekday: v.weekday, startsAt: v.startsAt.format('HH:mm'), endsAt: v.endsAt.format('HH:mm'), schoolId: v.schoolId, subject: v.subject, grade: v.grade,
      className: v.className?.trim() || undefined, note: v.note?.trim() || undefined,
    }),
    onSuccess: async (answer) => {
      void message.success(t('teacherExchange.timetable.saved'));
      await refresh();
      if (answer.travelWarnings.length) setSaved(answer);
      else onClose();
    },
    onError: (e) => {
      setExtra(applyFieldErrors(form, e));
      // a clash: say so in the user's language on the start field, with the server's words naming the other lesson
      const clash = isApiProblem(e) && e.kind === 'conflict' ? e.errors.find((x) => x.field === 'startsAt') : undefined;
      if (clash) form.setFields([{ name: 'startsAt', errors: [t('teacherExchange.timetable.clash', { detail: clash.message })] }]);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteSlot(slot?.id ?? ''),
    onSuccess: async () => {
      void message.success(t('teacherExchange.timetable.deleted'));
      await refresh();
      onClose();
    },
  });

  const f = (name: string): string => t(`teacherExchange.timetable.fields.${name}`);
  return (
    <Modal open={open} title={slot ? t('teacherExchange.timetable.editTitle') : t('teacherExchange.timetable.addTitle')} onCancel={onClose} destroyOnHidden
      footer={saved ? <Button type="primary" onClick={onClose}>{t('common.confirm')}</Button> : (
        <Space>
          {slot && (
            <Popconfirm title={t('teacherExchange.timetable.deleteConfirm')} onConfirm={() => remove.mutate()}>
              <Button danger loading={remove.isPending}>{t('teacherExchange.timetable.delete')}</Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      )}>
      {saved ? <TravelWarnings slots={[saved]} warnings={saved.travelWarnings} /> : null}
      {save.error && !saved ? <ProblemAlert error={save.error} extraFieldErrors={extra} /> : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      <Form<SlotForm> form={form} layout="vertical" disabled={Boolean(saved)} onFinish={(v) => { setExtra([]); save.mutate(v); }}>
        <Space wrap align="start">
          <Form.Item name="weekday" label={f('weekday')} rules={[{ required: true }]}>
            <Select style={{ width: 100 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(`teacherExchange.timetable.weekdays.${d}`) }))} />
          </Form.Item>
          <Form.Item name="startsAt" label={f('startsAt')} rules={[{ required: true, message: t('teacherExchange.timetable.timeRequired') }]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
          </Form.Item>
          <Form.Item name="endsAt" label={f('endsAt')} dependencies={['startsAt']} rules={[
            { required: true, message: t('teacherExchange.timetable.timeRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value?: Dayjs) => {
                const start = getFieldValue('startsAt') as Dayjs | undefined;
                return !value || !start || value.format('HH:mm') > start.format('HH:mm') ? Promise.resolve() : Promise.reject(new Error(t('teacherExchange.timetable.endAfterStart')));
              },
            }),
          ]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
          </Form.Item>
        </Space>
        <Form.Item name="schoolId" label={f('school')} rules={[{ required: true }]}>
          <Select options={placement.hosts.map((h) => ({ value: h.schoolId, label: h.schoolName }))} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="subject" label={f('subject')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={SUBJECTS.map((s) => ({ value: s, label: t(`teacherExchange.subject.${s}`) }))} />
          </Form.Item>
          <Form.Item name="grade" label={f('grade')} rules={[{ required: true }]}>
            <Select style={{ width: 110 }} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('teacherExchange.timetable.gradeLabel', { grade: i + 1 }) }))} />
          </Form.Item>
          <Form.Item name="className" label={f('className')}>
            <Input maxLength={32} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={f('note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
