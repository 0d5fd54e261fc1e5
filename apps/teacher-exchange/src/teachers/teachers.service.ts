import {
  TeacherExchangeEvents, type CreateTeacherDto, type Gender, type ListTeachersQueryDto, type Page, type TeacherChangedEvent, type TeacherRank,
  type TeacherSubject, type TeacherTitle, type TeacherView, type UpdateTeacherDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso, SqlParams, teacherVisibility } from '../common/access.js';

export interface TeacherRow {
  id: string; district_id: string; school_id: string; school_name: string | null; staff_no: string; name: string; gender: Gender;
  subjects: TeacherSubject[]; title: TeacherTitle; rank: TeacherRank; middle_manager: boolean; created_at: Date; updated_at: Date;
}

export const toTeacherView = (r: TeacherRow): TeacherView => ({
  id: r.id, districtId: r.district_id, schoolId: r.school_id, schoolName: r.school_name ?? '', staffNo: r.staff_no, name: r.name,
  gender: r.gender, subjects: r.subjects, title: r.title, rank: r.rank, middleManager: r.middle_manager,
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
});

const snapshot = (v: TeacherView): Record<string, unknown> => ({
  schoolId: v.schoolId, staffNo: v.staffNo, name: v.name, gender: v.gender, subjects: v.subjects, title: v.title, rank: v.rank, middleManager: v.middleManager,
});

const SELECT = `SELECT t.*, ds.name AS school_name FROM teacher t LEFT JOIN directory_school ds ON ds.id = t.school_id`;

