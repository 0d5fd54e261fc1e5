import type { BriefingDetailView, BriefingFigure, BriefingHighlight } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { BRIEFING_FIGURE_KEYS } from './briefing-assembler.js';
import { periodTitle } from './briefing.rules.js';

/*
 * The PDF and .xlsx of a briefing, rendered once at issue from its frozen content. The PDF embeds
 * Noto Sans SC (only the glyphs used: pdfkit subsets the font), draws its chart as vectors, and puts the
 * title with scope and period and the key figures on its first page.
 */

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

/** Chinese names of the figures; a key without one (a service's newer fact) shows as its key. */
export const FIGURE_NAMES: Record<string, string> = {
  [BRIEFING_FIGURE_KEYS.held]: '开展联盟活动（场次）',
  [BRIEFING_FIGURE_KEYS.registrations]: '活动报名（人次）',
  [BRIEFING_FIGURE_KEYS.checkIns]: '活动签到（人次）',
  [BRIEFING_FIGURE_KEYS.checkInRate]: '签到率',
  [BRIEFING_FIGURE_KEYS.minutes]: '会议纪要（份）',
  [BRIEFING_FIGURE_KEYS.actionItemsDone]: '完成待办事项（项）',
  [BRIEFING_FIGURE_KEYS.actionItemsOverdue]: '逾期待办事项（项）',
  [BRIEFING_FIGURE_KEYS.milestonesOnTime]: '里程碑按期完成率',
  [BRIEFING_FIGURE_KEYS.milestonesCompleted]: '完成里程碑（个）',
  'activities.joint-activities.attended': '参加联盟活动（场次）',
  'teacher-exchange.placements.completed': '完成交流安排（人次）',
  'assessment.surveys.satisfaction': '满意度',
  'membership.alliance.member-schools': '联盟成员校（所）',
  'membership.alliance.joined': '本学期新加入成员校（所）',
  'teacher-exchange.quota.completion': '交流指标完成率',
  'teacher-exchange.itinerant.periods': '走教课时',
  'curriculum.resources.contributed': '共享资源（份）',
  'curriculum.resources.used-by-others': '资源被他人使用（次）',
  'curriculum.facilities.shared-bookings': '场馆共享预约（次）',
  'assessment.exams.above-mean-ratio': '统考超均率',
  'assessment.exams.above-mean-change': '超均率变化',
};

export const SERVICE_NAMES_ZH: Record<string, string> = {
  membership: '联盟建设', 'teacher-exchange': '教师交流', curriculum: '课程资源与场馆共享', activities: '联盟活动与工作计划', assessment: '质量监测与评价',
};

const PLAN_STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '已提交', approved: '执行中', closed: '已结项' };
const STEP_ZH: Record<string, string> = { draft: '自评中', 'self-evaluated': '已自评', 'alliance-reviewed': '联盟已审核', published: '已发布' };

export const figureName = (key: string): string => FIGURE_NAMES[key] ?? key;
export const formatFigure = (figure: Pick<BriefingFigure, 'unit' | 'value'>): string =>
  figure.unit === 'rate' ? `${(figure.value * 100).toFixed(1)}%` : String(figure.value);

export function highlightText(h: BriefingHighlight): string {
  switch (h.kind) {
    case 'milestones-completed': return `本期完成工作计划里程碑 ${h.value} 个`;
    case 'plans-closed': return `${h.value} 份学期工作计划已结项`;
    case 'best-check-in': return `${h.name}活动签到率最高，达 ${(h.value * 100).toFixed(1)}%`;
    case 'most-activities': return `${h.name}承办联盟活动最多，共 ${h.value} 场`;
    case 'top-evaluation': return `${h.name}考核评价得分最高（${h.value} 分）`;
    default: {
      const never: never = h.kind;
      return String(never);
    }
  }
}

const subtitle = (b: BriefingDetailView): string =>
  `${b.scopeName} · ${periodTitle({ kind: b.periodKind, label: b.period, from: b.from, to: b.to })}（${b.from} 至 ${b.to}）`;

