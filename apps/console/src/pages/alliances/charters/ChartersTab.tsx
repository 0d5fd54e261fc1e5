import { App, Alert, Button, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, type AllianceDetailView, type components } from '@jiaolian/api-client';
import { api } from '../../../api/client';
import { formatDate, formatDateTime } from '../../../components/format';
import { applyFieldErrors, problemMessage } from '../../../components/problem';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { EmptyState, QueryBoundary } from '../../../components/states';
import { CHARTER_FILE_ACCEPT, downloadCharterFile, uploadCharterFile } from './files';

type Schemas = components['schemas'];
type DocumentView = Schemas['CharterDocumentView'];
type VersionView = Schemas['CharterVersionView'];
type VersionStatus = VersionView['status'];
type CharterKind = VersionView['kind'];

const STATUS_COLORS: Record<VersionStatus, string> = { draft: 'default', signing: 'processing', in_force: 'green', superseded: 'purple', expired: 'red' };
const KINDS_BY_ALLIANCE: Record<AllianceDetailView['kind'], CharterKind[]> = {
  pairing: ['pairing_agreement'], alliance: ['charter', 'cooperation_agreement'], integrated: ['charter', 'cooperation_agreement'],
};

const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`);

function StatusTag({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} data-testid="charter-status">{t(`charters.status.${status}`)}</Tag>;
}

const docsKey = (allianceId: string) => ['charters', allianceId];

function useRefresh(allianceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: docsKey(allianceId) });
}

type EditorForm = {
  kind?: CharterKind; title?: string; body?: string; sharedScope?: string; disputeResolution?: string; validFrom?: string; validTo?: string;
  duties?: Record<string, string | undefined>;
};

/** Drafting a new document (its first version) or editing a draft: text and structured fields, checked before they go. */
function EditorModal({ alliance, version, onClose, onSaved }: {
  alliance: AllianceDetailView; version?: VersionView; onClose: () => void; onSaved: (v: VersionView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorForm>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const refresh = useRefresh(alliance.id);
  const members = alliance.members.filter((m) => m.status === 'active');
  const initial: EditorForm = version
    ? {
      title: version.title, body: version.body ?? '', sharedScope: version.sharedScope ?? '', disputeResolution: version.disputeResolution ?? '',
      validFrom: version.validFrom ?? '', validTo: version.validTo ?? '', duties: Object.fromEntries(version.duties.map((d) => [d.school.id, d.duties])),
    }
    : { kind: KINDS_BY_ALLIANCE[alliance.kind][0] };
  const mutation = useMutation({
    mutationFn: async (v: EditorForm) => {
      const text = (s: string | undefined) => (s?.trim() ? s : undefined);
      const content = {
        body: text(v.body), sharedScope: text(v.sharedScope), disputeResolution: text(v.disputeResolution), validFrom: v.validFrom || undefined, validTo: v.validTo || undefined,
        duties: members.filter((m) => v.duties?.[m.school.id]?.trim()).map((m) => ({ schoolId: m.school.id, duties: (v.duties?.[m.school.id] ?? '').trim() })),
      };
      if (version) {
        return unwrap(api.http.PATCH('/api/v1/alliances/{allianceId}/documents/{documentId}/versions/{versionId}', {
          params: { path: { allianceId: alliance.id, documentId: version.documentId, versionId: version.id } }, body: { title: v.title?.trim(), ...content },
        }));
      }
      return unwrap(api.http.POST('/api/v1/alliances/{allianceId}/documents', {
        params: { path: { allianceId: alliance.id } }, body: { kind: v.kind ?? 'charter', title: v.title?.trim() ?? '', ...content },
      }));
    },
    onSuccess: async (saved) => {
      void message.success(t(version ? 'charters.done.saved' : 'charters.done.created'));
      await refresh();
      onSaved(saved);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const max = (field: string, n: number) => ({ max: n, message: t('validation.maxLength', { field, max: n }) });
  return (
    <Modal
      open width={760} title={t(version ? 'charters.editor.editTitle' : 'charters.editor.createTitle')} onCancel={onClose} onOk={() => form.submit()}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={mutation.isPending} destroyOnHidden
    >
      <ProblemAlert error={mutation.error} extraFieldErrors={extra} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => mutation.mutate(v)} data-testid="charter-editor">
        {!version && (
          <Form.Item name="kind" label={t('charters.fields.kind')} rules={[{ required: true, message: t('validation.required', { field: t('charters.fields.kind') }) }]}>
            <Select options={KINDS_BY_ALLIANCE[alliance.kind].map((k) => ({ value: k, label: t(`charters.kind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('charters.fields.title')} rules={[required(t('charters.fields.title')), max(t('charters.fields.title'), 100)]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('charters.fields.body')} extra={t('charters.editor.bodyHelp')} rules={[max(t('charters.fields.body'), 100_000)]}>
          <Input.TextArea rows={8} />
        </Form.Item>
        <Form.Item name="sharedScope" label={t('charters.fields.sharedScope')} rules={[max(t('charters.fields.sharedScope'), 4000)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t('charters.fields.duties')} extra={t('charters.editor.dutiesHelp')}>
          {members.map((m) => (
            <Form.Item key={m.school.id} name={['duties', m.school.id]} label={m.school.name} rules={[max(m.school.name, 2000)]} style={{ marginBottom: 8 }}>
              <Input.TextArea rows={1} autoSize />
            </Form.Item>
          ))}
        </Form.Item>
        <Form.Item name="disputeResolution" label={t('charters.fields.disputeResolution')} rules={[max(t('charters.fields.disputeResolution'), 4000)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="validFrom" label={t('charters.fields.validFrom')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="validTo" label={t('charters.fields.validTo')} dependencies={['validFrom']}
            rules={[({ getFieldValue }) => ({
              validator: (_: unknown, value: string | undefined) => {
                const from = getFieldValue('validFrom') as string | undefined;
                return !value || !from || value >= from ? Promise.resolve() : Promise.reject(new Error(t('charters.editor.validityOrder')));
              },
            })]}
          >
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** One version: its text and fields, each school's signature (who, when, hash prefix), and the buttons the caller may use. */
function VersionDrawer({ alliance, documentId, versionId, onClose, onOpen }: {
  alliance: AllianceDetailView; documentId: string; versionId: string; onClose: () => void; onOpen: (versionId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(alliance.id);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const path = { allianceId: alliance.id, documentId, versionId };
  const key = ['charters', alliance.id, documentId, versionId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances/{allianceId}/documents/{documentId}/versions/{versionId}', { params: { path } })),
  });
  const after = async (v: VersionView, done: string) => {
    void message.success(t(done));
    queryClient.setQueryData(key, v);
    await refresh();
  };
  const send = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/alliances/{allianceId}/documents/{documentId}/versions/{versionId}/send', { params: { path } })),
    onSuccess: (v) => after(v, 'charters.done.sent'),
  });
  const withdraw = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/alliances/{allianceId}/documents/{documentId}/versions/{versionId}/withdraw', {
      params: { path }, body: { reason: reason.trim() || undefined },
    })),
    onSuccess: (v) => after(v, 'charters.done.withdrawn'),
  });
  const sign = useMutation({
    mutationFn: (schoolId: string) => unwrap(api.http.POST('/api/v1/alliances/{allianceId}/documents/{documentId}/versions/{versionId}/sign', {
      params: { path }, body: { schoolId },
    })),
    onSuccess: (v) => after(v, v.status === 'in_force' ? 'charters.done.inForce' : 'charters.done.signed'),
  });
  const amend = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/v1/alliances/{allianceId}/documents/{documentId}/versions', { params: { path: { allianceId: alliance.id, documentId } } })),
    onSuccess: async (v) => {
      void message.success(t('charters.done.amended'));
      await refresh();
      onOpen(v.id);
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadCharterFile({ allianceId: alliance.id, documentId, id: versionId }, file),
    onSuccess: (v) => after(v, 'charters.version.uploaded'),
  });
  const error = send.error ?? withdraw.error ?? sign.error ?? amend.error ?? upload.error;
  return (
    <Drawer open width={820} onClose={onClose} title={query.data ? t('charters.version.title', { title: query.data.title, number: query.data.number }) : ''} destroyOnHidden>
      <QueryBoundary isPending={query.isPending} error={query.error} refetch={query.refetch}>
        {() => {
          const v = query.data;
          if (!v) return null;
          const schoolName = (id: string) => v.schools.find((s) => s.school.id === id)?.school.name ?? '';
          return (
            <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="charter-version">
              <Space wrap>
                <StatusTag status={v.status} />
                <Typography.Text type="secondary">{t('charters.version.signedCount', { signed: v.signedCount, required: v.requiredCount })}</Typography.Text>
              </Space>
              {!v.intact && <Alert type="error" showIcon message={t('charters.version.altered')} />}
              <ProblemAlert error={error} showFieldErrors />
              <Space wrap>
                {v.may.edit && <Button onClick={() => setEditing(true)}>{t('charters.action.edit')}</Button>}
                {v.may.send && (
                  <Popconfirm title={t('charters.action.sendConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => send.mutate()}>
                    <Button type="primary" loading={send.isPending}>{t('charters.action.send')}</Button>
                  </Popconfirm>
                )}
                {v.may.withdraw && (
                  <Popconfirm
                    title={t('charters.action.withdrawConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => withdraw.mutate()}
                    description={<Input placeholder={t('charters.action.withdrawReason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
                  >
                    <Button danger loading={withdraw.isPending}>{t('charters.action.withdraw')}</Button>
                  </Popconfirm>
                )}
                {v.may.signFor.map((schoolId) => (
                  <Popconfirm
                    key={schoolId} title={t('charters.action.signConfirm', { school: schoolName(schoolId) })} okText={t('common.confirm')} cancelText={t('common.cancel')}
                    onConfirm={() => sign.mutate(schoolId)}
                  >
                    <Button type="primary" loading={sign.isPending}>{t('charters.action.sign', { school: schoolName(schoolId) })}</Button>
                  </Popconfirm>
                ))}
                {v.may.amend && <Button loading={amend.isPending} onClick={() => amend.mutate()}>{t('charters.action.amend')}</Button>}
                {v.may.edit && (
                  // the file is the text the schools sign: its SHA-256 goes into the signed hash
                  <Upload accept={CHARTER_FILE_ACCEPT} showUploadList={false} beforeUpload={(file) => { upload.mutate(file); return false; }}>
                    <Button icon={<UploadOutlined />} loading={upload.isPending}>{t('charters.version.upload')}</Button>
                  </Upload>
                )}
                {v.file && (
                  <Button icon={<DownloadOutlined />} onClick={() => void downloadCharterFile(v).catch((e: unknown) => void message.error(problemMessage(t, e)))}>
                    {t('charters.version.download')}
                  </Button>
                )}
              </Space>
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label={t('charters.fields.kind')}>{t(`charters.kind.${v.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('charters.fields.validity')}>{`${formatDate(v.validFrom)} ~ ${formatDate(v.validTo)}`}</Descriptions.Item>
                <Descriptions.Item label={t('charters.fields.sharedScope')}>{v.sharedScope ?? t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('charters.fields.duties')}>
                  {v.duties.length ? v.duties.map((d) => <div key={d.school.id}><strong>{d.school.name}</strong>：{d.duties}</div>) : t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('charters.fields.disputeResolution')}>{v.disputeResolution ?? t('common.none')}</Descriptions.Item>
                {v.file && (
                  <Descriptions.Item label={t('charters.fields.file')}>
                    <span data-testid="charter-file">{`${v.file.filename} · ${formatBytes(v.file.size)} · SHA-256 ${v.file.sha256.slice(0, 12)}…`}</span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('charters.fields.hash')}><Typography.Text code>{(v.sentSha256 ?? v.contentSha256).slice(0, 16)}…</Typography.Text></Descriptions.Item>
              </Descriptions>
              {/* the text is shown as written: never interpreted as HTML */}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: 'rgba(0,0,0,0.02)', padding: 12 }} data-testid="charter-body">
                {v.body ?? t('charters.version.noBody')}
              </Typography.Paragraph>
              <Typography.Title level={5}>{t('charters.version.signing')}</Typography.Title>
              <Table
                rowKey={(s) => s.school.id} size="small" pagination={false} dataSource={v.schools} data-testid="charter-signatures"
                columns={[
                  { title: t('charters.fields.school'), render: (_: unknown, s) => s.school.name },
                  {
                    title: t('charters.fields.signedBy'),
                    render: (_: unknown, s) => (s.signature ? s.signature.signedByName : (
                      <Tag color={s.required ? 'orange' : 'default'}>{s.required || v.status === 'draft' ? t('charters.version.notSigned') : t('charters.version.joinedLater')}</Tag>
                    )),
                  },
                  { title: t('charters.fields.signedAt'), render: (_: unknown, s) => formatDateTime(s.signature?.signedAt) },
                  {
                    title: t('charters.fields.hash'),
                    render: (_: unknown, s) => (s.signature ? (
                      <Space size={4}>
                        <Typography.Text code>{s.signature.contentSha256.slice(0, 12)}</Typography.Text>
                        <Tag color={s.signature.hashMatches ? 'green' : 'red'}>{t(s.signature.hashMatches ? 'charters.version.hashOk' : 'charters.version.hashBad')}</Tag>
                      </Space>
                    ) : '—'),
                  },
                ]}
              />
              {editing && <EditorModal alliance={alliance} version={v} onClose={() => setEditing(false)} onSaved={(saved) => { queryClient.setQueryData(key, saved); setEditing(false); }} />}
            </Space>
          );
        }}
      </QueryBoundary>
    </Drawer>
  );
}

/** The 章程与协议 tab of an alliance: its documents with status tags and the schools that have not signed. */
export function ChartersTab({ alliance, manage }: { alliance: AllianceDetailView; manage: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<{ documentId: string; versionId: string } | null>(null);
  const query = useQuery({
    queryKey: docsKey(alliance.id),
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances/{allianceId}/documents', { params: { path: { allianceId: alliance.id } } })),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {manage && alliance.status !== 'dissolved' && (
        <Button type="primary" onClick={() => setCreating(true)}>{t('charters.list.create')}</Button>
      )}
      <QueryBoundary isPending={query.isPending} error={query.error} refetch={query.refetch}>
        {() => (
          <Table<DocumentView>
            rowKey="id" pagination={false} dataSource={query.data ?? []} data-testid="charters"
            locale={{ emptyText: <EmptyState title={t('charters.list.empty')} hint={manage ? t('charters.list.emptyHint') : undefined} /> }}
            columns={[
              { title: t('charters.fields.title'), dataIndex: 'title' },
              { title: t('charters.fields.kind'), dataIndex: 'kind', render: (k: CharterKind) => t(`charters.kind.${k}`) },
              {
                title: t('charters.fields.current'),
                render: (_: unknown, d) => (d.current ? (
                  <Button type="link" size="small" onClick={() => setOpen({ documentId: d.id, versionId: d.current?.id ?? '' })}>
                    {t('charters.fields.number', { number: d.current.number })} <StatusTag status={d.current.status} />
                  </Button>
                ) : '—'),
              },
              {
                title: t('charters.fields.pending'),
                render: (_: unknown, d) => (d.pending ? (
                  <Button type="link" size="small" onClick={() => setOpen({ documentId: d.id, versionId: d.pending?.id ?? '' })}>
                    {t('charters.fields.number', { number: d.pending.number })} <StatusTag status={d.pending.status} />
                  </Button>
                ) : '—'),
              },
              {
                title: t('charters.fields.unsigned'),
                render: (_: unknown, d) => (d.unsignedSchools.length
                  ? <Space wrap size={4}>{d.unsignedSchools.map((s) => <Tag key={s.id} color="orange">{s.name}</Tag>)}</Space>
                  : <Tag color="green">{t('charters.list.allSigned')}</Tag>),
              },
            ]}
          />
        )}
      </QueryBoundary>
      {creating && (
        <EditorModal alliance={alliance} onClose={() => setCreating(false)} onSaved={(v) => { setCreating(false); setOpen({ documentId: v.documentId, versionId: v.id }); }} />
      )}
      {open && (
        <VersionDrawer
          alliance={alliance} documentId={open.documentId} versionId={open.versionId} onClose={() => setOpen(null)}
          onOpen={(versionId) => setOpen({ documentId: open.documentId, versionId })}
        />
      )}
    </Space>
  );
}
