import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { KINDS, teacherExchangeKeys, useExchangeDirectory, useTeachers, type PlacementKind, type PlacementView } from './api';

interface PlacementForm {
  teacherId: string;
  kind: PlacementKind;
  hosts: { schoolId: string; weeklyPeriods?: number }[];
  period: [Dayjs, Dayjs];
  allianceId?: string;
  note?: string;
}

export function TeacherPicker({ value, onChange, id }: { value?: string; onChange?: (id: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const teachers = useTeachers({ q: q || undefined, pageSize: 30, sort: 'name' });
  return (
    <Select id={id} showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} allowClear loading={teachers.isFetching}
      placeholder={t('teacherExchange.placementForm.teacherSearch')}
      options={(teachers.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.staffNo} · ${x.schoolName}）` }))} />
  );
}

export function PlacementFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlacementForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const kind = Form.useWatch('kind', form);
  const directory = useExchangeDirectory();

  const mutation = useMutation({
    mutationFn: (v: PlacementForm): Promise<PlacementView> => unwrap(api.http.POST('/api/v1/teacher-exchange/placements', {
      body: {
        teacherId: v.teacherId, kind: v.kind, allianceId: v.allianceId || undefined, note: v.note?.trim() || undefined,
        hosts: v.hosts.map((h) => ({ schoolId: h.schoolId, weeklyPeriods: v.kind === 'itinerant' ? h.weeklyPeriods : undefined })),
        startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'),
      },
    })),
    onSuccess: async () => {
      void message.success(t('teacherExchange.placementForm.created'));
      await queryClient.invalidateQueries({ queryKey: teacherExchangeKeys.placements() });
      void navigate('/teacher-exchange/placements');
    },
    onError: (e) => setExtra(applyFieldErrors(form, e, { startsOn: 'period', endsOn: 'period' })),
  });

  const requiredSelect = (key: string) => ({ required: true, message: t('validation.requiredSelect', { field: t(key) }) });
  return (
    <>
      <Typography.Title level={1}>{t('teacherExchange.placementForm.title')}</Typography.Title>
      <Card>
        {mutation.error ? <ProblemAlert error={mutation.error} extraFieldErrors={extra} /> : null}
        <Form<PlacementForm> form={form} layout="vertical" initialValues={{ kind: 'rotation', hosts: [{}] }} onFinish={(v) => mutation.mutate(v)} disabled={mutation.isPending}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="teacherId" label={t('teacherExchange.fields.teacher')} rules={[requiredSelect('teacherExchange.fields.teacher')]}>
                <TeacherPicker />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label={t('teacherExchange.fields.kind')} rules={[requiredSelect('teacherExchange.fields.kind')]}>
                <Select options={KINDS.map((k) => ({ value: k, label: t(`teacherExchange.kind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="period" label={t('teacherExchange.fields.period')} rules={[{ required: true, message: t('teacherExchange.placementForm.dateRequired') }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('teacherExchange.fields.hosts')}</Typography.Text>
          <Form.List name="hosts">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'schoolId']} rules={[requiredSelect('teacherExchange.fields.hosts')]} style={{ width: 360 }}>
                      <SchoolSelect districtId={districtId} placeholder={t('teacherExchange.fields.hosts')} />
                    </Form.Item>
                    {kind === 'itinerant' && (
                      <Form.Item name={[field.name, 'weeklyPeriods']} rules={[{ required: true, message: t('validation.required', { field: t('teacherExchange.fields.weeklyPeriods') }) }]}>
                        <InputNumber min={1} max={30} placeholder={t('teacherExchange.fields.weeklyPeriods')} style={{ width: 140 }} />
                      </Form.Item>
                    )}
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('teacherExchange.placementForm.removeHost')} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>{t('teacherExchange.placementForm.addHost')}</Button>
              </div>
            )}
          </Form.List>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="allianceId" label={t('teacherExchange.fields.alliance')} extra={t('teacherExchange.placementForm.allianceHint')}>
                <Select allowClear loading={directory.isPending}
                  options={(directory.data?.alliances ?? []).filter((a) => a.status === 'active').map((a) => ({ value: a.allianceId, label: a.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="note" label={t('teacherExchange.fields.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={mutation.isPending}>{t('common.save')}</Button>
            <Button onClick={() => navigate('/teacher-exchange/placements')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
