import { Button, Card, Form, Input, Typography } from 'antd';
import { isApiProblem } from '@jiaolian/api-client';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthProvider';
import { homePath } from '../../auth/roles';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ProblemAlert } from '../../components/ProblemAlert';

interface Values { currentPassword: string; newPassword: string; confirm: string }

/**
 * The first sign-in with a handed-out password lands here, and nowhere else until the user has
 * chosen their own: the gateway refuses every other route meanwhile.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { me, changePassword, logout, checking } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if (checking) return null;
  if (!me) return <Navigate to="/login" replace />;

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const user = await changePassword(values.currentPassword, values.newPassword);
      void navigate(homePath(user), { replace: true });
    } catch (e) {
      if (isApiProblem(e)) {
        form.setFields(e.errors.filter((f) => f.field === 'currentPassword' || f.field === 'newPassword').map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
      }
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}><LanguageSwitch /></div>
        <Typography.Title level={1}>{t('myWeek.password.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('myWeek.password.intro')}</Typography.Paragraph>
        {error ? <div style={{ marginBottom: 16 }}><ProblemAlert error={error} /></div> : null}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('myWeek.password.current')} rules={[{ required: true, message: t('myWeek.password.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('myWeek.password.next')} extra={t('myWeek.password.rule')}
            rules={[{ required: true, message: t('myWeek.password.required') }, { min: 10, message: t('myWeek.password.tooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('myWeek.password.confirm')} dependencies={['newPassword']}
            rules={[
              { required: true, message: t('myWeek.password.required') },
              ({ getFieldValue }) => ({ validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('myWeek.password.mismatch')))) }),
            ]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving}>{t('myWeek.password.submit')}</Button>
          <Button type="link" block onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>{t('myWeek.password.logout')}</Button>
        </Form>
      </Card>
    </main>
  );
}
