import { Alert, Badge, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DistrictOverviewView, SchoolView } from '@jiaolian/api-client';
import { useAllSchools, useOverview, useServices } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { isDistrictAdmin } from '../../auth/roles';
import { EChart } from '../../components/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, QueryBoundary } from '../../components/states';
import { ProcessesPanel } from './ProcessesPanel';
import { serviceRows } from './services';

const KIND_COLORS = ['#1f6f5c', '#e0a526', '#4f7cac'];
const STATUS_COLORS: Record<string, string> = { draft: '#bfbfbf', active: '#1f6f5c', dissolved: '#d46b6b' };

function Stats({ overview }: { overview: DistrictOverviewView }) {
  const { t } = useTranslation();
  const coverage = overview.schools > 0 ? Math.round((overview.schoolsInAlliances / overview.schools) * 100) : 0;
  const totalAlliances = overview.alliances.draft + overview.alliances.active + overview.alliances.dissolved;
  const cards = [
    { key: 'schools', title: t('overview.schools'), value: overview.schools, icon: <BankOutlined />, to: '/schools', suffix: t('overview.townships') + ' ' + overview.townships },
    { key: 'alliances', title: t('overview.alliances'), value: totalAlliances, icon: <ApartmentOutlined />, to: '/alliances', suffix: `${t('overview.activeAlliances')} ${overview.alliances.active} · ${t('overview.draftAlliances')} ${overview.alliances.draft}` },
    { key: 'schoolsInAlliances', title: t('overview.schoolsInAlliances'), value: overview.schoolsInAlliances, icon: <TeamOutlined />, to: '/schools', suffix: t('overview.coverage', { percent: coverage }) },
    { key: 'pendingJoinRequests', title: t('overview.pendingJoinRequests'), value: overview.pendingJoinRequests, icon: <SolutionOutlined />, to: '/join-requests?status=pending', suffix: `${t('overview.users')} ${overview.users}` },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.key} xs={24} sm={12} xl={6}>
          <Link to={c.to}>
            <Card hoverable data-testid={`stat-${c.key}`}>
              <Statistic title={c.title} value={c.value} prefix={c.icon} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.suffix}
              </Typography.Text>
            </Card>
          </Link>
        </Col>
      ))}
      <Col xs={24} sm={12} xl={6}>
        <Card data-testid="stat-students">
          <Statistic title={t('overview.students')} value={overview.students} />
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card data-testid="stat-teachers">
          <Statistic title={t('overview.teachers')} value={overview.teachers} />
        </Card>
      </Col>
    </Row>
  );
}

function Charts({ overview, schools }: { overview: DistrictOverviewView; schools: SchoolView[] | undefined }) {
  const { t } = useTranslation();
  const kindOption = useMemo(
    () => ({
      color: KIND_COLORS,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          label: { formatter: '{b}: {c}' },
          data: (['pairing', 'alliance', 'integrated'] as const).map((k) => ({ name: t(`alliance.kind.${k}`), value: overview.allianceKinds[k] })),
        },
      ],
    }),
    [overview, t],
  );
  const statusOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: (['draft', 'active', 'dissolved'] as const).map((s) => t(`alliance.status.${s}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: (['draft', 'active', 'dissolved'] as const).map((s) => ({ value: overview.alliances[s], itemStyle: { color: STATUS_COLORS[s] } })),
        },
      ],
    }),
    [overview, t],
  );
  const townships = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of schools ?? []) counts.set(s.township, (counts.get(s.township) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [schools]);
  const townshipOption = useMemo(
    () => ({
      color: ['#1f6f5c'],
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: townships.map(([name]) => name), axisLabel: { rotate: townships.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 40, data: townships.map(([, n]) => n) }],
    }),
    [townships],
  );
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} lg={8}>
        <Card title={t('overview.byKind')}>
          <EChart option={kindOption} label={t('overview.byKind')} />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('overview.byStatus')}>
          <EChart option={statusOption} label={t('overview.byStatus')} />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('overview.byTownship')}>
          {townships.length === 0 ? <EmptyState title={t('overview.noData')} /> : <EChart option={townshipOption} label={t('overview.byTownship')} />}
        </Card>
      </Col>
    </Row>
  );
}

function Services() {
  const { t } = useTranslation();
  const services = useServices();
  const rows = serviceRows(services.data);
  return (
    <Card title={t('overview.services')} style={{ marginTop: 16 }}>
      {services.error ? (
        <ProblemAlert error={services.error} onRetry={() => void services.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="service"
          loading={services.isPending}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <EmptyState title={t('overview.noServices')} /> }}
          columns={[
            { title: t('overview.serviceName'), dataIndex: 'service' },
            {
              title: t('overview.serviceStatus'),
              dataIndex: 'up',
              render: (up: boolean, row) => <Badge status={up ? 'success' : 'error'} text={up ? t('overview.up') : `${t('overview.down')}${row.detail ? ` · ${row.detail}` : ''}`} />,
            },
            { title: t('overview.serviceVersion'), dataIndex: 'version', render: (v?: string) => v ?? t('common.none') },
          ]}
        />
      )}
    </Card>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const { districtId, me } = useAuth();
  const overview = useOverview(districtId);
  const schools = useAllSchools(districtId);

  return (
    <>
      <Typography.Title level={1}>
        {overview.data ? `${overview.data.district.name} · ${t('overview.title')}` : t('overview.title')}
      </Typography.Title>
      {!districtId ? (
        <Alert type="info" showIcon title={t('overview.noDistrict')} />
      ) : (
        <QueryBoundary isPending={overview.isPending} error={overview.error} refetch={overview.refetch}>
          {() =>
            overview.data && (
              <>
                <Stats overview={overview.data} />
                <Charts overview={overview.data} schools={schools.data} />
              </>
            )
          }
        </QueryBoundary>
      )}
      <Services />
      {me && isDistrictAdmin(me) && <ProcessesPanel />}
    </>
  );
}
