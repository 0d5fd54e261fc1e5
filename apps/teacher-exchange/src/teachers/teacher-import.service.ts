import {
  TeacherExchangeEvents, type FieldError, type ImportTeachersRequest, type ImportTemplateFile, type TeacherImportReport, type TeachersImportedEvent,
  type TemplateFormat,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, createFileStore, DomainError, formatOf, NATS_CONNECTION, OutboxWriter, readSpreadsheet, ValidationError, type FileStore,
} from '@jiaolian/service-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { checkHeader, IMPORT_COLUMNS, parseTeacherRow, TEMPLATE_EXAMPLES, type TeacherFields } from './teacher.rules.js';
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
   * same file twice updates and never duplicates.
   */
  async import(scope: AccessScope, request: ImportTeachersRequest): Promise<TeacherImportReport> {
    const school = await this.teachers.managedSchool(scope, request.schoolId);
    const format = formatOf(request.file.filename, request.file.contentType);
    const found = await this.store.get(request.file.key);
    if (!found) throw new DomainError('not-found', 'File not found', 'The uploaded file is no longer stored; upload it again');

    const errors: (FieldError & { row: number })[] = [];
    const good: { row: number; teacher: TeacherFields }[] = [];
    const rowOfStaffNo = new Map<string, number>();
    let total = 0;
    let headerChecked = false;
    try {
      for await (const { row, cells } of readSpreadsheet(found.stream, format)) {
        if (!headerChecked) {
          headerChecked = true;
          const headerErrors = checkHeader(Object.keys(cells));
          if (headerErrors.length) throw new ValidationError(headerErrors, 'The file does not have the template\'s columns; download the template');
        }
        total += 1;
        if (total > MAX_IMPORT_ROWS) throw ValidationError.field('file', `A file may hold at most ${MAX_IMPORT_ROWS} teachers`);
        const parsed = parseTeacherRow(row, cells);
        if (!parsed.teacher) {
          errors.push(...(parsed.errors as (FieldError & { row: number })[]));
          continue;
        }
        const first = rowOfStaffNo.get(parsed.teacher.staffNo);
        if (first !== undefined) {
          errors.push({ row, field: '工号', message: `工号“${parsed.teacher.staffNo}”与第 ${first} 行重复 (duplicate staff number)` });
          continue;
        }
        rowOfStaffNo.set(parsed.teacher.staffNo, row);
        good.push({ row, teacher: parsed.teacher });
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw ValidationError.field('file', 'The file could not be read as an .xlsx workbook or a UTF-8 .csv file');
    }
    if (total === 0) throw ValidationError.field('file', 'The file has no data rows under the header');
    const badRows = new Set(errors.map((e) => e.row)).size;
    if (request.mode === 'all' && errors.length) {
      throw new ValidationError(errors, `${badRows} of ${total} rows have errors; nothing was imported`);
    }

    const { created, updated } = await this.dataSource.transaction(async (manager) => {
      let inserted = 0;
      let changed = 0;
      for (let i = 0; i < good.length; i += CHUNK) {
        const chunk = good.slice(i, i + CHUNK);
        const values: unknown[] = [];
        const tuples = chunk.map(({ teacher: t }) => {
          const base = values.push(school.districtId, school.id, t.staffNo, t.name, t.gender, t.subjects, t.title, t.rank, t.middleManager) - 9;
          return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
        });
        const rows: { inserted: boolean }[] = await manager.query(
          `INSERT INTO teacher (district_id, school_id, staff_no, name, gender, subjects, title, rank, middle_manager)
           VALUES ${tuples.join(', ')}
           ON CONFLICT (school_id, staff_no) DO UPDATE SET name = EXCLUDED.name, gender = EXCLUDED.gender, subjects = EXCLUDED.subjects,
             title = EXCLUDED.title, rank = EXCLUDED.rank, middle_manager = EXCLUDED.middle_manager, updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          values,
        );
        inserted += rows.filter((r) => r.inserted).length;
        changed += rows.filter((r) => !r.inserted).length;
      }
      const counts = { created: inserted, updated: changed, skipped: badRows };
      await this.audit.record(manager, scope.caller, {
        districtId: school.districtId, action: 'teachers.imported', entityType: 'school', entityId: school.id,
        after: { file: request.file.filename, sha256: request.file.sha256, mode: request.mode, total, ...counts },
      });
      await this.outbox.add<TeachersImportedEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.teachersImported, districtId: school.districtId, data: { districtId: school.districtId, schoolId: school.id, ...counts },
      });
      return counts;
    });
    return { total, created, updated, skipped: badRows, errors };
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
