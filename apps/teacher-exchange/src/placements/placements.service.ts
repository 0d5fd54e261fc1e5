import {
  TeacherExchangeEvents, type ApprovePlacementDto, type Caller, type ListPlacementsQueryDto, type Page, type PlacementChangedEvent,
  type PlacementKind, type PlacementStatus, type PlacementView, type ProposePlacementDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, DirectoryService, fieldError, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
  ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso, isoDate, placementVisibility, SqlParams } from '../common/access.js';
import { TeachersService } from '../teachers/teachers.service.js';
import { CANNOT_START, canStart, checkProposal, COMMITTED_STATUSES, LIVE_STATUSES, type PlacementAction } from './placement.rules.js';

interface PlacementRow {
  id: string; district_id: string; alliance_id: string; alliance_name: string | null; teacher_id: string; teacher_name: string; staff_no: string;
  home_school_id: string; home_school_name: string | null; kind: PlacementKind; status: PlacementStatus; starts_on: string | Date; ends_on: string | Date;
  note: string | null; reason: string | null; proposed_by: string; created_at: Date; updated_at: Date;
  hosts: { schoolId: string; schoolName: string | null; weeklyPeriods: number | null; approvedAt: string | null }[];
}

const toView = (r: PlacementRow): PlacementView => ({
  id: r.id, districtId: r.district_id, allianceId: r.alliance_id, allianceName: r.alliance_name ?? '', teacherId: r.teacher_id,
  teacherName: r.teacher_name, staffNo: r.staff_no, homeSchoolId: r.home_school_id, homeSchoolName: r.home_school_name ?? '',
  hosts: r.hosts.map((h) => ({ schoolId: h.schoolId, schoolName: h.schoolName ?? '', weeklyPeriods: h.weeklyPeriods, approvedAt: h.approvedAt ? iso(h.approvedAt) : null })),
  kind: r.kind, status: r.status, startsOn: isoDate(r.starts_on), endsOn: isoDate(r.ends_on), note: r.note, reason: r.reason,
  proposedBy: r.proposed_by, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
});

const SELECT = `
  SELECT p.*, da.name AS alliance_name, t.name AS teacher_name, t.staff_no, hs.name AS home_school_name,
         COALESCE((SELECT json_agg(json_build_object('schoolId', h.school_id, 'schoolName', ds.name, 'weeklyPeriods', h.weekly_periods,
                                                     'approvedAt', h.approved_at) ORDER BY ds.name, h.school_id)
                     FROM placement_host h LEFT JOIN directory_school ds ON ds.id = h.school_id WHERE h.placement_id = p.id), '[]') AS hosts
    FROM placement p
    JOIN teacher t ON t.id = p.teacher_id
    LEFT JOIN directory_alliance da ON da.id = p.alliance_id
    LEFT JOIN directory_school hs ON hs.id = p.home_school_id`;

const EVENT_OF: Record<PlacementStatus, string | undefined> = {
  proposed: TeacherExchangeEvents.placementProposed,
  home_approved: TeacherExchangeEvents.placementHomeApproved,
  approved: TeacherExchangeEvents.placementApproved,
  active: TeacherExchangeEvents.placementActivated,
  completed: TeacherExchangeEvents.placementCompleted,
  rejected: TeacherExchangeEvents.placementRejected,
  cancelled: TeacherExchangeEvents.placementCancelled,
};

const isExclusionViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23P01';
const overlapConflict = (): ConflictError => ConflictError.of(
  'exchange.placement.overlap', {},
  [fieldError('startsOn', 'exchange.placement.overlap-field')],
);

