import {
  Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography,
} from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries';
import { EChart } from '../../components/EChart';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState, QueryBoundary } from '../../components/states';
import { downloadFile } from '../assessment/api';
import {
  BREAKDOWNS, SURVEY_STATUS_COLORS, useBatches, useIssueLinks, useResults, useSurvey, useSurveyTransition, type IssuedTokensView, type QuestionResultView,
  type QuestionView, type SurveyAudience, type SurveyBreakdown, type SurveyResultsView, type SurveyView, type TokenBatchView,
} from './api';

export function SurveyDetailPage() {
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  return (
    <QueryBoundary isPending={survey.isPending} error={survey.error} refetch={survey.refetch}>
      {() => <SurveyDetail survey={survey.data as SurveyView} />}
    </QueryBoundary>
  );
}

function SurveyDetail({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const transition = useSurveyTransition(survey.id);
  const tab = params.get('tab') ?? 'overview';
  const next = survey.canManage ? ({ draft: 'open', open: 'close' } as const)[survey.status as 'draft' | 'open'] : undefined;
  const move = async (action: 'open' | 'close') => {
    await transition.mutateAsync(action);
    void message.success(t('surveys.detail.moved'));
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="center" wrap>
          <Link to="/surveys" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={1} style={{ margin: 0 }}>{survey.title}</Typography.Title>
          <Tag color={SURVEY_STATUS_COLORS[survey.status]}>{t(`surveys.status.${survey.status}`)}</Tag>
          {survey.anonymous && <Tag color="blue">{t('surveys.fields.anonymous')}</Tag>}
        </Space>
        <Space>
          {survey.canAnswer && <Button type="primary" onClick={() => navigate(`/surveys/${survey.id}/answer`)}>{t('surveys.list.answer')}</Button>}
          {next && (
            <Popconfirm title={t(`surveys.detail.${next}Confirm`)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => move(next)}>
              <Button type="primary" loading={transition.isPending}>{t(`surveys.detail.${next}`)}</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      {transition.error ? <ProblemAlert error={transition.error} /> : null}
      {!survey.canManage && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('surveys.detail.readOnly')} />}
      <Tabs
        activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'overview', label: t('surveys.detail.overview'), children: <Overview survey={survey} /> },
          ...(survey.canManage ? [{ key: 'links', label: t('surveys.detail.links'), children: <LinksPanel survey={survey} /> }] : []),
          { key: 'results', label: t('surveys.detail.results'), children: <ResultsPanel survey={survey} /> },
        ]}
      />
    </>
  );
}

