import {
  ActivitiesEvents, type AttendanceQueryDto, type AttendanceView, type CreateRegistrationDto, type ListRegistrationsQueryDto, type Page,
  type RegistrationEvent, type RegistrationView,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, DirectoryService, ForbiddenError, likePattern, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage,
  ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivitiesStore } from '../activities/activities.store.js';
import { assertAdmits, assertCapacity } from '../activities/activity.rules.js';
import type { ActivityEntity } from '../activities/activity.entity.js';
import { isOccurrence } from '../activities/recurrence.js';
import { actsForSchool, canManage, SqlParams } from '../common/access.js';
import { iso, isoOrNull, shanghaiDate } from '../common/time.js';
import { RegistrationEntity } from './registration.entity.js';

interface RegistrationRow {
  id: string; activity_id: string; occurrence_start: Date; school_id: string; school_name: string | null; participant_kind: RegistrationEntity['participantKind'];
  participant_name: string; grade: number | null; note: string | null; status: RegistrationEntity['status']; registered_by: string; registered_at: Date;
  cancelled_at: Date | null; checked_in_at: Date | null; total?: string;
}

const REGISTRATION_SELECT = `SELECT r.*, s.name AS school_name FROM registration r LEFT JOIN directory_school s ON s.id = r.school_id`;

const toView = (row: RegistrationRow): RegistrationView => ({
  id: row.id, activityId: row.activity_id, occurrenceStart: iso(row.occurrence_start), school: { id: row.school_id, name: row.school_name ?? '' },
  participantKind: row.participant_kind, participantName: row.participant_name, grade: row.grade, note: row.note, status: row.status,
  registeredAt: iso(row.registered_at), cancelledAt: isoOrNull(row.cancelled_at), checkedInAt: isoOrNull(row.checked_in_at),
});

const snapshot = (r: RegistrationRow): Record<string, unknown> => ({
  occurrenceStart: iso(r.occurrence_start), schoolId: r.school_id, participantKind: r.participant_kind, participantName: r.participant_name,
  grade: r.grade, status: r.status, checkedInAt: isoOrNull(r.checked_in_at),
});

