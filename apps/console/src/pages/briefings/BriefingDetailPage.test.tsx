import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import type { BriefingDetailView } from './api';
import { BriefingDetailPage } from './BriefingDetailPage';

// canvas charts do not draw in jsdom
vi.mock('../../components/EChart', () => ({ EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} /> }));

afterEach(() => vi.unstubAllGlobals());

const briefing: BriefingDetailView = {
  id: '00000000-0000-4000-8000-000000000001', scope: 'alliance', districtId: 'd', allianceId: 'a', scopeName: '临溪教联体', periodKind: 'quarter',
  period: '2026-Q4', from: '2026-10-01', to: '2026-12-31', term: '2026-2027-1', title: '临溪教联体2026年第四季度工作简报', issuedBy: '联盟秘书处',
  issuedAt: '2026-12-07T02:00:00.000Z',
  content: {
    keyFigures: [
      { key: 'activities.joint-activities.held', unit: 'count', value: 12 },
      { key: 'activities.check-in-rate', unit: 'rate', value: 0.875, numerator: 70, denominator: 80 },
      { key: 'teacher-exchange.placements.newer-fact', unit: 'count', value: 3 },
    ],
    services: [
      { service: 'activities', available: true, basis: 'period', figures: [{ key: 'activities.joint-activities.held', unit: 'count', value: 12 }] },
      { service: 'assessment', available: false, basis: 'term', figures: [] },
    ],
    plans: {
      plans: 2, byStatus: { approved: 1, closed: 1 }, milestones: 6, dueInPeriod: 4, doneOnTime: 3, completedInPeriod: 4, overdue: 1,
      ratings: { met: 1, partly: 0, not_met: 0 }, rows: [{ planId: 'p', title: '村小数学提升计划', owner: '下湾村小学', status: 'approved', milestones: 3, done: 2, overdue: 1 }],
    },
    evaluation: { available: false, bySteps: {}, rows: [] },
    schools: [{ schoolId: 's', name: '下湾村小学', figures: { 'activities.check-in-rate': 0.9 } }],
    highlights: [{ kind: 'best-check-in', name: '下湾村小学', value: 0.9 }],
  },
};

describe(BriefingDetailPage.name, () => {
  it('previews the frozen briefing in Chinese: key figures, highlights, charts, sections not available, plans, downloads', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(briefing), { status: 200, headers: { 'Content-Type': 'application/json' } })));
    renderPage(<BriefingDetailPage />, { path: `/briefings/${briefing.id}`, route: '/briefings/:id' });

    expect(await screen.findByText('临溪教联体2026年第四季度工作简报')).toBeTruthy();
    expect(screen.getByText('签到率')).toBeTruthy();
    expect(screen.getByText('87.5%')).toBeTruthy();
    // a figure the console has no name for yet shows its key rather than nothing
    expect(screen.getByText('teacher-exchange.placements.newer-fact')).toBeTruthy();
    expect(screen.getByText('下湾村小学活动签到率最高，达 90.0%')).toBeTruthy();
    expect(screen.getByRole('img', { name: '各校活动签到率' })).toBeTruthy();
    expect(screen.getByText('暂无数据：该服务未提供本期数据')).toBeTruthy();
    expect(screen.getByText('暂无数据：考核评价服务未提供')).toBeTruthy();
    expect(screen.getByText('村小数学提升计划')).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载 PDF' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载 Excel' })).toBeTruthy();
  });
});