function Overview({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('surveys.fields.term')}>{survey.term}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.level')}>
            {t(`surveys.level.${survey.level}`)}{survey.alliance ? ` · ${survey.alliance.name}` : ''}{survey.school ? ` · ${survey.school.name}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.audiences')}>{survey.audiences.map((a) => t(`surveys.audience.${a}`)).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.responses')}>{survey.responseCount}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.opensAt')}>{formatDateTime(survey.opensAt)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.closesAt')}>{formatDateTime(survey.closesAt)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.minGroupSize')}>{survey.minGroupSize}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.fields.status')}>{survey.accepting ? t('surveys.detail.accepting') : t('surveys.detail.notAccepting')}</Descriptions.Item>
          {survey.activityId && (
            <Descriptions.Item label={t('surveys.detail.activity')}><Link to={`/activities/${survey.activityId}`}>{formatDateTime(survey.occurrenceStart) }</Link></Descriptions.Item>
          )}
        </Descriptions>
        {survey.description && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{survey.description}</Typography.Paragraph>}
      </Card>
      <Card title={t('surveys.detail.questions')}><QuestionList questions={survey.questions} /></Card>
    </Space>
  );
}

/** The questions with their kind, options and flags. */
export function QuestionList({ questions }: { questions: QuestionView[] }) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={questions}
      renderItem={(q, index) => (
        <List.Item>
          <List.Item.Meta
            title={<Space wrap>{`${index + 1}. ${q.title}`}<Tag>{t(`surveys.kind.${q.kind}`)}</Tag>{q.required && <Tag color="red">{t('surveys.fields.required')}</Tag>}{q.satisfaction && <Tag color="green">{t('surveys.fields.satisfaction')}</Tag>}</Space>}
            description={q.options.length ? q.options.join(' / ') : undefined}
          />
        </List.Item>
      )}
    />
  );
}

// --- links and QR codes ---

interface IssueForm { schoolId: string; audience: SurveyAudience; count: number; label?: string }

function LinksPanel({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueForm>();
  const batches = useBatches(survey.id, true);
  const issue = useIssueLinks(survey.id);
  const schools = useSchools({ pageSize: 200, sort: 'name' });
  const [issued, setIssued] = useState<IssuedTokensView | null>(null);
  const covered = (schools.data?.items ?? []).filter((s) => survey.school?.id === s.id || survey.level !== 'school');
  const submit = (v: IssueForm) => issue.mutate({ ...v, linkBase: globalThis.location?.origin }, {
    onSuccess: (batch) => { setIssued(batch); void message.success(t('surveys.links.issued', { count: batch.count })); },
    onError: (e) => void message.error(problemMessage(t, e)),
  });
  const columns = [
    { title: t('surveys.fields.school'), render: (_: unknown, b: TokenBatchView) => b.school.name },
    { title: t('surveys.fields.audiences'), dataIndex: 'audience', render: (a: SurveyAudience) => t(`surveys.audience.${a}`) },
    { title: t('surveys.fields.label'), dataIndex: 'label' },
    { title: t('surveys.fields.count'), dataIndex: 'count', width: 100 },
    { title: t('surveys.links.used'), dataIndex: 'used', width: 100 },
    { title: t('surveys.links.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {survey.status !== 'closed' && (
        <Card title={t('surveys.links.issue')}>
          <Form<IssueForm> form={form} layout="inline" onFinish={submit} initialValues={{ audience: survey.audiences.find((a) => a !== 'teachers') ?? survey.audiences[0], count: 40 }}>
            <Form.Item name="schoolId" rules={[{ required: true, message: t('validation.requiredSelect', { field: t('surveys.fields.school') }) }]}>
              <Select style={{ width: 220 }} placeholder={t('surveys.fields.school')} showSearch optionFilterProp="label" options={covered.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="audience"><Select style={{ width: 110 }} options={survey.audiences.map((a) => ({ value: a, label: t(`surveys.audience.${a}`) }))} /></Form.Item>
            <Form.Item name="count" label={t('surveys.fields.count')}><InputNumber min={1} max={2000} precision={0} /></Form.Item>
            <Form.Item name="label"><Input placeholder={t('surveys.fields.label')} maxLength={64} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={issue.isPending}>{t('surveys.links.issue')}</Button>
          </Form>
        </Card>
      )}
      <Card title={t('surveys.links.batches')}>
        <Table<TokenBatchView>
          rowKey="id" size="small" columns={columns} dataSource={batches.data ?? []} loading={batches.isFetching} pagination={false}
          locale={{ emptyText: <EmptyState title={t('surveys.links.empty')} /> }}
        />
      </Card>
      <IssuedLinksModal batch={issued} title={survey.title} onClose={() => setIssued(null)} />
    </Space>
  );
}

/** The links of a batch just issued, each with its QR code, to print or download now: only hashes are kept. */
function IssuedLinksModal({ batch, title, onClose }: { batch: IssuedTokensView | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<string[]>([]);
  useEffect(() => {
    let cancelled = false;
    if (!batch) { setCodes([]); return undefined; }
    void Promise.all(batch.links.map((l) => QRCode.toDataURL(l.url, { margin: 1, width: 160 }))).then((urls) => { if (!cancelled) setCodes(urls); });
    return () => { cancelled = true; };
  }, [batch]);
  const downloadCsv = () => {
    if (!batch) return;
    const rows = [[t('surveys.links.no'), t('surveys.fields.school'), t('surveys.fields.audiences'), t('surveys.links.link')], ...batch.links.map((l) => [
      String(l.no), batch.school.name, t(`surveys.audience.${batch.audience}`), l.url,
    ])];
    const blob = new Blob([`\uFEFF${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${title}-${batch.school.name}-${t(`surveys.audience.${batch.audience}`)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const print = () => {
    if (!batch) return;
    const page = window.open('', '_blank');
    if (!page) return;
    const cells = batch.links.map((l, i) => `<div class="slip"><img src="${codes[i] ?? ''}" alt=""/><div><b>${escapeHtml(title)}</b><br/>${escapeHtml(batch.school.name)} · ${l.no}<br/><small>${escapeHtml(l.url)}</small></div></div>`).join('');
    page.document.write(`<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:sans-serif}.slip{display:inline-flex;gap:8px;width:46%;margin:1%;padding:8px;border:1px dashed #999;break-inside:avoid;font-size:12px;word-break:break-all}img{width:110px;height:110px}</style>${cells}<script>window.onload=()=>window.print()</script>`);
    page.document.close();
  };
  return (
    <Modal open={Boolean(batch)} onCancel={onClose} footer={null} width={760} title={batch ? `${batch.school.name} · ${t(`surveys.audience.${batch.audience}`)} · ${batch.count}` : ''}>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('surveys.links.shownOnce')} />
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} onClick={print} disabled={codes.length === 0}>{t('surveys.links.print')}</Button>
        <Button icon={<DownloadOutlined />} onClick={downloadCsv}>{t('surveys.links.download')}</Button>
      </Space>
      <Table
        rowKey="token" size="small" pagination={{ pageSize: 10 }} dataSource={batch?.links ?? []}
        columns={[
          { title: t('surveys.links.no'), dataIndex: 'no', width: 70 },
          { title: t('surveys.links.qr'), width: 90, render: (_: unknown, __: unknown, i: number) => (codes[i] ? <img src={codes[i]} alt={t('surveys.links.qr')} width={64} height={64} /> : null) },
          { title: t('surveys.links.link'), dataIndex: 'url', render: (url: string) => <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{url}</Typography.Text> },
        ]}
      />
    </Modal>
  );
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// --- results ---

const LIKERT_COLORS = ['#d9534f', '#f0ad4e', '#bfbfbf', '#5cb85c', '#1f6f5c'];

function ResultsPanel({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const [breakdown, setBreakdown] = useState<SurveyBreakdown>('school-audience');
  const results = useResults(survey.id, breakdown, true);
  if (results.error && (results.error as { status?: number }).status === 403) return <Alert type="info" showIcon title={t('surveys.results.forbidden')} />;
  return (
    <QueryBoundary isPending={results.isPending} error={results.error} refetch={results.refetch}>
      {() => {
        const r = results.data as SurveyResultsView;
        return (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Space wrap>
                <Select<SurveyBreakdown>
                  value={breakdown} onChange={setBreakdown} style={{ width: 160 }} aria-label={t('surveys.detail.results')}
                  options={BREAKDOWNS.map((b) => ({ value: b, label: t(`surveys.breakdown.${b}`) }))}
                />
                <Typography.Text type="secondary">{t('surveys.results.shown', { count: r.shownResponses, min: r.minGroupSize })}</Typography.Text>
              </Space>
              <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/surveys/${survey.id}/results/export?breakdown=${breakdown}`, `${survey.title}.xlsx`)}>
                {t('surveys.results.export')}
              </Button>
            </Space>
            <GroupsTable results={r} />
            {r.overall.map((q, i) => <QuestionResult key={q.questionId} index={i} question={q} results={r} />)}
          </Space>
        );
      }}
    </QueryBoundary>
  );
}

function groupName(t: (k: string) => string, g: SurveyResultsView['groups'][number]): string {
  return [g.school?.name, g.audience ? t(`surveys.audience.${g.audience}`) : undefined].filter(Boolean).join(' · ');
}

function GroupsTable({ results }: { results: SurveyResultsView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('surveys.results.groups')}>
      <Table
        rowKey="key" size="small" pagination={false} dataSource={results.groups}
        columns={[
          { title: t('surveys.fields.school'), render: (_: unknown, g: SurveyResultsView['groups'][number]) => groupName(t, g) },
          {
            title: t('surveys.fields.responses'),
            render: (_: unknown, g: SurveyResultsView['groups'][number]) => (g.shown ? g.responses : <Typography.Text type="secondary">{t('surveys.results.fewer', { min: results.minGroupSize })}</Typography.Text>),
          },
          ...results.overall.filter((q) => q.kind === 'likert').map((q) => ({
            title: q.title.length > 12 ? `${q.title.slice(0, 12)}…` : q.title, key: q.questionId,
            render: (_: unknown, g: SurveyResultsView['groups'][number]) => {
              const found = g.questions.find((x) => x.questionId === q.questionId);
              return found?.mean != null ? found.mean.toFixed(2) : '—';
            },
          })),
        ]}
      />
    </Card>
  );
}

function QuestionResult({ index, question, results }: { index: number; question: QuestionResultView; results: SurveyResultsView }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    if (question.kind === 'single' || question.kind === 'multiple') {
      return {
        tooltip: {}, grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: question.options.map((o) => o.label), inverse: true },
        series: [{ type: 'bar', data: question.options.map((o) => o.count), itemStyle: { color: '#1f6f5c' }, label: { show: true, position: 'right' } }],
      };
    }
    if (question.kind === 'likert') {
      // one stacked bar per group shown (and the overall), each point's share of the answers
      const rows = [{ name: t('surveys.results.overall'), q: question }, ...results.groups.filter((g) => g.shown).map((g) => ({ name: groupName(t, g), q: g.questions.find((x) => x.questionId === question.questionId) }))];
      const share = (q: QuestionResultView | undefined, point: number) => (q && q.answered ? Math.round(((q.options[point]?.count ?? 0) / q.answered) * 1000) / 10 : 0);
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` }, legend: { bottom: 0 },
        grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }, yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
        series: question.options.map((o, point) => ({ name: o.label, type: 'bar', stack: 'likert', data: rows.map((r) => share(r.q, point)), itemStyle: { color: LIKERT_COLORS[point] } })),
      };
    }
    return null;
  }, [question, results, t]);
  const rows = question.kind === 'likert' ? results.groups.filter((g) => g.shown).length + 1 : question.options.length;
  return (
    <Card size="small" title={`${index + 1}. ${question.title}`} extra={<Space><Tag>{t(`surveys.kind.${question.kind}`)}</Tag>{t('surveys.results.answered', { count: question.answered })}</Space>}>
      {question.mean != null && <Typography.Paragraph>{t('surveys.results.mean', { mean: question.mean.toFixed(2), score: (question.score ?? 0).toFixed(2) })}</Typography.Paragraph>}
      {option && <EChart option={option} height={Math.max(140, rows * 36 + 60)} label={question.title} />}
      {question.kind === 'text' && (question.texts.length ? <List size="small" dataSource={question.texts} renderItem={(text) => <List.Item>{text}</List.Item>} /> : <Typography.Text type="secondary">{t('surveys.results.noText')}</Typography.Text>)}
    </Card>
  );
}
