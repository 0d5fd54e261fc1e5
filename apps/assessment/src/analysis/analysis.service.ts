import {
  DISTRIBUTION_STEPS, TOTAL_SUBJECT, type DistributionStep, type ExamAnalysisView, type ExamFileView, type ScoreDistributionQueryDto,
  type ScoreDistributionView,
} from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, NotFoundError, ValidationError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readableSchools } from '../common/access.js';
import { ExamsStore, type Exam } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { AGGREGATES, ANALYSIS_WORK_MEM, BANDS, DISTRIBUTION, DISTRIBUTION_MARKS } from './analysis.sql.js';
import { writeAnalysisWorkbook } from './analysis.workbook.js';
import {
  BAND_WIDTH, distributionRows, subjectAnalysis, type AggregateRow, type BandRow, type DistributionRow, type SubjectDistribution,
} from './analysis.maths.js';

@Injectable()
export class AnalysisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  /**
   * Managers see the whole analysis at any time; school staff see it once the exam is published, with
   * the alliance figures and their own school's rows (ranks still among all schools).
   */
  async analyse(scope: AccessScope, examId: string): Promise<ExamAnalysisView> {
    const { exam, readable } = await this.readable(scope, examId);
    const lines = JSON.stringify(exam.subjects);
    const [rows, bandRows] = await Promise.all([
      this.withSortMemory<AggregateRow>(AGGREGATES, [exam.id, lines]),
      this.withSortMemory<BandRow>(BANDS, [exam.id, lines, BAND_WIDTH]),
    ]);
    const names = await this.schoolNames(exam.schools.map((s) => s.schoolId));
    const visible = readable.all ? undefined : new Set(readable.schoolIds);
    return {
      examId: exam.id, examName: exam.name, status: exam.status, limitedToSchools: !readable.all,
      subjects: exam.subjects.map((subject) => subjectAnalysis(subject, rows, bandRows, names, visible)),
    };
  }

  /**
   * The 一分一段表 of one subject or the total, for the alliance or one school, as the analysis shows it:
   * school staff once the exam is published, counting the alliance or their own school (another
   * school's id answers 404 like any object they may not see).
   */
  async distribution(scope: AccessScope, examId: string, query: ScoreDistributionQueryDto): Promise<ScoreDistributionView> {
    const { exam, readable } = await this.readable(scope, examId);
    if (query.schoolId && !readable.schoolIds.includes(query.schoolId)) throw new NotFoundError('school', query.schoolId);
    const names = await this.schoolNames(readable.schoolIds);
    return {
      ...(await this.distributionOf(exam, query.subject, query.step ?? DISTRIBUTION_STEPS[0], query.schoolId ?? null)),
      schools: readable.schoolIds.map((schoolId) => ({ schoolId, schoolName: names.get(schoolId) ?? null })),
      limitedToSchools: !readable.all,
    };
  }

  private async distributionOf(exam: Exam, subject: string, step: DistributionStep, schoolId: string | null): Promise<SubjectDistribution> {
    const subjects = subject === TOTAL_SUBJECT ? exam.subjects : exam.subjects.filter((s) => s.name === subject);
    if (!subjects.length) throw ValidationError.of('subject', 'assessment.analysis.subject-unknown', { total: TOTAL_SUBJECT, subjects: exam.subjects.map((s) => s.name).join(', ') });
    const names = subjects.map((s) => s.name);
    const rows = await this.withSortMemory<DistributionRow>(DISTRIBUTION, [exam.id, names, step, schoolId]);
    const [marked] = (await this.dataSource.query(DISTRIBUTION_MARKS, [exam.id, names, schoolId])) as { absent: number; exempt: number }[];
    return {
      examId: exam.id, subject, fullMarks: subjects.reduce((sum, s) => sum + s.fullMarks, 0), step, schoolId,
      students: rows[0]?.total ?? 0, absent: marked?.absent ?? 0, exempt: marked?.exempt ?? 0, rows: distributionRows(rows, schoolId !== null),
    };
  }

  /**
   * The exam and the schools whose figures the caller may read. Managers read everything at any time;
   * school staff once the exam is published, with the alliance figures and their own school's rows.
   */
  private async readable(scope: AccessScope, examId: string): Promise<{ exam: Exam; readable: { all: boolean; schoolIds: string[] } }> {
    const exam = await this.exams.visible(scope, examId);
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    if (!readable.all && exam.status !== 'published' && exam.status !== 'archived') {
      throw ForbiddenError.of('assessment.analysis.not-published');
    }
    return { exam, readable };
  }

  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [ids]) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Runs one analysis statement with enough sort memory for a district exam: 1.2 M scores sorted by
   * subject, school and class spill to disk at the default 4 MB work_mem and took twice as long.
   */
  private withSortMemory<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${ANALYSIS_WORK_MEM}'`);
      return (await manager.query(sql, params)) as T[];
    });
  }

  /** The analysis as an .xlsx workbook in the file store; the gateway streams it by key. */
  async export(scope: AccessScope, examId: string): Promise<ExamFileView> {
    const analysis = await this.analyse(scope, examId);
    const exam = await this.exams.visible(scope, examId);
    // the alliance's 一分一段 per subject and for the total, which every reader of the analysis may see
    const distributions: SubjectDistribution[] = [];
    for (const subject of [...exam.subjects.map((s) => s.name), TOTAL_SUBJECT]) distributions.push(await this.distributionOf(exam, subject, 1, null));
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${exam.term}-${exam.grade}-${exam.name}-质量分析.xlsx`,
      (out) => writeAnalysisWorkbook(out, exam, analysis, distributions));
  }
}
