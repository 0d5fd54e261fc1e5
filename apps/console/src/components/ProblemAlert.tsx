import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiProblem, type ApiFieldError } from '@jiaolian/api-client';
import { problemHeadline } from './problem';

interface Props {
  error: unknown;
  /** Field errors that no form field shows; listed in the alert. */
  extraFieldErrors?: ApiFieldError[];
  /** Show the field errors too (when there is no form to put them on). */
  showFieldErrors?: boolean;
  onRetry?: () => void;
}

/** Says what went wrong in the user's language, with the server's detail and the request id to quote. */
export function ProblemAlert({ error, extraFieldErrors, showFieldErrors, onRetry }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = isApiProblem(error) ? error : undefined;
  const fieldErrors = [...(showFieldErrors && problem ? problem.errors : []), ...(extraFieldErrors ?? [])];
  const description = (
    <>
      {problem?.detail && problem.detail !== problem.title && <div>{problem.detail}</div>}
      {fieldErrors.length > 0 && (
        <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
          {fieldErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.requestId && <div style={{ opacity: 0.65, fontSize: 12 }}>{t('common.requestId', { id: problem.requestId })}</div>}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemHeadline(t, error)}
      description={description}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
