import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@jiaolian/api-client';
import { useAuth } from '../auth/AuthProvider';
import { afterLoginPath } from '../auth/roles';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { problemHeadline } from '../components/problem';
import './login.css';

type Field = 'username' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

/**
 * Sign-in. Built from plain form elements styled like the rest of the console, so the first download
 * carries no component library (the console's budget for this page is 150 kB of JavaScript, gzip).
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { me, login, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [values, setValues] = useState({ username: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (me) return <Navigate to={afterLoginPath(me, location.state)} replace />;

  const validate = (v: typeof values): FieldErrors => ({
    ...(v.username.trim() ? {} : { username: t('login.usernameRequired') }),
    ...(v.password ? {} : { password: t('login.passwordRequired') }),
  });

  const change = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (fieldErrors[field]) setFieldErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = validate(values);
    setFieldErrors(invalid);
    if (invalid.username || invalid.password) return;
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
      void navigate(afterLoginPath(user, location.state), { replace: true });
    } catch (e) {
      if (isApiProblem(e)) {
        const fromServer: FieldErrors = {};
        for (const f of e.errors) if (f.field === 'username' || f.field === 'password') fromServer[f.field] ??= f.message;
        setFieldErrors(fromServer);
      }
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const problem = isApiProblem(error) ? error : undefined;
  const wrongCredentials = problem?.status === 401;

  return (
    <div className="jl-login">
      <div className="jl-login__language">
        <LanguageSwitch />
      </div>
      <main className="jl-login__card">
        <h1 className="jl-login__title">{t('app.fullName')}</h1>
        <p className="jl-login__subtitle">{t('login.subtitle')}</p>
        {expired && !error && (
          <div className="jl-login__alert jl-login__alert--info" role="status">
            {t('login.sessionExpired')}
          </div>
        )}
        {error ? (
          <div className="jl-login__alert jl-login__alert--error" role="alert">
            {wrongCredentials ? (
              t('login.failed')
            ) : (
              <>
                <strong>{problemHeadline(t, error)}</strong>
                {problem?.detail && problem.detail !== problem.title && <div>{problem.detail}</div>}
                {problem?.requestId && <div className="jl-login__request-id">{t('common.requestId', { id: problem.requestId })}</div>}
              </>
            )}
          </div>
        ) : null}
        <form noValidate onSubmit={(e) => void onSubmit(e)} autoComplete="on">
          <LoginField
            id="login-username"
            label={t('login.username')}
            placeholder={t('login.usernamePlaceholder')}
            autoComplete="username"
            value={values.username}
            error={fieldErrors.username}
            onChange={(v) => change('username', v)}
            autoFocus
          />
          <LoginField
            id="login-password"
            type="password"
            label={t('login.password')}
            placeholder={t('login.passwordPlaceholder')}
            autoComplete="current-password"
            value={values.password}
            error={fieldErrors.password}
            onChange={(v) => change('password', v)}
          />
          <button type="submit" className="jl-login__submit" disabled={submitting} aria-busy={submitting}>
            {submitting && <span className="jl-login__spinner" aria-hidden="true" />}
            {t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}

interface LoginFieldProps {
  id: string;
  label: string;
  placeholder: string;
  autoComplete: string;
  value: string;
  error?: string;
  type?: 'text' | 'password';
  autoFocus?: boolean;
  onChange: (value: string) => void;
}

function LoginField({ id, label, placeholder, autoComplete, value, error, type = 'text', autoFocus, onChange }: LoginFieldProps) {
  return (
    <div className="jl-login__field">
      <label htmlFor={id} className="jl-login__label">
        {label}
      </label>
      <input
        id={id}
        name={id.replace('login-', '')}
        type={type}
        className="jl-login__input"
        placeholder={placeholder}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <div id={`${id}-error`} className="jl-login__field-error">
          {error}
        </div>
      )}
    </div>
  );
}
