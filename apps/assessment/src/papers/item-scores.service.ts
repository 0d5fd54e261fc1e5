import {
  MAX_ROW_OUTCOMES, NO_SCHOOL, SCORE_COLUMNS, type ExamFileView, type FieldError, type ImportRowOutcome, type ItemImportReportView, type ScoreImportMode,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, DomainError, fieldError, ForbiddenError, formatOf, readSpreadsheet, ValidationError, type FileStore, type SheetRow, type StoredFile,
} from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { readableSchools, writableSchools } from '../common/access.js';
import { assertAcceptsScores } from '../exams/exam.rules.js';
import { ExamsStore } from '../exams/exams.store.js';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { examRowContext } from '../scores/row-context.js';
import { checkRow, repeatedRowError, storedConflictError } from '../scores/score.rules.js';
import { checkItemCells, itemCopyLine, itemHeaderErrors } from './paper.rules.js';
import { PapersStore } from './papers.store.js';

/** Row errors kept for the report; past this the import still counts them but lists no more. */
const MAX_REPORTED_ERRORS = 1000;
/** COPY text is written in chunks of about this many characters. */
const COPY_CHUNK_CHARS = 64 * 1024;

export interface ItemImportOptions {
  subject: string;
  mode: ScoreImportMode;
  dryRun: boolean;
}

/**
 * Item scores (小题分) of one exam subject from a sheet: 学号, 姓名, 学校, 班级, optionally the subject's
 * own column (its score, checked against the items' sum), then one column per item headed by its number.
 */
