import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title={t('state.notFound')} subTitle={t('state.notFoundHint')} extra={<Button type="primary" href="/">{t('state.backHome')}</Button>} />;
}

export function NoRolePage() {
  const { t } = useTranslation();
  return <Result status="info" title={t('state.noRole')} subTitle={t('state.noRoleHint')} />;
}

