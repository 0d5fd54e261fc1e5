import {
  ActivitiesEvents, type ActivityChangedEvent, type ActivityScheduledEvent, type ActivityView, type CancelOccurrenceDto, type CreateActivityDto,
  type ListActivitiesQueryDto, type ListOccurrencesQueryDto, type OccurrenceCancelledEvent, type OccurrencesView, type OccurrenceView, type Page,
  type UpdateActivityDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, DirectoryService, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
  ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canManage, SqlParams, visibleSql } from '../common/access.js';
import { DAY_MS, iso } from '../common/time.js';
import { AllianceBodies } from '../bodies/alliance-bodies.js';
import { ActivitiesStore, ACTIVITY_SELECT, toView, type ActivityRow } from './activities.store.js';
import { ActivityEntity } from './activity.entity.js';
import { assertAudience, assertTimes, normalisePlace, normaliseRecurrence } from './activity.rules.js';
import { isOccurrence, lastOccurrence, occurrencesBetween } from './recurrence.js';

const MAX_RANGE_DAYS = 400;
const MAX_OCCURRENCES_PER_ANSWER = 3000;

const snapshot = (a: ActivityEntity): Record<string, unknown> => ({
  kind: a.kind, title: a.title, description: a.description, organiserSchoolId: a.organiserSchoolId, startsAt: iso(a.startsAt), endsAt: iso(a.endsAt),
  place: { kind: a.placeKind, schoolId: a.placeSchoolId, facilityName: a.placeFacility, url: a.placeUrl }, audience: a.audience,
  capacityPerSchool: a.capacityPerSchool, recurrence: a.recurrence, status: a.status, cancelReason: a.cancelReason, bodyId: a.bodyId,
});

interface AllianceRow { id: string; district_id: string; status: string }