@Injectable()
export class ItemScoresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exams: ExamsStore,
    private readonly papers: PapersStore,
    private readonly audit: AuditWriter,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  /** An empty item score sheet of the subject: the fixed columns, the subject's column and one per item; the paper on a second sheet. */
  async template(scope: AccessScope, examId: string, subject: string): Promise<ExamFileView> {
    const exam = await this.exams.visible(scope, examId);
    const paper = await this.papers.require(exam, subject);
    return storeGenerated(this.files, `assessment/templates/${randomUUID()}`, `${exam.name}-${paper.subject}-小题分导入模板.xlsx`, async (out) => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('小题分');
      sheet.addRow([SCORE_COLUMNS.studentNo, SCORE_COLUMNS.studentName, SCORE_COLUMNS.school, SCORE_COLUMNS.className, paper.subject, ...paper.items.map((i) => i.no)]).commit();
      sheet.commit();
      const items = workbook.addWorksheet('试卷结构');
      items.addRow(['题号', '大题', '题型', '满分', '答案', '选项数', '知识点', '能力']).commit();
      for (const i of paper.items) {
        items.addRow([i.no, i.section, i.type === 'objective' ? '客观题' : '主观题', i.fullMarks, i.key ?? '', i.options ?? '', i.knowledgePoints.join('、'), i.abilities.join('、')]).commit();
      }
      items.commit();
      const notes = workbook.addWorksheet('填写说明');
      for (const line of [
        ['小题', '每题填得分（0 到该题满分，最多两位小数）；客观题也可以填所选选项（如 B 或 AC），按答案计分：与答案完全一致得满分，否则 0 分'],
        [paper.subject, '可不填；填了则须等于各小题之和。已导入的学科成绩也须等于各小题之和'],
        ['缺考', '缺考学生不列入小题分表'],
      ]) notes.addRow(line).commit();
      notes.commit();
      await workbook.commit();
    });
  }

  /**
   * Streams the sheet row by row into a temporary table by COPY (a bad row too, to find repeated
   * student numbers among all rows), then set-based checks: repeated numbers (the first row stands), a
   * number stored for another student of the exam, and a stored subject score the items do not add up
   * to. Mode `all` imports nothing if any row is bad; `valid-only` the good rows. A dry run answers the
   * same report and writes nothing. Importing the same file again changes nothing.
   */
  async import(scope: AccessScope, examId: string, options: ItemImportOptions, upload: StoredFile): Promise<ItemImportReportView> {
    const { mode, dryRun } = options;
    const exam = await this.exams.visible(scope, examId);
    const participating = exam.schools.map((s) => s.schoolId);
    const writable = writableSchools(scope, exam, participating);
    if (!writable.length) throw ForbiddenError.of('assessment.item-import.forbidden');
    const paper = await this.papers.require(exam, options.subject);
    assertAcceptsScores(exam.status);
    const subject = paper.subject;
    const format = formatOf(upload.filename, upload.contentType);
    const found = await this.files.get(upload.key);
    if (!found) throw ValidationError.of('file', 'import.file.gone');
    const { ctx, names } = await examRowContext(this.dataSource, exam, writable, [], 'keep');
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
    const rejected = new Set<number>();
    const reject = (row: number, ok: boolean): void => {
      if (ok && !rejected.has(row)) { rejected.add(row); badRows += 1; }
    };
    try {
      await runner.startTransaction();
      await runner.query(`CREATE TEMP TABLE item_stage (
        row_no integer NOT NULL, student_no text NOT NULL, student_name text NOT NULL, school_id uuid, class_name text NOT NULL,
        ok boolean NOT NULL, scores numeric(5, 2)[], choices text[], total numeric(6, 2)) ON COMMIT DROP`);
      copy = client.query(copyFrom('COPY item_stage (row_no, student_no, student_name, school_id, class_name, ok, scores, choices, total) FROM STDIN'));
      const copied = once(copy, 'finish');
      copied.catch(() => undefined);
      let chunk = '';
      for await (const sheetRow of readableRows(readSpreadsheet(found.stream, format))) {
        if (rows === 0) {
          const missing = itemHeaderErrors(Object.keys(sheetRow.cells), paper.items);
          if (missing.length) throw DomainError.coded('validation-failed', 'import.columns-missing', undefined, missing);
        }
        rows += 1;
        // the student columns are checked as a score sheet's; with no subjects it would say "no score", which an item row never is
        const student = checkRow(sheetRow, ctx);
        const checked = checkItemCells(sheetRow, subject, paper.items);
        const rowErrors = [...student.errors.filter((e) => e.code !== 'assessment.score-import.no-score'), ...checked.errors];
        if (rowErrors.length) { badRows += 1; report(rowErrors); }
        chunk += itemCopyLine(student.student, rowErrors.length === 0, checked);
        if (chunk.length >= COPY_CHUNK_CHARS) {
          const flushed = copy.write(chunk);
          chunk = '';
          if (!flushed) await once(copy, 'drain');
        }
      }
      copy.end(chunk);
      await copied;
      if (rows === 0) throw ValidationError.of('file', 'import.file.no-data-rows');

      const repeated: { row_no: number; ok: boolean; student_no: string; student_name: string; school_id: string | null; first_row: number; first_name: string; first_school_id: string | null }[] =
        await runner.query(
          `WITH numbers AS (
             SELECT student_no, min(row_no) AS first_row FROM item_stage WHERE student_no <> '' GROUP BY student_no HAVING count(*) > 1
           )
           SELECT s.row_no, s.ok, s.student_no, s.student_name, s.school_id, f.row_no AS first_row, f.student_name AS first_name, f.school_id AS first_school_id
             FROM numbers n JOIN item_stage s ON s.student_no = n.student_no AND s.row_no <> n.first_row
             JOIN item_stage f ON f.row_no = n.first_row
            ORDER BY s.row_no`);
      for (const r of repeated) {
        report([repeatedRowError({
          row: r.row_no, studentNo: r.student_no, studentName: r.student_name, schoolId: r.school_id,
          firstRow: r.first_row, firstName: r.first_name, firstSchoolId: r.first_school_id,
        }, schoolName)]);
        reject(r.row_no, r.ok);
      }
      // a student number stored for another student of this exam, by its subject scores or its item scores
      const stored: { row_no: number; student_no: string; student_name: string; school_id: string }[] = await runner.query(
        `SELECT DISTINCT ON (s.row_no) s.row_no, s.student_no, t.student_name, t.school_id
           FROM item_stage s
           JOIN (SELECT student_no, student_name, school_id FROM score WHERE exam_id = $1
                 UNION ALL SELECT student_no, student_name, school_id FROM item_score WHERE exam_id = $1) t ON t.student_no = s.student_no
          WHERE s.ok AND (t.school_id IS DISTINCT FROM s.school_id OR t.student_name <> s.student_name) AND NOT (s.row_no = ANY($2::int[]))
          ORDER BY s.row_no`, [exam.id, [...rejected]]);
      for (const c of stored) {
        report([storedConflictError(c.row_no, c.student_no, { studentName: c.student_name, schoolId: c.school_id }, readable.has(c.school_id), schoolName)]);
        reject(c.row_no, true);
      }
      // a subject score is the sum of its items: a stored one must agree, and a student marked absent or exempt has no items
      const sums: { row_no: number; total: string; status: string; score: string | null }[] = await runner.query(
        `SELECT s.row_no, s.total, t.status, t.score FROM item_stage s JOIN score t ON t.exam_id = $1 AND t.subject = $2 AND t.student_no = s.student_no
          WHERE s.ok AND NOT (s.row_no = ANY($3::int[])) AND (t.status <> 'present' OR t.score <> s.total) ORDER BY s.row_no`,
        [exam.id, subject, [...rejected]]);
      for (const m of sums) {
        report([m.status === 'present'
          ? fieldError(subject, 'assessment.item-import.stored-mismatch', { sum: Number(m.total), stored: Number(m.score) }, m.row_no)
          : fieldError(subject, 'assessment.item-import.stored-marked', { markStatus: m.status }, m.row_no)]);
        reject(m.row_no, true);
      }
      if (rejected.size) await runner.query('UPDATE item_stage SET ok = false WHERE row_no = ANY($1::int[])', [[...rejected]]);
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      const blocked = errorCount > 0 && mode === 'all';
      if (blocked && !dryRun) throw DomainError.coded('validation-failed', 'import.rows-rejected', { badRows, rows }, errors);

      await runner.query(
        `CREATE TEMP TABLE item_plan ON COMMIT DROP AS
         SELECT s.row_no, s.student_no, s.school_id, s.class_name, s.student_name, s.scores, s.choices, s.total,
                CASE WHEN NOT s.ok THEN 'rejected'
                     WHEN t.exam_id IS NULL THEN 'inserted'
                     WHEN (t.scores, t.choices, t.school_id, t.class_name, t.student_name) IS DISTINCT FROM (s.scores, s.choices, s.school_id, s.class_name, s.student_name) THEN 'updated'
                     ELSE 'unchanged' END AS outcome
           FROM item_stage s LEFT JOIN item_score t ON t.exam_id = $1 AND t.subject = $2 AND t.student_no = s.student_no`, [exam.id, subject]);
      const outcomeCounts: { outcome: ImportRowOutcome; n: number }[] = await runner.query('SELECT outcome, count(*)::int AS n FROM item_plan GROUP BY outcome');
      const listed: { row_no: number; student_no: string; outcome: ImportRowOutcome }[] = await runner.query(
        'SELECT row_no, student_no, outcome FROM item_plan ORDER BY row_no LIMIT $1', [MAX_ROW_OUTCOMES]);
      const rowCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const c of outcomeCounts) rowCounts[c.outcome] = c.n;
      const errorsOf = new Map<number, FieldError[]>();
      for (const e of errors) errorsOf.set(e.row ?? 0, [...(errorsOf.get(e.row ?? 0) ?? []), e]);
      const result: ItemImportReportView = {
        importId: dryRun ? null : randomUUID(), subject, dryRun, mode, rows, acceptedRows: blocked ? 0 : rows - badRows, skippedRows: badRows, blocked, rowCounts,
        rowOutcomes: listed.map((r) => ({ row: r.row_no, studentNo: r.student_no, outcome: r.outcome, errors: errorsOf.get(r.row_no) ?? [] })),
        rowOutcomesTruncated: rows > listed.length, errors, errorsTruncated: errorCount > errors.length,
      };
      if (dryRun) {
        await runner.rollbackTransaction();
        return result;
      }
      await runner.query(
        `INSERT INTO item_score (exam_id, subject, student_no, school_id, class_name, student_name, scores, choices, total)
         SELECT $1, $2, student_no, school_id, class_name, student_name, scores, choices, total FROM item_plan WHERE outcome IN ('inserted', 'updated')
         ON CONFLICT (exam_id, subject, student_no) DO UPDATE
           SET school_id = EXCLUDED.school_id, class_name = EXCLUDED.class_name, student_name = EXCLUDED.student_name,
               scores = EXCLUDED.scores, choices = EXCLUDED.choices, total = EXCLUDED.total, updated_at = now()`,
        [exam.id, subject]);
      const { inserted, updated, unchanged } = rowCounts;
      await runner.query(
        `INSERT INTO item_score_import (id, exam_id, subject, file_key, filename, sha256, mode, rows, skipped_rows, inserted, updated, unchanged, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [result.importId, exam.id, subject, upload.key, upload.filename.slice(0, 200), upload.sha256, mode, rows, badRows, inserted, updated, unchanged, scope.caller.id]);
      await this.audit.record(runner.manager, scope.caller, {
        districtId: exam.districtId, action: 'item-scores.imported', entityType: 'exam', entityId: exam.id,
        after: { importId: result.importId, subject, filename: upload.filename, sha256: upload.sha256, mode, rows, skippedRows: badRows, inserted, updated, unchanged },
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

}

/** The reader's rows, with a file it cannot read answered as a 400 naming the file. */
async function* readableRows(rows: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow> {
  try {
    yield* rows;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw ValidationError.of('file', 'import.file.unreadable');
  }
}
