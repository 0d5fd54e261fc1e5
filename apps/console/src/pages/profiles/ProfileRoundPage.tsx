import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { canManageSchool, isDistrictAdmin } from '../../auth/roles';
import { formatDateTime } from '../../components/format';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import { QueryBoundary } from '../../components/states';
import {
  LEVEL_COLORS, PROFILE_LEVELS, profileKeys, tagName, useProfileRound, useProfileTags, useSchoolProfile,
  type ProfileLevel, type ProfileRoundDetailView, type ProfileTagView,
} from './api';

type RoundSchool = ProfileRoundDetailView['schools'][number];

/** One profile round: every school of the district, who submitted and who has not; filling in a school's profile. */
export function ProfileRoundPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const round = useProfileRound(id);
  const [editing, setEditing] = useState<RoundSchool | undefined>();
  const [viewing, setViewing] = useState<RoundSchool | undefined>();
  const close = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/profile-rounds/{id}/close', { params: { path: { id: id ?? '' } } })),
    onSuccess: async () => {
      void message.success(t('profiles.round.closed'));
      await queryClient.invalidateQueries({ queryKey: profileKeys.all });
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  return (
    <QueryBoundary isPending={round.isPending} error={round.error} refetch={() => round.refetch()}>
      {() => {
        const r = round.data!;
        const open = r.status === 'open';
        const columns = [
          { title: t('profiles.fields.school'), render: (_: unknown, s: RoundSchool) => s.school.name },
          {
            title: t('profiles.fields.status'),
            render: (_: unknown, s: RoundSchool) => (s.profileId
              ? <Tag color="green">{t('profiles.round.submittedAt', { time: formatDateTime(s.submittedAt) })}</Tag>
              : <Tag color="orange">{t('profiles.round.notYet')}</Tag>),
          },
          {
            title: t('common.actions'),
            render: (_: unknown, s: RoundSchool) => (
              <Space>
                {s.profileId && <Button size="small" onClick={() => setViewing(s)}>{t('common.view')}</Button>}
                {open && canManageSchool(me, s.school.id) && (
                  <Button size="small" type={s.profileId ? 'default' : 'primary'} onClick={() => setEditing(s)}>
                    {s.profileId ? t('profiles.round.edit') : t('profiles.round.fillIn')}
                  </Button>
                )}
              </Space>
            ),
          },
        ];
        return (
          <>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Typography.Title level={1} style={{ margin: 0 }}>{t('profiles.round.title', { term: r.term })}</Typography.Title>
              {open && isDistrictAdmin(me) && (
                <Popconfirm title={t('profiles.round.closeConfirm')} onConfirm={() => close.mutate()} okText={t('profiles.round.close')} cancelText={t('common.cancel')}>
                  <Button danger loading={close.isPending}>{t('profiles.round.close')}</Button>
                </Popconfirm>
              )}
            </Space>
            <Card style={{ margin: '16px 0' }}>
              <Descriptions column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('profiles.fields.deadline')}>{formatDateTime(r.deadline)}</Descriptions.Item>
                <Descriptions.Item label={t('profiles.fields.status')}>{t(`profiles.roundStatus.${r.status}`)}</Descriptions.Item>
                <Descriptions.Item label={t('profiles.fields.submitted')}><span data-testid="round-submitted">{r.submittedCount}/{r.schoolCount}</span></Descriptions.Item>
                {r.instructions && <Descriptions.Item label={t('profiles.fields.instructions')} span={3}>{r.instructions}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card>
              <Table<RoundSchool> rowKey={(s) => s.school.id} size="middle" columns={columns} dataSource={r.schools} pagination={false} />
            </Card>
            {editing && <ProfileFormModal roundId={r.id} districtId={r.districtId} school={editing} onClose={() => setEditing(undefined)} />}
            {viewing?.profileId && <ProfileViewModal profileId={viewing.profileId} onClose={() => setViewing(undefined)} />}
          </>
        );
      }}
    </QueryBoundary>
  );
}

interface ItemForm { tagId?: string; level?: ProfileLevel }
interface ProfileForm { strengths: ItemForm[]; needs: ItemForm[]; specialities: string[]; capacity: number; note?: string }

