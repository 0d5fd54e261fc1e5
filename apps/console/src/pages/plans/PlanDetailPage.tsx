import {
  Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Select, Space, Tag, Timeline, Typography, Upload,
} from 'antd';
import { DownloadOutlined, LinkOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { problemMessage } from '../../components/problem';
import { QueryBoundary } from '../../components/states';
import { shanghaiDateTime } from '../activities/api';
import {
  ASSIGNEE_KINDS, downloadEvidence, EVIDENCE_EXTENSIONS, EVIDENCE_LINK_KINDS, MILESTONE_STATUSES, PLAN_STATUS_COLORS, planKeys, RATING_COLORS, TARGET_RATINGS,
  uploadEvidence, usePlan, type EvidenceView, type MilestoneView, type PlanAction, type PlanDetailView, type ProgressInputDto, type TargetInputDto,
  type TargetRating, type TargetView,
} from './api';

/** One plan: its goals and owner, the review flow, targets with their milestones as a timeline, progress with evidence, and the assessment. */
export function PlanDetailPage() {
  const { id } = useParams();
  const plan = usePlan(id);
  return <QueryBoundary isPending={plan.isPending} error={plan.error} refetch={plan.refetch}>{() => plan.data && <PlanDetail plan={plan.data} />}</QueryBoundary>;
}

/** Runs a change of the plan and refreshes what shows it; errors are shown in the user's language. */
function usePlanMutation<V>(fn: (v: V) => Promise<unknown>, success: string, after?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      void message.success(t(success));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      after?.();
    },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
}

function PlanDetail({ plan }: { plan: PlanDetailView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [returning, setReturning] = useState(false);
  const [addingTarget, setAddingTarget] = useState(false);
  const move = usePlanMutation(
    ({ action, comment }: { action: PlanAction; comment?: string }) =>
      unwrap(api.http.POST('/api/v1/plans/{id}/transitions', { params: { path: { id: plan.id } }, body: { action, comment } })),
    'plans.detail.moved', () => setReturning(false),
  );
  const draft = plan.status === 'draft';
  const actions: PlanAction[] = [
    ...(draft && plan.can.edit ? ['submit' as const] : []),
    ...(plan.status === 'submitted' && plan.can.review ? ['approve' as const] : []),
    ...(plan.status === 'approved' && plan.can.review ? ['close' as const] : []),
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space align="center" wrap>
          <Typography.Title level={1} style={{ margin: 0 }}>{plan.title}</Typography.Title>
          <Tag>{t(`plans.level.${plan.level}`)}</Tag>
          <Tag color={PLAN_STATUS_COLORS[plan.status]} data-testid="plan-status">{t(`plans.status.${plan.status}`)}</Tag>
        </Space>
        <Space wrap>
          <Button onClick={() => navigate('/plans')}>{t('common.back')}</Button>
          {actions.map((action) => (
            <Button key={action} type="primary" loading={move.isPending} onClick={() => move.mutate({ action })}>{t(`plans.action.${action}`)}</Button>
          ))}
          {plan.status === 'submitted' && plan.can.review && <Button danger onClick={() => setReturning(true)}>{t('plans.action.return')}</Button>}
        </Space>
      </Space>
      {draft && plan.returnComment && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('plans.detail.returned', { comment: plan.returnComment })} />}
      {draft && plan.can.edit && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('plans.detail.draftHint')} />}
      {plan.status === 'approved' && <Alert type="success" showIcon style={{ marginTop: 16 }} title={t('plans.detail.approvedHint')} />}
      {!plan.can.edit && !plan.can.review && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('plans.detail.readOnly')} />}
      <Card style={{ marginTop: 16 }} title={t('plans.detail.overview')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('plans.fields.alliance')}>{plan.alliance.name}</Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.school')}>{plan.school?.name ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.term')}>{plan.term}</Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.owner')}>{plan.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.progress')}>
            {t('plans.detail.progressCount', { done: plan.milestonesDone, total: plan.milestoneCount })}
            {plan.milestonesOverdue > 0 && <Tag color="red" style={{ marginLeft: 8 }}>{t('plans.milestones.overdue')} {plan.milestonesOverdue}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.goals')} span={2}><Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{plan.goals}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.measures')} span={2}><Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{plan.measures || t('common.none')}</Typography.Text></Descriptions.Item>
        </Descriptions>
      </Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '16px 0 8px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('plans.detail.targets')}</Typography.Title>
        {draft && plan.can.edit && <Button icon={<PlusOutlined />} onClick={() => setAddingTarget(true)}>{t('plans.detail.addTarget')}</Button>}
      </Space>
      {plan.targets.length === 0 && <Card><Empty description={t('plans.detail.noTargets')} /></Card>}
      {plan.targets.map((target) => <TargetCard key={target.id} plan={plan} target={target} />)}
      <Modal
        title={t('plans.action.return')} open={returning} onCancel={() => setReturning(false)} okText={t('common.confirm')} cancelText={t('common.cancel')}
        confirmLoading={move.isPending} destroyOnHidden footer={null}
      >
        <Form layout="vertical" onFinish={(v: { comment: string }) => move.mutate({ action: 'return', comment: v.comment.trim() })}>
          <Form.Item name="comment" label={t('plans.detail.returnComment')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('plans.detail.returnComment') }) }, { max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={move.isPending}>{t('common.confirm')}</Button>
        </Form>
      </Modal>
      <TargetModal plan={plan} open={addingTarget} onClose={() => setAddingTarget(false)} />
    </>
  );
}

