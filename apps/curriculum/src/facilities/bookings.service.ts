import {
  CurriculumEvents, type BookingChangedEvent, type BookingStatus, type BookingView, type CreateBookingDto, type FacilityKind,
  type ListBookingsQueryDto, type Page,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, DirectoryService, fieldError, ForbiddenError, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
  ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { binder, facilityVisibility, iso, isoOrNull, managesSchool, staffOf } from '../common/access.js';
import { knownSchool, pgCode, withDeadlockRetry } from '../common/schools.js';
import { checkBookingWindow, nextStatus, slotTimes, type BookingAction } from './booking.rules.js';
import { FacilitiesService } from './facilities.service.js';

interface BookingRow {
  id: string; district_id: string; facility_id: string; owner_school_id: string; requester_school_id: string; requested_by: string;
  requested_by_name: string; starts_at: Date; ends_at: Date; purpose: string; attendees: number; status: BookingStatus; reason: string | null;
  decided_at: Date | null; created_at: Date; facility_name: string; facility_kind: FacilityKind; owner_school_name: string | null;
  requester_school_name: string | null; total?: string;
}

const COLUMNS = `b.id, b.district_id, b.facility_id, b.owner_school_id, b.requester_school_id, b.requested_by, b.requested_by_name,
  b.starts_at, b.ends_at, b.purpose, b.attendees, b.status, b.reason, b.decided_at, b.created_at,
  f.name AS facility_name, f.kind AS facility_kind, os.name AS owner_school_name, rs.name AS requester_school_name`;
const FROM = `booking b JOIN facility f ON f.id = b.facility_id
  LEFT JOIN directory_school os ON os.id = b.owner_school_id LEFT JOIN directory_school rs ON rs.id = b.requester_school_id`;

/** The PostgreSQL error of the exclusion constraint: another slot-holding booking overlaps. */
const EXCLUSION_VIOLATION = '23P01';

@Injectable()
export class BookingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facilities: FacilitiesService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Requests a slot. A pending request already holds the slot (see the migration): the database's
   * exclusion constraint refuses an overlapping request whatever the timing, and the loser gets a 409
   * naming the slot that is taken. Requests for one facility take turns (a transaction advisory lock), so
   * racing requests end in one booking and 409s rather than deadlocks.
   */
  async create(scope: AccessScope, dto: CreateBookingDto, now = new Date()): Promise<BookingView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    checkBookingWindow(startsAt, endsAt, now);
    try {
      return await withDeadlockRetry(() => this.dataSource.transaction(async (manager) => {
        const facility = await this.facilities.visible(scope, dto.facilityId, manager);
        const school = await knownSchool(manager, scope, dto.schoolId);
        if (!staffOf(scope, school.id) && !managesSchool(scope, school.id, school.districtId)) {
          throw ForbiddenError.of('curriculum.booking.own-school-only');
        }
        if (!facility.active) throw ConflictError.of('curriculum.booking.facility-closed');
        if (school.id !== facility.school_id && !(await this.directory.sameAlliance(school.id, facility.school_id, manager))) {
          throw ValidationError.of('schoolId', 'curriculum.booking.no-shared-alliance');
        }
        if (dto.attendees > facility.capacity) throw ValidationError.of('attendees', 'curriculum.booking.over-capacity', { capacity: facility.capacity });
        // requests for one facility take turns: the exclusion constraint then refuses the losers cleanly, where
        // racing inserts checking each other's rows would deadlock, and a busy machine could run out of retries
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`booking:${facility.id}`]);
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO booking (district_id, facility_id, owner_school_id, requester_school_id, requested_by, requested_by_name, starts_at, ends_at,
                                purpose, attendees, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending') RETURNING id`,
          [facility.district_id, facility.id, facility.school_id, school.id, scope.caller.id, (scope.caller.displayName ?? scope.caller.id).slice(0, 64),
            startsAt, endsAt, dto.purpose, dto.attendees],
        );
        const row = await this.row(manager, id);
        await this.audit.record(manager, scope.caller, { districtId: row.district_id, action: 'booking.requested', entityType: 'booking', entityId: id, after: snapshot(row) });
        await this.outbox.add<BookingChangedEvent>(manager, scope.caller, { subject: CurriculumEvents.bookingRequested, districtId: row.district_id, data: event(row) });
        return this.toView(scope, row);
      }));
    } catch (error) {
      if (pgCode(error) === EXCLUSION_VIOLATION) throw await this.slotTaken(dto.facilityId, startsAt, endsAt);
      throw error;
    }
  }

  approve(scope: AccessScope, id: string): Promise<BookingView> {
    return this.decide(scope, id, 'approve', null);
  }

  reject(scope: AccessScope, id: string, reason: string): Promise<BookingView> {
    return this.decide(scope, id, 'reject', reason);
  }

  cancel(scope: AccessScope, id: string, reason: string | undefined, now = new Date()): Promise<BookingView> {
    return this.decide(scope, id, 'cancel', reason ?? null, now);
  }

  async list(scope: AccessScope, query: ListBookingsQueryDto): Promise<Page<BookingView>> {
    const window = pageWindow(query);
    const { params, bind } = binder();
    const where: string[] = [];
    const visible = facilityVisibility(scope, bind);
    if (visible) where.push(visible);
    if (query.facilityId) where.push(`b.facility_id = ${bind(query.facilityId)}`);
    if (query.status) where.push(`b.status = ${bind(query.status)}`);
    // incoming: what the caller decides on (their schools' facilities; a district admin decides for the whole district)
    if (query.direction === 'incoming' && !scope.isPlatformAdmin) {
      where.push(`(b.owner_school_id = ANY(${bind(scope.schoolIds())}::uuid[]) OR b.district_id = ANY(${bind(scope.adminDistrictIds())}::uuid[]))`);
    }
    if (query.direction === 'outgoing') where.push(`b.requester_school_id = ANY(${bind(scope.schoolIds())}::uuid[])`);
    if (query.from) where.push(`b.ends_at > ${bind(query.from)}::timestamptz`);
    if (query.to) where.push(`b.starts_at < ${bind(query.to)}::timestamptz`);
    if (query.q) where.push(`(b.purpose ILIKE ${bind(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\')`);
    const order = sortOrder(query.sort, { startsAt: 'b.starts_at', createdAt: 'b.created_at', status: 'b.status' }, 'startsAt');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: BookingRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${FROM} ${filter}
        ORDER BY ${order.column} ${order.direction}, b.id LIMIT ${bind(window.pageSize)} OFFSET ${bind(window.offset)}`,
      params,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${FROM} ${filter}`, params.slice(0, -2));
      total = count.total;
    }
    return toPage(rows.map((row) => this.toView(scope, row)), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<BookingView> {
    return this.toView(scope, await this.visible(scope, id));
  }

  private async decide(scope: AccessScope, id: string, action: BookingAction, reason: string | null, now = new Date()): Promise<BookingView> {
    try {
      return await withDeadlockRetry(() => this.dataSource.transaction(async (manager) => {
        const before = await this.visible(scope, id, manager, true);
        const allowed = action === 'cancel' ? this.canCancel(scope, before) : this.canDecide(scope, before);
        if (!allowed) {
          throw ForbiddenError.of(action === 'cancel' ? 'curriculum.booking.cancel-forbidden' : 'curriculum.booking.decide-forbidden');
        }
        const status = nextStatus(before.status, action);
        if (action === 'cancel' && before.ends_at.getTime() <= now.getTime()) throw ConflictError.of('curriculum.booking.over');
        await manager.query(
          `UPDATE booking SET status = $2, reason = COALESCE($3, reason), decided_by = CASE WHEN $4 THEN $5 ELSE decided_by END,
                  decided_at = CASE WHEN $4 THEN now() ELSE decided_at END, updated_at = now() WHERE id = $1`,
          [id, status, reason, action !== 'cancel', scope.caller.id],
        );
        const after = await this.row(manager, id);
        await this.audit.record(manager, scope.caller, {
          districtId: after.district_id, action: `booking.${status}`, entityType: 'booking', entityId: id, before: snapshot(before), after: snapshot(after),
        });
        const subject = { approved: CurriculumEvents.bookingApproved, rejected: CurriculumEvents.bookingRejected, cancelled: CurriculumEvents.bookingCancelled }[status as 'approved' | 'rejected' | 'cancelled'];
        await this.outbox.add<BookingChangedEvent>(manager, scope.caller, { subject, districtId: after.district_id, data: event(after) });
        return this.toView(scope, after);
      }));
    } catch (error) {
      if (pgCode(error) === EXCLUSION_VIOLATION) {
        const row = await this.row(this.dataSource.manager, id);
        throw await this.slotTaken(row.facility_id, row.starts_at, row.ends_at);
      }
      throw error;
    }
  }

  /** The 409 for a slot another booking holds, naming that booking's time. */
  private async slotTaken(facilityId: string, startsAt: Date, endsAt: Date): Promise<ConflictError> {
    const [holder]: { starts_at: Date; ends_at: Date }[] = await this.dataSource.query(
      `SELECT starts_at, ends_at FROM booking WHERE facility_id = $1 AND status IN ('pending', 'approved')
          AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)') ORDER BY starts_at LIMIT 1`,
      [facilityId, startsAt, endsAt],
    );
    const slot = slotTimes(holder?.starts_at ?? startsAt, holder?.ends_at ?? endsAt);
    return ConflictError.of('curriculum.booking.slot-taken', { slot }, [fieldError('startsAt', 'curriculum.booking.slot-taken-field', { slot })]);
  }

  private async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<BookingRow> {
    const { params, bind } = binder();
    const where = [`b.id = ${bind(id)}`];
    const visible = facilityVisibility(scope, bind);
    if (visible) where.push(visible);
    const [row]: BookingRow[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF b' : ''}`, params);
    if (!row) throw new NotFoundError('booking', id);
    return row;
  }

  private async row(manager: EntityManager, id: string): Promise<BookingRow> {
    const [row]: BookingRow[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE b.id = $1`, [id]);
    if (!row) throw new NotFoundError('booking', id);
    return row;
  }

  private canDecide(scope: AccessScope, b: BookingRow): boolean {
    return managesSchool(scope, b.owner_school_id, b.district_id);
  }

  private canCancel(scope: AccessScope, b: BookingRow): boolean {
    return b.requested_by === scope.caller.id || managesSchool(scope, b.requester_school_id, b.district_id) || this.canDecide(scope, b);
  }

  private toView(scope: AccessScope, b: BookingRow): BookingView {
    const open = b.status === 'pending' || b.status === 'approved';
    return {
      id: b.id, districtId: b.district_id, facilityId: b.facility_id, facilityName: b.facility_name, facilityKind: b.facility_kind,
      ownerSchoolId: b.owner_school_id, ownerSchoolName: b.owner_school_name ?? '', requesterSchoolId: b.requester_school_id,
      requesterSchoolName: b.requester_school_name ?? '', requestedBy: b.requested_by, requestedByName: b.requested_by_name,
      startsAt: iso(b.starts_at), endsAt: iso(b.ends_at), purpose: b.purpose, attendees: b.attendees, status: b.status, reason: b.reason,
      decidedAt: isoOrNull(b.decided_at), canDecide: b.status === 'pending' && this.canDecide(scope, b),
      canCancel: open && new Date(b.ends_at).getTime() > Date.now() && this.canCancel(scope, b), createdAt: iso(b.created_at),
    };
  }
}

const snapshot = (b: BookingRow): Record<string, unknown> => ({
  facilityId: b.facility_id, requesterSchoolId: b.requester_school_id, startsAt: iso(b.starts_at), endsAt: iso(b.ends_at),
  purpose: b.purpose, attendees: b.attendees, status: b.status, reason: b.reason,
});

const event = (b: BookingRow): BookingChangedEvent => ({
  bookingId: b.id, facilityId: b.facility_id, districtId: b.district_id, ownerSchoolId: b.owner_school_id, requesterSchoolId: b.requester_school_id,
  startsAt: iso(b.starts_at), endsAt: iso(b.ends_at), status: b.status, reason: b.reason,
});
