import { Empty, Skeleton } from 'antd';
import { WarningFilled } from '@ant-design/icons';
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
          <div style={{ fontWeight: 500, color: 'rgba(0, 0, 0, 0.88)' }}>{title}</div>
          {hint && <div style={{ color: 'rgba(0, 0, 0, 0.65)', marginTop: 4 }}>{hint}</div>}
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
      // Laid out like antd's Result, without its illustrations (which every list page would otherwise load)
      <div role="group" aria-label={t('state.loadFailed')} style={{ padding: '32px 24px', textAlign: 'center' }}>
        <WarningFilled style={{ fontSize: 56, color: '#faad14' }} aria-hidden />
        <h2 style={{ margin: '16px 0 8px', fontSize: 24, fontWeight: 400, color: 'rgba(0,0,0,0.88)' }}>{t('state.loadFailed')}</h2>
        <p style={{ margin: '0 0 24px', color: 'rgba(0,0,0,0.65)' }}>{t('state.loadFailedHint')}</p>
        <div style={{ textAlign: 'start', maxWidth: 640, margin: '0 auto' }}>
          <ProblemAlert error={error} onRetry={() => void refetch()} />
        </div>
      </div>
    );
  }
  if (isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  return <>{children()}</>;
}