@Injectable()
export class TeachersService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly outbox: OutboxWriter) {}

  /**
   * The school a caller manages teachers of: it must be known to the directory and in the caller's
   * district (else not found), and the caller its school admin or district admin (else forbidden).
   */
  async managedSchool(scope: AccessScope, schoolId: string, manager: EntityManager = this.dataSource.manager): Promise<{ id: string; districtId: string; name: string }> {
    const [school] = await manager.query('SELECT id, district_id, name FROM directory_school WHERE id = $1', [schoolId]);
    const visible = school && (scope.inDistrict(school.district_id) || scope.schoolIds().includes(schoolId));
    if (!visible) throw new NotFoundError('school', schoolId);
    if (!scope.isSchoolAdmin(schoolId, school.district_id)) throw ForbiddenError.of('exchange.teacher.manage-forbidden');
    return { id: school.id, districtId: school.district_id, name: school.name };
  }

  async create(scope: AccessScope, dto: CreateTeacherDto): Promise<TeacherView> {
    return this.dataSource.transaction(async (manager) => {
      const school = await this.managedSchool(scope, dto.schoolId, manager);
      const [taken] = await manager.query('SELECT 1 FROM teacher WHERE school_id = $1 AND staff_no = $2', [school.id, dto.staffNo]);
      if (taken) throw ConflictError.of('exchange.teacher.staff-no-taken', { staffNo: dto.staffNo }, [fieldError('staffNo', 'exchange.teacher.staff-no-in-use')]);
      const [row] = await manager.query(
        `INSERT INTO teacher (district_id, school_id, staff_no, name, gender, subjects, title, rank, middle_manager)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [school.districtId, school.id, dto.staffNo, dto.name, dto.gender, dto.subjects, dto.title, dto.rank, dto.middleManager],
      );
      const view = toTeacherView({ ...row, school_name: school.name });
      await this.audit.record(manager, scope.caller, { districtId: school.districtId, action: 'teacher.created', entityType: 'teacher', entityId: view.id, after: snapshot(view) });
      await this.outbox.add<TeacherChangedEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.teacherCreated, districtId: school.districtId,
        data: { teacherId: view.id, districtId: school.districtId, schoolId: school.id, staffNo: view.staffNo, name: view.name },
      });
      return view;
    });
  }

  async update(scope: AccessScope, id: string, changes: UpdateTeacherDto): Promise<TeacherView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visible(scope, id, manager, true);
      if (!scope.isSchoolAdmin(before.schoolId, before.districtId)) throw ForbiddenError.of('exchange.teacher.update-forbidden');
      if (changes.staffNo && changes.staffNo !== before.staffNo) {
        const [taken] = await manager.query('SELECT 1 FROM teacher WHERE school_id = $1 AND staff_no = $2', [before.schoolId, changes.staffNo]);
        if (taken) throw ConflictError.of('exchange.teacher.staff-no-taken', { staffNo: changes.staffNo }, [fieldError('staffNo', 'exchange.teacher.staff-no-in-use')]);
      }
      const next = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as TeacherView;
      // An UPDATE answers [rows, affected] through TypeORM's query(), unlike an INSERT.
      const [[row]]: [TeacherRow[], number] = await manager.query(
        `UPDATE teacher SET staff_no = $2, name = $3, gender = $4, subjects = $5, title = $6, rank = $7, middle_manager = $8, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, next.staffNo, next.name, next.gender, next.subjects, next.title, next.rank, next.middleManager],
      );
      const view = toTeacherView({ ...row, school_name: before.schoolName });
      await this.audit.record(manager, scope.caller, { districtId: view.districtId, action: 'teacher.updated', entityType: 'teacher', entityId: id, before: snapshot(before), after: snapshot(view) });
      await this.outbox.add<TeacherChangedEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.teacherUpdated, districtId: view.districtId,
        data: { teacherId: id, districtId: view.districtId, schoolId: view.schoolId, staffNo: view.staffNo, name: view.name },
      });
      return view;
    });
  }

  async get(scope: AccessScope, id: string): Promise<TeacherView> {
    return this.visible(scope, id);
  }

  /** A teacher the caller may see, else not found. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<TeacherView> {
    const p = new SqlParams();
    const where = [`t.id = ${p.bind(id)}`];
    const visibility = teacherVisibility(scope, 't', p);
    if (visibility) where.push(visibility);
    const [row] = await manager.query(`${SELECT} WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF t' : ''}`, p.values);
    if (!row) throw new NotFoundError('teacher', id);
    return toTeacherView(row);
  }

  /** One round trip per page: rows, school names and the total (window count). */
  async list(scope: AccessScope, query: ListTeachersQueryDto): Promise<Page<TeacherView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { name: 't.name', staffNo: 't.staff_no', title: 't.title', rank: 't.rank', createdAt: 't.created_at', updatedAt: 't.updated_at' }, 'staffNo');
    const p = new SqlParams();
    const where: string[] = [];
    const visibility = teacherVisibility(scope, 't', p);
    if (visibility) where.push(visibility);
    if (query.schoolId) where.push(`t.school_id = ${p.bind(query.schoolId)}`);
    if (query.subject) where.push(`${p.bind(query.subject)} = ANY(t.subjects)`);
    if (query.rank) where.push(`t.rank = ${p.bind(query.rank)}`);
    if (query.middleManager !== undefined) where.push(`t.middle_manager = ${p.bind(query.middleManager)}`);
    if (query.q) {
      const q = p.bind(likePattern(query.q));
      where.push(`(t.name ILIKE ${q} ESCAPE '\\' OR t.staff_no ILIKE ${q} ESCAPE '\\')`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: (TeacherRow & { total: string })[] = await this.dataSource.query(
      `SELECT t.*, ds.name AS school_name, count(*) OVER () AS total
         FROM teacher t LEFT JOIN directory_school ds ON ds.id = t.school_id ${filter}
        ORDER BY ${order.column} ${order.direction}, t.id
        LIMIT ${p.bind(window.pageSize)} OFFSET ${p.bind(window.offset)}`,
      p.values,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM teacher t ${filter}`, p.values.slice(0, -2));
      total = count.total;
    }
    return toPage(rows.map(toTeacherView), total, window);
  }
}
