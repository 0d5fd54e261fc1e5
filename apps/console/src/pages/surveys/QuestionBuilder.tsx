import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QUESTION_KINDS, type QuestionKind, type QuestionView, type SurveyQuestionDto } from './api';

export interface BuilderQuestion { kind: QuestionKind; title: string; required?: boolean; options?: string[]; satisfaction?: boolean }

export const NEW_QUESTION: BuilderQuestion = { kind: 'likert', title: '', required: true, satisfaction: true };

/** The builder's questions as the API takes them: options only on choice questions, satisfaction only on Likert ones. */
export function toQuestionDtos(questions: BuilderQuestion[]): SurveyQuestionDto[] {
  return questions.map((q) => ({
    kind: q.kind, title: q.title, required: q.required ?? false, satisfaction: q.kind === 'likert' && (q.satisfaction ?? false),
    ...(q.kind === 'single' || q.kind === 'multiple' ? { options: q.options ?? [] } : {}),
  }));
}

export const fromQuestionViews = (questions: QuestionView[]): BuilderQuestion[] =>
  questions.map((q) => ({ kind: q.kind, title: q.title, required: q.required, satisfaction: q.satisfaction, options: q.kind === 'likert' ? undefined : q.options }));

/** The questions of a questionnaire inside a Form, under `questions`: kind, title, required, options, counted as satisfaction. */
export function QuestionBuilder() {
  const { t } = useTranslation();
  return (
    <Form.List name="questions">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((field, index) => (
            <Card
              key={field.key} size="small" title={`${t('surveys.fields.question')} ${index + 1}`}
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('surveys.builder.removeQuestion')} />}
            >
              <Space wrap align="start">
                <Form.Item name={[field.name, 'kind']} label={t('surveys.fields.kind')} style={{ width: 180 }}>
                  <Select options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} valuePropName="checked" label=" "><Checkbox>{t('surveys.fields.required')}</Checkbox></Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => (getFieldValue(['questions', field.name, 'kind']) === 'likert' ? (
                    <Form.Item name={[field.name, 'satisfaction']} valuePropName="checked" label=" "><Checkbox>{t('surveys.fields.satisfaction')}</Checkbox></Form.Item>
                  ) : null)}
                </Form.Item>
              </Space>
              <Form.Item
                name={[field.name, 'title']} label={t('surveys.fields.question')}
                rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('surveys.fields.question') }) }, { max: 200 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const kind = getFieldValue(['questions', field.name, 'kind']) as QuestionKind;
                  return kind === 'single' || kind === 'multiple' ? (
                    <Form.Item name={[field.name, 'options']} label={t('surveys.fields.options')} extra={t('surveys.builder.optionsHint')}>
                      <Select mode="tags" open={false} tokenSeparators={['\n']} />
                    </Form.Item>
                  ) : null;
                }}
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...NEW_QUESTION })}>{t('surveys.builder.addQuestion')}</Button>
        </Space>
      )}
    </Form.List>
  );
}
