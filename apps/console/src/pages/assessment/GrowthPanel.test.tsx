import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import type { ExamView, GroupGrowthView, GrowthView } from './api';
import { groupLabel, GrowthPanel, priorCandidates } from './GrowthPanel';

// canvas charts do not draw in jsdom; the table carries the figures
vi.mock('../../components/EChart', () => ({ EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} /> }));

afterEach(() => vi.unstubAllGlobals());

const DISTRICT = '00000000-0000-4000-8000-0000000000d1';
const exam = {
  id: '00000000-0000-4000-8000-000000000001', districtId: DISTRICT, term: '2026-2027-1', name: '期中统一检测', status: 'published', canManage: true, canEnterScores: false,
  createdAt: '2026-11-01T00:00:00Z', subjects: [{ name: '数学', fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 }],
} as ExamView;
const prior = { ...exam, id: '00000000-0000-4000-8000-000000000002', term: '2025-2026-2', name: '期末统一检测', createdAt: '2026-06-20T00:00:00Z' } as ExamView;
const foreign = { ...prior, id: '00000000-0000-4000-8000-000000000003', districtId: '00000000-0000-4000-8000-0000000000d2' } as ExamView;

const group = (g: Partial<GroupGrowthView>): GroupGrowthView => ({
  schoolId: 's1', schoolName: '城关中学', className: null, n: 120, priorMean: 52.1, currentMean: 53.4, growth: 1.3, rawValueAdded: 1.2, rawLow: 0.1, rawHigh: 2.3,
  weight: 0.9, valueAdded: 1.08, low: 0.05, high: 2.11, rank: 1, ...g,
});
const view: GrowthView = {
  examId: exam.id, examName: exam.name, examTerm: exam.term, priorExamId: prior.id, priorExamName: prior.name, priorExamTerm: prior.term, subject: '数学',
  currentStudents: 140, linkedStudents: 131, regression: { n: 131, intercept: 9.5, slope: 0.81, rSquared: 0.66 },
  schoolShrinkage: { groups: 2, withinVariance: 30, betweenVariance: 2 }, classShrinkage: { groups: 5, withinVariance: 30, betweenVariance: 1.5 },
  schools: [group({}), group({ schoolId: 's2', schoolName: '下湾村小学', n: 11, rawValueAdded: 6.5, rawLow: -0.2, rawHigh: 13.2, weight: 0.3, valueAdded: 1.95, low: -1.7, high: 5.6, rank: 2 })],
  classes: [], limitedToSchools: false,
};
const json = (body: object) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe(GrowthPanel.name, () => {
  it('offers the district\'s other exams as the prior exam, the latest term first', () => {
    const older = { ...prior, id: 'older', term: '2025-2026-1' };
    expect(priorCandidates(exam, [older, exam, foreign, prior]).map((e) => e.id)).toEqual([prior.id, 'older']);
  });

  it('names a class with its school', () => {
    expect(groupLabel({ schoolId: 's1', schoolName: '城关中学', className: '七(1)班' })).toBe('城关中学 七(1)班');
    expect(groupLabel({ schoolId: 's1', schoolName: null, className: null })).toBe('s1');
  });

  it('asks for the latest earlier exam and shows raw and shrunk figures with n and intervals beside the chart', async () => {
    const trend = {
      schoolId: 's1', schoolName: '城关中学', subject: '数学', points: [
        { examId: prior.id, examName: prior.name, term: prior.term, grade: '五年级', n: 120, mean: 80.5, meanT: 52.1, priorExamId: null, linked: null, valueAdded: null, low: null, high: null },
        { examId: exam.id, examName: exam.name, term: exam.term, grade: '六年级', n: 124, mean: 81.2, meanT: 53.4, priorExamId: prior.id, linked: 120, valueAdded: 1.08, low: 0.05, high: 2.11 },
      ],
    };
    const fetch = vi.fn(async (request: Request) => {
      const url = String(request.url);
      if (url.includes('/growth-trend')) return json(trend);
      return url.includes('/growth') ? json(view) : json({ items: [exam, prior, foreign], total: 3, page: 1, pageSize: 100 });
    });
    vi.stubGlobal('fetch', fetch);
    renderPage(<GrowthPanel exam={exam} />);

    // two requests in a row (the exams, then the growth) and a wide table: more than the default second in jsdom
    const row = await screen.findByRole('row', { name: /下湾村小学/ }, { timeout: 8000 });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '下湾村小学', '11', '52.10', '53.40', '1.30', '6.50', '[-0.20, 13.20]', '0.3000', '1.95', '[-1.70, 5.60]']);
    expect(screen.getByText('关联学生 131 / 140 人')).toBeTruthy();
    expect(screen.getByRole('img', { name: '增值评价毛毛虫图（收缩后增值与 95% 区间）' })).toBeTruthy();
    // the school over time: the first exam has no value-added, the next one its figure with the interval
    const later = await screen.findByRole('row', { name: /六年级期中统一检测/ }, { timeout: 8000 });
    expect(within(later).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2026-2027-1 六年级期中统一检测', '124', '53.40', '1.08', '[0.05, 2.11]']);
    expect(within(screen.getByRole('row', { name: /五年级期末统一检测/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2025-2026-2 五年级期末统一检测', '120', '52.10', '—', '—']);
    await waitFor(() => expect(fetch.mock.calls.map((c) => String((c as unknown as [Request])[0].url)).some((u) => u.includes(`priorExamId=${prior.id}`))).toBe(true));
  });
});
