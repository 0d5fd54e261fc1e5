import {
  TeacherExchangeEvents, type FieldError, type Gender, type ImportTeachersRequest, type ImportTemplateFile, type TeacherImportReport,
  type TeacherImportRowView, type TeachersImportedEvent, type TeacherRank, type TeacherSubject, type TeacherTitle, type TemplateFormat,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, createFileStore, DomainError, formatOf, NATS_CONNECTION, OutboxWriter, readSpreadsheet, ValidationError, type FileStore,
} from '@jiaolian/service-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  checkHeader, IMPORT_COLUMNS, mergeTeacher, parseTeacherRow, repeatedStaffNoError, storedStaffNoError, teacherChanges, TEMPLATE_EXAMPLES,
  type StoredTeacher, type TeacherFields,
} from './teacher.rules.js';
import { TeachersService } from './teachers.service.js';

/** Far more than any school has; a file past it is not a staff list. */
export const MAX_IMPORT_ROWS = 5000;
const CHUNK = 500;
const TEMPLATE_VERSION = 'v1';

@Injectable()
export class TeacherImportService {
  private readonly store: FileStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly teachers: TeachersService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
  ) {
    this.store = createFileStore(nc);
  }

  /**
   * Reads every row first and reports every bad one. mode=all imports nothing unless all rows are
   * good; valid-only imports the good ones. Rows upsert by (school, staff number): importing the
   * same file twice changes nothing and never duplicates. A staff number is one teacher: a later row
   * repeating it is rejected (the first stands, even when it has errors), and a row giving a stored
   * number another name is a conflict, never a rename. `empty` says whether an empty optional cell
   * keeps a stored teacher's value. A dry run answers the same report, row by row, and writes nothing.
   */
  async import(scope: AccessScope, request: ImportTeachersRequest): Promise<TeacherImportReport> {
    const school = await this.teachers.managedSchool(scope, request.schoolId);
    const empty = request.empty ?? 'keep';
    const dryRun = request.dryRun ?? false;
    const format = formatOf(request.file.filename, request.file.contentType);
    const found = await this.store.get(request.file.key);
    if (!found) throw DomainError.coded('not-found', 'import.file.gone');

    const errors: (FieldError & { row: number })[] = [];
    const outcomes: TeacherImportRowView[] = [];
    const good: { row: number; teacher: TeacherFields; cells: Record<string, string> }[] = [];
    const firstOfStaffNo = new Map<string, { row: number; name: string }>();
    let total = 0;
    let headerChecked = false;
    try {
      for await (const { row, cells } of readSpreadsheet(found.stream, format)) {
        if (!headerChecked) {
          headerChecked = true;
          const headerErrors = checkHeader(Object.keys(cells));
          if (headerErrors.length) throw DomainError.coded('validation-failed', 'import.columns-missing', undefined, headerErrors);
        }
        total += 1;
        if (total > MAX_IMPORT_ROWS) throw ValidationError.of('file', 'exchange.teacher-import.too-many-rows', { max: MAX_IMPORT_ROWS });
        const parsed = parseTeacherRow(row, cells);
        const rowErrors = [...parsed.errors] as (FieldError & { row: number })[];
        // every row's staff number counts, so a repeat of a bad row is found too
        const staffNo = (cells['工号'] ?? '').trim();
        const name = (cells['姓名'] ?? '').trim();
        const first = staffNo ? firstOfStaffNo.get(staffNo) : undefined;
        if (first) rowErrors.push(repeatedStaffNoError(row, staffNo, name, first) as FieldError & { row: number });
        else if (staffNo) firstOfStaffNo.set(staffNo, { row, name });
        if (rowErrors.length || !parsed.teacher) {
          errors.push(...rowErrors);
          outcomes.push({ row, staffNo, outcome: 'rejected', errors: rowErrors });
          continue;
        }
        good.push({ row, teacher: parsed.teacher, cells });
        outcomes.push({ row, staffNo, outcome: 'unchanged', errors: [] });
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw ValidationError.of('file', 'import.file.unreadable');
    }
    if (total === 0) throw ValidationError.of('file', 'import.file.no-data-rows');

    // what each good row does to the roster, decided against the stored teachers before anything is written
    const stored = await this.storedTeachers(school.id, good.map((g) => g.teacher.staffNo));
    const outcomeOf = new Map(outcomes.map((o) => [o.row, o]));
    const writes: { row: number; teacher: TeacherFields }[] = [];
    let matched = 0;
    for (const { row, teacher, cells } of good) {
      const current = stored.get(teacher.staffNo);
      const outcome = outcomeOf.get(row) as TeacherImportRowView;
      if (current && current.name !== teacher.name) {
        const error = storedStaffNoError(row, teacher.staffNo, teacher.name, current.name) as FieldError & { row: number };
        errors.push(error);
        Object.assign(outcome, { outcome: 'rejected', errors: [error] });
        continue;
      }
      const next = mergeTeacher(teacher, cells, current, empty);
      if (current) matched += 1;
      outcome.outcome = !current ? 'inserted' : teacherChanges(next, current) ? 'updated' : 'unchanged';
      if (outcome.outcome !== 'unchanged') writes.push({ row, teacher: next });
    }
    errors.sort((a, b) => a.row - b.row);
    const rowCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    for (const o of outcomes) rowCounts[o.outcome] += 1;
    const badRows = rowCounts.rejected;
    const blocked = request.mode === 'all' && badRows > 0;
    if (blocked && !dryRun) {
      throw DomainError.coded('validation-failed', 'import.rows-rejected', { badRows, rows: total }, errors);
    }
    const report: TeacherImportReport = {
      dryRun, empty, total, created: rowCounts.inserted, updated: matched, skipped: badRows, blocked, rowCounts, rowOutcomes: outcomes, errors,
    };
    if (dryRun) return report;

    await this.dataSource.transaction(async (manager) => {
      for (let i = 0; i < writes.length; i += CHUNK) {
        const chunk = writes.slice(i, i + CHUNK);
        const values: unknown[] = [];
        const tuples = chunk.map(({ teacher: t }) => {
          const base = values.push(school.districtId, school.id, t.staffNo, t.name, t.gender, t.subjects, t.title, t.rank, t.middleManager) - 9;
          return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
        });
        await manager.query(
          `INSERT INTO teacher (district_id, school_id, staff_no, name, gender, subjects, title, rank, middle_manager)
           VALUES ${tuples.join(', ')}
           ON CONFLICT (school_id, staff_no) DO UPDATE SET name = EXCLUDED.name, gender = EXCLUDED.gender, subjects = EXCLUDED.subjects,
             title = EXCLUDED.title, rank = EXCLUDED.rank, middle_manager = EXCLUDED.middle_manager, updated_at = now()`,
          values,
        );
      }
      const counts = { created: report.created, updated: report.updated, skipped: badRows };
      await this.audit.record(manager, scope.caller, {
        districtId: school.districtId, action: 'teachers.imported', entityType: 'school', entityId: school.id,
        after: { file: request.file.filename, sha256: request.file.sha256, mode: request.mode, empty, total, ...counts, changed: rowCounts.updated, unchanged: rowCounts.unchanged },
      });
      await this.outbox.add<TeachersImportedEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.teachersImported, districtId: school.districtId, data: { districtId: school.districtId, schoolId: school.id, ...counts },
      });
    });
    return report;
  }

  private async storedTeachers(schoolId: string, staffNos: string[]): Promise<Map<string, StoredTeacher>> {
    if (!staffNos.length) return new Map();
    const rows: { staff_no: string; name: string; gender: Gender; subjects: TeacherSubject[]; title: TeacherTitle; rank: TeacherRank; middle_manager: boolean }[] =
      await this.dataSource.query(
        'SELECT staff_no, name, gender, subjects, title, rank, middle_manager FROM teacher WHERE school_id = $1 AND staff_no = ANY($2::text[])', [schoolId, staffNos]);
    return new Map(rows.map((r) => [r.staff_no, {
      staffNo: r.staff_no, name: r.name, gender: r.gender, subjects: r.subjects, title: r.title, rank: r.rank, middleManager: r.middle_manager,
    }]));
  }

  /** Writes the template into the file store once per format and version; the gateway streams it by key. */
  async template(format: TemplateFormat): Promise<ImportTemplateFile> {
    const key = `teacher-exchange/templates/teachers-${TEMPLATE_VERSION}.${format}`;
    const filename = `教师导入模板.${format}`;
    if (await this.store.get(key)) return { key, filename };
    const bytes = format === 'csv' ? csvTemplate() : await xlsxTemplate();
    await this.store.put(Readable.from([bytes]), {
      key, filename, maxBytes: 1024 * 1024,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    return { key, filename };
  }
}

function csvTemplate(): Uint8Array {
  const lines = [IMPORT_COLUMNS.join(','), ...TEMPLATE_EXAMPLES.map((r) => r.map((c) => (/[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))];
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function xlsxTemplate(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('教师');
  sheet.addRow([...IMPORT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const example of TEMPLATE_EXAMPLES) sheet.addRow(example);
  sheet.columns.forEach((column, i) => { column.width = i === 3 ? 24 : 12; });
  const notes = workbook.addWorksheet('填写说明');
  for (const line of [
    ['工号', '必填；本校内唯一；字母、数字、- 或 _；再次导入同一工号会更新该教师'],
    ['姓名', '必填'],
    ['性别', '男 / 女'],
    ['任教学科', '必填，多个用顿号分隔：语文、数学、英语、物理、化学、生物、道德与法治、历史、地理、科学、音乐、体育、美术、信息科技、劳动'],
    ['职称', '正高级 / 高级 / 一级 / 二级 / 三级 / 未定级（空白为未定级）'],
    ['骨干级别', '无 / 骨干教师 / 学科带头人（空白为无）'],
    ['是否中层', '是 / 否（空白为否）'],
  ]) notes.addRow(line);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
