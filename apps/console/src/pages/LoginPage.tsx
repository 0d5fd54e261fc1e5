import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@jiaolian/api-client';
import { useAuth } from '../auth/AuthProvider';
import { afterLoginPath } from '../auth/roles';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors } from '../components/problem';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { me, login, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (me) return <Navigate to={afterLoginPath(me, location.state)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
      void navigate(afterLoginPath(user, location.state), { replace: true });
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const wrongCredentials = isApiProblem(error) && error.status === 401;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #e8f3ef 0%, #f7f4ea 100%)', padding: 16 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 24px rgba(31,111,92,0.12)' }}>
        <Typography.Title level={3} style={{ marginBottom: 4, color: '#1f6f5c' }}>
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {expired && !error && <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
        {wrongCredentials ? (
          <Alert type="error" showIcon role="alert" title={t('login.failed')} style={{ marginBottom: 16 }} />
        ) : (
          <ProblemAlert error={error} />
        )}
        <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
