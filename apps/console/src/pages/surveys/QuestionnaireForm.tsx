import { Button, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnswerDto, QuestionView } from './api';

type Values = Record<string, number | number[] | string | undefined>;

/** The answers of a filled form, as the API takes them (unanswered questions left out). */
export function toAnswers(questions: QuestionView[], values: Values): AnswerDto[] {
  return questions.flatMap((q): AnswerDto[] => {
    const value = values[q.id];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return [];
    switch (q.kind) {
      case 'single': return [{ questionId: q.id, choices: [value as number] }];
      case 'multiple': return [{ questionId: q.id, choices: value as number[] }];
      case 'likert': return [{ questionId: q.id, value: value as number }];
      case 'text': return [{ questionId: q.id, text: String(value) }];
      default: return [];
    }
  });
}

/** A questionnaire to fill in, one question under the other so that it reads well on a phone. */
export function QuestionnaireForm({ questions, submitting, onSubmit }: { questions: QuestionView[]; submitting: boolean; onSubmit: (answers: AnswerDto[]) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <Form form={form} layout="vertical" onFinish={(values) => onSubmit(toAnswers(questions, values))} requiredMark>
      {questions.map((q, index) => (
        <Form.Item
          key={q.id} name={q.id} label={<Typography.Text strong>{`${index + 1}. ${q.title}`}</Typography.Text>}
          rules={q.required ? [{ required: true, message: t('surveys.answer.required') }] : []}
        >
          {q.kind === 'single' ? (
            <Radio.Group><Space direction="vertical">{q.options.map((o, i) => <Radio key={o} value={i}>{o}</Radio>)}</Space></Radio.Group>
          ) : q.kind === 'multiple' ? (
            <Checkbox.Group><Space direction="vertical">{q.options.map((o, i) => <Checkbox key={o} value={i}>{o}</Checkbox>)}</Space></Checkbox.Group>
          ) : q.kind === 'likert' ? (
            <Radio.Group><Space direction="vertical">{q.options.map((o, i) => <Radio key={o} value={i + 1}>{`${i + 1} · ${o}`}</Radio>)}</Space></Radio.Group>
          ) : (
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('surveys.answer.placeholder')} />
          )}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>{t('surveys.answer.submit')}</Button>
    </Form>
  );
}
