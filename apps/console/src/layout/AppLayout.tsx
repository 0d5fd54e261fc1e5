import { Avatar, Badge, Button, Dropdown, Layout, Menu, Space, Tag } from 'antd';
import {
  ApartmentOutlined, ApiOutlined, AuditOutlined, BookOutlined, CalendarOutlined, ShopOutlined, BarChartOutlined, IdcardOutlined, SwapOutlined, BankOutlined, DashboardOutlined, FileDoneOutlined, FundOutlined, HomeOutlined, LogoutOutlined, SolutionOutlined, TeamOutlined, UserOutlined,
  ScheduleOutlined, CheckSquareOutlined, TableOutlined, ProfileOutlined, FieldTimeOutlined, FormOutlined, TrophyOutlined, ClusterOutlined, FileTextOutlined, FileZipOutlined,
  ContainerOutlined, NodeIndexOutlined,
} from '@ant-design/icons';
import { lazy, Suspense, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/AuthProvider';
import { isDistrictAdmin, NAV_GROUP_OF, NAV_GROUPS, NAV_LABEL_KEYS, navigationFor, PLATFORM_DISTRICT, type NavItem, type NavKey } from '../auth/roles';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { AntdProvider } from './AntdProvider';
import { PageLoading } from './lazy-page';
import { NotificationBell } from './NotificationBell';
import { useMyOverdueCount } from '../pages/plans/api';

const ICONS: Record<NavKey, ReactNode> = {
  dashboard: <FundOutlined />,
  overview: <DashboardOutlined />,
  schools: <BankOutlined />,
  mySchool: <HomeOutlined />,
  alliances: <ApartmentOutlined />,
  myAlliances: <ApartmentOutlined />,
  joinRequests: <SolutionOutlined />,
  users: <TeamOutlined />,
  teachers: <TeamOutlined />,
  audit: <AuditOutlined />,
  webhooks: <ApiOutlined />,
  exchangeTeachers: <IdcardOutlined />,
  placements: <SwapOutlined />,
  timetable: <TableOutlined />,
  exchangeQuotas: <BarChartOutlined />,
  exams: <FileDoneOutlined />,
  resources: <BookOutlined />,
  facilities: <ShopOutlined />,
  bookings: <CalendarOutlined />,
  activities: <ScheduleOutlined />,
  actionItems: <CheckSquareOutlined />,
  plans: <ProfileOutlined />,
  planMilestones: <FieldTimeOutlined />,
  surveys: <FormOutlined />,
  evaluations: <TrophyOutlined />,
  frameworks: <ClusterOutlined />,
  briefings: <FileTextOutlined />,
  archives: <FileZipOutlined />,
  apiClients: <ApiOutlined />,
  profileRounds: <ContainerOutlined />,
  pairingSuggestions: <NodeIndexOutlined />,
  mentorships: <UserOutlined />,
  observations: <SolutionOutlined />,
  observationRubric: <FormOutlined />,
  myWeek: <CalendarOutlined />,
};

/** The menu in groups (one per part of the platform), each with the entries the user's roles give. */
function menuItems(items: NavItem[], t: (key: string) => string, go: (path: string) => void, badges: Partial<Record<NavKey, number>> = {}) {
  return NAV_GROUPS.map((group) => ({
    type: 'group' as const,
    key: `group-${group}`,
    label: group === 'home' ? null : t(`navGroups.${group}`),
    children: items
      .filter((i) => NAV_GROUP_OF[i.key] === group)
      .map((i) => {
        const label = t(NAV_LABEL_KEYS[i.key] ?? `nav.${i.key}`);
        const count = badges[i.key] ?? 0;
        return { key: i.key, icon: ICONS[i.key], label: count > 0 ? <Space>{label}<Badge count={count} size="small" data-testid={`badge-${i.key}`} /></Space> : label, onClick: () => go(i.path) };
      }),
  })).filter((g) => g.children.length > 0);
}

/** Picks the menu entry whose path is the longest prefix of the current location. */
function selectedKey(pathname: string, search: string, items: { key: NavKey; path: string }[]): string[] {
  const here = pathname + search;
  const exact = items.find((i) => i.path === here || i.path === pathname);
  if (exact) return [exact.key];
  const prefix = items
    .filter((i) => pathname.startsWith(i.path.split('?')[0] ?? i.path) && i.path !== '/')
    .sort((a, b) => b.path.length - a.path.length)[0];
  return prefix ? [prefix.key] : [];
}

// Only platform admins choose a district: the select arrives when one is signed in.
const DistrictPicker = lazy(() => import('./DistrictPicker').then((m) => ({ default: m.DistrictPicker })));

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const items = navigationFor(me);
  const overdue = useMyOverdueCount(items.some((i) => i.key === 'planMilestones'));
  const isPlatform = me.districtId === PLATFORM_DISTRICT && isDistrictAdmin(me);
  const roleTags = [...new Set(me.assignments.map((a) => a.role))];

  return (
    <AntdProvider>
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={220} theme="light" style={{ borderInlineEnd: '1px solid rgba(5,5,5,0.06)' }}>
        <div style={{ padding: '20px 24px 12px' }}>
          <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.4, color: '#1f6f5c' }}>{t('app.name')}</div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{t('app.tagline')}</div>
        </div>
        <nav aria-label={t('app.mainMenu')}>
          <Menu
            mode="inline"
            selectedKeys={selectedKey(location.pathname, location.search, items)}
            items={menuItems(items, t, (path) => void navigate(path), { planMilestones: overdue })}
            style={{ borderInlineEnd: 'none' }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 16, borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
          {isPlatform && (
            <Suspense fallback={null}>
              <DistrictPicker />
            </Suspense>
          )}
          <LanguageSwitch />
          <NotificationBell />
          <Dropdown
            trigger={['click']}
            autoFocus
            menu={{
              items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('common.logout') }],
              onClick: () => void logout().then(() => navigate('/login', { replace: true })),
            }}
          >
            <button type="button" data-testid="user-menu" aria-haspopup="menu" style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', display: 'inline-flex', alignItems: 'center', gap: 8, font: 'inherit', color: 'inherit' }}>
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f6f5c' }} />
              <span>{me.displayName}</span>
              {roleTags.map((r) => (
                <Tag key={r} color="green" style={{ marginInlineEnd: 0 }}>
                  {t(`roles.${r}`)}
                </Tag>
              ))}
            </button>
          </Dropdown>
          <Button type="text" icon={<LogoutOutlined />} aria-label={t('common.logout')} title={t('common.logout')} onClick={() => void logout().then(() => navigate('/login', { replace: true }))} />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <div style={{ maxWidth: 1280, margin: '0 auto' }}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
    </AntdProvider>
  );
}
