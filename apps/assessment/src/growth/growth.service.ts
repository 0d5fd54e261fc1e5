import type { ExamFileView, GroupGrowthView, GrowthQueryDto, GrowthShrinkageView, GrowthView } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, ValidationError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readableSchools } from '../common/access.js';
import { ExamsStore, type Exam } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { rankByShrunk, round, tScore, valueAdded, type GroupFigures, type ShrinkageModel } from './growth.maths.js';
import { LINKED_SCORES, SUBJECT_SCALE } from './growth.sql.js';
import { writeGrowthWorkbook } from './growth.workbook.js';

interface ScaleRow { n: number; mean: number; sd: number }
interface LinkedRow { student_no: string; school_id: string; class_name: string; current: number; prior: number }

/**
 * Growth and value-added of an exam against an earlier exam of the same district. The regression and
 * the shrinkage run over every linked student of the current exam (the alliance that sits it), whoever
 * asks: a school's figure is the same for the school and for the alliance, and school staff only see
 * fewer rows.
 */
@Injectable()
export class GrowthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  async growth(scope: AccessScope, examId: string, query: GrowthQueryDto): Promise<GrowthView> {
    const { exam, prior, schoolIds, all } = await this.readable(scope, examId, query);
    const [[current], [before]] = await Promise.all([
      this.dataSource.query(SUBJECT_SCALE, [exam.id, query.subject]) as Promise<ScaleRow[]>,
      this.dataSource.query(SUBJECT_SCALE, [prior.id, query.subject]) as Promise<ScaleRow[]>,
    ]);
    const rows = (await this.dataSource.query(LINKED_SCORES, [exam.id, prior.id, query.subject])) as LinkedRow[];
    const result = valueAdded(rows.map((r) => ({
      schoolId: r.school_id, className: r.class_name,
      prior: tScore(r.prior, before?.mean ?? 0, before?.sd ?? 0), current: tScore(r.current, current?.mean ?? 0, current?.sd ?? 0),
    })));
    const names = await this.schoolNames(exam.schools.map((s) => s.schoolId));
    const shown = new Set(schoolIds);
    const view = (row: GroupFigures<{ schoolId: string; className?: string }> & { rank: number }): GroupGrowthView => ({
      schoolId: row.key.schoolId, schoolName: names.get(row.key.schoolId) ?? null, className: row.key.className ?? null, n: row.n,
      priorMean: round(row.priorMean, 2), currentMean: round(row.currentMean, 2), growth: round(row.growth, 2),
      rawValueAdded: round(row.raw, 2), rawLow: round(row.rawLow, 2), rawHigh: round(row.rawHigh, 2),
      weight: round(row.weight, 4), valueAdded: round(row.shrunk, 2), low: round(row.low, 2), high: round(row.high, 2), rank: row.rank,
    });
    return {
      examId: exam.id, examName: exam.name, examTerm: exam.term, priorExamId: prior.id, priorExamName: prior.name, priorExamTerm: prior.term,
      subject: query.subject, currentStudents: current?.n ?? 0, linkedStudents: rows.length,
      regression: {
        n: result.regression.n, intercept: round(result.regression.intercept, 4), slope: round(result.regression.slope, 4), rSquared: round(result.regression.rSquared, 4),
      },
      schoolShrinkage: shrinkageView(result.schoolModel),
      classShrinkage: shrinkageView(result.classModel),
      schools: rankByShrunk(result.schools).filter((r) => shown.has(r.key.schoolId)).map(view),
      classes: rankByShrunk(result.classes).filter((r) => shown.has(r.key.schoolId)).map(view),
      limitedToSchools: !all,
    };
  }

  /** The growth figures as an .xlsx workbook in the file store; the gateway streams it by key. */
  async export(scope: AccessScope, examId: string, query: GrowthQueryDto): Promise<ExamFileView> {
    const view = await this.growth(scope, examId, query);
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${view.examTerm}-${view.examName}-${view.subject}-增值评价.xlsx`,
      (out) => writeGrowthWorkbook(out, view));
  }

  /**
   * Both exams as the caller may read them (a foreign or unknown one answers 404), of one district, with
   * the subject in both. Managers read everything at any time; school staff read published exams, their
   * own school's rows.
   */
  private async readable(scope: AccessScope, examId: string, query: GrowthQueryDto): Promise<{ exam: Exam; prior: Exam; schoolIds: string[]; all: boolean }> {
    const exam = await this.exams.visible(scope, examId);
    const prior = await this.exams.visible(scope, query.priorExamId);
    if (prior.id === exam.id) throw ValidationError.of('priorExamId', 'assessment.growth.same-exam');
    if (prior.districtId !== exam.districtId) throw ValidationError.of('priorExamId', 'assessment.growth.other-district');
    const shared = exam.subjects.map((s) => s.name).filter((name) => prior.subjects.some((p) => p.name === name));
    if (!shared.includes(query.subject)) throw ValidationError.of('subject', 'assessment.growth.subject-unknown', { subjects: shared.join(', ') });
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    const published = (e: Exam): boolean => e.status === 'published' || e.status === 'archived';
    if (!readable.all && (!published(exam) || !published(prior))) throw ForbiddenError.of('assessment.analysis.not-published');
    return { exam, prior, schoolIds: readable.schoolIds, all: readable.all };
  }

  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [ids]) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

const shrinkageView = (model: ShrinkageModel): GrowthShrinkageView => ({
  groups: model.groups, withinVariance: round(model.withinVariance, 4), betweenVariance: round(model.betweenVariance, 4),
});
