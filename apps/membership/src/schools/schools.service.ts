import {
  MembershipEvents, type CampusView, type CreateCampusDto, type CreateSchoolDto, type ListSchoolsQueryDto, type Page,
  type SchoolLocale, type SchoolRegisteredEvent, type SchoolRenamedEvent, type SchoolStage, type SchoolView, type UpdateSchoolDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { iso } from '../common/access.js';
import { DistrictsService } from '../districts/districts.service.js';
import { CampusEntity, SchoolEntity } from './school.entity.js';

type SchoolAlliances = SchoolView['alliances'];

/** What the audit log keeps of a school (the view without derived lists). */
const snapshot = (s: SchoolEntity): Record<string, unknown> => ({
  code: s.code, name: s.name, stage: s.stage, locale: s.locale, township: s.township, address: s.address,
  location: s.lat === null || s.lng === null ? null : { lat: s.lat, lng: s.lng },
  studentCount: s.studentCount, teacherCount: s.teacherCount, classCount: s.classCount,
});

export const toSchoolView = (s: SchoolEntity, campuses: CampusEntity[], alliances: SchoolAlliances): SchoolView => ({
  id: s.id, districtId: s.districtId, code: s.code, name: s.name, stage: s.stage, locale: s.locale, township: s.township,
  address: s.address, location: s.lat === null || s.lng === null ? null : { lat: s.lat, lng: s.lng },
  studentCount: s.studentCount, teacherCount: s.teacherCount, classCount: s.classCount,
  campuses: campuses.map(toCampusView), alliances, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt),
});

const toCampusView = (c: CampusEntity): CampusView => ({ id: c.id, name: c.name, address: c.address });

interface SchoolListRow {
  id: string; district_id: string; code: string; name: string; stage: SchoolStage; locale: SchoolLocale; township: string;
  address: string | null; lat: number | null; lng: number | null; student_count: number; teacher_count: number; class_count: number;
  created_at: Date; updated_at: Date; total: string; campuses: CampusView[]; alliances: SchoolAlliances;
}

const fromListRow = (r: SchoolListRow): SchoolView => ({
  id: r.id, districtId: r.district_id, code: r.code, name: r.name, stage: r.stage, locale: r.locale, township: r.township,
  address: r.address, location: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
  studentCount: r.student_count, teacherCount: r.teacher_count, classCount: r.class_count,
  campuses: r.campuses, alliances: r.alliances, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
});

