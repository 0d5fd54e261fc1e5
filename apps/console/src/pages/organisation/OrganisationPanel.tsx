import { App, Button, Checkbox, Col, Form, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { unwrap, type AllianceDetailView } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { canManageAlliance } from '../../auth/roles';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, QueryBoundary } from '../../components/states';
import { BODY_KINDS, CATEGORIES_OF, bodyForest, subjectRule, useBodies, type BodyCategory, type BodyKind, type BodyNode, type BodyView } from './api';
import { OrgChart } from './OrgChart';

type CreateForm = { kind?: BodyKind; category?: BodyCategory; name?: string; subject?: string; responsibilities?: string; parentId?: string };

/** Sets up a body: the kind decides whether a category and a subject are asked for. */
export function CreateBodyModal({ allianceId, bodies, onClose }: { allianceId: string; bodies: BodyView[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const kind = Form.useWatch('kind', form);
  const category = Form.useWatch('category', form);
  const categories = kind ? CATEGORIES_OF[kind] : undefined;
  const subject = subjectRule(kind, category);
  const create = useMutation({
    mutationFn: (v: CreateForm) => unwrap(api.http.POST('/api/v1/alliances/{allianceId}/bodies', {
      params: { path: { allianceId } },
      body: {
        kind: v.kind as BodyKind, name: v.name?.trim() ?? '', category: categories ? v.category : undefined, subject: subject !== 'none' ? v.subject?.trim() || undefined : undefined,
        responsibilities: v.responsibilities?.trim() || undefined, parentId: v.parentId || undefined,
      },
    })),
    onSuccess: async (body) => {
      void message.success(t('organisation.chart.created'));
      await queryClient.invalidateQueries({ queryKey: ['bodies'] });
      onClose();
      void navigate(`/bodies/${body.id}`);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const label = (key: string) => t(`organisation.fields.${key}`);
  return (
    <Modal open title={t('organisation.chart.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')} confirmLoading={create.isPending} destroyOnHidden>
      <ProblemAlert error={create.error} extraFieldErrors={extra} />
      <Form<CreateForm> form={form} layout="vertical" onFinish={(v) => { setExtra([]); create.mutate(v); }}>
        <Form.Item name="kind" label={label('kind')} rules={[{ required: true, message: t('validation.requiredSelect', { field: label('kind') }) }]}>
          <Select options={BODY_KINDS.map((k) => ({ value: k, label: t(`organisation.kind.${k}`) }))} onChange={() => form.setFieldsValue({ category: undefined })} />
        </Form.Item>
        {categories && (
          <Form.Item name="category" label={label('category')} rules={[{ required: true, message: t('validation.requiredSelect', { field: label('category') }) }]}>
            <Select options={categories.map((c) => ({ value: c, label: t(`organisation.category.${c}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={label('name')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: label('name') }) }, { max: 64, message: t('validation.maxLength', { field: label('name'), max: 64 }) }]}>
          <Input />
        </Form.Item>
        {subject !== 'none' && (
          <Form.Item
            name="subject"
            label={subject === 'optional' ? `${label('subject')}（${t('common.optional')}）` : label('subject')}
            rules={[{ required: subject === 'required', whitespace: true, message: t('validation.required', { field: label('subject') }) }, { max: 32, message: t('validation.maxLength', { field: label('subject'), max: 32 }) }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="parentId" label={`${label('parent')}（${t('common.optional')}）`}>
          <Select allowClear placeholder={t('organisation.chart.top')} options={bodies.filter((b) => b.status === 'active').map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="responsibilities" label={`${label('responsibilities')}（${t('common.optional')}）`} rules={[{ max: 4000, message: t('validation.maxLength', { field: label('responsibilities'), max: 4000 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The nested list of bodies: what the chart shows, readable by keyboard and screen reader. */
function BodyTree({ nodes }: { nodes: BodyNode[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ paddingInlineStart: 20, margin: 0 }}>
      {nodes.map(({ body, children }) => (
        <li key={body.id} style={{ margin: '6px 0' }}>
          <Space wrap size={4}>
            <Link to={`/bodies/${body.id}`}>{body.name}</Link>
            <Tag>{body.category ? t(`organisation.category.${body.category}`) : t(`organisation.kind.${body.kind}`)}</Tag>
            {body.subject && <Tag color="blue">{body.subject}</Tag>}
            {body.status === 'dissolved' && <Tag>{t('organisation.status.dissolved')}</Tag>}
            <Typography.Text type="secondary">
              {body.leaderName ? `${t('organisation.fields.leader')}：${body.leaderName} · ` : ''}{t('organisation.chart.members', { count: body.memberCount })}
            </Typography.Text>
          </Space>
          {children.length > 0 && <BodyTree nodes={children} />}
        </li>
      ))}
    </ul>
  );
}

/** The alliance's organisation: chart, nested list and (for its admins) setting up a body. */
export function OrganisationPanel({ alliance }: { alliance: AllianceDetailView }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [includeDissolved, setIncludeDissolved] = useState(false);
  const [creating, setCreating] = useState(false);
  const query = useBodies(alliance.id, includeDissolved);
  const manage = canManageAlliance(me, alliance.id) && alliance.status !== 'dissolved';
  return (
    <QueryBoundary isPending={query.isPending} error={query.error} refetch={query.refetch}>
      {() => {
        const bodies = query.data ?? [];
        const forest = bodyForest(bodies);
        return (
          <>
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
              <Checkbox checked={includeDissolved} onChange={(e) => setIncludeDissolved(e.target.checked)}>{t('organisation.chart.showDissolved')}</Checkbox>
              {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('organisation.chart.create')}</Button>}
            </Space>
            {bodies.length === 0 ? (
              <EmptyState title={t('organisation.chart.empty')} hint={manage ? t('organisation.chart.emptyHint') : undefined} />
            ) : (
              <Row gutter={16}>
                <Col xs={24} lg={14}>
                  <Typography.Title level={5}>{t('organisation.chart.title')}</Typography.Title>
                  <OrgChart allianceName={alliance.name} forest={forest} onOpen={(id) => void navigate(`/bodies/${id}`)} />
                </Col>
                <Col xs={24} lg={10}>
                  <Typography.Title level={5}>{t('organisation.chart.list')}</Typography.Title>
                  <nav aria-label={t('organisation.chart.list')} data-testid="org-tree"><BodyTree nodes={forest} /></nav>
                </Col>
              </Row>
            )}
            {creating && <CreateBodyModal allianceId={alliance.id} bodies={bodies} onClose={() => setCreating(false)} />}
          </>
        );
      }}
    </QueryBoundary>
  );
}
