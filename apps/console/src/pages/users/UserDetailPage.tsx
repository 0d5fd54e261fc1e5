import { App, Button, Card, Descriptions, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type AssignmentView, type AssignRoleDto, type UserView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { queryKeys, useAlliances, useUser } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { EmptyState, QueryBoundary } from '../../components/states';
import { UserBodyMemberships } from '../organisation/UserBodyMemberships';

const ASSIGNABLE: AssignRoleDto['role'][] = ['school_admin', 'teacher', 'alliance_admin', 'district_admin'];

function AssignRoleModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AssignRoleDto>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const role = Form.useWatch('role', form);
  const alliances = useAlliances({ districtId, pageSize: 200, sort: 'name' });
  const mutation = useMutation({
    mutationFn: (v: AssignRoleDto) => unwrap(api.http.POST('/api/v1/users/{id}/roles', { params: { path: { id: user.id } }, body: v })),
    onSuccess: async () => {
      void message.success(t('user.detail.assigned'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.user(user.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.users() });
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  return (
    <Modal open title={t('user.detail.addRole')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={mutation.isPending}>
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<AssignRoleDto> form={form} layout="vertical" initialValues={{ role: 'school_admin' }} onFinish={(v) => { setExtra([]); mutation.mutate(v); }}>
        <Form.Item name="role" label={t('user.detail.role')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('user.detail.role') }) }]}>
          <Select options={ASSIGNABLE.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {(role === 'school_admin' || role === 'teacher') && (
          <Form.Item name="schoolId" label={t('user.detail.school')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('user.detail.school') }) }]}>
            <SchoolSelect districtId={districtId} />
          </Form.Item>
        )}
        {role === 'alliance_admin' && (
          <Form.Item name="allianceId" label={t('user.detail.alliance')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('user.detail.alliance') }) }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={alliances.isPending} options={(alliances.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function UserDetail({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [assigning, setAssigning] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.user(user.id) });
    await queryClient.invalidateQueries({ queryKey: queryKeys.users() });
  };
  const revoke = useMutation({
    mutationFn: (assignmentId: string) => unwrap(api.http.DELETE('/api/v1/users/{id}/roles/{assignmentId}', { params: { path: { id: user.id, assignmentId } } })),
    onSuccess: async () => {
      void message.success(t('user.detail.revoked'));
      await refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: () => unwrap(api.http.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { status: user.status === 'active' ? 'disabled' : 'active' } })),
    onSuccess: async () => {
      void message.success(t('user.detail.statusChanged'));
      await refresh();
    },
  });
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="baseline">
          <Typography.Title level={1} style={{ margin: 0 }}>
            {user.displayName}
          </Typography.Title>
          <Tag color={user.status === 'active' ? 'green' : 'default'}>{t(`user.status.${user.status}`)}</Tag>
        </Space>
        {user.status === 'active' ? (
          <Popconfirm title={t('user.detail.disableConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => toggle.mutate()}>
            <Button danger loading={toggle.isPending}>{t('user.detail.disable')}</Button>
          </Popconfirm>
        ) : (
          <Button loading={toggle.isPending} onClick={() => toggle.mutate()}>{t('user.detail.enable')}</Button>
        )}
      </Space>
      <ProblemAlert error={revoke.error ?? toggle.error} showFieldErrors />
      <Card>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('user.fields.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('user.fields.phone')}>{user.phone ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('user.fields.email')}>{user.email ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('user.fields.createdAt')}>{formatDateTime(user.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('user.fields.lastLoginAt')}>{formatDateTime(user.lastLoginAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('user.detail.roles')} style={{ marginTop: 16 }} extra={<Button icon={<PlusOutlined />} onClick={() => setAssigning(true)}>{t('user.detail.addRole')}</Button>}>
        <Table<AssignmentView>
          rowKey="id"
          pagination={false}
          dataSource={user.assignments}
          locale={{ emptyText: <EmptyState title={t('user.detail.noRoles')} hint={t('user.detail.noRolesHint')} /> }}
          columns={[
            { title: t('user.detail.role'), dataIndex: 'role', render: (r: AssignmentView['role']) => t(`roles.${r}`) },
            { title: t('user.detail.scope'), dataIndex: 'scopeName', render: (s: string | null | undefined) => s ?? t('common.none') },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, a) => (
                <Popconfirm title={t('user.detail.revokeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => revoke.mutate(a.id)}>
                  <Button size="small" danger>{t('user.detail.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <UserBodyMemberships userId={user.id} />
      {assigning && <AssignRoleModal user={user} onClose={() => setAssigning(false)} />}
    </>
  );
}

export function UserDetailPage() {
  const { id } = useParams();
  const user = useUser(id);
  return (
    <QueryBoundary isPending={user.isPending} error={user.error} refetch={user.refetch}>
      {() => user.data && <UserDetail user={user.data} />}
    </QueryBoundary>
  );
}
