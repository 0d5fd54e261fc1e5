import { Alert, App, Button, Card, Input, InputNumber, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiProblem, unwrap } from '@jiaolian/api-client';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problem';
import { EmptyState } from '../../components/states';
import { evaluationKeys, treeInput, useFramework, useTermFacts, type DimensionInputDto, type IndicatorInputDto } from './api';
import {
  addDimension, addIndicator, emptyDimensions, removeDimension, removeIndicator, updateDimension, updateIndicator, weightProblems, type IndicatorKind,
} from './framework-tree';

const RULES = ['linear', 'ratio', 'rank'] as const;
const TARGETS = ['both', 'school', 'alliance'] as const;
const KINDS = ['computed', 'evaluator'] as const;
const INDICATOR_FIELDS = ['name', 'nameEn', 'weight', 'kind', 'appliesTo', 'factKey', 'rule', 'floor', 'target', 'maxScore', 'guidance'];
const DIMENSION_FIELDS = ['name', 'nameEn', 'weight', 'indicators'];

/** The messages under a field the server blamed. */
function FieldMessages({ messages }: { messages?: string[] }): ReactNode {
  if (!messages?.length) return null;
  return <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{messages.join('；')}</Typography.Text>;
}

/**
 * The framework's tree: dimensions and their indicators with weights, kinds and scoring rules. The
 * district admin adds and removes dimensions and indicators; sibling weights must sum to 100 (checked
 * here as you type, naming the group, and again by the service, whose field errors land on the fields
 * they name); saving a framework a published evaluation uses makes its next version, as the page says.
 */