@Injectable()
export class PlacementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teachers: TeachersService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async propose(scope: AccessScope, dto: ProposePlacementDto): Promise<PlacementView> {
    return this.dataSource.transaction(async (manager) => {
      const teacher = await this.teachers.visible(scope, dto.teacherId, manager);
      const problems = checkProposal(dto, teacher.schoolId);
      if (problems.length) throw new ValidationError(problems);
      const allianceId = await this.allianceOf(teacher.schoolId, dto, manager);
      const allowed = scope.isSchoolAdmin(teacher.schoolId, teacher.districtId) || scope.isAllianceAdmin(allianceId, teacher.districtId);
      if (!allowed) throw ForbiddenError.of('exchange.placement.propose-forbidden');
      const [overlap] = await manager.query(
        `SELECT 1 FROM placement WHERE teacher_id = $1 AND status = ANY($2) AND daterange(starts_on, ends_on, '[]') && daterange($3::date, $4::date, '[]')`,
        [teacher.id, COMMITTED_STATUSES, dto.startsOn, dto.endsOn],
      );
      if (overlap) throw overlapConflict();
      const [{ id }] = await manager.query(
        `INSERT INTO placement (district_id, alliance_id, teacher_id, home_school_id, kind, status, starts_on, ends_on, note, proposed_by)
         VALUES ($1, $2, $3, $4, $5, 'proposed', $6, $7, $8, $9) RETURNING id`,
        [teacher.districtId, allianceId, teacher.id, teacher.schoolId, dto.kind, dto.startsOn, dto.endsOn, dto.note ?? null, scope.caller.id],
      );
      for (const host of dto.hosts) {
        await manager.query('INSERT INTO placement_host (placement_id, school_id, weekly_periods) VALUES ($1, $2, $3)', [id, host.schoolId, host.weeklyPeriods ?? null]);
      }
      const view = await this.load(manager, id);
      await this.record(manager, scope.caller, view, null, 'placement.proposed', TeacherExchangeEvents.placementProposed);
      return view;
    });
  }

  /** The active alliance home and every host share: the one named, or the only one. */
  private async allianceOf(homeSchoolId: string, dto: ProposePlacementDto, manager: EntityManager): Promise<string> {
    let shared: string[] | undefined;
    for (const host of dto.hosts) {
      const withHost = await this.directory.sharedAlliances(homeSchoolId, host.schoolId, manager);
      shared = shared ? shared.filter((a) => withHost.includes(a)) : withHost;
    }
    if (!shared?.length) {
      throw ValidationError.of('hosts', 'exchange.placement.no-shared-alliance');
    }
    if (dto.allianceId) {
      if (!shared.includes(dto.allianceId)) throw ValidationError.of('allianceId', 'exchange.placement.not-in-alliance');
      return dto.allianceId;
    }
    if (shared.length > 1) throw ValidationError.of('allianceId', 'exchange.placement.alliance-ambiguous');
    return shared[0] as string;
  }

  async get(scope: AccessScope, id: string): Promise<PlacementView> {
    return this.visible(scope, id);
  }

  async list(scope: AccessScope, query: ListPlacementsQueryDto): Promise<Page<PlacementView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { startsOn: 'p.starts_on', endsOn: 'p.ends_on', createdAt: 'p.created_at', updatedAt: 'p.updated_at', status: 'p.status', kind: 'p.kind' }, '-startsOn');
    const p = new SqlParams();
    const where: string[] = [];
    const visibility = placementVisibility(scope, 'p', p);
    if (visibility) where.push(visibility);
    if (query.status) where.push(`p.status = ${p.bind(query.status)}`);
    if (query.kind) where.push(`p.kind = ${p.bind(query.kind)}`);
    if (query.allianceId) where.push(`p.alliance_id = ${p.bind(query.allianceId)}`);
    if (query.teacherId) where.push(`p.teacher_id = ${p.bind(query.teacherId)}`);
    if (query.schoolId) {
      const school = p.bind(query.schoolId);
      where.push(`(p.home_school_id = ${school} OR EXISTS (SELECT 1 FROM placement_host fh WHERE fh.placement_id = p.id AND fh.school_id = ${school}))`);
    }
    if (query.q) {
      const q = p.bind(likePattern(query.q));
      where.push(`(t.name ILIKE ${q} ESCAPE '\\' OR t.staff_no ILIKE ${q} ESCAPE '\\')`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: (PlacementRow & { total: string })[] = await this.dataSource.query(
      `${SELECT.replace('SELECT p.*,', 'SELECT p.*, count(*) OVER () AS total,')} ${filter}
        ORDER BY ${order.column} ${order.direction}, p.id LIMIT ${p.bind(window.pageSize)} OFFSET ${p.bind(window.offset)}`,
      p.values,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM placement p JOIN teacher t ON t.id = p.teacher_id ${filter}`, p.values.slice(0, -2));
      total = count.total;
    }
    return toPage(rows.map(toView), total, window);
  }

  /**
   * The next approval: the home school's while proposed; then each host school's (the caller's own,
   * or the one a district admin names, or all of them for a district admin). Approved once every host has.
   */
  async approve(scope: AccessScope, id: string, dto: ApprovePlacementDto): Promise<PlacementView> {
    return this.act(scope, id, 'approve', async (manager, current) => {
      const district = scope.isDistrictAdmin(current.districtId);
      if (current.status === 'proposed') {
        if (!scope.isSchoolAdmin(current.homeSchoolId, current.districtId)) throw ForbiddenError.of('exchange.placement.home-approves-first');
        return this.move(manager, scope.caller, current, 'home_approved', 'placement.home-approved');
      }
      const pending = current.hosts.filter((h) => !h.approvedAt).map((h) => h.schoolId);
      let approving = dto.schoolId ? pending.filter((s) => s === dto.schoolId) : pending.filter((s) => district || scope.adminSchoolIds().includes(s));
      if (dto.schoolId && !district && !scope.adminSchoolIds().includes(dto.schoolId)) approving = [];
      if (!approving.length) throw ForbiddenError.of('exchange.placement.approve-forbidden');
      await manager.query('UPDATE placement_host SET approved_at = now(), approved_by = $3 WHERE placement_id = $1 AND school_id = ANY($2::uuid[])', [id, approving, scope.caller.id]);
      for (const schoolId of approving) {
        await this.audit.record(manager, scope.caller, { districtId: current.districtId, action: 'placement.host-approved', entityType: 'placement', entityId: id, after: { schoolId } });
        await this.outbox.add<PlacementChangedEvent>(manager, scope.caller, { subject: TeacherExchangeEvents.placementHostApproved, districtId: current.districtId, data: { ...eventData(current, current.status), schoolId } });
      }
      if (approving.length < pending.length) return this.load(manager, id);
      try {
        return await this.move(manager, scope.caller, current, 'approved', 'placement.approved');
      } catch (error) {
        if (isExclusionViolation(error)) throw overlapConflict();
        throw error;
      }
    });
  }

  /** The school whose approval is pending (or the district admin) rejects, saying why. */
  async reject(scope: AccessScope, id: string, reason: string): Promise<PlacementView> {
    return this.act(scope, id, 'reject', async (manager, current) => {
      const deciders = current.status === 'proposed' ? [current.homeSchoolId] : current.hosts.filter((h) => !h.approvedAt).map((h) => h.schoolId);
      if (!deciders.some((s) => scope.isSchoolAdmin(s, current.districtId))) throw ForbiddenError.of('exchange.placement.reject-forbidden');
      return this.move(manager, scope.caller, current, 'rejected', 'placement.rejected', reason);
    });
  }

  async activate(scope: AccessScope, id: string): Promise<PlacementView> {
    return this.act(scope, id, 'activate', async (manager, current) => {
      if (!scope.isAllianceAdmin(current.allianceId, current.districtId)) throw ForbiddenError.of('exchange.placement.activate-forbidden');
      return this.move(manager, scope.caller, current, 'active', 'placement.activated');
    });
  }

  async complete(scope: AccessScope, id: string): Promise<PlacementView> {
    return this.act(scope, id, 'complete', async (manager, current) => {
      const allowed = scope.isAllianceAdmin(current.allianceId, current.districtId) || scope.isSchoolAdmin(current.homeSchoolId, current.districtId);
      if (!allowed) throw ForbiddenError.of('exchange.placement.complete-forbidden');
      return this.move(manager, scope.caller, current, 'completed', 'placement.completed');
    });
  }

  async cancel(scope: AccessScope, id: string, reason: string): Promise<PlacementView> {
    return this.act(scope, id, 'cancel', async (manager, current) => {
      const allowed = current.proposedBy === scope.caller.id || scope.isAllianceAdmin(current.allianceId, current.districtId);
      if (!allowed) throw ForbiddenError.of('exchange.placement.cancel-forbidden');
      return this.move(manager, scope.caller, current, 'cancelled', 'placement.cancelled', reason);
    });
  }

  /**
   * Time moves placements on: approved ones start on their start date (Asia/Shanghai), active ones
   * complete after their end date. Rows another replica is moving are skipped, not waited for.
   */
  async sweep(caller: Caller, today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string; status: PlacementStatus }[] = await manager.query(
        `SELECT id, status FROM placement WHERE (status = 'approved' AND starts_on <= $1::date) OR (status = 'active' AND ends_on < $1::date)
          ORDER BY starts_on LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [today],
      );
      for (const row of due) {
        const current = await this.load(manager, row.id);
        if (row.status === 'approved') await this.move(manager, caller, current, 'active', 'placement.activated');
        else await this.move(manager, caller, current, 'completed', 'placement.completed');
      }
      return due.length;
    });
  }

  /** Locks the placement, checks the caller may see it and that the action may start from its status. */
  private act(scope: AccessScope, id: string, action: PlacementAction, work: (manager: EntityManager, current: PlacementView) => Promise<PlacementView>): Promise<PlacementView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.visible(scope, id, manager, true);
      if (!canStart(action, current.status)) throw ConflictError.of(CANNOT_START[action], { placementStatus: current.status });
      return work(manager, current);
    });
  }

  private async move(manager: EntityManager, caller: Caller, current: PlacementView, to: PlacementStatus, action: string, reason?: string): Promise<PlacementView> {
    await manager.query('UPDATE placement SET status = $2, reason = COALESCE($3, reason), updated_at = now() WHERE id = $1', [current.id, to, reason ?? null]);
    // a finished placement's timetable no longer holds the teacher's time (the slots stay as history)
    if (!LIVE_STATUSES.includes(to)) await manager.query('UPDATE timetable_slot SET live = false WHERE placement_id = $1 AND live', [current.id]);
    const view = await this.load(manager, current.id);
    await this.record(manager, caller, view, current, action, EVENT_OF[to] as string, reason);
    return view;
  }

  private async record(manager: EntityManager, caller: Caller, view: PlacementView, before: PlacementView | null, action: string, subject: string, reason?: string): Promise<void> {
    await this.audit.record(manager, caller, {
      districtId: view.districtId, action, entityType: 'placement', entityId: view.id,
      before: before ? { status: before.status } : null, after: { status: view.status, kind: view.kind, teacherId: view.teacherId, startsOn: view.startsOn, endsOn: view.endsOn, ...(reason ? { reason } : {}) },
    });
    await this.outbox.add<PlacementChangedEvent>(manager, caller, { subject, districtId: view.districtId, data: { ...eventData(view, before?.status ?? null), ...(reason ? { reason } : {}) } });
  }

  private async load(manager: EntityManager, id: string): Promise<PlacementView> {
    const [row] = await manager.query(`${SELECT} WHERE p.id = $1`, [id]);
    return toView(row);
  }

  private async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<PlacementView> {
    const p = new SqlParams();
    const where = [`p.id = ${p.bind(id)}`];
    const visibility = placementVisibility(scope, 'p', p);
    if (visibility) where.push(visibility);
    if (lock) {
      const [locked] = await manager.query(`SELECT p.id FROM placement p WHERE ${where.join(' AND ')} FOR UPDATE`, p.values);
      if (!locked) throw new NotFoundError('placement', id);
      return this.load(manager, id);
    }
    const [row] = await manager.query(`${SELECT} WHERE ${where.join(' AND ')}`, p.values);
    if (!row) throw new NotFoundError('placement', id);
    return toView(row);
  }
}

function eventData(view: PlacementView, from: PlacementStatus | null): PlacementChangedEvent {
  return {
    placementId: view.id, districtId: view.districtId, allianceId: view.allianceId, teacherId: view.teacherId, homeSchoolId: view.homeSchoolId,
    hostSchoolIds: view.hosts.map((h) => h.schoolId), kind: view.kind, status: view.status, from, startsOn: view.startsOn, endsOn: view.endsOn,
  };
}
