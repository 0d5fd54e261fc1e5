import { Alert, Card, Result, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../components/format';
import { problemMessage } from '../../components/problem';
import { QueryBoundary } from '../../components/states';
import { useRespond, useSurvey, type SurveyView } from './api';
import { QuestionnaireForm } from './QuestionnaireForm';

/** A signed-in teacher answering a survey in the console: once, kept apart from their account when anonymous. */
export function AnswerSurveyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const survey = useSurvey(id);
  const respond = useRespond(id);
  if (respond.isSuccess) return <Result status="success" title={t('surveys.answer.submitted')} extra={<Link to="/surveys">{t('common.back')}</Link>} />;
  return (
    <QueryBoundary isPending={survey.isPending} error={survey.error} refetch={survey.refetch}>
      {() => {
        const s = survey.data as SurveyView;
        return (
          <Card style={{ maxWidth: 720, margin: '0 auto' }}>
            <Link to="/surveys" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>
            <Typography.Title level={1}>{s.title}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('surveys.answer.closesAt', { time: formatDateTime(s.closesAt) })}</Typography.Paragraph>
            {s.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Typography.Paragraph>}
            {s.anonymous && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('surveys.answer.anonymous')} />}
            {!s.canAnswer && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('surveys.answer.unavailable')} />}
            {respond.error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problemMessage(t, respond.error)} /> : null}
            {s.canAnswer && <QuestionnaireForm questions={s.questions} submitting={respond.isPending} onSubmit={(answers) => respond.mutate(answers)} />}
          </Card>
        );
      }}
    </QueryBoundary>
  );
}
