import {
  AssessmentEvents, MAX_ROW_OUTCOMES, NO_SCHOOL, SCORE_COLUMNS, type CorrectScoreDto, type EmptyCellRule, type ImportRowOutcome, type ExamFileView, type FieldError, type ListScoresQueryDto, type Page,
  type ScoreCorrectedEvent, type ScoreCorrectionView, type ScoreImportMode, type ScoreImportReportView, type ScoresImportedEvent, type ScoreStatus,
  type StudentScoresView, type PageQueryDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, DomainError, ForbiddenError, formatOf, likePattern, NotFoundError, OutboxWriter, pageWindow, readSpreadsheet, sortOrder,
  toPage, ValidationError, type FileStore, type SheetRow, type StoredFile,
} from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { iso, readableSchools, writableSchools } from '../common/access.js';
import { assertAcceptsScores } from '../exams/exam.rules.js';
import { ExamsStore } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from './assessment-files.js';
import { checkRow, copyLines, headerErrors, repeatedRowError, storedConflictError } from './score.rules.js';
import { examRowContext } from './row-context.js';

type MarkStatus = Exclude<ScoreStatus, 'present'>;

/** How an import reads its sheet and whether it writes. */
export interface ScoreImportOptions {
  mode: ScoreImportMode;
  empty: EmptyCellRule;
  dryRun: boolean;
}

/** Row errors kept for the report; past this the import still counts them but lists no more. */
export const MAX_REPORTED_ERRORS = 1000;
/** COPY text is written in chunks of about this many characters (one write per score is 1.2 M writes for a district exam). */
const COPY_CHUNK_CHARS = 64 * 1024;