/** Who registers whom, within each school's places, and who checks them in. */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesStore,
    private readonly directory: DirectoryService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Registers a participant for one occurrence. Places are counted under a transaction-scoped advisory
   * lock on (activity, occurrence, school), so concurrent registrations of one school queue up and can
   * never exceed its capacity, while other schools register in parallel.
   */
  async register(scope: AccessScope, activityId: string, dto: CreateRegistrationDto, now = new Date()): Promise<RegistrationView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.visible(scope, activityId, manager);
      const mayAct = canManage(scope, activity) || actsForSchool(scope, dto.schoolId, activity.districtId, dto.participantKind === 'teacher');
      if (!mayAct) throw ForbiddenError.of('activities.registration.register-forbidden');
      if (activity.status === 'cancelled') throw ConflictError.of('activities.registration.activity-cancelled');
      const occurrence = this.occurrenceOf(activity, dto.occurrenceStart);
      if (occurrence.getTime() + (activity.endsAt.getTime() - activity.startsAt.getTime()) <= now.getTime()) {
        throw ConflictError.of('activities.registration.occurrence-over');
      }
      if (!(await this.directory.isActiveMember(activity.allianceId, dto.schoolId, manager))) {
        throw ValidationError.of('schoolId', 'activities.registration.school-not-member');
      }
      assertAdmits(activity.audience, dto.participantKind, dto.grade);
      // shared with other registrations, exclusive against cancelling this occurrence (ActivitiesService.cancelOccurrence)
      await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [`${activity.id}/${iso(occurrence)}`]);
      const [cancelled] = await manager.query('SELECT 1 FROM occurrence_cancellation WHERE activity_id = $1 AND occurrence_start = $2', [activity.id, occurrence]);
      if (cancelled) throw ConflictError.of('activities.registration.occurrence-cancelled');
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`${activity.id}/${iso(occurrence)}`, dto.schoolId]);
      const [{ taken }] = await manager.query(
        `SELECT count(*)::int AS taken FROM registration WHERE activity_id = $1 AND occurrence_start = $2 AND school_id = $3 AND status = 'registered'`,
        [activity.id, occurrence, dto.schoolId],
      );
      assertCapacity(activity.capacityPerSchool, taken);
      const [inserted]: { id: string }[] = await manager.query(
        `INSERT INTO registration (activity_id, occurrence_start, school_id, participant_kind, participant_name, grade, note, status, registered_by, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'registered', $8, $9) RETURNING id`,
        [activity.id, occurrence, dto.schoolId, dto.participantKind, dto.participantName.trim(), dto.participantKind === 'student' ? dto.grade : null,
          dto.note?.trim() || null, scope.caller.id, now],
      );
      const row = await this.row(manager, inserted!.id);
      await this.audit.record(manager, scope.caller, { districtId: activity.districtId, action: 'registration.created', entityType: 'registration', entityId: row.id, after: snapshot(row) });
      await this.emit(manager, scope, ActivitiesEvents.registrationCreated, activity, row);
      return toView(row);
    });
  }

  async list(scope: AccessScope, activityId: string, query: ListRegistrationsQueryDto): Promise<Page<RegistrationView>> {
    const activity = await this.activities.visible(scope, activityId);
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { registeredAt: 'r.registered_at', participantName: 'r.participant_name', occurrenceStart: 'r.occurrence_start' }, 'registeredAt');
    const p = new SqlParams();
    const where = [`r.activity_id = ${p.add(activity.id)}`];
    // names of participants are their schools' business: only those who run the activity see every school's
    if (!canManage(scope, activity)) where.push(`r.school_id = ANY(${p.add(scope.schoolIds())}::uuid[])`);
    if (query.occurrenceStart) where.push(`r.occurrence_start = ${p.add(new Date(query.occurrenceStart))}`);
    if (query.schoolId) where.push(`r.school_id = ${p.add(query.schoolId)}`);
    if (query.status) where.push(`r.status = ${p.add(query.status)}`);
    if (query.q) where.push(`r.participant_name ILIKE ${p.add(likePattern(query.q))} ESCAPE '\\'`);
    const rows: RegistrationRow[] = await this.dataSource.query(
      `${REGISTRATION_SELECT.replace('SELECT r.*,', 'SELECT r.*, count(*) OVER () AS total,')} WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, r.id OFFSET ${p.add(window.offset)} LIMIT ${p.add(window.pageSize)}`,
      p.values,
    );
    return toPage(rows.map(toView), rows[0]?.total ? Number(rows[0].total) : 0, window);
  }

  async cancel(scope: AccessScope, registrationId: string): Promise<RegistrationView> {
    return this.change(scope, registrationId, 'registration.cancelled', async (manager, activity, row) => {
      const mayAct = canManage(scope, activity) || actsForSchool(scope, row.school_id, activity.districtId) || row.registered_by === scope.caller.id;
      if (!mayAct) throw ForbiddenError.of('activities.registration.cancel-forbidden');
      if (row.status === 'cancelled') throw ConflictError.of('activities.registration.already-cancelled');
      if (row.checked_in_at) throw ConflictError.of('activities.registration.checked-in-uncancellable');
      await manager.query(`UPDATE registration SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [row.id]);
      return ActivitiesEvents.registrationCancelled;
    });
  }

  async checkIn(scope: AccessScope, registrationId: string, now = new Date()): Promise<RegistrationView> {
    return this.change(scope, registrationId, 'registration.checked_in', async (manager, activity, row) => {
      if (!canManage(scope, activity) && !actsForSchool(scope, row.school_id, activity.districtId)) {
        throw ForbiddenError.of('activities.registration.check-in-forbidden');
      }
      if (row.status === 'cancelled') throw ConflictError.of('activities.registration.cancelled');
      if (row.checked_in_at) throw ConflictError.of('activities.registration.already-checked-in');
      if (shanghaiDate(now) < shanghaiDate(row.occurrence_start)) throw ConflictError.of('activities.registration.check-in-not-open');
      await manager.query(`UPDATE registration SET checked_in_at = $2, checked_in_by = $3 WHERE id = $1`, [row.id, now, scope.caller.id]);
      return ActivitiesEvents.registrationCheckedIn;
    });
  }

  /** Registered and checked-in participants per school: every active member school, and any other school that registered. */
  async attendance(scope: AccessScope, activityId: string, query: AttendanceQueryDto): Promise<AttendanceView> {
    const activity = await this.activities.visible(scope, activityId);
    const occurrence = query.occurrenceStart ? this.occurrenceOf(activity, query.occurrenceStart) : null;
    const rows: { school_id: string; name: string | null; registered: number; checked_in: number }[] = await this.dataSource.query(
      `WITH schools AS (
         SELECT school_id FROM directory_member WHERE alliance_id = $1 AND active
         UNION SELECT school_id FROM registration WHERE activity_id = $2 AND status = 'registered'
       )
       SELECT s.school_id, ds.name,
              count(r.id)::int AS registered, count(r.checked_in_at)::int AS checked_in
         FROM schools s
         LEFT JOIN directory_school ds ON ds.id = s.school_id
         LEFT JOIN registration r ON r.school_id = s.school_id AND r.activity_id = $2 AND r.status = 'registered'
              AND ($3::timestamptz IS NULL OR r.occurrence_start = $3)
        GROUP BY s.school_id, ds.name
        ORDER BY registered DESC, ds.name NULLS LAST, s.school_id`,
      [activity.allianceId, activity.id, occurrence],
    );
    return {
      activityId: activity.id, occurrenceStart: isoOrNull(occurrence),
      schools: rows.map((r) => ({ school: { id: r.school_id, name: r.name ?? '' }, registered: r.registered, checkedIn: r.checked_in, capacity: activity.capacityPerSchool })),
    };
  }

  private occurrenceOf(activity: ActivityEntity, occurrenceStart: string | undefined): Date {
    if (!occurrenceStart) return activity.startsAt;
    const at = new Date(occurrenceStart);
    if (!isOccurrence(activity.startsAt, activity.recurrence, at)) throw ValidationError.of('occurrenceStart', 'activities.occurrence.unknown');
    return at;
  }

  private async row(manager: EntityManager, id: string, lock = false): Promise<RegistrationRow> {
    const [row]: RegistrationRow[] = await manager.query(`${REGISTRATION_SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
    if (!row) throw new NotFoundError('Registration', id);
    return row;
  }

  /** Loads a registration the caller may see (its activity visible, and its school theirs unless they run it), applies one change, records it. */
  private async change(
    scope: AccessScope, id: string, action: string,
    apply: (manager: EntityManager, activity: ActivityEntity, row: RegistrationRow) => Promise<string>,
  ): Promise<RegistrationView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, id, true);
      const activity = await this.activities.visible(scope, row.activity_id, manager).catch(() => { throw new NotFoundError('Registration', id); });
      const seesSchool = canManage(scope, activity) || scope.schoolIds().includes(row.school_id) || scope.isDistrictAdmin(activity.districtId);
      if (!seesSchool) throw new NotFoundError('Registration', id);
      const subject = await apply(manager, activity, row);
      const after = await this.row(manager, id);
      await this.audit.record(manager, scope.caller, { districtId: activity.districtId, action, entityType: 'registration', entityId: id, before: snapshot(row), after: snapshot(after) });
      await this.emit(manager, scope, subject, activity, after);
      return toView(after);
    });
  }

  private async emit(manager: EntityManager, scope: AccessScope, subject: string, activity: ActivityEntity, row: RegistrationRow): Promise<void> {
    await this.outbox.add<RegistrationEvent>(manager, scope.caller, {
      subject, districtId: activity.districtId,
      data: {
        registrationId: row.id, activityId: activity.id, districtId: activity.districtId, allianceId: activity.allianceId, schoolId: row.school_id,
        occurrenceStart: iso(row.occurrence_start), participantKind: row.participant_kind,
      },
    });
  }
}
