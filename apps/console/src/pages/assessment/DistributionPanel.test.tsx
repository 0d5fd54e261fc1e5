import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import type { ExamView, ScoreDistributionView } from './api';
import { bandLabel, DistributionPanel } from './DistributionPanel';

// canvas charts do not draw in jsdom; the table carries the figures
vi.mock('../../components/EChart', () => ({ EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} /> }));

afterEach(() => vi.unstubAllGlobals());

const exam = {
  id: '00000000-0000-4000-8000-000000000001', status: 'published', canManage: true, canEnterScores: false,
  subjects: [{ name: '数学', fullMarks: 100, passLine: 60, excellentLine: 85, lowLine: 40 }],
} as ExamView;

const view = (rows: ScoreDistributionView['rows']): ScoreDistributionView => ({
  examId: exam.id, subject: '数学', fullMarks: 100, step: 1, schoolId: null, students: rows.reduce((n, r) => n + r.count, 0), absent: 0, exempt: 0, rows,
  schools: [{ schoolId: '00000000-0000-4000-8000-000000000002', schoolName: '城关中学' }], limitedToSchools: false,
});
const json = (body: object) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe(DistributionPanel.name, () => {
  it('labels one-point bands by their score and wider ones by both ends', () => {
    expect(bandLabel({ low: 85, high: 86 }, 1)).toBe('85');
    expect(bandLabel({ low: 80, high: 85 }, 5)).toBe('80–85');
  });

  it('lists each band with its count, cumulative count and share, and asks again for another band width', async () => {
    const fetch = vi.fn(async () => json(view([
      { low: 90, high: 91, count: 2, cumulative: 2, cumulativeRate: 0.4, allianceCumulative: null },
      { low: 85, high: 86, count: 3, cumulative: 5, cumulativeRate: 1, allianceCumulative: null },
    ])));
    vi.stubGlobal('fetch', fetch);
    renderPage(<DistributionPanel exam={exam} />);

    const row = await screen.findByRole('row', { name: /^85/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['85', '3', '5', '100.0%']);
    expect(screen.getByText('共 5 人')).toBeTruthy();
    expect(screen.getByRole('img', { name: '一分一段人数与累计人数' })).toBeTruthy();

    fireEvent.click(screen.getByText('5 分一段'));
    await waitFor(() => expect(String((fetch.mock.calls.at(-1) as unknown as [Request])[0].url)).toContain('step=5'));
  });

  it('says so when the exam has no scores yet', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(view([]))));
    renderPage(<DistributionPanel exam={exam} />);
    expect(await screen.findByText('还没有成绩，暂无一分一段表')).toBeTruthy();
  });
});
