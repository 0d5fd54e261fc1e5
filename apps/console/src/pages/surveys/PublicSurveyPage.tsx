import { Alert, Card, Result, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { AntdProvider } from '../../layout/AntdProvider';
import { problemMessage } from '../../components/problem';
import { formatDateTime } from '../../components/format';
import { usePublicAnswer, usePublicSurvey } from './api';
import { QuestionnaireForm } from './QuestionnaireForm';

const statusOf = (error: unknown): number | undefined => (error as { status?: number } | null)?.status;

/** Answering by link or QR code without an account (parents and students on their phones): one answer per link. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const survey = usePublicSurvey(token);
  const answer = usePublicAnswer(token);
  const shell = (body: React.ReactNode) => (
    <AntdProvider>
      <div style={{ maxWidth: 640, margin: '0 auto', padding: '16px 12px 48px' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}><LanguageSwitch /></div>
        {body}
      </div>
    </AntdProvider>
  );
  if (survey.isPending) return shell(<Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />);
  if (answer.isSuccess) return shell(<Result status="success" title={t('surveys.answer.submitted')} />);
  if (survey.error) {
    const status = statusOf(survey.error);
    const title = status === 409 ? t('surveys.answer.used') : status === 404 || status === 400 ? t('surveys.answer.invalid') : t('surveys.answer.unavailable');
    return shell(<Result status={status === 409 ? 'info' : 'warning'} title={title} subTitle={status === 409 || status === 404 ? undefined : problemMessage(t, survey.error)} />);
  }
  const s = survey.data;
  return shell(
    <Card>
      <Typography.Title level={1} style={{ marginTop: 0 }}>{s.title}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('surveys.answer.school', { school: s.schoolName, audience: t(`surveys.audience.${s.audience}`) })} · {t('surveys.answer.closesAt', { time: formatDateTime(s.closesAt) })}
      </Typography.Paragraph>
      {s.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Typography.Paragraph>}
      {s.anonymous && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('surveys.answer.anonymous')} />}
      {answer.error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={statusOf(answer.error) === 409 ? t('surveys.answer.used') : problemMessage(t, answer.error)} /> : null}
      <QuestionnaireForm questions={s.questions} submitting={answer.isPending} onSubmit={(answers) => answer.mutate(answers)} />
    </Card>,
  );
}