/** The briefing as a PDF (A4). */
export async function renderBriefingPdf(b: BriefingDetailView): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: b.title, Author: b.issuedBy, Subject: subtitle(b) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const width = doc.page.width - 100;
  const heading = (text: string): void => {
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(14).fillColor('#1f3a68').text(text, 50).moveDown(0.3).font('regular').fontSize(10.5).fillColor('#222');
  };

  // first page: title, scope and period, key figures, highlights, the per-school chart
  doc.font('bold').fontSize(22).fillColor('#1f3a68').text(b.title, { align: 'center' });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor('#555').text(subtitle(b), { align: 'center' });
  doc.text(`发布：${b.issuedBy} · ${b.issuedAt.slice(0, 10)}`, { align: 'center' });
  doc.moveDown(1);
  const cols = 3;
  const boxW = (width - (cols - 1) * 10) / cols;
  const boxH = 58;
  const top = doc.y;
  b.content.keyFigures.forEach((figure, index) => {
    const x = 50 + (index % cols) * (boxW + 10);
    const y = top + Math.floor(index / cols) * (boxH + 10);
    doc.roundedRect(x, y, boxW, boxH, 6).fillAndStroke('#f2f6fc', '#c9d7ee');
    doc.fillColor('#1f3a68').font('bold').fontSize(18).text(formatFigure(figure), x + 10, y + 8, { width: boxW - 20 });
    doc.fillColor('#555').font('regular').fontSize(9).text(figureName(figure.key), x + 10, y + 36, { width: boxW - 20, height: 18, ellipsis: true });
  });
  doc.y = top + Math.ceil(b.content.keyFigures.length / cols) * (boxH + 10);
  doc.x = 50;
  heading('工作亮点');
  if (b.content.highlights.length === 0) doc.text('本期暂无突出事项。');
  for (const h of b.content.highlights) doc.text(`• ${highlightText(h)}`);

  const rated = b.content.schools.filter((s) => s.figures[BRIEFING_FIGURE_KEYS.checkInRate] !== undefined).slice(0, 12);
  if (rated.length > 0) {
    heading('各校活动签到率');
    const chartTop = doc.y + 4;
    const labelW = 150;
    const barMax = width - labelW - 50;
    rated.forEach((s, i) => {
      const y = chartTop + i * 18;
      const value = s.figures[BRIEFING_FIGURE_KEYS.checkInRate] ?? 0;
      doc.fillColor('#333').fontSize(9).text(s.name, 50, y + 2, { width: labelW - 8, height: 14, ellipsis: true, lineBreak: false });
      doc.rect(50 + labelW, y + 3, Math.max(1, barMax * value), 11).fill('#5470c6');
      doc.fillColor('#333').text(`${(value * 100).toFixed(1)}%`, 50 + labelW + barMax * value + 4, y + 2, { lineBreak: false });
    });
    doc.x = 50;
    doc.y = chartTop + rated.length * 18 + 6;
  }

  // the rest: each service's figures, plan progress, evaluation status
  doc.addPage();
  heading('各项工作数据');
  for (const section of b.content.services) {
    doc.font('bold').text(`${SERVICE_NAMES_ZH[section.service] ?? section.service}${section.basis === 'term' ? `（${b.term} 学期数据）` : '（本期）'}`);
    doc.font('regular');
    if (!section.available) doc.fillColor('#999').text('    暂无数据：该服务未提供本期数据（not available）').fillColor('#222');
    else if (section.figures.length === 0) doc.text('    本期无数据');
    for (const f of section.figures) doc.text(`    ${figureName(f.key)}：${formatFigure(f)}${f.unit === 'rate' && f.denominator !== undefined ? `（${f.numerator}/${f.denominator}）` : ''}`);
    doc.moveDown(0.3);
  }

  heading('学期工作计划进展');
  const p = b.content.plans;
  doc.text(`计划 ${p.plans} 份（${Object.entries(p.byStatus).map(([s, n]) => `${PLAN_STATUS_ZH[s] ?? s} ${n}`).join('，') || '无'}）；里程碑 ${p.milestones} 个，本期到期 ${p.dueInPeriod} 个、按期完成 ${p.doneOnTime} 个，本期完成 ${p.completedInPeriod} 个，逾期 ${p.overdue} 个。`);
  doc.text(`目标任务评估：达成 ${p.ratings['met'] ?? 0}，部分达成 ${p.ratings['partly'] ?? 0}，未达成 ${p.ratings['not_met'] ?? 0}。`);
  for (const row of p.rows.slice(0, 40)) doc.text(`• ${row.owner}：${row.title}（${PLAN_STATUS_ZH[row.status] ?? row.status}，里程碑 ${row.done}/${row.milestones}，逾期 ${row.overdue}）`);

  heading('考核评价');
  const e = b.content.evaluation;
  if (!e.available) doc.fillColor('#999').text('暂无数据：考核评价服务未提供（not available）').fillColor('#222');
  else if (e.rows.length === 0) doc.text('本学期尚未开始考核评价。');
  for (const row of e.rows) {
    doc.text(`• ${row.name}：${STEP_ZH[row.step] ?? row.step}${row.score !== undefined ? `，${row.score} 分` : ''}${row.rank !== undefined ? `，第 ${row.rank} 名` : ''}${row.award ? `，${row.award}` : ''}`);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The briefing as a workbook: overview, every service's figures, schools, plans, evaluation, highlights. */
export async function renderBriefingXlsx(b: BriefingDetailView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = b.issuedBy;
  wb.created = new Date(b.issuedAt);
  const overview = wb.addWorksheet('概览');
  overview.columns = [{ header: '项目', key: 'name', width: 28 }, { header: '数值', key: 'value', width: 16 }, { header: '键', key: 'key', width: 40 }];
  overview.addRow({ name: '标题', value: b.title });
  overview.addRow({ name: '范围', value: b.scopeName });
  overview.addRow({ name: '期间', value: `${b.from} 至 ${b.to}` });
  overview.addRow({ name: '学期', value: b.term });
  for (const f of b.content.keyFigures) overview.addRow({ name: figureName(f.key), value: f.unit === 'rate' ? f.value : f.value, key: f.key }).getCell('value').numFmt = f.unit === 'rate' ? '0.0%' : '0';

  const figures = wb.addWorksheet('各项数据');
  figures.columns = [
    { header: '服务', key: 'service', width: 20 }, { header: '口径', key: 'basis', width: 10 }, { header: '项目', key: 'name', width: 28 },
    { header: '数值', key: 'value', width: 12 }, { header: '分子', key: 'numerator', width: 10 }, { header: '分母', key: 'denominator', width: 10 }, { header: '键', key: 'key', width: 40 },
  ];
  for (const section of b.content.services) {
    const service = SERVICE_NAMES_ZH[section.service] ?? section.service;
    const basis = section.basis === 'term' ? '学期' : '本期';
    if (!section.available) figures.addRow({ service, basis, name: '暂无数据（not available）' });
    for (const f of section.figures) {
      figures.addRow({ service, basis, name: figureName(f.key), value: f.value, numerator: f.numerator, denominator: f.denominator, key: f.key }).getCell('value').numFmt = f.unit === 'rate' ? '0.0%' : '0';
    }
  }

  const keys = [...new Set(b.content.schools.flatMap((s) => Object.keys(s.figures)))];
  const schools = wb.addWorksheet('学校');
  schools.columns = [{ header: '学校', key: 'name', width: 24 }, ...keys.map((k) => ({ header: figureName(k), key: k, width: 18 }))];
  for (const s of b.content.schools) schools.addRow({ name: s.name, ...s.figures });

  const plans = wb.addWorksheet('工作计划');
  plans.columns = [
    { header: '单位', key: 'owner', width: 24 }, { header: '计划', key: 'title', width: 40 }, { header: '状态', key: 'status', width: 10 },
    { header: '里程碑', key: 'milestones', width: 10 }, { header: '已完成', key: 'done', width: 10 }, { header: '逾期', key: 'overdue', width: 10 },
  ];
  for (const row of b.content.plans.rows) plans.addRow({ ...row, status: PLAN_STATUS_ZH[row.status] ?? row.status });

  const evaluation = wb.addWorksheet('考核评价');
  evaluation.columns = [
    { header: '对象', key: 'name', width: 24 }, { header: '类型', key: 'type', width: 10 }, { header: '进度', key: 'step', width: 14 },
    { header: '得分', key: 'score', width: 10 }, { header: '排名', key: 'rank', width: 10 }, { header: '表彰', key: 'award', width: 20 },
  ];
  if (!b.content.evaluation.available) evaluation.addRow({ name: '暂无数据（not available）' });
  for (const row of b.content.evaluation.rows) {
    evaluation.addRow({ name: row.name, type: row.targetType === 'school' ? '学校' : '联盟', step: STEP_ZH[row.step] ?? row.step, score: row.score, rank: row.rank, award: row.award });
  }

  const highlights = wb.addWorksheet('工作亮点');
  highlights.columns = [{ header: '亮点', key: 'text', width: 60 }];
  for (const h of b.content.highlights) highlights.addRow({ text: highlightText(h) });
  for (const sheet of wb.worksheets) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
