import { App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type JoinDecision, type JoinRequestStatus, type JoinRequestView, type MeView, type Schemas } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useJoinRequests, type JoinRequestQuery } from '../../api/queries';
import { useMe } from '../../auth/AuthProvider';
import { adminSchoolIds, canManageAlliance, isDistrictAdmin, PLATFORM_DISTRICT } from '../../auth/roles';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { JoinRequestStatusTag } from '../alliances/labels';

/**
 * Which answers this user may give: the invited school accepts or declines an invitation and the
 * alliance withdraws it; an application is the other way round. The service checks again.
 */
export function decisionsFor(me: MeView, request: JoinRequestView): JoinDecision[] {
  if (request.status !== 'pending') return [];
  // across districts each side is run by its own district's admin
  const allianceDistrict = request.approvals.find((a) => a.side === 'alliance')?.district.id;
  const schoolDistrict = request.approvals.find((a) => a.side === 'school')?.district.id;
  const allianceSide = allianceDistrict ? adminsDistrict(me, allianceDistrict) || adminAllianceOf(me, request) : canManageAlliance(me, request.alliance.id);
  const schoolSide = (schoolDistrict ? adminsDistrict(me, schoolDistrict) : isDistrictAdmin(me)) || adminSchoolIds(me).includes(request.school.id);
  // once the asked side has accepted, the request waits for the districts; the asking side may still withdraw
  const answering = !request.answeredAt && (request.kind === 'invitation' ? schoolSide : allianceSide);
  const asking = request.kind === 'invitation' ? allianceSide : schoolSide;
  return [...(answering ? (['accept', 'decline'] as const) : []), ...(asking ? (['withdraw'] as const) : [])];
}

type ApprovalDecision = Schemas['ApproveJoinRequestDto']['decision'];
type ApprovalView = Schemas['JoinRequestApprovalView'];

const adminsDistrict = (me: MeView, districtId: string): boolean =>
  me.assignments.some((a) => (a.role === 'district_admin' && a.districtId === districtId) || (a.role === 'platform_admin' && a.districtId === PLATFORM_DISTRICT));
const adminAllianceOf = (me: MeView, request: JoinRequestView): boolean =>
  me.assignments.some((a) => a.role === 'alliance_admin' && a.allianceId === request.alliance.id);

/** Whether this user decides a district approval of the request now (the service checks again). */
export function mayApprove(me: MeView, request: JoinRequestView): boolean {
  return request.status === 'pending' && request.approvals.some((a) => a.status === 'pending' && adminsDistrict(me, a.district.id));
}

const APPROVAL_COLOR: Record<ApprovalView['status'], string> = { pending: 'gold', approved: 'green', refused: 'red' };

/** The two districts' approvals of a request across districts, each with its state. */
export function ApprovalTags({ request }: { request: JoinRequestView }) {
  const { t } = useTranslation();
  if (!request.crossDistrict) return <>{t('common.none')}</>;
  return (
    <Space size={[4, 4]} wrap data-testid="join-request-approvals">
      {request.approvals.map((a) => (
        <Tag key={a.side} color={APPROVAL_COLOR[a.status]} title={a.comment ?? undefined}>
          {a.district.name}：{t(`crossDistrict.approvalStatus.${a.status}`)}
        </Tag>
      ))}
      {request.status === 'pending' && request.answeredAt ? <Tag>{t('crossDistrict.answered')}</Tag> : null}
    </Space>
  );
}

/** An answer to a join request that takes a comment: the asked side's response, or a district's approval across districts. */
export type CommentAction = { route: 'respond'; decision: JoinDecision } | { route: 'approval'; decision: ApprovalDecision };

/**
 * What the comment dialog shows for an action: its title, button and done message, the hint above the
 * form, and whether the button warns (declining or withdrawing a request, refusing an approval).
 */
export function commentDialogSpec(action: CommentAction): { title: string; ok: string; done: string; hint: 'approval' | 'message'; danger: boolean } {
  return action.route === 'respond'
    ? { title: 'joinRequest.respondTitle', ok: `joinRequest.decision.${action.decision}`, done: 'joinRequest.responded', hint: 'message', danger: action.decision !== 'accept' }
    : { title: 'crossDistrict.approveTitle', ok: `crossDistrict.decision.${action.decision}`, done: 'crossDistrict.approved', hint: 'approval', danger: action.decision === 'refuse' };
}

