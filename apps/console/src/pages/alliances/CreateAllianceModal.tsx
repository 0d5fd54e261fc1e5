import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type AllianceKind } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';

interface AllianceForm {
  name: string;
  kind: AllianceKind;
  coreSchoolId: string;
  description?: string;
  startsOn?: Dayjs;
}

export const KINDS: AllianceKind[] = ['integrated', 'alliance', 'pairing'];

export function CreateAllianceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AllianceForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const kind = Form.useWatch('kind', form);
  const mutation = useMutation({
    mutationFn: (v: AllianceForm) =>
      unwrap(
        api.http.POST('/api/v1/alliances', {
          body: {
            districtId: districtId ?? '',
            name: v.name.trim(),
            kind: v.kind,
            coreSchoolId: v.coreSchoolId,
            description: v.description?.trim() || undefined,
            startsOn: v.startsOn ? v.startsOn.format('YYYY-MM-DD') : undefined,
          },
        }),
      ),
    onSuccess: async (alliance) => {
      void message.success(t('alliance.create.created'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.alliances() });
      form.resetFields();
      onClose();
      void navigate(`/alliances/${alliance.id}`);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const coreLabel = kind === 'pairing' ? t('alliance.memberRole.supporting') : t('alliance.fields.coreSchool');
  return (
    <Modal
      title={t('alliance.create.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={560}
    >
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<AllianceForm> form={form} layout="vertical" initialValues={{ kind: 'integrated' }} onFinish={(v) => { setExtra([]); mutation.mutate(v); }}>
        <Form.Item name="name" label={t('alliance.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('alliance.fields.name') }) }, { max: 64, message: t('validation.maxLength', { field: t('alliance.fields.name'), max: 64 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('alliance.fields.kind')} extra={kind ? t(`alliance.kindHelp.${kind}`) : undefined} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('alliance.fields.kind') }) }]}>
          <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`alliance.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="coreSchoolId" label={coreLabel} rules={[{ required: true, message: t('validation.requiredSelect', { field: coreLabel }) }]}>
          <SchoolSelect districtId={districtId} placeholder={t('alliance.create.coreSchoolPlaceholder')} />
        </Form.Item>
        <Form.Item name="startsOn" label={t('alliance.fields.startsOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('alliance.fields.description')} rules={[{ max: 2000, message: t('validation.maxLength', { field: t('alliance.fields.description'), max: 2000 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
