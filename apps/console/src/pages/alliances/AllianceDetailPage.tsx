import { App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import { CheckCircleOutlined, StopOutlined, UserAddOutlined, LoginOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type AllianceDetailView, type MemberRole, type MembershipView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useAlliance } from '../../api/queries';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { adminAllianceIds, adminSchoolIds, canManageAlliance, isDistrictAdmin, ownDistrictId } from '../../auth/roles';
import { formatDate, formatDateTime } from '../../components/format';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SchoolSelect } from '../../components/SchoolSelect';
import { EmptyState, QueryBoundary } from '../../components/states';
import { JoinRequestsTable } from '../join-requests/JoinRequestsTable';
import { AllianceStatusTag } from './labels';
import { ChartersTab } from './charters/ChartersTab';
import { OrganisationPanel } from '../organisation/OrganisationPanel';
import { InviteSchoolSelect } from './InviteSchoolSelect';

const ROLES_BY_KIND: Record<AllianceDetailView['kind'], MemberRole[]> = {
  pairing: ['supported', 'supporting'],
  alliance: ['member', 'core'],
  integrated: ['member', 'core'],
};

/** Invalidates everything an alliance change can move. */
function useRefreshAlliance() {
  const queryClient = useQueryClient();
  return () => Promise.all(['alliance', 'alliances', 'join-requests', 'school', 'schools', 'overview'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
}

type ActionForm = { schoolId?: string; role?: MemberRole; message?: string; reason?: string };

/** One modal for invite / apply / leave / dissolve: the same shape, a different call. */
function ActionModal({ alliance, action, member, onClose }: { alliance: AllianceDetailView; action: 'invite' | 'apply' | 'leave' | 'dissolve'; member?: MembershipView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { districtId } = useAuth();
  const refresh = useRefreshAlliance();
  const [form] = Form.useForm<ActionForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const path = { params: { path: { id: alliance.id } } };
  const mutation = useMutation({
    mutationFn: async (v: ActionForm) => {
      switch (action) {
        case 'invite':
          return unwrap(api.http.POST('/api/v1/alliances/{id}/invitations', { ...path, body: { schoolId: v.schoolId ?? '', role: v.role, message: v.message?.trim() || undefined } }));
        case 'apply':
          return unwrap(api.http.POST('/api/v1/alliances/{id}/applications', { ...path, body: { schoolId: v.schoolId ?? '', message: v.message?.trim() || undefined } }));
        case 'leave':
          return unwrap(api.http.POST('/api/v1/alliances/{id}/leave', { ...path, body: { schoolId: member?.school.id ?? '', reason: v.reason?.trim() ?? '' } }));
        case 'dissolve':
          return unwrap(api.http.POST('/api/v1/alliances/{id}/dissolve', { ...path, body: { reason: v.reason?.trim() ?? '' } }));
      }
    },
    onSuccess: async () => {
      void message.success(t({ invite: 'alliance.detail.invited', apply: 'alliance.detail.applied', leave: 'alliance.detail.left', dissolve: 'alliance.detail.dissolved' }[action]));
      await refresh();
      onClose();
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const titles = {
    invite: t('alliance.detail.inviteTitle', { name: alliance.name }),
    apply: t('alliance.detail.applyTitle', { name: alliance.name }),
    leave: t('alliance.detail.leaveTitle', { school: member?.school.name ?? '' }),
    dissolve: t('alliance.detail.dissolveTitle', { name: alliance.name }),
  };
  const members = alliance.members.filter((m) => m.status === 'active').map((m) => m.school.id);
  const mySchools = adminSchoolIds(me).filter((id) => !members.includes(id));
  const reasonLabel = action === 'dissolve' ? t('alliance.detail.dissolveReason') : t('alliance.detail.leaveReason');
  const schoolLabel = action === 'apply' ? t('alliance.detail.applySchool') : t('alliance.detail.inviteSchool');
  const danger = action === 'dissolve' || action === 'leave';
  return (
    <Modal
      open
      title={titles[action]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(action === 'invite' ? 'alliance.detail.invite' : action === 'apply' ? 'alliance.detail.apply' : action === 'leave' ? 'alliance.detail.leave' : 'alliance.detail.dissolve')}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {action === 'dissolve' && <Typography.Paragraph type="danger">{t('alliance.detail.dissolveWarning')}</Typography.Paragraph>}
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form<ActionForm>
        form={form}
        layout="vertical"
        initialValues={action === 'apply' && mySchools.length === 1 ? { schoolId: mySchools[0] } : {}}
        onFinish={(v) => { setExtra([]); mutation.mutate(v); }}
      >
        {(action === 'invite' || action === 'apply') && (
          <Form.Item name="schoolId" label={schoolLabel} rules={[{ required: true, message: t('validation.requiredSelect', { field: schoolLabel }) }]}>
            {action === 'invite' ? (
              <InviteSchoolSelect allianceId={alliance.id} placeholder={t('alliance.detail.inviteSchoolPlaceholder')} />
            ) : isDistrictAdmin(me) ? (
              <SchoolSelect districtId={districtId ?? alliance.districtId} exclude={members} placeholder={t('alliance.detail.inviteSchoolPlaceholder')} />
            ) : (
              <Select options={me.assignments.filter((a) => a.schoolId && mySchools.includes(a.schoolId)).map((a) => ({ value: a.schoolId as string, label: a.scopeName ?? a.schoolId }))} />
            )}
          </Form.Item>
        )}
        {action === 'invite' && (
          <Form.Item name="role" label={t('alliance.detail.inviteRole')} extra={t('alliance.detail.inviteRoleHelp')}>
            <Select allowClear options={ROLES_BY_KIND[alliance.kind].map((r) => ({ value: r, label: t(`alliance.memberRole.${r}`) }))} />
          </Form.Item>
        )}
        {(action === 'invite' || action === 'apply') && (
          <Form.Item name="message" label={`${t('alliance.detail.message')}（${t('common.optional')}）`} rules={[{ max: 500, message: t('validation.maxLength', { field: t('alliance.detail.message'), max: 500 }) }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {(action === 'leave' || action === 'dissolve') && (
          <Form.Item name="reason" label={reasonLabel} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: reasonLabel }) }, { max: 500, message: t('validation.maxLength', { field: reasonLabel, max: 500 }) }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function AllianceDetail({ alliance }: { alliance: AllianceDetailView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const refresh = useRefreshAlliance();
  const [action, setAction] = useState<{ kind: 'invite' | 'apply' | 'leave' | 'dissolve'; member?: MembershipView } | null>(null);
  // across districts the alliance's own district runs it; the other district's admin reads it
  const home = ownDistrictId(me);
  const manage = canManageAlliance(me, alliance.id) && (!home || alliance.districtId === home || adminAllianceIds(me).includes(alliance.id));
  const [searchParams, setSearchParams] = useSearchParams();
  const current = alliance.members.filter((m) => m.status === 'active');
  const history = [...alliance.members].sort((a, b) => (b.leftAt ?? b.joinedAt).localeCompare(a.leftAt ?? a.joinedAt));
  const memberIds = current.map((m) => m.school.id);
  const canApply = alliance.status !== 'dissolved' && adminSchoolIds(me).some((id) => !memberIds.includes(id)) && !manage;
  // across districts the school's own district admin may take it out as well
  const mayTakeOut = (m: MembershipView) => manage || adminSchoolIds(me).includes(m.school.id) || (isDistrictAdmin(me) && Boolean(home) && m.schoolDistrictId === home);
  const canLeave = (m: MembershipView) => alliance.status !== 'dissolved' && m.role !== 'core' && m.role !== 'supporting' && mayTakeOut(m);
  const activate = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/alliances/{id}/activate', { params: { path: { id: alliance.id } } })),
    onSuccess: async () => {
      void message.success(t('alliance.detail.activated'));
      await refresh();
    },
  });

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="baseline" wrap>
          <Typography.Title level={1} style={{ margin: 0 }}>
            {alliance.name}
          </Typography.Title>
          <AllianceStatusTag status={alliance.status} />
          <Typography.Text type="secondary">{t(`alliance.kind.${alliance.kind}`)}</Typography.Text>
        </Space>
        <Space wrap>
          {manage && alliance.status !== 'dissolved' && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAction({ kind: 'invite' })}>
              {t('alliance.detail.invite')}
            </Button>
          )}
          {canApply && (
            <Button type="primary" icon={<LoginOutlined />} onClick={() => setAction({ kind: 'apply' })}>
              {t('alliance.detail.apply')}
            </Button>
          )}
          {manage && alliance.status === 'draft' && (
            <Popconfirm title={t('alliance.detail.activateConfirm', { name: alliance.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => activate.mutate()}>
              <Button icon={<CheckCircleOutlined />} loading={activate.isPending}>
                {t('alliance.detail.activate')}
              </Button>
            </Popconfirm>
          )}
          {manage && alliance.status !== 'dissolved' && (
            <Button danger icon={<StopOutlined />} onClick={() => setAction({ kind: 'dissolve' })}>
              {t('alliance.detail.dissolve')}
            </Button>
          )}
        </Space>
      </Space>
      <ProblemAlert error={activate.error} showFieldErrors />
      <Card>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={alliance.kind === 'pairing' ? t('alliance.memberRole.supporting') : t('alliance.fields.coreSchool')}>
            <Link to={`/schools/${alliance.coreSchool.id}`}>{alliance.coreSchool.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('alliance.fields.memberCount')}>{alliance.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t('alliance.fields.startsOn')}>{formatDate(alliance.startsOn)}</Descriptions.Item>
          <Descriptions.Item label={t('alliance.fields.createdAt')}>{formatDateTime(alliance.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('alliance.fields.activatedAt')}>{formatDateTime(alliance.activatedAt)}</Descriptions.Item>
          {alliance.dissolvedAt && <Descriptions.Item label={t('alliance.fields.dissolvedAt')}>{formatDateTime(alliance.dissolvedAt)}</Descriptions.Item>}
          <Descriptions.Item label={t('alliance.fields.description')} span={3}>
            {alliance.description ?? t('common.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card style={{ marginTop: 16 }}>
        <Tabs
          activeKey={searchParams.get('tab') ?? 'members'}
          onChange={(tab) => setSearchParams((params) => { params.set('tab', tab); return params; }, { replace: true })}
          items={[
            {
              key: 'members',
              label: `${t('alliance.detail.members')} (${current.length})`,
              children: (
                <Table<MembershipView>
                  rowKey="id"
                  data-testid="alliance-members"
                  pagination={false}
                  dataSource={current}
                  locale={{ emptyText: <EmptyState title={t('alliance.detail.noMembers')} hint={manage ? t('alliance.detail.noMembersHint') : undefined} /> }}
                  columns={[
                    { title: t('joinRequest.fields.school'), dataIndex: ['school', 'name'], render: (name: string, m) => <Link to={`/schools/${m.school.id}`}>{name}</Link> },
                    { title: t('joinRequest.fields.role'), dataIndex: 'role', render: (r: MemberRole) => t(`alliance.memberRole.${r}`) },
                    { title: t('alliance.detail.joinedAt'), dataIndex: 'joinedAt', render: formatDateTime },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_: unknown, m) =>
                        canLeave(m) ? (
                          <Button size="small" danger onClick={() => setAction({ kind: 'leave', member: m })}>
                            {t('alliance.detail.leave')}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: t('alliance.detail.history'),
              children: (
                <Table<MembershipView>
                  rowKey="id"
                  pagination={false}
                  dataSource={history}
                  locale={{ emptyText: <EmptyState title={t('alliance.detail.noHistory')} /> }}
                  columns={[
                    { title: t('joinRequest.fields.school'), dataIndex: ['school', 'name'] },
                    { title: t('joinRequest.fields.role'), dataIndex: 'role', render: (r: MemberRole) => t(`alliance.memberRole.${r}`) },
                    { title: t('alliance.detail.memberStatus'), dataIndex: 'status', render: (s: MembershipView['status']) => (s === 'active' ? t('alliance.detail.memberActive') : t('alliance.detail.memberLeft')) },
                    { title: t('alliance.detail.joinedAt'), dataIndex: 'joinedAt', render: formatDateTime },
                    { title: t('alliance.detail.leftAt'), dataIndex: 'leftAt', render: formatDateTime },
                    { title: t('alliance.detail.leftReason'), dataIndex: 'leftReason', render: (r: string | null) => r ?? t('common.none') },
                  ]}
                />
              ),
            },
            {
              key: 'requests',
              label: t('alliance.detail.joinRequests'),
              children: <JoinRequestsTable query={{ allianceId: alliance.id }} showAlliance={false} />,
            },
            {
              key: 'charters',
              label: t('charters.tab'),
              children: <ChartersTab alliance={alliance} manage={manage} />,
            },
            {
              key: 'organisation',
              label: t('organisation.tab'),
              children: <OrganisationPanel alliance={alliance} />,
            },
          ]}
        />
      </Card>
      {action && <ActionModal alliance={alliance} action={action.kind} member={action.member} onClose={() => setAction(null)} />}
    </>
  );
}

export function AllianceDetailPage() {
  const { id } = useParams();
  const alliance = useAlliance(id);
  return (
    <QueryBoundary isPending={alliance.isPending} error={alliance.error} refetch={alliance.refetch}>
      {() => alliance.data && <AllianceDetail alliance={alliance.data} />}
    </QueryBoundary>
  );
}
