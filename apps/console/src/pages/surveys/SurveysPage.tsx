import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { hasRole, isDistrictAdmin } from '../../auth/roles';
import { useSchools } from '../../api/queries';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyFieldErrors, problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { useActivityAlliances } from '../activities/api';
import { recentTerms } from '../plans/api';
import {
  AUDIENCES, SURVEY_STATUS_COLORS, useCreateSurvey, useMySurveys, useSurveys, useTemplates, type CreateSurveyDto, type SurveyAudience, type SurveyLevel,
  type SurveyQuery, type SurveyStatus, type SurveyView,
} from './api';
import { NEW_QUESTION, QuestionBuilder, toQuestionDtos, type BuilderQuestion } from './QuestionBuilder';

/** The surveys the user runs or may answer, those waiting for their answer, and a form to start one. */
export function SurveysPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const terms = recentTerms();
  const [query, setQuery] = useState<SurveyQuery>({ page: 1, pageSize: 20, sort: '-createdAt', activityId: params.get('activityId') ?? undefined });
  const surveys = useSurveys(query);
  const mine = useMySurveys();
  const manager = hasRole(me, 'platform_admin', 'district_admin', 'alliance_admin', 'school_admin');
  const creating = params.get('new') === '1';
  const setCreating = (open: boolean) => setParams((p) => { const next = new URLSearchParams(p); if (open) next.set('new', '1'); else next.delete('new'); return next; });
  const columns = [
    { title: t('surveys.fields.title'), dataIndex: 'title', render: (title: string, s: SurveyView) => <Typography.Link onClick={() => navigate(`/surveys/${s.id}`)}>{title}</Typography.Link> },
    { title: t('surveys.fields.term'), dataIndex: 'term', width: 110 },
    { title: t('surveys.fields.level'), dataIndex: 'level', width: 110, render: (level: SurveyLevel) => t(`surveys.level.${level}`) },
    { title: t('surveys.fields.audiences'), dataIndex: 'audiences', render: (a: SurveyAudience[]) => a.map((x) => t(`surveys.audience.${x}`)).join('、') },
    { title: t('surveys.fields.closesAt'), dataIndex: 'closesAt', width: 150, render: formatDateTime },
    { title: t('surveys.fields.responses'), dataIndex: 'responseCount', width: 90 },
    { title: t('surveys.fields.status'), dataIndex: 'status', width: 90, render: (s: SurveyStatus) => <Tag color={SURVEY_STATUS_COLORS[s]}>{t(`surveys.status.${s}`)}</Tag> },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={1} style={{ margin: 0 }}>{t('surveys.list.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('surveys.list.subtitle')}</Typography.Paragraph>
        </div>
        {manager && (
          <Space>
            <Button onClick={() => navigate('/surveys/templates')}>{t('surveys.list.templates')}</Button>
            <Button type="primary" onClick={() => setCreating(true)}>{t('surveys.list.create')}</Button>
          </Space>
        )}
      </Space>
      {(mine.data ?? []).length > 0 && (
        <Card size="small" title={t('surveys.list.toAnswer')} style={{ marginBottom: 16 }}>
          <List
            dataSource={mine.data ?? []}
            renderItem={(s) => (
              <List.Item actions={[<Button key="answer" type="primary" size="small" onClick={() => navigate(`/surveys/${s.id}/answer`)}>{t('surveys.list.answer')}</Button>]}>
                <List.Item.Meta title={s.title} description={formatDateTime(s.closesAt)} />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('surveys.list.search')} aria-label={t('common.search')} style={{ width: 240 }} onSearch={(q) => setQuery((p) => ({ ...p, page: 1, q: q || undefined }))} />
        <Select
          aria-label={t('surveys.fields.term')} style={{ width: 160 }} value={query.term ?? ''} onChange={(term: string) => setQuery((q) => ({ ...q, page: 1, term: term || undefined }))}
          options={[{ value: '', label: t('surveys.list.allTerms') }, ...terms.map((term) => ({ value: term, label: term }))]}
        />
        <Select<SurveyStatus>
          allowClear placeholder={t('surveys.fields.status')} aria-label={t('surveys.fields.status')} style={{ width: 130 }} value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, page: 1, status }))}
          options={(Object.keys(SURVEY_STATUS_COLORS) as SurveyStatus[]).map((s) => ({ value: s, label: t(`surveys.status.${s}`) }))}
        />
      </Space>
      <Card>
        {surveys.error ? <ProblemAlert error={surveys.error} onRetry={() => void surveys.refetch()} /> : null}
        <Table<SurveyView>
          rowKey="id" size="middle" columns={columns} dataSource={surveys.data?.items ?? []} loading={surveys.isFetching}
          locale={{ emptyText: <EmptyState title={t('surveys.list.empty')} hint={t('surveys.list.emptyHint')} /> }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: surveys.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
      {manager && (
        <CreateSurveyModal
          open={creating} terms={terms} activityId={params.get('activityId') ?? undefined} occurrenceStart={params.get('occurrenceStart') ?? undefined}
          onClose={() => setCreating(false)} onCreated={(id) => navigate(`/surveys/${id}`)}
        />
      )}
    </>
  );
}

interface CreateForm {
  title: string; description?: string; term: string; level: SurveyLevel; allianceId?: string; schoolId?: string; audiences: SurveyAudience[];
  window: [Dayjs, Dayjs]; anonymous: boolean; minGroupSize: number; source: 'template' | 'own'; templateId?: string; questions?: BuilderQuestion[];
}

function CreateSurveyModal({ open, terms, activityId, occurrenceStart, onClose, onCreated }: {
  open: boolean; terms: string[]; activityId?: string; occurrenceStart?: string; onClose: () => void; onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { districtId } = useAuth();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreateSurvey();
  const templates = useTemplates(open);
  const alliances = useActivityAlliances();
  const schools = useSchools({ pageSize: 200, sort: 'name' });
  const level = Form.useWatch('level', form);
  const source = Form.useWatch('source', form);
  const levels: SurveyLevel[] = [
    ...(isDistrictAdmin(me) ? ['district' as const] : []),
    ...(isDistrictAdmin(me) || hasRole(me, 'alliance_admin') ? ['alliance' as const] : []),
    ...(isDistrictAdmin(me) || hasRole(me, 'school_admin') ? ['school' as const] : []),
  ];
  const ownSchools = me.assignments.filter((a) => a.role === 'school_admin' && a.schoolId).map((a) => a.schoolId as string);
  const submit = (v: CreateForm) => {
    const body: CreateSurveyDto = {
      title: v.title, description: v.description, term: v.term, level: v.level, audiences: v.audiences, anonymous: v.anonymous, minGroupSize: v.minGroupSize,
      opensAt: v.window[0].toISOString(), closesAt: v.window[1].toISOString(),
      ...(v.level === 'district' ? { districtId } : {}), ...(v.level === 'alliance' ? { allianceId: v.allianceId } : {}), ...(v.level === 'school' ? { schoolId: v.schoolId } : {}),
      ...(v.source === 'template' ? { templateId: v.templateId } : { questions: toQuestionDtos(v.questions ?? []) }),
      ...(activityId ? { activityId, ...(occurrenceStart ? { occurrenceStart } : {}) } : {}),
    };
    create.mutate(body, {
      onSuccess: (survey) => { void message.success(t('surveys.list.created')); onClose(); onCreated(survey.id); },
      onError: (e) => { applyFieldErrors(form, e); void message.error(problemMessage(t, e)); },
    });
  };
  return (
    <Modal
      title={t('surveys.list.create')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={create.isPending} destroyOnHidden width={760}
    >
      {activityId && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('surveys.builder.activityHint', { time: formatDateTime(occurrenceStart ?? null) })} />}
      <Form<CreateForm>
        form={form} layout="vertical" onFinish={submit}
        initialValues={{
          term: terms[0], level: levels[levels.length > 1 ? 1 : 0], audiences: ['parents'], anonymous: true, minGroupSize: 5, source: 'template',
          window: [dayjs(), dayjs().add(14, 'day')], questions: [{ ...NEW_QUESTION }], schoolId: ownSchools[0],
        }}
      >
        <Form.Item name="title" label={t('surveys.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('surveys.fields.title') }) }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={`${t('surveys.fields.description')}（${t('common.optional')}）`} rules={[{ max: 2000 }]}><Input.TextArea rows={2} /></Form.Item>
        <Space wrap>
          <Form.Item name="term" label={t('surveys.fields.term')}><Select style={{ width: 150 }} options={terms.map((value) => ({ value, label: value }))} /></Form.Item>
          <Form.Item name="level" label={t('surveys.fields.level')}>
            <Select style={{ width: 150 }} options={levels.map((l) => ({ value: l, label: t(`surveys.level.${l}`) }))} />
          </Form.Item>
          {level === 'alliance' && (
            <Form.Item name="allianceId" label={t('surveys.fields.alliance')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('surveys.fields.alliance') }) }]}>
              <Select style={{ width: 220 }} options={(alliances.data?.alliances ?? []).map((a) => ({ value: a.allianceId, label: a.name }))} loading={alliances.isPending} />
            </Form.Item>
          )}
          {level === 'school' && (
            <Form.Item name="schoolId" label={t('surveys.fields.school')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('surveys.fields.school') }) }]}>
              <Select
                style={{ width: 220 }} showSearch optionFilterProp="label"
                options={(schools.data?.items ?? []).filter((s) => isDistrictAdmin(me) || ownSchools.includes(s.id)).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="audiences" label={t('surveys.fields.audiences')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('surveys.fields.audiences') }) }]}>
          <Select mode="multiple" options={AUDIENCES.map((a) => ({ value: a, label: t(`surveys.audience.${a}`) }))} />
        </Form.Item>
        <Form.Item name="window" label={`${t('surveys.fields.opensAt')} – ${t('surveys.fields.closesAt')}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="anonymous" label={t('surveys.fields.anonymous')} valuePropName="checked" extra={t('surveys.builder.anonymousHint')} style={{ maxWidth: 300 }}>
            <Switch />
          </Form.Item>
          <Form.Item name="minGroupSize" label={t('surveys.fields.minGroupSize')} extra={t('surveys.builder.minGroupHint')} style={{ maxWidth: 300 }}>
            <InputNumber min={3} max={100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="source">
          <Radio.Group optionType="button" options={[{ value: 'template', label: t('surveys.builder.fromTemplate') }, { value: 'own', label: t('surveys.builder.fromScratch') }]} />
        </Form.Item>
        {source === 'own' ? <QuestionBuilder /> : (
          <Form.Item name="templateId" label={t('surveys.fields.template')} rules={[{ required: true, message: t('validation.requiredSelect', { field: t('surveys.fields.template') }) }]}>
            <Select options={(templates.data?.items ?? []).map((tpl) => ({ value: tpl.id, label: tpl.title }))} loading={templates.isPending} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
