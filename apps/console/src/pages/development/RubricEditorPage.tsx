import { App, Button, Card, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { applyFieldErrors } from '../../components/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState } from '../../components/states';
import { developmentKeys, useRubric, type RubricDimensionDto } from './api';

/** The district admin edits the observation rubric; saving a change makes a new version. Others read it. */
export function RubricEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { districtId } = useAuth();
  const queryClient = useQueryClient();
  const rubric = useRubric(districtId);
  const [form] = Form.useForm<{ dimensions: RubricDimensionDto[] }>();
  const [extra, setExtra] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const editable = isDistrictAdmin(me);

  useEffect(() => {
    if (rubric.data) form.setFieldsValue({ dimensions: rubric.data.dimensions.map(({ key, name, levels }) => ({ key, name, levels })) });
  }, [rubric.data, form]);

  const save = useMutation({
    mutationFn: (dimensions: RubricDimensionDto[]) => unwrap(api.http.PUT('/api/v1/teacher-exchange/observation-rubric', { body: { districtId: districtId ?? '', dimensions } })),
    onSuccess: (view) => {
      void message.success(view.version === rubric.data?.version ? t('development.rubric.unchanged') : t('development.rubric.saved', { version: view.version }));
      queryClient.setQueryData(developmentKeys.rubric(districtId ?? ''), view);
    },
    onError: (e) => setExtra(applyFieldErrors(form, e)),
  });

  if (rubric.error) return <ProblemAlert error={rubric.error} onRetry={() => void rubric.refetch()} />;
  return (
    <>
      <Typography.Title level={1} style={{ margin: 0 }}>{t('development.rubric.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('development.rubric.subtitle')}</Typography.Paragraph>
      {!districtId ? <EmptyState title={t('development.rubric.chooseDistrict')} hint={t('development.rubric.chooseDistrictHint')} /> : (
      <Card loading={rubric.isPending}
        title={rubric.data ? <Space>{t('development.rubric.version', { version: rubric.data.version })}<Tag>{t('development.rubric.maxTotal', { total: rubric.data.maxTotal })}</Tag></Space> : null}
        extra={rubric.data ? `${t('development.rubric.versions')}：${rubric.data.versions.join(', ')}` : null}>
        {!editable && <Typography.Paragraph type="secondary">{t('development.rubric.readOnly')}</Typography.Paragraph>}
        {save.error ? <ProblemAlert error={save.error} extraFieldErrors={extra} /> : null}
        <Form form={form} layout="vertical" disabled={!editable} onFinish={(values: { dimensions: RubricDimensionDto[] }) => { setExtra([]); save.mutate(values.dimensions); }}>
          <Form.List name="dimensions">
            {(dimensions, { add, remove }) => (
              <>
                {dimensions.map((dimension) => (
                  <Card key={dimension.key} size="small" style={{ marginBottom: 12 }}
                    extra={editable && <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(dimension.name)}>{t('development.rubric.remove')}</Button>}>
                    <Space wrap>
                      <Form.Item name={[dimension.name, 'name']} label={t('development.fields.dimension')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.dimension') }) }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                      <Form.Item name={[dimension.name, 'key']} label={t('development.fields.key')} rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{0,31}$/, message: t('validation.required', { field: t('development.fields.key') }) }]}>
                        <Input maxLength={32} />
                      </Form.Item>
                    </Space>
                    <Form.List name={[dimension.name, 'levels']}>
                      {(levels, levelOps) => (
                        <Space wrap align="start">
                          {levels.map((level) => (
                            <Space key={level.key} align="baseline">
                              <Form.Item name={[level.name, 'label']} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('development.fields.level') }) }]}>
                                <Input placeholder={t('development.fields.level')} style={{ width: 90 }} maxLength={20} />
                              </Form.Item>
                              <Form.Item name={[level.name, 'score']} rules={[{ required: true, message: t('validation.required', { field: t('development.fields.score') }) }]}>
                                <InputNumber placeholder={t('development.fields.score')} min={0} max={100} precision={0} style={{ width: 80 }} />
                              </Form.Item>
                              {editable && levels.length > 2 && <MinusCircleOutlined onClick={() => levelOps.remove(level.name)} />}
                            </Space>
                          ))}
                          {editable && levels.length < 6 && <Button size="small" icon={<PlusOutlined />} onClick={() => levelOps.add({ label: '', score: 0 })}>{t('development.rubric.addLevel')}</Button>}
                        </Space>
                      )}
                    </Form.List>
                  </Card>
                ))}
                {editable && dimensions.length < 12 && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', levels: [{ label: '', score: 10 }, { label: '', score: 5 }] })}>{t('development.rubric.addDimension')}</Button>
                )}
              </>
            )}
          </Form.List>
          {editable && (
            <div style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>{t('development.rubric.save')}</Button>
            </div>
          )}
        </Form>
      </Card>
      )}
    </>
  );
}