function TargetCard({ plan, target }: { plan: PlanDetailView; target: TargetView }) {
  const { t } = useTranslation();
  const [addingMilestone, setAddingMilestone] = useState(false);
  const remove = usePlanMutation(() => unwrap(api.http.DELETE('/api/v1/plans/targets/{id}', { params: { path: { id: target.id } } })), 'plans.detail.saved');
  const editable = plan.status === 'draft' && plan.can.edit;
  return (
    <Card
      style={{ marginBottom: 16 }} data-testid="target-card"
      title={<Space wrap><span>{target.title}</span>{target.assessment && <Tag color={RATING_COLORS[target.assessment.rating]}>{t(`plans.rating.${target.assessment.rating}`)}</Tag>}</Space>}
      extra={editable && (
        <Space>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingMilestone(true)}>{t('plans.detail.addMilestone')}</Button>
          <Popconfirm title={t('plans.detail.removeTarget')} onConfirm={() => remove.mutate(undefined)}><Button size="small" danger>{t('plans.detail.removeTarget')}</Button></Popconfirm>
        </Space>
      )}
    >
      {target.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{target.description}</Typography.Paragraph>}
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('plans.fields.assignees')}：</Typography.Text>
        {target.assignees.map((a, i) => <Tag key={i}>{t(`plans.assigneeKind.${a.kind}`)} · {a.name}</Tag>)}
      </Space>
      <Timeline
        items={target.milestones.map((m) => ({
          color: m.completedOn ? 'green' : m.overdue ? 'red' : 'blue',
          content: <MilestoneItem plan={plan} milestone={m} />,
        }))}
      />
      {(plan.status === 'approved' || plan.status === 'closed') && <AssessmentBlock plan={plan} target={target} />}
      <MilestoneModal targetId={target.id} open={addingMilestone} onClose={() => setAddingMilestone(false)} />
    </Card>
  );
}

