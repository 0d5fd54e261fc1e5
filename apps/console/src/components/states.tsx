import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

/** An empty list that says what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div>
          <div style={{ fontWeight: 500 }}>{title}</div>
          {hint && <div style={{ opacity: 0.65, marginTop: 4 }}>{hint}</div>}
        </div>
      }
    >
      {action}
    </Empty>
  );
}

/** Loading, failed, or the page content. */
export function QueryBoundary({ isPending, error, refetch, children }: { isPending: boolean; error: unknown; refetch: () => unknown; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Result status="warning" title={t('state.loadFailed')} subTitle={t('state.loadFailedHint')}>
        <ProblemAlert error={error} onRetry={() => void refetch()} />
      </Result>
    );
  }
  if (isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  return <>{children()}</>;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title={t('state.notFound')} subTitle={t('state.notFoundHint')} extra={<Button type="primary" href="/">{t('state.backHome')}</Button>} />;
}

export function NoRolePage() {
  const { t } = useTranslation();
  return <Result status="info" title={t('state.noRole')} subTitle={t('state.noRoleHint')} />;
}

