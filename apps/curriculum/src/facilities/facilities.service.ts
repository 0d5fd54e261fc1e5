import {
  CurriculumEvents, type CreateFacilityDto, type FacilityChangedEvent, type FacilityKind, type FacilityView, type ListFacilitiesQueryDto,
  type Page, type UpdateFacilityDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { binder, facilityVisibility, iso, managesSchool } from '../common/access.js';
import { knownSchool, pgCode } from '../common/schools.js';

export interface FacilityRow {
  id: string; district_id: string; school_id: string; kind: FacilityKind; name: string; description: string | null; capacity: number;
  open_hours: string; location: string | null; active: boolean; created_at: Date; updated_at: Date; school_name: string | null; total?: string;
}

const COLUMNS = `f.id, f.district_id, f.school_id, f.kind, f.name, f.description, f.capacity, f.open_hours, f.location, f.active,
  f.created_at, f.updated_at, s.name AS school_name`;

const snapshot = (f: FacilityRow): Record<string, unknown> => ({
  kind: f.kind, name: f.name, description: f.description, capacity: f.capacity, openHours: f.open_hours, location: f.location, active: f.active,
});

const duplicateName = (name: string): ConflictError =>
  ConflictError.of('curriculum.facility.name-exists', { name }, [fieldError('name', 'curriculum.facility.name-used')]);

@Injectable()
export class FacilitiesService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly outbox: OutboxWriter) {}

  async create(scope: AccessScope, dto: CreateFacilityDto): Promise<FacilityView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const school = await knownSchool(manager, scope, dto.schoolId);
        if (!managesSchool(scope, school.id, school.districtId)) throw ForbiddenError.of('curriculum.facility.create-forbidden');
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO facility (district_id, school_id, kind, name, description, capacity, open_hours, location)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [school.districtId, school.id, dto.kind, dto.name, dto.description ?? null, dto.capacity, dto.openHours, dto.location ?? null],
        );
        const row = await this.row(manager, id);
        await this.audit.record(manager, scope.caller, { districtId: row.district_id, action: 'facility.registered', entityType: 'facility', entityId: id, after: snapshot(row) });
        await this.outbox.add<FacilityChangedEvent>(manager, scope.caller, { subject: CurriculumEvents.facilityRegistered, districtId: row.district_id, data: this.event(row) });
        return this.toView(scope, row);
      });
    } catch (error) {
      if (pgCode(error) === '23505') throw duplicateName(dto.name);
      throw error;
    }
  }

  async list(scope: AccessScope, query: ListFacilitiesQueryDto): Promise<Page<FacilityView>> {
    const window = pageWindow(query);
    const { params, bind } = binder();
    const where: string[] = [];
    const visible = facilityVisibility(scope, bind);
    if (visible) where.push(visible);
    if (query.schoolId) where.push(`f.school_id = ${bind(query.schoolId)}`);
    if (query.kind) where.push(`f.kind = ${bind(query.kind)}`);
    if (query.q) {
      const q = bind(likePattern(query.q));
      where.push(`(f.name ILIKE ${q} ESCAPE '\\' OR f.description ILIKE ${q} ESCAPE '\\' OR s.name ILIKE ${q} ESCAPE '\\')`);
    }
    const order = sortOrder(query.sort, { name: 'f.name', capacity: 'f.capacity', kind: 'f.kind', createdAt: 'f.created_at', school: 's.name' }, 'school');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: FacilityRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM facility f LEFT JOIN directory_school s ON s.id = f.school_id ${filter}
        ORDER BY ${order.column} ${order.direction}, f.name, f.id LIMIT ${bind(window.pageSize)} OFFSET ${bind(window.offset)}`,
      params,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM facility f LEFT JOIN directory_school s ON s.id = f.school_id ${filter}`, params.slice(0, -2));
      total = count.total;
    }
    return toPage(rows.map((row) => this.toView(scope, row)), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<FacilityView> {
    return this.toView(scope, await this.visible(scope, id));
  }

  async update(scope: AccessScope, id: string, changes: UpdateFacilityDto): Promise<FacilityView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = await this.visible(scope, id, manager, true);
        if (!managesSchool(scope, before.school_id, before.district_id)) throw ForbiddenError.of('curriculum.facility.update-forbidden');
        await manager.query(
          `UPDATE facility SET kind = $2, name = $3, description = $4, capacity = $5, open_hours = $6, location = $7, active = $8, updated_at = now()
            WHERE id = $1`,
          [id, changes.kind ?? before.kind, changes.name ?? before.name, changes.description !== undefined ? changes.description : before.description,
            changes.capacity ?? before.capacity, changes.openHours ?? before.open_hours, changes.location !== undefined ? changes.location : before.location,
            changes.active ?? before.active],
        );
        const after = await this.row(manager, id);
        await this.audit.record(manager, scope.caller, { districtId: after.district_id, action: 'facility.updated', entityType: 'facility', entityId: id, before: snapshot(before), after: snapshot(after) });
        await this.outbox.add<FacilityChangedEvent>(manager, scope.caller, { subject: CurriculumEvents.facilityUpdated, districtId: after.district_id, data: this.event(after) });
        return this.toView(scope, after);
      });
    } catch (error) {
      if (pgCode(error) === '23505') throw duplicateName(changes.name ?? '');
      throw error;
    }
  }

  /** A facility the caller may see (own school, alliance partner, district admin); otherwise not found. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<FacilityRow> {
    const { params, bind } = binder();
    const where = [`f.id = ${bind(id)}`];
    const visible = facilityVisibility(scope, bind);
    if (visible) where.push(visible);
    const [row]: FacilityRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM facility f LEFT JOIN directory_school s ON s.id = f.school_id WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF f' : ''}`,
      params,
    );
    if (!row) throw new NotFoundError('facility', id);
    return row;
  }

  private async row(manager: EntityManager, id: string): Promise<FacilityRow> {
    const [row]: FacilityRow[] = await manager.query(`SELECT ${COLUMNS} FROM facility f LEFT JOIN directory_school s ON s.id = f.school_id WHERE f.id = $1`, [id]);
    if (!row) throw new NotFoundError('facility', id);
    return row;
  }

  private event(f: FacilityRow): FacilityChangedEvent {
    return { facilityId: f.id, districtId: f.district_id, schoolId: f.school_id, kind: f.kind, name: f.name, active: f.active };
  }

  private toView(scope: AccessScope, f: FacilityRow): FacilityView {
    return {
      id: f.id, districtId: f.district_id, schoolId: f.school_id, schoolName: f.school_name ?? '', kind: f.kind, name: f.name,
      description: f.description, capacity: f.capacity, openHours: f.open_hours, location: f.location, active: f.active,
      canManage: managesSchool(scope, f.school_id, f.district_id), createdAt: iso(f.created_at), updatedAt: iso(f.updated_at),
    };
  }
}