function MilestoneItem({ plan, milestone: m }: { plan: PlanDetailView; milestone: MilestoneView }) {
  const { t } = useTranslation();
  const me = useMe();
  const [reporting, setReporting] = useState(false);
  const [uploading, setUploading] = useState(false);
  const remove = usePlanMutation(() => unwrap(api.http.DELETE('/api/v1/plans/milestones/{id}', { params: { path: { id: m.id } } })), 'plans.detail.saved');
  const mayReport = plan.status === 'approved' && (plan.can.report || m.ownerUserId === me.id);
  const daysOverdue = m.overdue ? Math.round((Date.now() + 8 * 3600_000 - Date.parse(`${m.dueOn}T00:00:00Z`)) / 86400_000) : 0;
  return (
    <div data-testid="milestone">
      <Space wrap>
        <Typography.Text strong>{m.title}</Typography.Text>
        <Tag>{t('plans.fields.dueOn')} {m.dueOn}</Tag>
        <Tag color={m.status === 'done' ? 'green' : m.status === 'in_progress' ? 'blue' : 'default'}>{t(`plans.milestoneStatus.${m.status}`)}</Tag>
        {m.overdue && <Tag color="red">{t('plans.detail.overdue', { days: daysOverdue })}</Tag>}
        {m.onTime === true && <Tag color="green">{t('plans.detail.onTime')}</Tag>}
        {m.onTime === false && <Tag color="orange">{t('plans.detail.late')}</Tag>}
        <Typography.Text type="secondary">{t('plans.fields.owner')}：{m.ownerName}</Typography.Text>
        {plan.status === 'draft' && plan.can.edit && (
          <Popconfirm title={t('plans.detail.removeMilestone')} onConfirm={() => remove.mutate(undefined)}><Button size="small" type="link" danger>{t('plans.detail.removeMilestone')}</Button></Popconfirm>
        )}
      </Space>
      <div><Typography.Text type="secondary">{t('plans.fields.expectedResult')}：</Typography.Text>{m.expectedResult}</div>
      <Progress percent={m.percent} size="small" style={{ maxWidth: 320 }} />
      {m.progress.map((p) => (
        <div key={p.id}><Typography.Text type="secondary">{p.reportedOn} · {p.reportedBy} · {p.percent}% · {t(`plans.milestoneStatus.${p.status}`)}</Typography.Text> {p.comment}</div>
      ))}
      {m.evidence.length > 0 && <Space wrap style={{ marginTop: 4 }}>{m.evidence.map((e) => <EvidenceTag key={e.id} evidence={e} />)}</Space>}
      {mayReport && (
        <Space style={{ marginTop: 8 }}>
          <Button size="small" onClick={() => setReporting(true)}>{t('plans.detail.report')}</Button>
          <Button size="small" icon={<UploadOutlined />} onClick={() => setUploading(true)}>{t('plans.detail.upload')}</Button>
        </Space>
      )}
      <ProgressModal milestone={m} open={reporting} onClose={() => setReporting(false)} />
      <EvidenceModal milestone={m} open={uploading} onClose={() => setUploading(false)} />
    </div>
  );
}

