/** The dashboard page: every service's key figures for the user's scope. */
import type { dashboardZhCN } from '../zh-CN/dashboard';

export const dashboardEn: typeof dashboardZhCN = {
  title: 'Dashboard',
  subtitle: 'Key figures of every service for what you run',
  down: 'Unavailable',
  downHint: 'The service is not answering; figures refresh automatically.',
  empty: 'No data yet',
  services: {
    membership: 'Membership & alliances',
    'teacher-exchange': 'Teacher exchange',
    curriculum: 'Curriculum resources',
    activities: 'Activities',
    assessment: 'Assessment',
    integrations: 'Integrations',
  },
  figures: {
    schools: { total: 'Schools' },
    alliances: { active: 'Active alliances', memberSchools: 'Member schools' },
    joinRequests: { pending: 'Pending join requests' },
    changes: { last24h: 'Changes in the last 24 hours' },
  },
};