export function FrameworkEditorPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const framework = useFramework(id);
  const facts = useTermFacts();
  const [tree, setTree] = useState<DimensionInputDto[]>();
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  useEffect(() => {
    if (framework.data) {
      setTree(treeInput(framework.data.dimensions));
      setServerErrors({});
    }
  }, [framework.data]);
  const save = useMutation({
    mutationFn: (dimensions: DimensionInputDto[]) => unwrap(api.http.PATCH('/api/v1/evaluation/frameworks/{id}', { params: { path: { id: id ?? '' } }, body: { dimensions } })),
    onSuccess: async (saved) => {
      void message.success(saved.id === id ? t('evaluation.frameworks.saved') : t('evaluation.frameworks.newVersion', { version: saved.version }));
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.frameworks });
      if (saved.id !== id) void navigate(`/evaluation/frameworks/${saved.id}`);
    },
    onError: (e) => {
      const fields: Record<string, string[]> = {};
      // shown under the field it names, a message need not start with the field's path
      for (const f of isApiProblem(e) ? e.errors : []) (fields[f.field] ??= []).push(f.message.startsWith(`${f.field} `) ? f.message.slice(f.field.length).trim() : f.message);
      setServerErrors(fields);
      void message.error(Object.keys(fields).length ? t('evaluation.frameworks.serverRefused') : problemMessage(t, e));
    },
  });
  if (framework.error) return <ProblemAlert error={framework.error} onRetry={() => void framework.refetch()} />;
  if (!framework.data || !tree) return <Spin />;
  const editable = isDistrictAdmin(me);
  const en = i18n.language === 'en';
  const catalogue = facts.data?.items ?? [];
  const factOptions = catalogue.map((f) => ({ value: f.key, label: en ? f.descriptionEn : f.description, title: f.key }));
  const sources = framework.data.dimensions.flatMap((d) => d.indicators);
  const groupName = (di: number): string => tree[di]?.name.trim() || t('evaluation.frameworks.unnamed');

  const problems = weightProblems(tree);
  const empty = emptyDimensions(tree);
  const problemText = (p: (typeof problems)[number]): string =>
    (p.dimension === undefined ? t('evaluation.frameworks.dimensionsSum', { sum: p.sum }) : t('evaluation.frameworks.indicatorsSum', { group: groupName(p.dimension), sum: p.sum }));
  const reasons = [
    ...(tree.length === 0 ? [t('evaluation.frameworks.noDimensions')] : []),
    ...problems.map(problemText),
    ...empty.map((di) => t('evaluation.frameworks.dimensionEmpty', { group: groupName(di) })),
  ];

  /** Server errors by path; an edit clears those at or under the path it touches, a structural change (indices shift) clears them all. */
  const errorsAt = (path: string): string[] | undefined => serverErrors[path];
  const shown = new Set<string>(['dimensions', ...tree.flatMap((d, di) => [
    ...DIMENSION_FIELDS.map((f) => `dimensions.${di}.${f}`),
    ...d.indicators.flatMap((_, ii) => INDICATOR_FIELDS.map((f) => `dimensions.${di}.indicators.${ii}.${f}`)),
  ])]);
  const otherErrors = Object.entries(serverErrors).filter(([path]) => !shown.has(path)).flatMap(([, messages]) => messages);
  const edit = (next: DimensionInputDto[], path?: string): void => {
    setTree(next);
    setServerErrors((prev) => (path === undefined ? {} : Object.fromEntries(Object.entries(prev).filter(([p]) => p !== path && !p.startsWith(`${path}.`)))));
  };
  const setDimension = (di: number, field: keyof DimensionInputDto, change: Partial<DimensionInputDto>) => edit(updateDimension(tree, di, change), `dimensions.${di}.${field}`);
  const setIndicator = (di: number, ii: number, field: keyof IndicatorInputDto, change: Partial<IndicatorInputDto>) =>
    edit(updateIndicator(tree, di, ii, change), field === 'kind' ? `dimensions.${di}.indicators.${ii}` : `dimensions.${di}.indicators.${ii}.${field}`);
  const onSave = (): void => {
    if (reasons.length) {
      void message.error(t('evaluation.frameworks.refused', { reasons: reasons.join('；') }));
      return;
    }
    save.mutate(tree);
  };

  return (
    <>
      <Button type="link" onClick={() => navigate('/evaluation/frameworks')} style={{ paddingLeft: 0 }}>← {t('common.back')}</Button>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {framework.data.name} <Tag>v{framework.data.version}</Tag>{framework.data.inUse && <Tag color="green">{t('evaluation.frameworks.inUse')}</Tag>}
        </Typography.Title>
        {editable && (
          <Space>
            <Button onClick={() => edit(addDimension(tree))}>{t('evaluation.frameworks.addDimension')}</Button>
            <Button type="primary" loading={save.isPending} onClick={onSave}>{framework.data.inUse ? t('evaluation.frameworks.saveAsNew') : t('common.save')}</Button>
          </Space>
        )}
      </Space>
      {!editable && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('evaluation.frameworks.readOnly')} />}
      {editable && framework.data.inUse && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('evaluation.frameworks.inUseNotice')} />}
      {problems.filter((p) => p.dimension === undefined).map((p) => <Alert key={p.path} type="error" showIcon style={{ marginTop: 16 }} title={problemText(p)} />)}
      {errorsAt('dimensions') && <Alert type="error" showIcon style={{ marginTop: 16 }} title={errorsAt('dimensions')?.join('；')} />}
      {otherErrors.length > 0 && <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('evaluation.frameworks.otherErrors')} description={otherErrors.join('；')} />}
      {tree.length === 0 && (
        <Card style={{ marginTop: 16 }}>
          <EmptyState title={t('evaluation.frameworks.noDimensions')} hint={t('evaluation.frameworks.noDimensionsHint')} />
        </Card>
      )}
      {tree.map((d, di) => {
        const group = problems.find((p) => p.dimension === di);
        const groupErrors = errorsAt(`dimensions.${di}.indicators`);
        return (
          <Card
            key={d.code} style={{ marginTop: 16 }} data-testid={`dimension-${d.code}`}
            title={(
              <Space wrap>
                <div>
                  <Input aria-label={t('evaluation.fields.dimension')} value={d.name} disabled={!editable} status={errorsAt(`dimensions.${di}.name`) ? 'error' : undefined}
                    onChange={(e) => setDimension(di, 'name', { name: e.target.value })} style={{ width: 200 }}
                  />
                  <FieldMessages messages={errorsAt(`dimensions.${di}.name`)} />
                </div>
                <div>
                  <Input aria-label={`${d.name} ${t('evaluation.fields.nameEn')}`} placeholder={t('evaluation.fields.nameEn')} value={d.nameEn} disabled={!editable} maxLength={80}
                    status={errorsAt(`dimensions.${di}.nameEn`) ? 'error' : undefined} onChange={(e) => setDimension(di, 'nameEn', { nameEn: e.target.value || undefined })} style={{ width: 200 }}
                  />
                  <FieldMessages messages={errorsAt(`dimensions.${di}.nameEn`)} />
                </div>
                <span>{t('evaluation.fields.weight')}</span>
                <InputNumber aria-label={`${d.name} ${t('evaluation.fields.weight')}`} min={0} max={100} value={d.weight} disabled={!editable}
                  status={errorsAt(`dimensions.${di}.weight`) ? 'error' : undefined} onChange={(v) => setDimension(di, 'weight', { weight: v ?? 0 })}
                />
              </Space>
            )}
            extra={editable && (
              <Space wrap>
                <Button size="small" onClick={() => edit(addIndicator(tree, di, 'computed'))}>{t('evaluation.frameworks.addComputed')}</Button>
                <Button size="small" onClick={() => edit(addIndicator(tree, di, 'evaluator'))}>{t('evaluation.frameworks.addEvaluator')}</Button>
                <Popconfirm
                  title={t('evaluation.frameworks.removeDimensionConfirm', { name: groupName(di), count: d.indicators.length })}
                  onConfirm={() => edit(removeDimension(tree, di))}
                >
                  <Button size="small" danger>{t('evaluation.frameworks.removeDimension')}</Button>
                </Popconfirm>
              </Space>
            )}
          >
            {group && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problemText(group)} />}
            {groupErrors && !group && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={groupErrors.join('；')} />}
            {d.indicators.length === 0 ? (
              <EmptyState title={t('evaluation.frameworks.noIndicators')} hint={t('evaluation.frameworks.noIndicatorsHint')} />
            ) : (
              <Table<IndicatorInputDto>
                rowKey="code" size="small" pagination={false} dataSource={d.indicators} scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('evaluation.fields.indicator'), width: 190,
                    render: (_: unknown, ind, ii) => {
                      const at = `dimensions.${di}.indicators.${ii}`;
                      return (
                        <>
                          <Input aria-label={t('evaluation.fields.indicator')} value={ind.name} disabled={!editable} status={errorsAt(`${at}.name`) ? 'error' : undefined}
                            onChange={(e) => setIndicator(di, ii, 'name', { name: e.target.value })}
                          />
                          <FieldMessages messages={errorsAt(`${at}.name`)} />
                          <Input aria-label={`${ind.name} ${t('evaluation.fields.nameEn')}`} placeholder={t('evaluation.fields.nameEn')} value={ind.nameEn} disabled={!editable} maxLength={80}
                            size="small" style={{ marginTop: 4 }} status={errorsAt(`${at}.nameEn`) ? 'error' : undefined}
                            onChange={(e) => setIndicator(di, ii, 'nameEn', { nameEn: e.target.value || undefined })}
                          />
                          <FieldMessages messages={errorsAt(`${at}.nameEn`)} />
                        </>
                      );
                    },
                  },
                  {
                    title: t('evaluation.fields.weight'), width: 90,
                    render: (_: unknown, ind, ii) => (
                      <>
                        <InputNumber aria-label={`${ind.name} ${t('evaluation.fields.weight')}`} min={0} max={100} value={ind.weight} disabled={!editable}
                          status={errorsAt(`dimensions.${di}.indicators.${ii}.weight`) ? 'error' : undefined} onChange={(v) => setIndicator(di, ii, 'weight', { weight: v ?? 0 })}
                        />
                        <FieldMessages messages={errorsAt(`dimensions.${di}.indicators.${ii}.weight`)} />
                      </>
                    ),
                  },
                  {
                    title: t('evaluation.fields.kind'), width: 150,
                    render: (_: unknown, ind, ii) => (
                      <Select<IndicatorKind> aria-label={`${ind.name} ${t('evaluation.fields.kind')}`} value={ind.kind} disabled={!editable} style={{ width: 140 }}
                        onChange={(kind) => setIndicator(di, ii, 'kind', { kind })} options={KINDS.map((v) => ({ value: v, label: t(`evaluation.kind.${v}`) }))}
                      />
                    ),
                  },
                  {
                    title: t('evaluation.fields.appliesTo'), width: 150,
                    render: (_: unknown, ind, ii) => (
                      <Select value={ind.appliesTo} disabled={!editable} style={{ width: 140 }} onChange={(appliesTo) => setIndicator(di, ii, 'appliesTo', { appliesTo })}
                        options={TARGETS.map((v) => ({ value: v, label: t(`evaluation.appliesTo.${v}`) }))}
                      />
                    ),
                  },
                  {
                    title: t('evaluation.fields.rule'), width: 260,
                    render: (_: unknown, ind, ii) => {
                      const at = `dimensions.${di}.indicators.${ii}`;
                      if (ind.kind === 'evaluator') {
                        return (
                          <>
                            <Space>
                              {t('evaluation.fields.maxScore')}
                              <InputNumber aria-label={`${ind.name} ${t('evaluation.fields.maxScore')}`} min={1} max={1000} precision={0} value={ind.maxScore} disabled={!editable}
                                status={errorsAt(`${at}.maxScore`) ? 'error' : undefined} onChange={(v) => setIndicator(di, ii, 'maxScore', { maxScore: v ?? undefined })}
                              />
                            </Space>
                            <FieldMessages messages={errorsAt(`${at}.maxScore`)} />
                          </>
                        );
                      }
                      return (
                        <>
                          <Space wrap>
                            <Select aria-label={`${ind.name} ${t('evaluation.fields.rule')}`} value={ind.rule} disabled={!editable} style={{ width: 120 }}
                              status={errorsAt(`${at}.rule`) ? 'error' : undefined} onChange={(rule) => setIndicator(di, ii, 'rule', { rule })}
                              options={RULES.map((v) => ({ value: v, label: t(`evaluation.rule.${v}`) }))}
                            />
                            {ind.rule === 'linear' && (
                              <>
                                <InputNumber aria-label={t('evaluation.fields.floor')} placeholder={t('evaluation.fields.floor')} value={ind.floor} disabled={!editable}
                                  status={errorsAt(`${at}.floor`) ? 'error' : undefined} onChange={(v) => setIndicator(di, ii, 'floor', { floor: v ?? undefined })} style={{ width: 80 }}
                                />
                                <InputNumber aria-label={t('evaluation.fields.target2')} placeholder={t('evaluation.fields.target2')} value={ind.target} disabled={!editable}
                                  status={errorsAt(`${at}.target`) ? 'error' : undefined} onChange={(v) => setIndicator(di, ii, 'target', { target: v ?? undefined })} style={{ width: 80 }}
                                />
                              </>
                            )}
                          </Space>
                          <FieldMessages messages={[...(errorsAt(`${at}.rule`) ?? []), ...(errorsAt(`${at}.floor`) ?? []), ...(errorsAt(`${at}.target`) ?? [])]} />
                        </>
                      );
                    },
                  },
                  {
                    title: t('evaluation.fields.source'), width: 320,
                    render: (_: unknown, ind, ii) => {
                      const at = `dimensions.${di}.indicators.${ii}`;
                      if (ind.kind === 'evaluator') {
                        return (
                          <>
                            <Input.TextArea aria-label={`${ind.name} ${t('evaluation.fields.guidance')}`} placeholder={t('evaluation.fields.guidance')} autoSize={{ minRows: 1, maxRows: 4 }}
                              maxLength={1000} value={ind.guidance} disabled={!editable} status={errorsAt(`${at}.guidance`) ? 'error' : undefined}
                              onChange={(e) => setIndicator(di, ii, 'guidance', { guidance: e.target.value })}
                            />
                            <FieldMessages messages={errorsAt(`${at}.guidance`)} />
                          </>
                        );
                      }
                      const fact = catalogue.find((f) => f.key === ind.factKey);
                      const stored = sources.find((s) => s.code === ind.code && s.factKey === ind.factKey);
                      const meaning = fact ? (en ? fact.descriptionEn : fact.description) : (en ? stored?.sourceEn : stored?.source);
                      return (
                        <>
                          {editable ? (
                            <Select aria-label={`${ind.name} ${t('evaluation.fields.factKey')}`} value={ind.factKey} placeholder={t('evaluation.frameworks.chooseFact')}
                              style={{ width: 300 }} loading={facts.isPending} options={factOptions} showSearch={{ optionFilterProp: 'label' }} popupMatchSelectWidth={480}
                              status={errorsAt(`${at}.factKey`) ? 'error' : undefined} onChange={(factKey) => setIndicator(di, ii, 'factKey', { factKey })}
                            />
                          ) : null}
                          {meaning && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{meaning}</Typography.Text>}
                          <FieldMessages messages={errorsAt(`${at}.factKey`)} />
                        </>
                      );
                    },
                  },
                  ...(editable ? [{
                    title: t('common.actions'), width: 70, fixed: 'right' as const,
                    render: (_: unknown, ind: IndicatorInputDto, ii: number) => (
                      <Popconfirm
                        title={t('evaluation.frameworks.removeIndicatorConfirm', { name: ind.name.trim() || t('evaluation.frameworks.unnamed') })}
                        onConfirm={() => edit(removeIndicator(tree, di, ii))}
                      >
                        <Button size="small" type="link" danger>{t('evaluation.frameworks.remove')}</Button>
                      </Popconfirm>
                    ),
                  }] : []),
                ]}
              />
            )}
          </Card>
        );
      })}
    </>
  );
}