function EvidenceTag({ evidence: e }: { evidence: EvidenceView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  if (e.kind === 'file') {
    return (
      <Tag icon={<DownloadOutlined />} style={{ cursor: 'pointer' }} onClick={() => void downloadEvidence(e).catch((error: unknown) => void message.error(problemMessage(t, error)))}>
        {e.title}{e.note ? ` · ${e.note}` : ''}
      </Tag>
    );
  }
  return (
    <Tag icon={<LinkOutlined />} color={e.verified ? 'blue' : 'default'}>
      {t(`plans.evidenceKind.${e.kind}`)} · {e.title ?? e.refId}{e.verified ? '' : `（${t('plans.detail.unverified')}）`}
    </Tag>
  );
}

function AssessmentBlock({ plan, target }: { plan: PlanDetailView; target: TargetView }) {
  const { t } = useTranslation();
  const assess = usePlanMutation(
    (body: { rating: TargetRating; comment: string }) => unwrap(api.http.POST('/api/v1/plans/targets/{id}/assessment', { params: { path: { id: target.id } }, body })),
    'plans.detail.assessed',
  );
  const editable = plan.status === 'approved' && plan.can.review;
  return (
    <Card size="small" type="inner" title={t('plans.detail.assessment')}>
      {target.assessment && (
        <Typography.Paragraph>
          <Tag color={RATING_COLORS[target.assessment.rating]}>{t(`plans.rating.${target.assessment.rating}`)}</Tag> {target.assessment.comment}
          <br /><Typography.Text type="secondary">{t('plans.detail.assessedBy', { name: target.assessment.assessedBy, time: shanghaiDateTime(target.assessment.assessedAt) })}</Typography.Text>
        </Typography.Paragraph>
      )}
      {editable && (
        <Form
          layout="inline" initialValues={target.assessment ? { rating: target.assessment.rating, comment: target.assessment.comment } : {}}
          onFinish={(v: { rating: TargetRating; comment: string }) => assess.mutate({ rating: v.rating, comment: v.comment.trim() })}
        >
          <Form.Item name="rating" label={t('plans.fields.rating')} rules={[{ required: true, message: t('validation.required', { field: t('plans.fields.rating') }) }]}>
            <Select style={{ width: 140 }} options={TARGET_RATINGS.map((r) => ({ value: r, label: t(`plans.rating.${r}`) }))} />
          </Form.Item>
          <Form.Item name="comment" label={t('plans.fields.comment')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('plans.fields.comment') }) }, { max: 2000 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={assess.isPending}>{t('plans.detail.assess')}</Button>
        </Form>
      )}
    </Card>
  );
}

interface MilestoneForm { title: string; dueOn: Dayjs; expectedResult: string }
const milestoneBody = (m: MilestoneForm) => ({ title: m.title, dueOn: m.dueOn.format('YYYY-MM-DD'), expectedResult: m.expectedResult });

