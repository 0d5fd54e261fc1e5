import {
  LOW_DISCRIMINATION, type ExamFileView, type ItemAnalysisView, type ItemStatsView, type KnowledgePointRateView, type KnowledgePointView,
} from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readableSchools } from '../common/access.js';
import { ExamsStore } from '../exams/exams.store.js';
import { PapersStore } from '../papers/papers.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { cronbachAlpha, difficulty, flagsOf, groupSize, pearson, round, upperLowerIndex, variance } from './item-analysis.maths.js';
import { ITEM_MOMENTS, KNOWLEDGE_POINT_RATES, OPTION_COUNTS, TOTALS } from './item-analysis.sql.js';
import { writeItemAnalysisWorkbook } from './item-analysis.workbook.js';

type Sum = string | number | null;

/**
 * The item analysis (试题分析) of one exam subject, scoped as the quality analysis is: managers at any
 * time, school staff once the exam is published, with the alliance figures and their own school's
 * knowledge-point rates.
 */
@Injectable()
export class ItemAnalysisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    private readonly papers: PapersStore,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  async analyse(scope: AccessScope, examId: string, subject: string): Promise<ItemAnalysisView> {
    const exam = await this.exams.visible(scope, examId);
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    if (!readable.all && exam.status !== 'published' && exam.status !== 'archived') throw ForbiddenError.of('assessment.item-analysis.not-published');
    const paper = await this.papers.require(exam, subject);
    const params = [exam.id, paper.subject];
    const [totals] = (await this.dataSource.query(TOTALS, params)) as { n: number; st: Sum; stt: Sum }[];
    const n = totals?.n ?? 0;
    const g = groupSize(n);
    const tags = paper.items.flatMap((item, i) => item.knowledgePoints.map((kp) => ({ i: i + 1, kp, full_marks: item.fullMarks })));
    const [moments, optionRows, kpRows] = await Promise.all([
      this.dataSource.query(ITEM_MOMENTS, [...params, g]) as Promise<{ item: number; n: number; sx: Sum; sxx: Sum; sy: Sum; syy: Sum; sxy: Sum; upper: Sum; lower: Sum }[]>,
      this.dataSource.query(OPTION_COUNTS, params) as Promise<{ item: number; option: string; n: number }[]>,
      tags.length
        ? this.dataSource.query(KNOWLEDGE_POINT_RATES, [...params, JSON.stringify(tags)]) as Promise<{ kp: string; school_id: string | null; class_name: string | null; level: number; students: number; scored: Sum; possible: Sum }[]>
        : Promise.resolve([]),
    ]);
    const byItem = new Map(moments.map((m) => [m.item, m]));
    const items: ItemStatsView[] = paper.items.map((item, i) => {
      const m = byItem.get(i + 1);
      const sums = { n: m?.n ?? 0, sx: Number(m?.sx ?? 0), sxx: Number(m?.sxx ?? 0), sy: Number(m?.sy ?? 0), syy: Number(m?.syy ?? 0), sxy: Number(m?.sxy ?? 0) };
      const mean = sums.n ? sums.sx / sums.n : 0;
      const r = pearson(sums);
      const d = g && m?.upper != null && m.lower != null ? upperLowerIndex(Number(m.upper), Number(m.lower), item.fullMarks) : null;
      const chosen = optionRows.filter((o) => o.item === i + 1);
      const known = chosen.reduce((a, o) => a + o.n, 0);
      return {
        no: item.no, section: item.section, type: item.type, fullMarks: item.fullMarks, knowledgePoints: item.knowledgePoints,
        mean: round(mean, 2), difficulty: round(difficulty(mean, item.fullMarks), 4),
        discrimination: r === null ? null : round(r, 4), upperLower: d === null ? null : round(d, 4),
        options: chosen.sort((a, b) => a.option.localeCompare(b.option))
          .map((o) => ({ option: o.option, count: o.n, rate: round(o.n / known, 4), isKey: o.option === item.key })),
        optionsKnown: known,
        flags: n ? flagsOf(r, d) : [],
      };
    });
    const alpha = cronbachAlpha(paper.items.map((_, i) => {
      const m = byItem.get(i + 1);
      return variance(n, Number(m?.sx ?? 0), Number(m?.sxx ?? 0));
    }), variance(n, Number(totals?.st ?? 0), Number(totals?.stt ?? 0)));
    const names = await this.schoolNames(exam.schools.map((s) => s.schoolId));
    const visible = new Set(readable.schoolIds);
    const knowledgePoints: KnowledgePointView[] = [...new Set(tags.map((t) => t.kp))].map((kp) => {
      const rates: KnowledgePointRateView[] = kpRows
        .filter((r) => r.kp === kp && (r.school_id === null || visible.has(r.school_id)))
        .map((r) => ({
          level: r.level === 3 ? 'alliance' : r.level === 1 ? 'school' : 'class',
          schoolId: r.school_id, schoolName: r.school_id ? names.get(r.school_id) ?? null : null, className: r.level === 0 ? r.class_name : null,
          students: r.students, rate: Number(r.possible) ? round(Number(r.scored) / Number(r.possible), 4) : 0,
        }) satisfies KnowledgePointRateView)
        .sort((a, b) => levelOrder(a) - levelOrder(b) || (a.schoolName ?? '').localeCompare(b.schoolName ?? '', 'zh-CN') || (a.className ?? '').localeCompare(b.className ?? '', 'zh-CN'));
      const tagged = paper.items.filter((item) => item.knowledgePoints.includes(kp));
      return { knowledgePoint: kp, items: tagged.map((t) => t.no), fullMarks: tagged.reduce((a, t) => a + t.fullMarks, 0), rates };
    });
    return {
      examId: exam.id, subject: paper.subject, fullMarks: paper.fullMarks, students: n, groupSize: g, alpha: alpha === null ? null : round(alpha, 4),
      mean: n ? round(Number(totals?.st ?? 0) / n, 2) : 0, lowDiscrimination: LOW_DISCRIMINATION, items, knowledgePoints, limitedToSchools: !readable.all,
    };
  }

  /** The item analysis as an .xlsx workbook in the file store; the gateway streams it by key. */
  async export(scope: AccessScope, examId: string, subject: string): Promise<ExamFileView> {
    const analysis = await this.analyse(scope, examId, subject);
    const exam = await this.exams.visible(scope, examId);
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${exam.term}-${exam.grade}-${exam.name}-${analysis.subject}-试题分析.xlsx`,
      (out) => writeItemAnalysisWorkbook(out, analysis));
  }

  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [ids]) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

const levelOrder = (r: KnowledgePointRateView): number => (r.level === 'alliance' ? 0 : 1);
