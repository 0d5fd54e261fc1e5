import type { ExamAnalysisView, ExamFileView } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readableSchools } from '../common/access.js';
import { ExamsStore } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { writeAnalysisWorkbook } from './analysis.workbook.js';
import { BAND_WIDTH, subjectAnalysis, type AggregateRow, type BandRow } from './analysis.maths.js';

/*
 * Every figure is computed by PostgreSQL in two scans of the exam's scores: one GROUPING SETS query
 * gives the alliance, each school and each class per subject (count, mean, stddev_pop,
 * percentile_cont median, max, min, pass/excellent/low counts) with ranks from window functions;
 * one query counts the score bands per school. Nothing per student comes back to the service.
 */
const AGGREGATES = `
  WITH lines AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(name text, "fullMarks" numeric, "passLine" numeric, "excellentLine" numeric, "lowLine" numeric)
  ), agg AS (
    SELECT sc.subject, sc.school_id, sc.class_name, GROUPING(sc.school_id, sc.class_name) AS level,
           count(*)::int AS count, avg(sc.score)::float8 AS mean, stddev_pop(sc.score)::float8 AS stddev,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY sc.score)::float8 AS median,
           max(sc.score)::float8 AS max, min(sc.score)::float8 AS min,
           (count(*) FILTER (WHERE sc.score >= l."passLine"))::int AS pass,
           (count(*) FILTER (WHERE sc.score >= l."excellentLine"))::int AS excellent,
           (count(*) FILTER (WHERE sc.score < l."lowLine"))::int AS low
      FROM score sc JOIN lines l ON l.name = sc.subject
     WHERE sc.exam_id = $1
     GROUP BY sc.subject, GROUPING SETS ((), (sc.school_id), (sc.school_id, sc.class_name))
  )
  SELECT agg.*,
         max(agg.mean) FILTER (WHERE agg.level = 3) OVER (PARTITION BY agg.subject) AS alliance_mean,
         CASE WHEN agg.level <> 3 THEN rank() OVER (PARTITION BY agg.subject, agg.level ORDER BY agg.mean DESC) END::int AS rank,
         CASE WHEN agg.level = 0 THEN rank() OVER (PARTITION BY agg.subject, agg.level, agg.school_id ORDER BY agg.mean DESC) END::int AS rank_in_school
    FROM agg`;

const BANDS = `
  WITH lines AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(name text, "fullMarks" numeric))
  SELECT sc.subject, sc.school_id,
         LEAST(floor(sc.score / $3)::int, GREATEST(1, ceil(l."fullMarks" / $3)::int) - 1) AS band, count(*)::int AS count
    FROM score sc JOIN lines l ON l.name = sc.subject
   WHERE sc.exam_id = $1
   GROUP BY 1, 2, 3`;

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
    const [rows, bandRows]: [AggregateRow[], BandRow[]] = await Promise.all([
      this.dataSource.query(AGGREGATES, [exam.id, lines]),
      this.dataSource.query(BANDS, [exam.id, lines, BAND_WIDTH]),
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

  /** The analysis as an .xlsx workbook in the file store; the gateway streams it by key. */
  async export(scope: AccessScope, examId: string): Promise<ExamFileView> {
    const analysis = await this.analyse(scope, examId);
    const exam = await this.exams.visible(scope, examId);
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${exam.term}-${exam.grade}-${exam.name}-质量分析.xlsx`,
      (out) => writeAnalysisWorkbook(out, exam, analysis));
  }
}
