import type { ExamAnalysisView, ExamFileView } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readableSchools } from '../common/access.js';
import { ExamsStore } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { AGGREGATES, ANALYSIS_WORK_MEM, BANDS } from './analysis.sql.js';
import { writeAnalysisWorkbook } from './analysis.workbook.js';
import { BAND_WIDTH, subjectAnalysis, type AggregateRow, type BandRow } from './analysis.maths.js';

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
    const exam = await this.exams.visible(scope, examId);
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    if (!readable.all && exam.status !== 'published' && exam.status !== 'archived') {
      throw new ForbiddenError('Schools see the analysis once the alliance publishes the exam');
    }
    const lines = JSON.stringify(exam.subjects);
    const [rows, bandRows] = await Promise.all([
      this.withSortMemory<AggregateRow>(AGGREGATES, [exam.id, lines]),
      this.withSortMemory<BandRow>(BANDS, [exam.id, lines, BAND_WIDTH]),
    ]);
    const names = new Map<string, string>(
      (await this.dataSource.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [exam.schools.map((s) => s.schoolId)]) as { id: string; name: string }[])
        .map((r) => [r.id, r.name]),
    );
    const visible = readable.all ? undefined : new Set(readable.schoolIds);
    return {
      examId: exam.id, examName: exam.name, status: exam.status, limitedToSchools: !readable.all,
      subjects: exam.subjects.map((subject) => subjectAnalysis(subject, rows, bandRows, names, visible)),
    };
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
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${exam.term}-${exam.grade}-${exam.name}-质量分析.xlsx`,
      (out) => writeAnalysisWorkbook(out, exam, analysis));
  }
}