/** The profile form of one school: strengths and needs (tag + level), specialities, capacity and a note. */
function ProfileFormModal({ roundId, districtId, school, onClose }: { roundId: string; districtId: string; school: RoundSchool; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileForm>();
  const tags = useProfileTags(districtId);
  const existing = useSchoolProfile(school.profileId);
  const live = (tags.data?.items ?? []).filter((tag) => !tag.archived);
  const option = (tag: ProfileTagView) => ({ value: tag.id, label: `${tagName(tag, i18n.language)} · ${t(`profiles.category.${tag.category}`)}` });
  const save = useMutation({
    mutationFn: (v: ProfileForm) => unwrap(api.http.POST('/api/v1/profile-rounds/{id}/profiles', {
      params: { path: { id: roundId } },
      body: {
        schoolId: school.school.id, capacity: v.capacity, note: v.note || undefined, specialities: v.specialities ?? [],
        strengths: (v.strengths ?? []).map((i) => ({ tagId: i.tagId!, level: i.level! })), needs: (v.needs ?? []).map((i) => ({ tagId: i.tagId!, level: i.level! })),
      },
    })),
    onSuccess: async () => {
      void message.success(t('profiles.round.saved'));
      await queryClient.invalidateQueries({ queryKey: profileKeys.all });
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      void message.error(problemMessage(t, e));
    },
  });
  const profile = existing.data?.profile;
  const initial: ProfileForm = profile
    ? {
      strengths: profile.strengths.map((i) => ({ tagId: i.tagId, level: i.level })), needs: profile.needs.map((i) => ({ tagId: i.tagId, level: i.level })),
      specialities: profile.specialities.map((i) => i.tagId), capacity: profile.capacity, note: profile.note ?? undefined,
    }
    : { strengths: [], needs: [{}], specialities: [], capacity: 0 };
  const itemList = (name: 'strengths' | 'needs') => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item
                name={[field.name, 'tagId']} style={{ width: 260 }}
                rules={[
                  { required: true, message: t('validation.required', { field: t('profiles.fields.tag') }) },
                  ({ getFieldValue }) => ({
                    validator: (_, value) => ((getFieldValue(name) as ItemForm[]).filter((i) => i?.tagId === value).length > 1
                      ? Promise.reject(new Error(t('profiles.form.repeated'))) : Promise.resolve()),
                  }),
                ]}
              >
                <Select showSearch optionFilterProp="label" placeholder={t('profiles.fields.tag')} aria-label={`${t(`profiles.fields.${name}`)} ${field.name + 1}`} options={live.map(option)} />
              </Form.Item>
              <Form.Item name={[field.name, 'level']} rules={[{ required: true, message: t('validation.required', { field: t('profiles.fields.level') }) }]}>
                <Select style={{ width: 110 }} placeholder={t('profiles.fields.level')} aria-label={`${t('profiles.fields.level')} ${field.name + 1}`} options={PROFILE_LEVELS.map((l) => ({ value: l, label: t(`profiles.level.${l}`) }))} />
              </Form.Item>
              <MinusCircleOutlined aria-label={t('profiles.form.remove')} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ level: 'medium' })} icon={<PlusOutlined />}>{t(`profiles.form.add.${name}`)}</Button>
        </>
      )}
    </Form.List>
  );
  return (
    <Modal
      title={t('profiles.form.title', { school: school.school.name })} open onCancel={onClose} onOk={() => form.submit()} okText={t('profiles.form.submit')}
      cancelText={t('common.cancel')} confirmLoading={save.isPending} width={720} destroyOnHidden
    >
      {school.profileId && existing.isPending ? null : (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
          <Form.Item label={t('profiles.fields.strengths')} extra={t('profiles.form.strengthsHint')}>{itemList('strengths')}</Form.Item>
          <Form.Item label={t('profiles.fields.needs')} extra={t('profiles.form.needsHint')}>{itemList('needs')}</Form.Item>
          <Form.Item name="specialities" label={t('profiles.fields.specialities')}>
            <Select mode="multiple" optionFilterProp="label" options={live.filter((tag) => tag.category === 'facility' || tag.category === 'speciality').map(option)} />
          </Form.Item>
          <Form.Item name="capacity" label={t('profiles.fields.capacity')} extra={t('profiles.form.capacityHint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10} precision={0} />
          </Form.Item>
          <Form.Item name="note" label={`${t('profiles.fields.note')}（${t('common.optional')}）`} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** A submitted profile with what changed since the school's profile of the term before. */
function ProfileViewModal({ profileId, onClose }: { profileId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const view = useSchoolProfile(profileId);
  const items = (list: { tagId: string; nameZh: string; nameEn: string; level: ProfileLevel }[]) =>
    list.length ? list.map((i) => <Tag key={i.tagId} color={LEVEL_COLORS[i.level]}>{tagName(i, i18n.language)} · {t(`profiles.level.${i.level}`)}</Tag>) : t('common.none');
  return (
    <Modal title={view.data?.profile.school.name} open onCancel={onClose} footer={null} width={720}>
      <QueryBoundary isPending={view.isPending} error={view.error} refetch={() => view.refetch()}>
        {() => {
          const { profile, changes, previousTerm } = view.data!;
          return (
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('profiles.fields.term')}>{profile.term}</Descriptions.Item>
              <Descriptions.Item label={t('profiles.fields.strengths')}>{items(profile.strengths)}</Descriptions.Item>
              <Descriptions.Item label={t('profiles.fields.needs')}>{items(profile.needs)}</Descriptions.Item>
              <Descriptions.Item label={t('profiles.fields.specialities')}>{profile.specialities.map((i) => <Tag key={i.tagId}>{tagName(i, i18n.language)}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('profiles.fields.capacity')}>{profile.capacity}</Descriptions.Item>
              {profile.note && <Descriptions.Item label={t('profiles.fields.note')}>{profile.note}</Descriptions.Item>}
              <Descriptions.Item label={t('profiles.view.changes')}>
                {previousTerm
                  ? (changes.length
                    ? changes.map((c) => (
                      <div key={`${c.list}-${c.tagId}`}>
                        {t(`profiles.fields.${c.list}`)}：{tagName(c, i18n.language)} {t(`profiles.change.${c.change}`)}
                        {c.before && c.after ? `（${t(`profiles.level.${c.before}`)} → ${t(`profiles.level.${c.after}`)}）` : ''}
                      </div>
                    ))
                    : t('profiles.view.noChanges', { term: previousTerm }))
                  : t('profiles.view.firstTerm')}
              </Descriptions.Item>
            </Descriptions>
          );
        }}
      </QueryBoundary>
    </Modal>
  );
}
