import type { BriefingDetailView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderBriefingPdf, renderBriefingXlsx } from './briefing-render.js';

const briefing: BriefingDetailView = {
  id: '00000000-0000-4000-8000-000000000001', scope: 'alliance', districtId: 'd', allianceId: 'a', scopeName: '临溪教联体', periodKind: 'quarter',
  period: '2026-Q4', from: '2026-10-01', to: '2026-12-31', term: '2026-2027-1', title: '临溪教联体2026年第四季度工作简报', issuedBy: '联盟秘书处',
  issuedAt: '2026-12-07T02:00:00.000Z',
  content: {
    keyFigures: [
      { key: 'activities.joint-activities.held', unit: 'count', value: 12 },
      { key: 'activities.check-in-rate', unit: 'rate', value: 0.875, numerator: 70, denominator: 80 },
    ],
    services: [
      { service: 'activities', available: true, basis: 'period', figures: [{ key: 'activities.joint-activities.held', unit: 'count', value: 12 }] },
      { service: 'teacher-exchange', available: false, basis: 'term', figures: [] },
    ],
    plans: { plans: 2, byStatus: { approved: 1, closed: 1 }, milestones: 6, dueInPeriod: 4, doneOnTime: 3, completedInPeriod: 4, overdue: 1,
      ratings: { met: 1, partly: 0, not_met: 0 }, rows: [{ planId: 'p', title: '村小数学提升计划', owner: '下湾村小学', status: 'approved', milestones: 3, done: 2, overdue: 1 }] },
    evaluation: { available: false, bySteps: {}, rows: [] },
    schools: [{ schoolId: 's', name: '下湾村小学', figures: { 'activities.check-in-rate': 0.9, 'activities.joint-activities.held': 2 } }],
    highlights: [{ kind: 'best-check-in', name: '下湾村小学', value: 0.9 }],
  },
};

const pageText = async (pdf: Buffer, page: number): Promise<string> => {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const content = await (await doc.getPage(page)).getTextContent();
  return content.items.map((item) => ('str' in item ? item.str : '')).join('');
};

describe('briefing renderings', () => {
  it('puts the Chinese title, scope, period and key figures on the first page of a PDF with the font embedded', async () => {
    const sut = await renderBriefingPdf(briefing);
    expect(sut.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // the subset of Noto Sans SC is embedded, not the whole 10 MB font
    expect(sut.toString('latin1')).toMatch(/FontFile2/);
    expect(sut.length).toBeLessThan(500_000);
    const first = await pageText(sut, 1);
    expect(first).toContain('临溪教联体2026年第四季度工作简报');
    expect(first).toContain('2026年第四季度');
    expect(first).toContain('87.5%');
    expect(first).toContain('签到率');
    expect(first).toContain('下湾村小学活动签到率最高');
    const second = await pageText(sut, 2);
    expect(second).toContain('暂无数据');
    expect(second).toContain('村小数学提升计划');
  });

  it('writes a workbook that opens with its overview, figures marked not available and schools', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await renderBriefingXlsx(briefing) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概览', '各项数据', '学校', '工作计划', '考核评价', '工作亮点']);
    expect(wb.getWorksheet('概览')!.getRow(2).getCell(2).value).toBe('临溪教联体2026年第四季度工作简报');
    const figures = wb.getWorksheet('各项数据')!.getSheetValues().flat().map(String);
    expect(figures).toContain('暂无数据（not available）');
    expect(wb.getWorksheet('学校')!.getRow(2).getCell(1).value).toBe('下湾村小学');
  });
});
