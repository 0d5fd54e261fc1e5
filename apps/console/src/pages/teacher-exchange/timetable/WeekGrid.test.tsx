import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../test/render';
import { schoolColours, type SlotView } from './api';
import { TravelWarnings, WeekGrid } from './WeekGrid';

const slot = (id: string, weekday: number, startsAt: string, endsAt: string, schoolId: string, schoolName: string): SlotView => ({
  id, placementId: 'p1', districtId: 'd1', allianceId: 'a1', teacherId: 't1', teacherName: '陈音', homeSchoolId: 'home', homeSchoolName: '实验小学', schoolId, schoolName,
  weekday, startsAt, endsAt, subject: 'music', grade: 3, className: '1班', note: null, placementStatus: 'active', startsOn: '2026-09-01', endsOn: '2027-01-31', updatedAt: '2026-09-01T00:00:00Z',
});

describe(WeekGrid.name, () => {
  const slots = [slot('a', 2, '14:00', '14:40', 's1', '下湾村小'), slot('b', 4, '14:50', '15:30', 's1', '下湾村小'), slot('c', 4, '15:40', '16:20', 's2', '枫岭村小')];

  it('puts each lesson in its weekday column with one colour per school, and says tight transfers in words', () => {
    const { container } = renderPage(<><WeekGrid slots={slots} /><TravelWarnings slots={slots} warnings={[{ fromSlotId: 'b', toSlotId: 'c', teacherId: 't1', weekday: 4, gapMinutes: 10, neededMinutes: 30 }]} /></>);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    expect(container.querySelectorAll('[data-weekday="2"] [data-testid="timetable-slot"]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-weekday="4"] [data-testid="timetable-slot"]')).toHaveLength(2);
    // a lesson is named by what it shows, with its end time read out too
    expect(screen.getByRole('button', { name: /^14:00–14:40\s*音乐\s*下湾村小$/ })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '周二' }).querySelectorAll('[data-testid="timetable-slot"]')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('周四 下湾村小 → 枫岭村小：两校之间只有 10 分钟');
  });

  it('gives schools colours in the order they first appear', () => {
    expect([...schoolColours(slots).keys()]).toEqual(['s1', 's2']);
    expect(new Set(schoolColours(slots).values()).size).toBe(2);
  });
});
