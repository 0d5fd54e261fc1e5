import {
  AssessmentEvents, SCORE_COLUMNS, type CorrectScoreDto, type ExamFileView, type FieldError, type ListScoresQueryDto, type Page,
  type ScoreCorrectedEvent, type ScoreCorrectionView, type ScoreImportMode, type ScoreImportReportView, type ScoresImportedEvent,
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
import { canManageExam, iso, readableSchools, writableSchools } from '../common/access.js';
import { assertAcceptsScores } from '../exams/exam.rules.js';
import { ExamsStore, type Exam } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from './assessment-files.js';
import { checkRow, copyLines, headerErrors, type RowContext } from './score-rows.js';

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
    const rows: { student_no: string; student_name: string; school_id: string; class_name: string; scores: Record<string, number>; total: number }[] =
      await this.dataSource.query(
        `SELECT sc.student_no, max(sc.student_name) AS student_name, sc.school_id, sc.class_name,
                jsonb_object_agg(sc.subject, sc.score) AS scores, count(*) OVER ()::int AS total
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
      scores: Object.fromEntries(Object.entries(r.scores).map(([k, v]) => [k, Number(v)])),
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
      if (!subject) throw ValidationError.field('subject', `subject must be one of ${exam.subjects.map((s) => s.name).join(', ')}`);
      const [student]: { school_id: string; class_name: string; student_name: string }[] = await manager.query(
        'SELECT school_id, class_name, student_name FROM score WHERE exam_id = $1 AND student_no = $2 AND school_id = ANY($3::uuid[]) ORDER BY updated_at DESC LIMIT 1',
        [exam.id, dto.studentNo, readable],
      );
      if (!student) throw new NotFoundError('student', dto.studentNo);
      if (!writableSchools(scope, exam, readable).includes(student.school_id)) throw new ForbiddenError('Only the school admin of the student\'s school or the alliance admin corrects a score');
      assertAcceptsScores(exam.status);
      if (dto.score > subject.fullMarks) throw ValidationError.field('score', `score must not exceed the full marks of ${subject.fullMarks}`);
      const [current]: { score: string }[] = await manager.query(
        'SELECT score FROM score WHERE exam_id = $1 AND student_no = $2 AND subject = $3 FOR UPDATE', [exam.id, dto.studentNo, subject.name]);
      const before = current ? Number(current.score) : null;
      if (before === dto.score) throw ValidationError.field('score', `the score is already ${before}`);
      await manager.query(
        `INSERT INTO score (exam_id, student_no, subject, school_id, class_name, student_name, score) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (exam_id, student_no, subject) DO UPDATE SET score = EXCLUDED.score, updated_at = now()`,
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
      const rows: { subject: string; score: string }[] = await manager.query('SELECT subject, score FROM score WHERE exam_id = $1 AND student_no = $2', [exam.id, dto.studentNo]);
      const names = await this.schoolNames([student.school_id]);
      return {
        studentNo: dto.studentNo, studentName: student.student_name, schoolId: student.school_id, schoolName: names.get(student.school_id) ?? null,
        className: student.class_name, scores: Object.fromEntries(rows.map((r) => [r.subject, Number(r.score)])),
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
      await workbook.commit();
    });
  }

  /**
   * Streams the sheet row by row: each row is checked and its scores are COPYed into a temporary table,
   * then one INSERT ... ON CONFLICT applies only the scores that differ. With mode `all` any bad row
   * means nothing is imported; with `valid-only` the good rows are. Importing the same file again
   * changes nothing. Nothing per row stays in memory (repeated student numbers are found among the
   * staged rows), so memory does not grow with the sheet.
   */
  async import(scope: AccessScope, examId: string, mode: ScoreImportMode, upload: StoredFile): Promise<ScoreImportReportView> {
    const exam = await this.exams.visible(scope, examId);
    const writable = writableSchools(scope, exam, exam.schools.map((s) => s.schoolId));
    if (!writable.length) throw new ForbiddenError('Only the school admin of a participating school or the alliance admin imports scores');
    assertAcceptsScores(exam.status);
    const format = formatOf(upload.filename, upload.contentType);
    const found = await this.files.get(upload.key);
    if (!found) throw ValidationError.field('file', 'The uploaded file is no longer stored; upload it again');
    const ctx = await this.rowContext(exam, writable);

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
        row_no integer NOT NULL, student_no text NOT NULL, subject text NOT NULL, school_id uuid NOT NULL,
        class_name text NOT NULL, student_name text NOT NULL, score numeric(6, 2) NOT NULL) ON COMMIT DROP`);
      copy = client.query(copyFrom('COPY score_stage (row_no, student_no, subject, school_id, class_name, student_name, score) FROM STDIN'));
      const copied = once(copy, 'finish');
      copied.catch(() => undefined);
      let chunk = '';
      for await (const sheetRow of readableRows(readSpreadsheet(found.stream, format))) {
        if (rows === 0) {
          const missing = headerErrors(Object.keys(sheetRow.cells), exam.subjects);
          if (missing.length) throw new ValidationError(missing, 'The sheet lacks columns; download the template');
        }
        rows += 1;
        const checked = checkRow(sheetRow, ctx);
        if (checked.errors.length) { badRows += 1; report(checked.errors); continue; }
        chunk += copyLines(checked.scores);
        if (chunk.length >= COPY_CHUNK_CHARS) {
          const flushed = copy.write(chunk);
          chunk = '';
          if (!flushed) await once(copy, 'drain');
        }
      }
      copy.end(chunk);
      await copied;
      if (rows === 0) throw ValidationError.field('file', 'The sheet has no data rows');
      // a student number on several rows: the first row stands, each later one is an error
      const repeated: { row_no: number; student_no: string; first_row: number }[] = await runner.query(
        `WITH numbers AS (
           SELECT student_no, min(row_no) AS first_row FROM score_stage GROUP BY student_no HAVING min(row_no) <> max(row_no)
         )
         SELECT DISTINCT s.row_no, s.student_no, n.first_row FROM score_stage s JOIN numbers n USING (student_no)
          WHERE s.row_no <> n.first_row ORDER BY s.row_no`);
      for (const r of repeated) {
        badRows += 1;
        report([{ row: r.row_no, field: SCORE_COLUMNS.studentNo, message: `duplicate student number: also in row ${r.first_row}` }]);
      }
      if (repeated.length) await runner.query('DELETE FROM score_stage WHERE row_no = ANY($1::int[])', [repeated.map((r) => r.row_no)]);
      // a school admin may not take over a student number another school's scores are stored under
      if (!canManageExam(scope, exam)) {
        const foreign: { row_no: number; student_no: string }[] = await runner.query(
          `SELECT DISTINCT ON (s.row_no) s.row_no, s.student_no FROM score_stage s
             JOIN score t ON t.exam_id = $1 AND t.student_no = s.student_no AND t.school_id <> s.school_id AND NOT (t.school_id = ANY($2::uuid[]))
            ORDER BY s.row_no`, [exam.id, writable]);
        for (const f of foreign) {
          badRows += 1;
          report([{ row: f.row_no, field: SCORE_COLUMNS.studentNo, message: `the student number ${f.student_no} belongs to another school's student` }]);
        }
        if (foreign.length) await runner.query('DELETE FROM score_stage WHERE row_no = ANY($1::int[])', [foreign.map((f) => f.row_no)]);
      }
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      if (errorCount > 0 && mode === 'all') {
        throw new ValidationError(errors, `${badRows} of ${rows} rows have errors; nothing was imported`);
      }
      const [counts]: { inserted: number; updated: number; staged: number }[] = await runner.query(
        `WITH changed AS (
           SELECT s.* FROM score_stage s
             LEFT JOIN score t ON t.exam_id = $1 AND t.student_no = s.student_no AND t.subject = s.subject
            WHERE t.exam_id IS NULL
               OR (t.score, t.school_id, t.class_name, t.student_name) IS DISTINCT FROM (s.score, s.school_id, s.class_name, s.student_name)
         ), up AS (
           INSERT INTO score (exam_id, student_no, subject, school_id, class_name, student_name, score)
           SELECT $1, student_no, subject, school_id, class_name, student_name, score FROM changed
           ON CONFLICT (exam_id, student_no, subject) DO UPDATE
             SET school_id = EXCLUDED.school_id, class_name = EXCLUDED.class_name, student_name = EXCLUDED.student_name,
                 score = EXCLUDED.score, updated_at = now()
           RETURNING (xmax = 0) AS inserted
         )
         SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
                (SELECT count(*)::int FROM score_stage) AS staged
           FROM up`,
        [exam.id],
      );
      const { inserted, updated, staged } = counts as { inserted: number; updated: number; staged: number };
      const result: ScoreImportReportView = {
        importId: randomUUID(), mode, rows, acceptedRows: rows - badRows, skippedRows: badRows, inserted, updated, unchanged: staged - inserted - updated,
        errors, errorsTruncated: errorCount > errors.length,
      };
      await runner.query(
        `INSERT INTO score_import (id, exam_id, file_key, filename, sha256, mode, rows, skipped_rows, inserted, updated, unchanged, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [result.importId, exam.id, upload.key, upload.filename.slice(0, 200), upload.sha256, mode, rows, badRows, inserted, updated, result.unchanged, scope.caller.id],
      );
      await this.audit.record(runner.manager, scope.caller, {
        districtId: exam.districtId, action: 'scores.imported', entityType: 'exam', entityId: exam.id,
        after: { importId: result.importId, filename: upload.filename, sha256: upload.sha256, mode, rows, skippedRows: badRows, inserted, updated, unchanged: result.unchanged },
      });
      await this.outbox.add<ScoresImportedEvent>(runner.manager, scope.caller, {
        subject: AssessmentEvents.scoresImported, districtId: exam.districtId,
        data: { examId: exam.id, allianceId: exam.allianceId, districtId: exam.districtId, inserted, updated, unchanged: result.unchanged, skippedRows: badRows },
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

  private async rowContext(exam: Exam, writable: string[]): Promise<RowContext> {
    const all: { id: string; name: string; code: string | null }[] = await this.dataSource.query(
      'SELECT id, name, code FROM directory_school WHERE district_id = $1 OR id = ANY($2::uuid[])', [exam.districtId, exam.schools.map((s) => s.schoolId)]);
    const ids = new Set(exam.schools.map((s) => s.schoolId));
    const participating = new Map<string, string>();
    const known = new Set<string>();
    for (const school of all) {
      known.add(school.name);
      if (school.code) known.add(school.code);
      if (ids.has(school.id)) {
        participating.set(school.name, school.id);
        if (school.code) participating.set(school.code, school.id);
      }
    }
    return {
      subjects: exam.subjects, participating, known, writable: new Set(writable),
      classes: new Map(exam.schools.map((s) => [s.schoolId, new Set(s.classes)])),
    };
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
    throw ValidationError.field('file', 'The file could not be read as an .xlsx workbook or a UTF-8 .csv file');
  }
}
