import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type AssignmentView, type CreateUserDto, type RoleName, type UserView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { queryKeys, useUsers, type UserQuery } from '../../api/queries';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, isDistrictAdmin } from '../../auth/roles';
import { formatDateTime, sortOrderOf, toSort } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { assignmentLabel } from './roleLabel';

const ROLE_FILTERS: RoleName[] = ['district_admin', 'alliance_admin', 'school_admin', 'teacher'];
type UserForm = Omit<CreateUserDto, 'districtId'>;

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { districtId } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const mutation = useMutation({
    mutationFn: (v: UserForm) =>
      unwrap(api.http.POST('/api/v1/users', {
        body: { districtId: districtId ?? '', username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, phone: v.phone?.trim() || undefined, email: v.email?.trim() || undefined },
      })),
    onSuccess: async (user) => {
      void message.success(t('user.create.created'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.users() });
      onClose();
      void navigate(`/users/${user.id}`);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const f = (k: string) => t(`user.fields.${k}`);
  return (
    <Modal title={t('user.create.title')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')} confirmLoading={mutation.isPending} destroyOnHidden>
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<UserForm> form={form} layout="vertical" onFinish={(v) => { setExtra([]); mutation.mutate(v); }}>
        <Form.Item name="username" label={f('username')} rules={[{ required: true, message: t('validation.required', { field: f('username') }) }, { pattern: /^[a-zA-Z0-9._-]{3,64}$/, message: t('validation.username') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={f('displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: f('displayName') }) }, { max: 64, message: t('validation.maxLength', { field: f('displayName'), max: 64 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={f('password')} rules={[{ required: true, message: t('validation.required', { field: f('password') }) }, { min: 10, max: 128, message: t('validation.password') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="phone" label={f('phone')} rules={[{ pattern: /^\+?\d{6,20}$/, message: t('validation.phone') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={f('email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { districtId } = useAuth();
  const [creating, setCreating] = useState(false);
  const districtAdmin = isDistrictAdmin(me);
  // A school admin sees the people of their school.
  const schoolId = districtAdmin ? undefined : adminSchoolIds(me)[0];
  const [query, setQuery] = useState<UserQuery>({ page: 1, pageSize: 20, sort: 'username' });
  const users = useUsers({ ...query, districtId, schoolId });
  const update = (patch: Partial<UserQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {districtAdmin ? t('user.list.title') : t('nav.teachers')}
        </Typography.Title>
        {districtAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('user.list.create')}
          </Button>
        )}
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('user.list.searchPlaceholder')} aria-label={t('common.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
          <Select<RoleName> allowClear placeholder={t('user.list.filterRole')} aria-label={t('user.list.filterRole')} style={{ width: 160 }} value={query.role} onChange={(role) => update({ role })} options={ROLE_FILTERS.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Space>
        {users.error ? <ProblemAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        <Table<UserView>
          rowKey="id"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          onChange={(p, _f, sorter) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: toSort(sorter) ?? 'username' }))}
          pagination={{ current: query.page, pageSize: query.pageSize, total: users.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{ emptyText: users.isPending ? ' ' : <EmptyState title={t('user.list.empty')} hint={districtAdmin ? t('user.list.emptyHint') : undefined} /> }}
          columns={[
            { title: t('user.fields.username'), dataIndex: 'username', sorter: true, sortOrder: sortOrderOf(query.sort, 'username'), render: (u: string, row) => (districtAdmin ? <Link to={`/users/${row.id}`}>{u}</Link> : u) },
            { title: t('user.fields.displayName'), dataIndex: 'displayName', sorter: true, sortOrder: sortOrderOf(query.sort, 'displayName') },
            { title: t('user.fields.roles'), dataIndex: 'assignments', render: (as: AssignmentView[]) => (as.length ? as.map((a) => <Tag key={a.id}>{assignmentLabel(t, a)}</Tag>) : t('common.none')) },
            { title: t('user.fields.status'), dataIndex: 'status', render: (s: UserView['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`user.status.${s}`)}</Tag> },
            { title: t('user.fields.lastLoginAt'), dataIndex: 'lastLoginAt', render: formatDateTime },
          ]}
        />
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