function MilestoneFields({ prefix = [] }: { prefix?: (string | number)[] }) {
  const { t } = useTranslation();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  return (
    <>
      <Form.Item name={[...prefix, 'title']} label={t('plans.fields.milestone')} rules={[required(t('plans.fields.milestone')), { max: 200 }]}><Input /></Form.Item>
      <Form.Item name={[...prefix, 'dueOn']} label={t('plans.fields.dueOn')} rules={[{ required: true, message: t('validation.required', { field: t('plans.fields.dueOn') }) }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={[...prefix, 'expectedResult']} label={t('plans.fields.expectedResult')} rules={[required(t('plans.fields.expectedResult')), { max: 500 }]}><Input /></Form.Item>
    </>
  );
}

function TargetModal({ plan, open, onClose }: { plan: PlanDetailView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; description?: string; assignees: TargetInputDto['assignees']; milestone: MilestoneForm }>();
  const add = usePlanMutation(
    (body: TargetInputDto) => unwrap(api.http.POST('/api/v1/plans/{id}/targets', { params: { path: { id: plan.id } }, body })),
    'plans.detail.saved', onClose,
  );
  return (
    <Modal title={t('plans.detail.addTarget')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={add.isPending} destroyOnHidden width={640}>
      <Form
        form={form} layout="vertical" initialValues={{ assignees: [{ kind: 'working_group', name: '' }] }}
        onFinish={(v) => add.mutate({
          title: v.title, description: v.description || undefined, assignees: v.assignees.filter((a) => a.name?.trim()), milestones: [milestoneBody(v.milestone)],
        })}
      >
        <Form.Item name="title" label={t('plans.fields.target')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('plans.fields.target') }) }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('plans.fields.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={2} /></Form.Item>
        <Typography.Text strong>{t('plans.fields.assignees')}</Typography.Text>
        <Form.List name="assignees">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'kind']} aria-label={t('plans.fields.assigneeKind')}>
                    <Select style={{ width: 130 }} aria-label={t('plans.fields.assigneeKind')} options={ASSIGNEE_KINDS.map((k) => ({ value: k, label: t(`plans.assigneeKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ max: 64 }]}><Input placeholder={t('plans.fields.assigneeName')} aria-label={t('plans.fields.assigneeName')} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => addRow({ kind: 'teacher', name: '' })} style={{ marginBottom: 16 }}>{t('plans.detail.addAssignee')}</Button>
            </>
          )}
        </Form.List>
        <MilestoneFields prefix={['milestone']} />
      </Form>
    </Modal>
  );
}

function MilestoneModal({ targetId, open, onClose }: { targetId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MilestoneForm>();
  const add = usePlanMutation(
    (m: MilestoneForm) => unwrap(api.http.POST('/api/v1/plans/targets/{id}/milestones', { params: { path: { id: targetId } }, body: milestoneBody(m) })),
    'plans.detail.saved', onClose,
  );
  return (
    <Modal title={t('plans.detail.addMilestone')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}><MilestoneFields /></Form>
    </Modal>
  );
}

function ProgressModal({ milestone, open, onClose }: { milestone: MilestoneView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ percent: number; status: ProgressInputDto['status']; comment: string; reportedOn?: Dayjs; links?: ProgressInputDto['links'] }>();
  const report = usePlanMutation(
    (body: ProgressInputDto) => unwrap(api.http.POST('/api/v1/plans/milestones/{id}/progress', { params: { path: { id: milestone.id } }, body })),
    'plans.detail.reported', onClose,
  );
  return (
    <Modal title={`${t('plans.detail.report')} · ${milestone.title}`} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={report.isPending} destroyOnHidden>
      <Form
        form={form} layout="vertical" initialValues={{ percent: milestone.percent, status: milestone.status === 'not_started' ? 'in_progress' : milestone.status }}
        onFinish={(v) => report.mutate({
          percent: v.percent, status: v.status, comment: v.comment ?? '', reportedOn: v.reportedOn ? v.reportedOn.format('YYYY-MM-DD') : undefined,
          links: (v.links ?? []).filter((l) => l.refId?.trim()).map((l) => ({ kind: l.kind, refId: l.refId.trim() })),
        })}
      >
        <Form.Item name="status" label={t('plans.fields.status')} rules={[{ required: true }]}>
          <Select
            options={MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`plans.milestoneStatus.${s}`) }))}
            onChange={(status) => { if (status === 'done') form.setFieldValue('percent', 100); }}
          />
        </Form.Item>
        <Form.Item name="percent" label={t('plans.fields.percent')} rules={[{ required: true }]}><InputNumber min={0} max={100} addonAfter="%" style={{ width: 160 }} /></Form.Item>
        <Form.Item name="comment" label={t('plans.fields.comment')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="reportedOn" label={`${t('plans.fields.reportedOn')}（${t('common.optional')}）`}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Typography.Text strong>{t('plans.fields.links')}</Typography.Text>
        <Form.List name="links">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'kind']} initialValue="activity">
                    <Select style={{ width: 120 }} aria-label={t('plans.fields.linkKind')} options={EVIDENCE_LINK_KINDS.map((k) => ({ value: k, label: t(`plans.evidenceKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'refId']}><Input style={{ width: 300 }} placeholder={t('plans.fields.linkId')} aria-label={t('plans.fields.linkId')} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <div><Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>{t('plans.detail.addLink')}</Button></div>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function EvidenceModal({ milestone, open, onClose }: { milestone: MilestoneView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const upload = usePlanMutation((v: { file: File; note: string }) => uploadEvidence(milestone.id, v.file, v.note), 'plans.detail.uploaded', () => { setFile(null); setNote(''); onClose(); });
  return (
    <Modal
      title={`${t('plans.detail.upload')} · ${milestone.title}`} open={open} onCancel={onClose} okText={t('plans.detail.upload')} cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !file }} confirmLoading={upload.isPending} onOk={() => file && upload.mutate({ file, note: note.trim() })} destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload accept={EVIDENCE_EXTENSIONS} maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
          <Button icon={<UploadOutlined />}>{t('plans.fields.file')}</Button>
        </Upload>
        <Input placeholder={t('plans.fields.note')} aria-label={t('plans.fields.note')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </Space>
    </Modal>
  );
}