/** One dialog for every answer with a comment: the route, texts and danger rule come from the action. */
function CommentDialog({ request, action, onClose }: { request: JoinRequestView; action: CommentAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const spec = commentDialogSpec(action);
  const mutation = useMutation({
    mutationFn: (comment?: string) => {
      const params = { path: { id: request.id } };
      const text = comment?.trim() || undefined;
      return action.route === 'respond'
        ? unwrap(api.http.POST('/api/v1/join-requests/{id}/respond', { params, body: { decision: action.decision, comment: text } }))
        : unwrap(api.http.POST('/api/v1/join-requests/{id}/approval', { params, body: { decision: action.decision, comment: text } }));
    },
    onSuccess: async () => {
      void message.success(t(spec.done));
      await Promise.all(['join-requests', 'alliance', 'alliances', 'school', 'schools', 'overview'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t(spec.title, { action: t(spec.ok), school: request.school.name, alliance: request.alliance.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(spec.ok)}
      okButtonProps={{ danger: spec.danger }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
    >
      <ProblemAlert error={mutation.error} showFieldErrors />
      {spec.hint === 'approval' ? <p style={{ opacity: 0.75 }}>{t('crossDistrict.approveHint')}</p> : request.message && <p style={{ opacity: 0.75 }}>“{request.message}”</p>}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.comment)}>
        <Form.Item name="comment" label={`${t('joinRequest.fields.comment')}（${t('common.optional')}）`} rules={[{ max: 500, message: t('validation.maxLength', { field: t('joinRequest.fields.comment'), max: 500 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function JoinRequestsTable({ query: fixed, showAlliance = true }: { query: JoinRequestQuery; showAlliance?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [answering, setAnswering] = useState<{ request: JoinRequestView; action: CommentAction } | null>(null);
  const requests = useJoinRequests({ sort: '-createdAt', ...fixed, ...page });
  return (
    <>
      {requests.error ? <ProblemAlert error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      <Table<JoinRequestView>
        rowKey="id"
        data-testid="join-requests"
        loading={requests.isFetching}
        dataSource={requests.data?.items ?? []}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: requests.data?.total ?? 0, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: requests.isPending ? ' ' : <EmptyState title={t('joinRequest.empty')} hint={t('joinRequest.emptyHint')} /> }}
        columns={[
          ...(showAlliance ? [{ title: t('joinRequest.fields.alliance'), dataIndex: ['alliance', 'name'], render: (name: string, r: JoinRequestView) => <Link to={`/alliances/${r.alliance.id}`}>{name}</Link> }] : []),
          { title: t('joinRequest.fields.school'), dataIndex: ['school', 'name'] },
          { title: t('joinRequest.fields.kind'), dataIndex: 'kind', render: (k: JoinRequestView['kind']) => <Tag>{t(`joinRequest.kind.${k}`)}</Tag> },
          { title: t('joinRequest.fields.role'), dataIndex: 'role', render: (r: JoinRequestView['role']) => t(`alliance.memberRole.${r}`) },
          { title: t('joinRequest.fields.status'), dataIndex: 'status', render: (s: JoinRequestStatus) => <JoinRequestStatusTag status={s} /> },
          { title: t('crossDistrict.approvals'), key: 'approvals', render: (_: unknown, r: JoinRequestView) => <ApprovalTags request={r} /> },
          { title: t('joinRequest.fields.message'), dataIndex: 'message', ellipsis: true, render: (m: string | null, r) => m ?? r.comment ?? t('common.none') },
          { title: t('joinRequest.fields.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space size="small">
                {decisionsFor(me, r).map((d) => (
                  <Button key={d} size="small" type={d === 'accept' ? 'primary' : 'default'} danger={d === 'decline'} onClick={() => setAnswering({ request: r, action: { route: 'respond', decision: d } })}>
                    {t(`joinRequest.decision.${d}`)}
                  </Button>
                ))}
                {mayApprove(me, r) && (['approve', 'refuse'] as const).map((d) => (
                  <Button key={d} size="small" type={d === 'approve' ? 'primary' : 'default'} danger={d === 'refuse'} onClick={() => setAnswering({ request: r, action: { route: 'approval', decision: d } })}>
                    {t(`crossDistrict.decision.${d}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {answering && <CommentDialog request={answering.request} action={answering.action} onClose={() => setAnswering(null)} />}
    </>
  );
}
