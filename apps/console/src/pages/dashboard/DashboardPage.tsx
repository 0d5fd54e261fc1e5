import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@jiaolian/api-client';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EmptyState, QueryBoundary } from '../../components/states';

/** Where each service keeps its figure labels in the locale files. */
const LABEL_ROOT: Record<string, string> = {
  membership: 'dashboardPage.figures',
  'teacher-exchange': 'teacherExchange.dashboard.figures',
  curriculum: 'curriculum.dashboard.figures',
  activities: 'activities.dashboard.figures',
  assessment: 'assessment.dashboard.figures',
};

const TONE_COLOR: Record<string, string | undefined> = { warning: '#d48806', danger: '#cf1322', ok: undefined };

export const useDashboard = () =>
  useQuery({
    queryKey: ['dashboard'],
    queryFn: () => unwrap(api.http.GET('/api/v1/dashboard')),
    refetchInterval: 60_000,
  });

/** Every service's key figures for the user's scope, one card per service. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  return (
    <div>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        {t('dashboardPage.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('dashboardPage.subtitle')}</Typography.Paragraph>
      <QueryBoundary isPending={dashboard.isPending} error={dashboard.error} refetch={dashboard.refetch}>
        {() => (
          <Row gutter={[16, 16]}>
            {(dashboard.data?.services ?? []).map((service) => (
              <Col key={service.service} xs={24} lg={12} xxl={8}>
                <Card title={t(`dashboardPage.services.${service.service}`)} data-testid={`dashboard-${service.service}`}>
                  {service.status === 'down' ? (
                    <Alert type="warning" showIcon message={t('dashboardPage.down')} description={t('dashboardPage.downHint')} />
                  ) : service.figures.length === 0 ? (
                    <EmptyState title={t('dashboardPage.empty')} />
                  ) : (
                    <Row gutter={[16, 16]}>
                      {service.figures.map((figure) => (
                        <Col key={figure.key} xs={12} md={8}>
                          <Statistic
                            title={t(`${LABEL_ROOT[service.service] ?? 'dashboardPage.figures'}.${figure.key}`, { defaultValue: figure.key })}
                            value={figure.value}
                            suffix={figure.unit === 'percent' ? '%' : undefined}
                            precision={figure.unit === 'score' ? 1 : 0}
                            valueStyle={{ color: TONE_COLOR[figure.tone ?? 'ok'] }}
                          />
                        </Col>
                      ))}
                    </Row>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </QueryBoundary>
    </div>
  );
}