@Injectable()
export class ScoresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  async list(scope: AccessScope, examId: string, query: ListScoresQueryDto): Promise<Page<StudentScoresView>> {
    const exam = await this.exams.visible(scope, examId);
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { studentNo: 'sc.student_no', studentName: 'student_name', className: 'sc.class_name', school: 'sc.school_id' }, 'studentNo');
    const params: unknown[] = [exam.id, readable.schoolIds];
    const where = ['sc.exam_id = $1', 'sc.school_id = ANY($2::uuid[])'];
    if (query.schoolId) { params.push(query.schoolId); where.push(`sc.school_id = $${params.length}`); }
    if (query.className) { params.push(query.className); where.push(`sc.class_name = $${params.length}`); }
    if (query.q) { params.push(likePattern(query.q)); where.push(`(sc.student_no ILIKE $${params.length} OR sc.student_name ILIKE $${params.length})`); }
    params.push(window.pageSize, window.offset);
    const rows: {
      student_no: string; student_name: string; school_id: string; class_name: string; scores: Record<string, number> | null;
      statuses: Record<string, MarkStatus> | null; total: number;
    }[] =
      await this.dataSource.query(
        `SELECT sc.student_no, max(sc.student_name) AS student_name, sc.school_id, sc.class_name,
                jsonb_object_agg(sc.subject, sc.score) FILTER (WHERE sc.score IS NOT NULL) AS scores,
                jsonb_object_agg(sc.subject, sc.status) FILTER (WHERE sc.status <> 'present') AS statuses, count(*) OVER ()::int AS total
           FROM score sc WHERE ${where.join(' AND ')}
          GROUP BY sc.student_no, sc.school_id, sc.class_name
          ORDER BY ${order.column} ${order.direction}, sc.student_no
          LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
    const names = await this.schoolNames(rows.map((r) => r.school_id));
    const total = rows[0]?.total ?? 0;
    return toPage(rows.map((r) => ({
      studentNo: r.student_no, studentName: r.student_name, schoolId: r.school_id, schoolName: names.get(r.school_id) ?? null, className: r.class_name,
      scores: Object.fromEntries(Object.entries(r.scores ?? {}).map(([k, v]) => [k, Number(v)])), statuses: r.statuses ?? {},
    })), total, window);
  }

  async corrections(scope: AccessScope, examId: string, query: PageQueryDto): Promise<Page<ScoreCorrectionView>> {
    const exam = await this.exams.visible(scope, examId);
    const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    const window = pageWindow(query);
    const rows: (Record<string, unknown> & { total: number })[] = await this.dataSource.query(
      `SELECT c.*, count(*) OVER ()::int AS total FROM score_correction c
        WHERE c.exam_id = $1 AND c.school_id = ANY($2::uuid[]) ORDER BY c.corrected_at DESC, c.id LIMIT $3 OFFSET $4`,
      [exam.id, readable.schoolIds, window.pageSize, window.offset],
    );
    return toPage(rows.map((r) => ({
      id: r['id'] as string, studentNo: r['student_no'] as string, studentName: r['student_name'] as string, schoolId: r['school_id'] as string,
      subject: r['subject'] as string, before: r['before'] === null ? null : Number(r['before']), after: Number(r['after']), reason: r['reason'] as string,
      correctedBy: (r['corrected_by_name'] as string | null) ?? (r['corrected_by'] as string), correctedAt: iso(r['corrected_at'] as Date),
    })), rows[0]?.total ?? 0, window);
  }

  /** Changes one score with a reason; the correction and its audit record keep before and after. */
  async correct(scope: AccessScope, examId: string, dto: CorrectScoreDto): Promise<StudentScoresView> {
    return this.dataSource.transaction(async (manager) => {
      const exam = await this.exams.visible(scope, examId, manager, true);
      const readable = readableSchools(scope, exam, exam.schools.map((s) => s.schoolId)).schoolIds;
      const subject = exam.subjects.find((s) => s.name === dto.subject);
      if (!subject) throw ValidationError.of('subject', 'assessment.score.subject-unknown', { subjects: exam.subjects.map((s) => s.name).join(', ') });
      const [student]: { school_id: string; class_name: string; student_name: string }[] = await manager.query(
        'SELECT school_id, class_name, student_name FROM score WHERE exam_id = $1 AND student_no = $2 AND school_id = ANY($3::uuid[]) ORDER BY updated_at DESC LIMIT 1',
        [exam.id, dto.studentNo, readable],
      );
      if (!student) throw new NotFoundError('student', dto.studentNo);
      if (!writableSchools(scope, exam, readable).includes(student.school_id)) throw ForbiddenError.of('assessment.score.correct-forbidden');
      assertAcceptsScores(exam.status);
      if (dto.score > subject.fullMarks) throw ValidationError.of('score', 'assessment.score.over-full-marks', { fullMarks: subject.fullMarks });
      const [current]: { score: string | null }[] = await manager.query(
        'SELECT score FROM score WHERE exam_id = $1 AND student_no = $2 AND subject = $3 FOR UPDATE', [exam.id, dto.studentNo, subject.name]);
      // an absent or exempt mark has no score: correcting it gives the student a score in the subject
      const before = current?.score == null ? null : Number(current.score);
      if (before === dto.score) throw ValidationError.of('score', 'assessment.score.unchanged', { score: before });
      await manager.query(
        `INSERT INTO score (exam_id, student_no, subject, school_id, class_name, student_name, status, score) VALUES ($1, $2, $3, $4, $5, $6, 'present', $7)
         ON CONFLICT (exam_id, student_no, subject) DO UPDATE SET status = 'present', score = EXCLUDED.score, updated_at = now()`,
        [exam.id, dto.studentNo, subject.name, student.school_id, student.class_name, student.student_name, dto.score],
      );
      const reason = dto.reason.trim();
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO score_correction (exam_id, student_no, student_name, school_id, subject, before, after, reason, corrected_by, corrected_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [exam.id, dto.studentNo, student.student_name, student.school_id, subject.name, before, dto.score, reason, scope.caller.id, scope.caller.displayName ?? null],
      );
      const key = { examId: exam.id, studentNo: dto.studentNo, subject: subject.name };
      await this.audit.record(manager, scope.caller, {
        districtId: exam.districtId, action: 'score.corrected', entityType: 'score_correction', entityId: id,
        before: { ...key, score: before }, after: { ...key, score: dto.score, reason },
      });
      await this.outbox.add<ScoreCorrectedEvent>(manager, scope.caller, {
        subject: AssessmentEvents.scoreCorrected, districtId: exam.districtId,
        data: { examId: exam.id, allianceId: exam.allianceId, districtId: exam.districtId, schoolId: student.school_id, studentNo: dto.studentNo, subject: subject.name, before, after: dto.score },
      });
      const rows: { subject: string; status: ScoreStatus; score: string | null }[] =
        await manager.query('SELECT subject, status, score FROM score WHERE exam_id = $1 AND student_no = $2', [exam.id, dto.studentNo]);
      const names = await this.schoolNames([student.school_id]);
      return {
        studentNo: dto.studentNo, studentName: student.student_name, schoolId: student.school_id, schoolName: names.get(student.school_id) ?? null,
        className: student.class_name,
        scores: Object.fromEntries(rows.filter((r) => r.score !== null).map((r) => [r.subject, Number(r.score)])),
        statuses: Object.fromEntries(rows.filter((r) => r.status !== 'present').map((r) => [r.subject, r.status as MarkStatus])),
      };
    });
  }

  /** An empty score sheet for the exam: the fixed columns and one per subject, and the schools on a second sheet. */
  async template(scope: AccessScope, examId: string): Promise<ExamFileView> {
    const exam = await this.exams.visible(scope, examId);
    const schools = writableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    const names = await this.schoolDetails(schools);
    return storeGenerated(this.files, `assessment/templates/${randomUUID()}`, `${exam.name}-成绩导入模板.xlsx`, async (out) => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('成绩');
      sheet.addRow([SCORE_COLUMNS.studentNo, SCORE_COLUMNS.studentName, SCORE_COLUMNS.school, SCORE_COLUMNS.className, ...exam.subjects.map((s) => s.name)]).commit();
      sheet.commit();
      const list = workbook.addWorksheet('参考学校');
      list.addRow(['学校', '学校标识码', '参考班级', ...exam.subjects.map((s) => `${s.name}满分`)]).commit();
      for (const school of exam.schools.filter((s) => schools.includes(s.schoolId))) {
        const details = names.get(school.schoolId);
        list.addRow([details?.name ?? school.schoolId, details?.code ?? '', school.classes.join('、'), ...exam.subjects.map((s) => s.fullMarks)]).commit();
      }
      list.commit();
      const notes = workbook.addWorksheet('填写说明');
      for (const line of [
        ['成绩', `0 到满分，最多两位小数；全角数字（如 ８５、７２．５）也可以`],
        ['缺考', '写“缺考”或“缺”：不计入人数、平均分、各项比率和名次，单独统计缺考人数'],
        ['免考', '写“免考”或“免”：同上，单独统计免考人数'],
        ['空白', '导入时选择：保留已有成绩（默认）、清除已有成绩，或记为缺考'],
        ['学号', '一个学号只对应一名学生：同一学号换了姓名或学校会被拒绝，不会改动已导入的学生'],
      ]) notes.addRow(line).commit();
      notes.commit();
      await workbook.commit();
    });
  }

  /**
   * Streams the sheet row by row: each row is checked and staged by COPY into a temporary table (a bad
   * row too, as one line with its student number), then set-based checks find repeated student numbers
   * (the first row stands and each later one is an error, even when the first was bad: a conflict when it
   * names another student) and numbers stored for another student of the exam. The plan of each
   * staged score (insert, update, unchanged, clear) and each row's outcome are worked out before
   * anything is written. With mode `all` any bad row means nothing is imported; with `valid-only` the
   * good rows are. A dry run answers the same report and writes nothing (no scores, no import record,
   * no audit, no event). Importing the same file again changes nothing. Nothing per row stays in
   * memory, so memory does not grow with the sheet.
   */
  async import(scope: AccessScope, examId: string, options: ScoreImportOptions, upload: StoredFile): Promise<ScoreImportReportView> {
    const { mode, empty, dryRun } = options;
    const exam = await this.exams.visible(scope, examId);
    const participating = exam.schools.map((s) => s.schoolId);
    const writable = writableSchools(scope, exam, participating);
    if (!writable.length) throw ForbiddenError.of('assessment.score-import.forbidden');
    assertAcceptsScores(exam.status);
    const format = formatOf(upload.filename, upload.contentType);
    const found = await this.files.get(upload.key);
    if (!found) throw ValidationError.of('file', 'import.file.gone');
    const { ctx, names } = await examRowContext(this.dataSource, exam, writable, exam.subjects, empty);
    const schoolName = (id: string | null): string => (id ? names.get(id) ?? id : NO_SCHOOL);
    const readable = new Set(readableSchools(scope, exam, participating).schoolIds);

    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    let copy: Writable | undefined;
    const errors: FieldError[] = [];
    let errorCount = 0;
    let rows = 0;
    let badRows = 0;
    const report = (rowErrors: FieldError[]): void => {
      errorCount += rowErrors.length;
      for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    };
    try {
      await runner.startTransaction();
      await runner.query(`CREATE TEMP TABLE score_stage (
        row_no integer NOT NULL, student_no text NOT NULL, student_name text NOT NULL, school_id uuid, class_name text NOT NULL,
        ok boolean NOT NULL, head boolean NOT NULL, subject text, status text, score numeric(6, 2)) ON COMMIT DROP`);
      copy = client.query(copyFrom('COPY score_stage (row_no, student_no, student_name, school_id, class_name, ok, head, subject, status, score) FROM STDIN'));
      const copied = once(copy, 'finish');
      copied.catch(() => undefined);
      let chunk = '';
      for await (const sheetRow of readableRows(readSpreadsheet(found.stream, format))) {
        if (rows === 0) {
          const missing = headerErrors(Object.keys(sheetRow.cells), exam.subjects);
          if (missing.length) throw DomainError.coded('validation-failed', 'import.columns-missing', undefined, missing);
        }
        rows += 1;
        const checked = checkRow(sheetRow, ctx);
        if (checked.errors.length) { badRows += 1; report(checked.errors); }
        chunk += copyLines(checked.student, checked.scores);
        if (chunk.length >= COPY_CHUNK_CHARS) {
          const flushed = copy.write(chunk);
          chunk = '';
          if (!flushed) await once(copy, 'drain');
        }
      }
      copy.end(chunk);
      await copied;
      if (rows === 0) throw ValidationError.of('file', 'import.file.no-data-rows');

      const rejected = new Set<number>();
      const reject = (row: number, ok: boolean): void => {
        if (ok && !rejected.has(row)) { rejected.add(row); badRows += 1; }
      };
      // a student number on several rows: the first row stands (even when it has errors of its own), each
      // later one is an error: a duplicate, or a conflict when it names another student
      const repeated: { row_no: number; ok: boolean; student_no: string; student_name: string; school_id: string | null; first_row: number; first_name: string; first_school_id: string | null }[] =
        await runner.query(
          `WITH students AS MATERIALIZED (
             SELECT row_no, student_no, student_name, school_id, ok FROM score_stage WHERE head AND student_no <> ''
           ), numbers AS (
             SELECT student_no, min(row_no) AS first_row FROM students GROUP BY student_no HAVING count(*) > 1
           )
           SELECT s.row_no, s.ok, s.student_no, s.student_name, s.school_id,
                  f.row_no AS first_row, f.student_name AS first_name, f.school_id AS first_school_id
             FROM numbers n JOIN students s ON s.student_no = n.student_no AND s.row_no <> n.first_row
             JOIN students f ON f.row_no = n.first_row
            ORDER BY s.row_no`);
      for (const r of repeated) {
        report([repeatedRowError({
          row: r.row_no, studentNo: r.student_no, studentName: r.student_name, schoolId: r.school_id,
          firstRow: r.first_row, firstName: r.first_name, firstSchoolId: r.first_school_id,
        }, schoolName)]);
        reject(r.row_no, r.ok);
      }
      // a student number stored for another student (another name or school) of this exam
      const stored: { row_no: number; student_no: string; student_name: string; school_id: string }[] = await runner.query(
        `SELECT DISTINCT ON (s.row_no) s.row_no, s.student_no, t.student_name, t.school_id
           FROM score_stage s JOIN score t ON t.exam_id = $1 AND t.student_no = s.student_no
          WHERE s.head AND s.ok AND (t.school_id IS DISTINCT FROM s.school_id OR t.student_name <> s.student_name) AND NOT (s.row_no = ANY($2::int[]))
          ORDER BY s.row_no`, [exam.id, [...rejected]]);
      for (const c of stored) {
        report([storedConflictError(c.row_no, c.student_no, { studentName: c.student_name, schoolId: c.school_id }, readable.has(c.school_id), schoolName)]);
        reject(c.row_no, true);
      }
      if (rejected.size) await runner.query('UPDATE score_stage SET ok = false WHERE row_no = ANY($1::int[])', [[...rejected]]);
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      const blocked = errorCount > 0 && mode === 'all';
      if (blocked && !dryRun) {
        throw DomainError.coded('validation-failed', 'import.rows-rejected', { badRows, rows }, errors);
      }

      // what each staged score would do, decided against what is stored before anything is written
      await runner.query(
        `CREATE TEMP TABLE score_plan ON COMMIT DROP AS
         SELECT s.row_no, s.student_no, s.subject, s.school_id, s.class_name, s.student_name, s.status, s.score,
                CASE WHEN s.status = 'clear' THEN CASE WHEN t.exam_id IS NULL THEN 'none' ELSE 'clear' END
                     WHEN t.exam_id IS NULL THEN 'insert'
                     WHEN (t.status, t.score, t.school_id, t.class_name, t.student_name) IS DISTINCT FROM (s.status, s.score, s.school_id, s.class_name, s.student_name) THEN 'update'
                     ELSE 'same' END AS action
           FROM score_stage s LEFT JOIN score t ON t.exam_id = $1 AND t.student_no = s.student_no AND t.subject = s.subject
          WHERE s.ok`, [exam.id]);
      const [plan]: { inserted: number; updated: number; unchanged: number; cleared: number; moved: number }[] = await runner.query(
        `SELECT count(*) FILTER (WHERE action = 'insert')::int AS inserted, count(*) FILTER (WHERE action = 'update')::int AS updated,
                count(*) FILTER (WHERE action = 'same')::int AS unchanged, count(*) FILTER (WHERE action = 'clear')::int AS cleared,
                (SELECT count(*)::int FROM score t JOIN (SELECT DISTINCT student_no, class_name FROM score_plan) r
                    ON t.exam_id = $1 AND t.student_no = r.student_no AND t.class_name <> r.class_name
                  WHERE NOT EXISTS (SELECT 1 FROM score_plan p WHERE p.student_no = t.student_no AND p.subject = t.subject)) AS moved
           FROM score_plan`, [exam.id]);
      const counts = plan as { inserted: number; updated: number; unchanged: number; cleared: number; moved: number };
      await runner.query(
        `CREATE TEMP TABLE score_row_outcome ON COMMIT DROP AS
         WITH acts AS (SELECT row_no, bool_or(action IN ('insert', 'update', 'clear')) AS changes FROM score_plan GROUP BY row_no)
         SELECT s.row_no, s.student_no,
                CASE WHEN NOT s.ok THEN 'rejected'
                     WHEN NOT EXISTS (SELECT 1 FROM score t WHERE t.exam_id = $1 AND t.student_no = s.student_no) THEN 'inserted'
                     WHEN a.changes OR EXISTS (SELECT 1 FROM score t WHERE t.exam_id = $1 AND t.student_no = s.student_no AND t.class_name <> s.class_name) THEN 'updated'
                     ELSE 'unchanged' END AS outcome
           FROM score_stage s LEFT JOIN acts a USING (row_no)
          WHERE s.head`, [exam.id]);
      const outcomeCounts: { outcome: ImportRowOutcome; n: number }[] = await runner.query('SELECT outcome, count(*)::int AS n FROM score_row_outcome GROUP BY outcome');
      const listed: { row_no: number; student_no: string; outcome: ImportRowOutcome }[] = await runner.query(
        'SELECT row_no, student_no, outcome FROM score_row_outcome ORDER BY row_no LIMIT $1', [MAX_ROW_OUTCOMES]);
      const rowCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const c of outcomeCounts) rowCounts[c.outcome] = c.n;
      const errorsOf = new Map<number, FieldError[]>();
      for (const e of errors) errorsOf.set(e.row ?? 0, [...(errorsOf.get(e.row ?? 0) ?? []), e]);

      const result: ScoreImportReportView = {
        importId: dryRun ? null : randomUUID(), dryRun, mode, empty, rows, acceptedRows: blocked ? 0 : rows - badRows, skippedRows: badRows, blocked,
        inserted: counts.inserted, updated: counts.updated + counts.moved, unchanged: counts.unchanged, cleared: counts.cleared,
        rowCounts,
        rowOutcomes: listed.map((r) => ({ row: r.row_no, studentNo: r.student_no, outcome: r.outcome, errors: errorsOf.get(r.row_no) ?? [] })),
        rowOutcomesTruncated: rows > listed.length,
        errors, errorsTruncated: errorCount > errors.length,
      };
      if (dryRun) {
        await runner.rollbackTransaction();
        return result;
      }
      await runner.query(
        `INSERT INTO score (exam_id, student_no, subject, school_id, class_name, student_name, status, score)
         SELECT $1, student_no, subject, school_id, class_name, student_name, status, score FROM score_plan WHERE action IN ('insert', 'update')
         ON CONFLICT (exam_id, student_no, subject) DO UPDATE
           SET school_id = EXCLUDED.school_id, class_name = EXCLUDED.class_name, student_name = EXCLUDED.student_name,
               status = EXCLUDED.status, score = EXCLUDED.score, updated_at = now()`,
        [exam.id]);
      if (counts.cleared) {
        await runner.query(
          `DELETE FROM score t USING score_plan p WHERE p.action = 'clear' AND t.exam_id = $1 AND t.student_no = p.student_no AND t.subject = p.subject`, [exam.id]);
      }
      if (counts.moved) {
        // a student's class is one for all subjects: the subjects the sheet left alone follow the row's class
        await runner.query(
          `UPDATE score t SET class_name = r.class_name, updated_at = now()
             FROM (SELECT DISTINCT student_no, class_name FROM score_plan) r
            WHERE t.exam_id = $1 AND t.student_no = r.student_no AND t.class_name <> r.class_name`, [exam.id]);
      }
      const { inserted, updated, unchanged, cleared } = result;
      await runner.query(
        `INSERT INTO score_import (id, exam_id, file_key, filename, sha256, mode, rows, skipped_rows, inserted, updated, unchanged, imported_by, empty_cells, cleared)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [result.importId, exam.id, upload.key, upload.filename.slice(0, 200), upload.sha256, mode, rows, badRows, inserted, updated, unchanged, scope.caller.id, empty, cleared],
      );
      await this.audit.record(runner.manager, scope.caller, {
        districtId: exam.districtId, action: 'scores.imported', entityType: 'exam', entityId: exam.id,
        after: { importId: result.importId, filename: upload.filename, sha256: upload.sha256, mode, empty, rows, skippedRows: badRows, inserted, updated, unchanged, cleared },
      });
      await this.outbox.add<ScoresImportedEvent>(runner.manager, scope.caller, {
        subject: AssessmentEvents.scoresImported, districtId: exam.districtId,
        data: { examId: exam.id, allianceId: exam.allianceId, districtId: exam.districtId, inserted, updated, unchanged, skippedRows: badRows, cleared },
      });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      copy?.destroy();
      found.stream.destroy();
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    return new Map([...(await this.schoolDetails(ids))].map(([id, d]) => [id, d.name]));
  }

  private async schoolDetails(ids: string[]): Promise<Map<string, { name: string; code: string | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string; code: string | null }[] = await this.dataSource.query(
      'SELECT id, name, code FROM directory_school WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, { name: r.name, code: r.code }]));
  }
}

/**
 * The reader's rows, with a file it cannot read (not a zip, empty, cut short, XML it refuses such as a
 * DOCTYPE) answered as a 400 naming the file. Only the reader's own failures are caught here: an error
 * of the import around it (the database) stays what it is.
 */
async function* readableRows(rows: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow> {
  try {
    yield* rows;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw ValidationError.of('file', 'import.file.unreadable');
  }
}