@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ActivitiesStore,
    private readonly directory: DirectoryService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly bodies: AllianceBodies,
  ) {}

  async create(scope: AccessScope, dto: CreateActivityDto): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.visibleAlliance(scope, dto.allianceId, manager);
      const districtId = alliance.district_id;
      if (!scope.isAllianceAdmin(alliance.id, districtId) && !scope.isSchoolAdmin(dto.organiserSchoolId, districtId)) {
        throw ForbiddenError.of('activities.activity.schedule-forbidden');
      }
      if (alliance.status !== 'active') throw ConflictError.of('activities.activity.alliance-not-active');
      if (!(await this.directory.isActiveMember(alliance.id, dto.organiserSchoolId, manager))) {
        throw ValidationError.of('organiserSchoolId', 'activities.activity.organiser-not-member');
      }
      const startsAt = new Date(dto.startsAt);
      const endsAt = new Date(dto.endsAt);
      assertTimes(startsAt, endsAt);
      const recurrence = normaliseRecurrence(dto.recurrence, startsAt, endsAt);
      const place = normalisePlace(dto.place);
      await this.assertPlaceSchool(alliance.id, place.schoolId, manager);
      assertAudience(dto.audience);
      if (dto.bodyId) await this.bodies.assertOf(scope, dto.bodyId, alliance.id, 'activities.activity.body-not-found');
      const repo = manager.getRepository(ActivityEntity);
      const activity = await repo.save(repo.create({
        districtId, allianceId: alliance.id, organiserSchoolId: dto.organiserSchoolId, kind: dto.kind, title: dto.title.trim(),
        description: dto.description?.trim() || null, startsAt, endsAt, placeKind: place.kind, placeSchoolId: place.schoolId,
        placeFacility: place.facilityName, placeUrl: place.url, audience: dto.audience, capacityPerSchool: dto.capacityPerSchool ?? null,
        recurrence, lastOccurrenceAt: lastOccurrence(startsAt, recurrence), bodyId: dto.bodyId ?? null, status: 'scheduled', cancelReason: null, createdBy: scope.caller.id,
      }));
      await this.audit.record(manager, scope.caller, { districtId, action: 'activity.scheduled', entityType: 'activity', entityId: activity.id, after: snapshot(activity) });
      const row = await this.store.visibleRow(scope, activity.id, manager);
      await this.outbox.add<ActivityScheduledEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.activityScheduled, districtId,
        data: {
          activityId: activity.id, districtId, allianceId: alliance.id, organiserSchoolId: activity.organiserSchoolId, kind: activity.kind,
          title: activity.title, startsAt: iso(startsAt), endsAt: iso(endsAt), rrule: toView(scope, row).rrule,
        },
      });
      return toView(scope, row);
    });
  }

  async list(scope: AccessScope, query: ListActivitiesQueryDto): Promise<Page<ActivityView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { startsAt: 'a.starts_at', title: 'a.title', createdAt: 'a.created_at', kind: 'a.kind' }, '-startsAt');
    const p = new SqlParams();
    const where = [visibleSql(scope, 'a', p)];
    if (query.allianceId) where.push(`a.alliance_id = ${p.add(query.allianceId)}`);
    if (query.kind) where.push(`a.kind = ${p.add(query.kind)}`);
    if (query.status) where.push(`a.status = ${p.add(query.status)}`);
    if (query.organiserSchoolId) where.push(`a.organiser_school_id = ${p.add(query.organiserSchoolId)}`);
    if (query.bodyId) where.push(`a.body_id = ${p.add(query.bodyId)}`);
    if (query.q) where.push(`(a.title ILIKE ${p.add(likePattern(query.q))} ESCAPE '\\' OR a.description ILIKE $${p.values.length} ESCAPE '\\')`);
    const rows: ActivityRow[] = await this.dataSource.query(
      `${ACTIVITY_SELECT.replace('SELECT a.*,', 'SELECT a.*, count(*) OVER () AS total,')}
        WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, a.id
        OFFSET ${p.add(window.offset)} LIMIT ${p.add(window.pageSize)}`,
      p.values,
    );
    const total = rows[0]?.total ? Number(rows[0].total) : window.offset > 0 ? await this.count(scope, query) : 0;
    return toPage(rows.map((row) => toView(scope, row)), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<ActivityView> {
    return toView(scope, await this.store.visibleRow(scope, id));
  }

  async update(scope: AccessScope, id: string, changes: UpdateActivityDto): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.store.visible(scope, id, manager, true);
      if (!canManage(scope, activity)) throw ForbiddenError.of('activities.activity.update-forbidden');
      if (activity.status === 'cancelled') throw ConflictError.of('activities.activity.cancelled-unchangeable');
      const before = snapshot(activity);
      if (changes.kind !== undefined) activity.kind = changes.kind;
      if (changes.title !== undefined) activity.title = changes.title.trim();
      if (changes.description !== undefined) activity.description = changes.description.trim() || null;
      if (changes.startsAt !== undefined) activity.startsAt = new Date(changes.startsAt);
      if (changes.endsAt !== undefined) activity.endsAt = new Date(changes.endsAt);
      assertTimes(activity.startsAt, activity.endsAt);
      if (changes.recurrence !== undefined || changes.startsAt !== undefined || changes.endsAt !== undefined) {
        const dto = changes.recurrence !== undefined ? changes.recurrence : activity.recurrence;
        activity.recurrence = normaliseRecurrence(dto ? { ...dto, until: dto.until ?? undefined, count: dto.count ?? undefined } : null, activity.startsAt, activity.endsAt);
        activity.lastOccurrenceAt = lastOccurrence(activity.startsAt, activity.recurrence);
        await this.assertRegistrationsKept(manager, activity);
      }
      if (changes.place !== undefined) {
        const place = normalisePlace(changes.place);
        await this.assertPlaceSchool(activity.allianceId, place.schoolId, manager);
        Object.assign(activity, { placeKind: place.kind, placeSchoolId: place.schoolId, placeFacility: place.facilityName, placeUrl: place.url });
      }
      if (changes.audience !== undefined) {
        assertAudience(changes.audience);
        activity.audience = changes.audience;
      }
      if (changes.capacityPerSchool !== undefined) activity.capacityPerSchool = changes.capacityPerSchool;
      if (changes.bodyId !== undefined) {
        if (changes.bodyId && changes.bodyId !== activity.bodyId) await this.bodies.assertOf(scope, changes.bodyId, activity.allianceId, 'activities.activity.body-not-found');
        activity.bodyId = changes.bodyId;
      }
      await manager.getRepository(ActivityEntity).save(activity);
      await this.audit.record(manager, scope.caller, {
        districtId: activity.districtId, action: 'activity.updated', entityType: 'activity', entityId: activity.id, before, after: snapshot(activity),
      });
      await this.outbox.add<ActivityChangedEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.activityUpdated, districtId: activity.districtId,
        data: { activityId: activity.id, districtId: activity.districtId, allianceId: activity.allianceId },
      });
      return toView(scope, await this.store.visibleRow(scope, id, manager));
    });
  }

  async cancel(scope: AccessScope, id: string, reason: string): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.store.visible(scope, id, manager, true);
      if (!canManage(scope, activity)) throw ForbiddenError.of('activities.activity.cancel-forbidden');
      if (activity.status === 'cancelled') throw ConflictError.of('activities.activity.already-cancelled');
      const before = snapshot(activity);
      activity.status = 'cancelled';
      activity.cancelReason = reason.trim();
      await manager.getRepository(ActivityEntity).save(activity);
      await this.audit.record(manager, scope.caller, {
        districtId: activity.districtId, action: 'activity.cancelled', entityType: 'activity', entityId: activity.id, before, after: snapshot(activity),
      });
      await this.outbox.add<ActivityChangedEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.activityCancelled, districtId: activity.districtId,
        data: { activityId: activity.id, districtId: activity.districtId, allianceId: activity.allianceId, reason: activity.cancelReason },
      });
      return toView(scope, await this.store.visibleRow(scope, id, manager));
    });
  }

  /**
   * Cancels one occurrence of a repeating activity — a holiday, an exam week — while the series goes
   * on: the registrations of that occurrence are cancelled with it, calendars get an EXDATE, and no one
   * can register for it again. A one-off activity is cancelled as a whole instead.
   */
  async cancelOccurrence(scope: AccessScope, id: string, dto: CancelOccurrenceDto, now = new Date()): Promise<OccurrenceView> {
    const start = new Date(dto.occurrenceStart);
    return this.dataSource.transaction(async (manager) => {
      // First the occurrence's lock (registrations hold it shared), then the activity row: registrations
      // take them in that order too (their insert needs a key-share lock on the activity), so no deadlock.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${id}/${iso(start)}`]);
      const activity = await this.store.visible(scope, id, manager, true);
      if (!canManage(scope, activity)) throw ForbiddenError.of('activities.occurrence.cancel-forbidden');
      if (activity.status === 'cancelled') throw ConflictError.of('activities.activity.already-cancelled');
      if (!activity.recurrence) throw ConflictError.of('activities.occurrence.one-off');
      if (!isOccurrence(activity.startsAt, activity.recurrence, start)) {
        throw ValidationError.of('body.occurrenceStart', 'activities.occurrence.unknown');
      }
      if (start.getTime() <= now.getTime()) throw ConflictError.of('activities.occurrence.started');
      const inserted: unknown[] = await manager.query(
        `INSERT INTO occurrence_cancellation (activity_id, occurrence_start, reason, cancelled_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING activity_id`,
        [activity.id, start, dto.reason.trim(), scope.caller.id],
      );
      if (!inserted.length) throw ConflictError.of('activities.occurrence.already-cancelled');
      const [{ n: registrationsCancelled }]: { n: number }[] = await manager.query(
        `WITH cancelled AS (
           UPDATE registration SET status = 'cancelled', cancelled_at = now()
            WHERE activity_id = $1 AND occurrence_start = $2 AND status = 'registered' RETURNING id
         ) SELECT count(*)::int AS n FROM cancelled`,
        [activity.id, start],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: activity.districtId, action: 'activity.occurrence_cancelled', entityType: 'activity', entityId: activity.id,
        after: { occurrenceStart: iso(start), reason: dto.reason.trim(), registrationsCancelled },
      });
      await this.outbox.add<OccurrenceCancelledEvent>(manager, scope.caller, {
        subject: ActivitiesEvents.occurrenceCancelled, districtId: activity.districtId,
        data: {
          activityId: activity.id, districtId: activity.districtId, allianceId: activity.allianceId, occurrenceStart: iso(start), reason: dto.reason.trim(),
          registrationsCancelled,
        },
      });
      const row = await this.store.visibleRow(scope, id, manager);
      return this.occurrenceView(scope, row, start, new Map([[`${row.id}/${iso(start)}`, dto.reason.trim()]]));
    });
  }

  /** Every occurrence of the visible activities that starts within [from, to), repetitions expanded. */
  async occurrences(scope: AccessScope, query: ListOccurrencesQueryDto): Promise<OccurrencesView> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to.getTime() <= from.getTime()) throw ValidationError.of('to', 'activities.range.to-before-from');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw ValidationError.of('to', 'activities.range.too-long', { maxDays: MAX_RANGE_DAYS });
    const rows = await this.rowsInRange(scope, from, to, query);
    const cancellations = await this.cancellationsOf(rows.filter((row) => row.recurrence).map((row) => row.id), from, to);
    const items: OccurrenceView[] = [];
    for (const row of rows) {
      for (const start of occurrencesBetween(row.starts_at, row.recurrence, from, to)) items.push(this.occurrenceView(scope, row, start, cancellations));
      if (items.length > MAX_OCCURRENCES_PER_ANSWER) throw ValidationError.of('to', 'activities.range.too-many');
    }
    items.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.activityId.localeCompare(b.activityId));
    return { from: iso(from), to: iso(to), items };
  }

  /** The cancelled single occurrences of these activities within [from, to), keyed `activityId/start`, with their reason. */
  async cancellationsOf(activityIds: string[], from: Date, to: Date, manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!activityIds.length) return new Map();
    const rows: { activity_id: string; occurrence_start: Date; reason: string }[] = await manager.query(
      `SELECT activity_id, occurrence_start, reason FROM occurrence_cancellation
        WHERE activity_id = ANY($1::uuid[]) AND occurrence_start >= $2 AND occurrence_start < $3`,
      [activityIds, from, to],
    );
    return new Map(rows.map((row) => [`${row.activity_id}/${iso(row.occurrence_start)}`, row.reason]));
  }

  /** Every cancelled single occurrence of these activities, by activity (for calendars' EXDATE). */
  async cancelledStarts(activityIds: string[]): Promise<Map<string, Date[]>> {
    const out = new Map<string, Date[]>();
    if (!activityIds.length) return out;
    const rows: { activity_id: string; occurrence_start: Date }[] = await this.dataSource.query(
      'SELECT activity_id, occurrence_start FROM occurrence_cancellation WHERE activity_id = ANY($1::uuid[]) ORDER BY occurrence_start', [activityIds],
    );
    for (const row of rows) out.set(row.activity_id, [...(out.get(row.activity_id) ?? []), row.occurrence_start]);
    return out;
  }

  private occurrenceView(scope: AccessScope, row: ActivityRow, start: Date, cancellations: Map<string, string>): OccurrenceView {
    const view = toView(scope, row);
    const duration = row.ends_at.getTime() - row.starts_at.getTime();
    const cancelReason = cancellations.get(`${row.id}/${iso(start)}`);
    return {
      activityId: row.id, occurrenceStart: iso(start), startsAt: iso(start), endsAt: iso(new Date(start.getTime() + duration)), title: row.title,
      kind: row.kind, status: cancelReason !== undefined ? 'cancelled' : row.status, alliance: view.alliance, organiserSchool: view.organiserSchool,
      place: view.place, recurring: row.recurrence !== null, cancelled: cancelReason !== undefined, cancelReason: cancelReason ?? row.cancel_reason,
    };
  }

  /** Visible activities that may have an occurrence starting within [from, to). */
  async rowsInRange(scope: AccessScope, from: Date, to: Date, filter: { allianceId?: string; kind?: string } = {}): Promise<ActivityRow[]> {
    const p = new SqlParams();
    const where = [visibleSql(scope, 'a', p), `a.starts_at < ${p.add(to)}`, `COALESCE(a.last_occurrence_at, a.starts_at) >= ${p.add(from)}`];
    if (filter.allianceId) where.push(`a.alliance_id = ${p.add(filter.allianceId)}`);
    if (filter.kind) where.push(`a.kind = ${p.add(filter.kind)}`);
    return this.dataSource.query(`${ACTIVITY_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.starts_at, a.id LIMIT 2000`, p.values);
  }

  private async count(scope: AccessScope, query: ListActivitiesQueryDto): Promise<number> {
    const { total } = await this.list(scope, { ...query, page: 1, pageSize: 1 });
    return total;
  }

  /** The alliance as the directory knows it, if the caller may see it (else 404). */
  private async visibleAlliance(scope: AccessScope, allianceId: string, manager: EntityManager): Promise<AllianceRow> {
    const p = new SqlParams();
    const idParam = p.add(allianceId);
    const rows: AllianceRow[] = await manager.query(
      `SELECT a.id, a.district_id, a.status FROM directory_alliance a WHERE a.id = ${idParam} AND ${visibleSql(scope, 'a', p, 'id')}`, p.values,
    );
    if (!rows[0]) throw new NotFoundError('Alliance', allianceId);
    return rows[0];
  }

  private async assertPlaceSchool(allianceId: string, schoolId: string | null, manager: EntityManager): Promise<void> {
    if (schoolId && !(await this.directory.isActiveMember(allianceId, schoolId, manager))) {
      throw ValidationError.of('place.schoolId', 'activities.place.school-not-member');
    }
  }

  /** A new time or repetition must keep every occurrence someone registered for. */
  private async assertRegistrationsKept(manager: EntityManager, activity: ActivityEntity): Promise<void> {
    const rows: { occurrence_start: Date }[] = await manager.query(
      `SELECT DISTINCT occurrence_start FROM registration WHERE activity_id = $1 AND status = 'registered'`, [activity.id],
    );
    const lost = rows.filter((row) => !isOccurrence(activity.startsAt, activity.recurrence, row.occurrence_start));
    if (lost.length) {
      throw ConflictError.of('activities.activity.registrations-on-dropped', { count: lost.length });
    }
  }
}
