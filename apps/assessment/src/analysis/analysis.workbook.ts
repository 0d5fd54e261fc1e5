import { TOTAL_SUBJECT, type ExamAnalysisView, type ScoreStatsView } from '@jiaolian/contracts';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Exam } from '../exams/exams.store.js';
import type { SubjectDistribution } from './analysis.maths.js';

const STATS_HEADER = ['人数', '平均分', '标准差', '中位数', '最高分', '最低分', '及格率', '优秀率', '低分率'];
const statsCells = (s: ScoreStatsView): (string | number)[] =>
  [s.count, s.mean, s.stddev, s.median, s.max, s.min, pct(s.passRate), pct(s.excellentRate), pct(s.lowRate)];
const pct = (rate: number): string => `${(rate * 100).toFixed(2)}%`;

/**
 * Writes one sheet per subject (alliance, schools, classes, score bands) and a 一分一段 sheet (one block per
 * subject and the total) with exceljs's streaming writer.
 */
export async function writeAnalysisWorkbook(out: Writable, exam: Exam, analysis: ExamAnalysisView, distributions: SubjectDistribution[] = []): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const subject of analysis.subjects) {
    const sheet = workbook.addWorksheet(subject.subject.slice(0, 31));
    const add = (values: (string | number)[]): void => sheet.addRow(values).commit();
    add([`${exam.term} ${exam.grade} ${exam.name} · ${subject.subject}（满分 ${subject.fullMarks}，及格 ${subject.passLine}，优秀 ${subject.excellentLine}，低分 <${subject.lowLine}）`]);
    add([]);
    add(['联盟整体', ...STATS_HEADER]);
    if (subject.alliance) add(['全体', ...statsCells(subject.alliance)]);
    add([]);
    add(['学校', ...STATS_HEADER, '超均率', '名次']);
    for (const s of subject.schools) add([s.schoolName ?? s.schoolId, ...statsCells(s), pct(s.aboveMeanRatio), s.rank]);
    add([]);
    add(['学校', '班级', ...STATS_HEADER, '超均率', '联盟名次', '校内名次']);
    for (const c of subject.classes) add([c.schoolName ?? c.schoolId, c.className, ...statsCells(c), pct(c.aboveMeanRatio), c.rank, c.rankInSchool]);
    add([]);
    add(['分数段', '人数']);
    for (const b of subject.bands) add([b.label, b.count]);
    // absent and exempt students are in none of the figures above; their counts get a block of their own
    if (subject.alliance && (subject.alliance.absent || subject.alliance.exempt)) {
      add([]);
      add(['缺考与免考（不计入以上各项）', '缺考人数', '免考人数']);
      add(['全体', subject.alliance.absent ?? 0, subject.alliance.exempt ?? 0]);
      for (const s of subject.schools) if (s.absent || s.exempt) add([s.schoolName ?? s.schoolId, s.absent ?? 0, s.exempt ?? 0]);
      for (const c of subject.classes) if (c.absent || c.exempt) add([`${c.schoolName ?? c.schoolId} ${c.className}`, c.absent ?? 0, c.exempt ?? 0]);
    }
    sheet.commit();
  }
  if (distributions.length) {
    const sheet = workbook.addWorksheet('一分一段');
    const add = (values: (string | number)[]): void => sheet.addRow(values).commit();
    for (const d of distributions) {
      const left = `${d.absent ? `，缺考 ${d.absent} 人` : ''}${d.exempt ? `，免考 ${d.exempt} 人` : ''}`;
      add([`${d.subject === TOTAL_SUBJECT ? '总分（各科均有成绩的学生）' : d.subject}（满分 ${d.fullMarks}，${d.students} 人${left}）`]);
      add(['分数', '人数', '累计人数', '累计百分比']);
      for (const r of d.rows) add([r.low, r.count, r.cumulative, pct(r.cumulativeRate)]);
      add([]);
    }
    sheet.commit();
  }
  await workbook.commit();
}