@Injectable()
export class SchoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(scope: AccessScope, dto: CreateSchoolDto): Promise<SchoolView> {
    await this.districts.visible(scope, dto.districtId);
    if (!scope.isDistrictAdmin(dto.districtId)) throw ForbiddenError.of('membership.school.create-forbidden');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(SchoolEntity);
      if (await repo.exists({ where: { code: dto.code } })) {
        throw ConflictError.of('membership.school.code-exists', { code: dto.code }, [fieldError('code', 'membership.school.code-registered')]);
      }
      const school = await repo.save(repo.create({
        districtId: dto.districtId, code: dto.code, name: dto.name, stage: dto.stage, locale: dto.locale, township: dto.township,
        address: dto.address ?? null, lat: dto.location?.lat ?? null, lng: dto.location?.lng ?? null,
        studentCount: dto.studentCount, teacherCount: dto.teacherCount, classCount: dto.classCount,
      }));
      await this.audit.record(manager, scope.caller, { districtId: school.districtId, action: 'school.created', entityType: 'school', entityId: school.id, after: snapshot(school) });
      await this.outbox.add<SchoolRegisteredEvent>(manager, scope.caller, {
        subject: MembershipEvents.schoolRegistered, districtId: school.districtId,
        data: { schoolId: school.id, districtId: school.districtId, code: school.code, name: school.name, version: school.version },
      });
      return toSchoolView(school, [], []);
    });
  }

  /**
   * One round trip per page: the page, its total (a window count) and each school's campuses and active
   * alliances (JSON sub-selects). Lists are the hottest read of the platform; four queries per page
   * through the ORM were most of the time behind the gateway.
   */
  async list(scope: AccessScope, query: ListSchoolsQueryDto): Promise<Page<SchoolView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, {
      name: 's.name', code: 's.code', township: 's.township', studentCount: 's.student_count', teacherCount: 's.teacher_count', createdAt: 's.created_at',
    }, 'code');
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown): string => `$${params.push(value)}`;
    if (!scope.isPlatformAdmin) where.push(`s.district_id = ANY(${bind(scope.districtIds())}::uuid[])`);
    if (query.districtId) where.push(`s.district_id = ${bind(query.districtId)}`);
    if (query.township) where.push(`s.township = ${bind(query.township)}`);
    if (query.stage) where.push(`s.stage = ${bind(query.stage)}`);
    if (query.locale) where.push(`s.locale = ${bind(query.locale)}`);
    if (query.q) {
      const q = bind(likePattern(query.q));
      where.push(`(s.name ILIKE ${q} ESCAPE '\\' OR s.code LIKE ${q} ESCAPE '\\')`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: SchoolListRow[] = await this.dataSource.query(
      `SELECT s.id, s.district_id, s.code, s.name, s.stage, s.locale, s.township, s.address, s.lat, s.lng,
              s.student_count, s.teacher_count, s.class_count, s.created_at, s.updated_at,
              count(*) OVER () AS total,
              COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'address', c.address) ORDER BY c.created_at)
                          FROM campus c WHERE c.school_id = s.id), '[]') AS campuses,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'role', m.role) ORDER BY a.name)
                          FROM alliance_member m JOIN alliance a ON a.id = m.alliance_id
                         WHERE m.school_id = s.id AND m.left_at IS NULL AND a.status = 'active'), '[]') AS alliances
         FROM school s ${filter}
        ORDER BY ${order.column} ${order.direction}, s.id
        LIMIT ${bind(window.pageSize)} OFFSET ${bind(window.offset)}`,
      params,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM school s ${filter}`, params.slice(0, -2));
      total = count.total;
    }
    return toPage(rows.map(fromListRow), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<SchoolView> {
    const school = await this.visible(scope, id);
    const [view] = await this.views(this.dataSource.manager, [school]);
    return view as SchoolView;
  }

  async update(scope: AccessScope, id: string, changes: UpdateSchoolDto): Promise<SchoolView> {
    return this.dataSource.transaction(async (manager) => {
      const school = await this.visible(scope, id, manager, true);
      if (!scope.isSchoolAdmin(school.id, school.districtId)) throw ForbiddenError.of('membership.school.update-forbidden');
      const before = snapshot(school);
      const { location, ...rest } = changes;
      Object.assign(school, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (location !== undefined) {
        school.lat = location?.lat ?? null;
        school.lng = location?.lng ?? null;
      }
      const saved = await manager.getRepository(SchoolEntity).save(school);
      await this.audit.record(manager, scope.caller, { districtId: school.districtId, action: 'school.updated', entityType: 'school', entityId: school.id, before, after: snapshot(saved) });
      // the name is the only field of a school that other services keep a copy of
      if (saved.name !== before['name']) {
        await this.outbox.add<SchoolRenamedEvent>(manager, scope.caller, {
          subject: MembershipEvents.schoolRenamed, districtId: saved.districtId,
          data: { schoolId: saved.id, districtId: saved.districtId, code: saved.code, name: saved.name, previousName: String(before['name']), version: saved.version },
        });
      }
      const [view] = await this.views(manager, [saved]);
      return view as SchoolView;
    });
  }

  async createCampus(scope: AccessScope, schoolId: string, dto: CreateCampusDto): Promise<SchoolView> {
    return this.dataSource.transaction(async (manager) => {
      const school = await this.visible(scope, schoolId, manager, true);
      if (!scope.isSchoolAdmin(school.id, school.districtId)) throw ForbiddenError.of('membership.campus.create-forbidden');
      const repo = manager.getRepository(CampusEntity);
      if (await repo.exists({ where: { schoolId, name: dto.name } })) {
        throw ConflictError.of('membership.campus.name-exists', { name: dto.name }, [fieldError('campus.name', 'membership.campus.name-used')]);
      }
      const campus = await repo.save(repo.create({ schoolId, name: dto.name, address: dto.address ?? null }));
      await this.audit.record(manager, scope.caller, { districtId: school.districtId, action: 'campus.created', entityType: 'campus', entityId: campus.id, after: { schoolId, ...toCampusView(campus) } });
      const [view] = await this.views(manager, [school]);
      return view as SchoolView;
    });
  }

  /** A school of a district the caller holds a role in; otherwise not found. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<SchoolEntity> {
    const school = await manager.getRepository(SchoolEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!school || !scope.inDistrict(school.districtId)) throw new NotFoundError('school', id);
    return school;
  }

  private async views(manager: EntityManager, schools: SchoolEntity[]): Promise<SchoolView[]> {
    if (!schools.length) return [];
    const ids = schools.map((s) => s.id);
    const campuses = await manager.getRepository(CampusEntity).find({ where: { schoolId: In(ids) }, order: { createdAt: 'ASC' } });
    const memberships: { school_id: string; id: string; name: string; role: string }[] = await manager.query(
      `SELECT m.school_id, a.id, a.name, m.role FROM alliance_member m JOIN alliance a ON a.id = m.alliance_id
        WHERE m.school_id = ANY($1::uuid[]) AND m.left_at IS NULL AND a.status = 'active' ORDER BY a.name`,
      [ids],
    );
    return schools.map((s) => toSchoolView(
      s,
      campuses.filter((c) => c.schoolId === s.id),
      memberships.filter((m) => m.school_id === s.id).map((m) => ({ id: m.id, name: m.name, role: m.role })),
    ));
  }
}
