import {
  TeacherExchangeEvents, type Caller, type CreateSlotDto, type FieldError, type PlacementStatus, type SlotChangedEvent, type SlotFieldsDto, type SlotSavedView,
  type SlotView,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, NotFoundError, OutboxWriter, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { placementVisibility, SqlParams } from '../common/access.js';
import { pgCode, withDeadlockRetry } from './retry.js';
import { SLOT_SELECT, timed, toSlotView, type SlotRow } from './slot.row.js';
import { checkSlot, EDITABLE_STATUSES, travelWarnings } from './timetable.rules.js';

interface PlacementFacts {
  id: string; district_id: string; alliance_id: string; teacher_id: string; home_school_id: string; status: PlacementStatus;
  starts_on: string; ends_on: string; host_ids: string[];
}

/** What a write saw before the database refused it, to explain the refusal. */
interface Seen { placement?: PlacementFacts; slotId?: string }

const EXCLUSION_VIOLATION = '23P01';
const WEEKDAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Writing the itinerant timetable. The database's exclusion constraint (see the migration) is what keeps a
 * teacher out of two lessons at once, whatever the timing; the loser of a race gets a 409 naming the slot it clashes with.
 */
@Injectable()
export class SlotsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly outbox: OutboxWriter) {}

  async create(scope: AccessScope, dto: CreateSlotDto): Promise<SlotSavedView> {
    return this.saving(dto, async (manager, seen) => {
      const placement = await this.placement(scope, dto.placementId, manager);
      seen.placement = placement;
      this.check(scope, placement, dto);
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO timetable_slot (district_id, alliance_id, placement_id, teacher_id, school_id, weekday, starts_at, ends_at, subject, grade,
                                     class_name, note, starts_on, ends_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [placement.district_id, placement.alliance_id, placement.id, placement.teacher_id, dto.schoolId, dto.weekday, dto.startsAt, dto.endsAt,
          dto.subject, dto.grade, dto.className?.trim() || null, dto.note?.trim() || null, placement.starts_on, placement.ends_on, scope.caller.id],
      );
      const view = await this.load(manager, id);
      await this.record(manager, scope.caller, 'slot.created', TeacherExchangeEvents.slotCreated, view, null);
      return this.withWarnings(manager, view);
    });
  }

  async update(scope: AccessScope, id: string, changes: SlotFieldsDto): Promise<SlotSavedView> {
    return this.saving(changes, async (manager, seen) => {
      const { placement, before } = await this.lockedSlot(scope, id, manager);
      Object.assign(seen, { placement, slotId: id });
      this.check(scope, placement, changes, before.schoolId);
      await manager.query(
        `UPDATE timetable_slot SET school_id = $2, weekday = $3, starts_at = $4, ends_at = $5, subject = $6, grade = $7, class_name = $8, note = $9,
                updated_at = now() WHERE id = $1`,
        [id, changes.schoolId, changes.weekday, changes.startsAt, changes.endsAt, changes.subject, changes.grade, changes.className?.trim() || null,
          changes.note?.trim() || null],
      );
      const view = await this.load(manager, id);
      await this.record(manager, scope.caller, 'slot.updated', TeacherExchangeEvents.slotUpdated, view, before);
      return this.withWarnings(manager, view);
    });
  }

  async remove(scope: AccessScope, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { placement, before } = await this.lockedSlot(scope, id, manager);
      this.mayEdit(scope, placement, before.schoolId);
      if (!EDITABLE_STATUSES.includes(placement.status)) throw ConflictError.of('exchange.timetable.closed', { placementStatus: placement.status });
      await manager.query('DELETE FROM timetable_slot WHERE id = $1', [id]);
      await this.record(manager, scope.caller, 'slot.deleted', TeacherExchangeEvents.slotDeleted, before, before);
    });
  }

  /**
   * Writes many slots inside the caller's transaction, all or nothing (an accepted solver proposal, authorised
   * by its caller for the whole alliance): each insert runs under a savepoint so that every lesson clashing with
   * the teacher's existing slots is named (field lessons[row]), then one 409 lists them all and the caller's
   * transaction rolls back. Returns how many slots were written.
   */
  async createAll(manager: EntityManager, caller: Caller, rows: { dto: CreateSlotDto; row: number }[]): Promise<number> {
    const clashes: FieldError[] = [];
    for (const { dto, row } of rows) {
      const [placement]: PlacementFacts[] = await manager.query(
        `SELECT p.id, p.district_id, p.alliance_id, p.teacher_id, p.home_school_id, p.status, p.starts_on::text, p.ends_on::text,
                ARRAY(SELECT h.school_id::text FROM placement_host h WHERE h.placement_id = p.id) AS host_ids
           FROM placement p WHERE p.id = $1 FOR SHARE OF p`, [dto.placementId],
      );
      if (!placement) throw new NotFoundError('placement', dto.placementId);
      const problems = checkSlot(dto);
      if (!placement.host_ids.includes(dto.schoolId)) problems.push(fieldError('schoolId', 'exchange.timetable.school-not-host'));
      if (problems.length) throw new ValidationError(problems.map((e) => ({ ...e, field: `lessons[${row}].${e.field}`, row })));
      if (!EDITABLE_STATUSES.includes(placement.status)) throw ConflictError.of('exchange.timetable.closed', { placementStatus: placement.status });
      await manager.query('SAVEPOINT accept_slot');
      try {
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO timetable_slot (district_id, alliance_id, placement_id, teacher_id, school_id, weekday, starts_at, ends_at, subject, grade,
                                       class_name, note, starts_on, ends_on, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
          [placement.district_id, placement.alliance_id, placement.id, placement.teacher_id, dto.schoolId, dto.weekday, dto.startsAt, dto.endsAt,
            dto.subject, dto.grade, dto.className?.trim() || null, dto.note?.trim() || null, placement.starts_on, placement.ends_on, caller.id],
        );
        await manager.query('RELEASE SAVEPOINT accept_slot');
        await this.record(manager, caller, 'slot.created', TeacherExchangeEvents.slotCreated, await this.load(manager, id), null);
      } catch (error) {
        if (pgCode(error) !== EXCLUSION_VIOLATION) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT accept_slot');
        const [holder]: SlotRow[] = await manager.query(
          `${SLOT_SELECT} WHERE s.live AND s.teacher_id = $1 AND s.weekday = $2 AND s.starts_at < $4::time AND s.ends_at > $3::time
             AND daterange(s.starts_on, s.ends_on, '[]') && daterange($5::date, $6::date, '[]') ORDER BY s.starts_at LIMIT 1`,
          [placement.teacher_id, dto.weekday, dto.startsAt, dto.endsAt, placement.starts_on, placement.ends_on],
        );
        const at = holder ? toSlotView(holder) : { weekday: dto.weekday, startsAt: dto.startsAt, endsAt: dto.endsAt };
        clashes.push(fieldError(`lessons[${row}]`, 'exchange.timetable-solver.accept-clash', { weekday: WEEKDAY[at.weekday] ?? String(at.weekday), startsAt: at.startsAt, endsAt: at.endsAt }, row));
      }
    }
    if (clashes.length) throw ConflictError.of('exchange.timetable-solver.accept-clashes', { count: clashes.length }, clashes);
    return rows.length;
  }

  /**
   * A visible slot and its placement, locked in the order a placement's status change locks them
   * (the placement, then its slots), so editing a lesson and ending its placement cannot deadlock.
   */
  private async lockedSlot(scope: AccessScope, id: string, manager: EntityManager): Promise<{ placement: PlacementFacts; before: SlotView }> {
    const seen = await this.visible(scope, id, manager, false);
    const placement = await this.placement(scope, seen.placementId, manager);
    return { placement, before: await this.visible(scope, id, manager, true) };
  }

  /** Order of answers: unseen placement 404, a role that may not edit 403, bad fields 400, finished placement 409. */
  private check(scope: AccessScope, placement: PlacementFacts, dto: SlotFieldsDto, currentSchoolId?: string): void {
    this.mayEdit(scope, placement);
    const problems = checkSlot(dto);
    if (!placement.host_ids.includes(dto.schoolId)) problems.push(fieldError('schoolId', 'exchange.timetable.school-not-host'));
    if (problems.length) throw new ValidationError(problems);
    for (const school of new Set([dto.schoolId, currentSchoolId ?? dto.schoolId])) this.mayEdit(scope, placement, school);
    if (!EDITABLE_STATUSES.includes(placement.status)) throw ConflictError.of('exchange.timetable.closed', { placementStatus: placement.status });
  }

  /** The home school's admin edits every slot; a host school's admin the slots at their school (district admins count as both). */
  private mayEdit(scope: AccessScope, placement: PlacementFacts, schoolId?: string): void {
    if (scope.isSchoolAdmin(placement.home_school_id, placement.district_id)) return;
    const hosts = schoolId ? [schoolId] : placement.host_ids;
    if (!hosts.some((s) => placement.host_ids.includes(s) && scope.isSchoolAdmin(s, placement.district_id))) {
      throw ForbiddenError.of(schoolId ? 'exchange.timetable.slot-edit-forbidden' : 'exchange.timetable.edit-forbidden');
    }
  }

  /** Runs a write, retrying deadlocks of racing inserts and naming the clashing slot when the constraint refuses. */
  private async saving(dto: SlotFieldsDto, work: (manager: EntityManager, seen: Seen) => Promise<SlotSavedView>): Promise<SlotSavedView> {
    const seen: Seen = {};
    try {
      return await withDeadlockRetry(() => this.dataSource.transaction((manager) => work(manager, seen)));
    } catch (error) {
      if (pgCode(error) !== EXCLUSION_VIOLATION || !seen.placement) throw error;
      throw await this.clash(dto, seen.placement, seen.slotId);
    }
  }

  /** The 409 for a clash, naming the slot the teacher already has then. */
  private async clash(dto: SlotFieldsDto, placement: PlacementFacts, exceptSlotId: string | undefined): Promise<ConflictError> {
    const [holder]: SlotRow[] = await this.dataSource.query(
      `${SLOT_SELECT} WHERE s.live AND s.teacher_id = $1 AND s.weekday = $2 AND s.starts_at < $4::time AND s.ends_at > $3::time
         AND daterange(s.starts_on, s.ends_on, '[]') && daterange($5::date, $6::date, '[]') AND s.id IS DISTINCT FROM $7::uuid
       ORDER BY s.starts_at LIMIT 1`,
      [placement.teacher_id, dto.weekday, dto.startsAt, dto.endsAt, placement.starts_on, placement.ends_on, exceptSlotId ?? null],
    );
    if (!holder) return ConflictError.of('exchange.timetable.clash', {}, [fieldError('startsAt', 'exchange.timetable.clash-field')]);
    const slot = toSlotView(holder);
    const said = {
      weekday: WEEKDAY[slot.weekday] ?? String(slot.weekday), startsAt: slot.startsAt, endsAt: slot.endsAt, teacherSubject: slot.subject, schoolName: slot.schoolName, slotId: slot.id,
    };
    return ConflictError.of('exchange.timetable.clash-with', said, [fieldError('startsAt', 'exchange.timetable.clash-with-field', said)]);
  }

  /** The placement, if the caller may see it; locked against a concurrent status change while its timetable is written. */
  private async placement(scope: AccessScope, id: string, manager: EntityManager): Promise<PlacementFacts> {
    const p = new SqlParams();
    const where = [`p.id = ${p.bind(id)}`];
    const visibility = placementVisibility(scope, 'p', p);
    if (visibility) where.push(visibility);
    const [row]: PlacementFacts[] = await manager.query(
      `SELECT p.id, p.district_id, p.alliance_id, p.teacher_id, p.home_school_id, p.status, p.starts_on::text, p.ends_on::text,
              ARRAY(SELECT h.school_id::text FROM placement_host h WHERE h.placement_id = p.id) AS host_ids
         FROM placement p WHERE ${where.join(' AND ')} FOR SHARE OF p`,
      p.values,
    );
    if (!row) throw new NotFoundError('placement', id);
    return row;
  }

  private async visible(scope: AccessScope, id: string, manager: EntityManager, lock: boolean): Promise<SlotView> {
    const p = new SqlParams();
    const where = [`s.id = ${p.bind(id)}`];
    const visibility = placementVisibility(scope, 'p', p);
    if (visibility) where.push(visibility);
    const [row]: SlotRow[] = await manager.query(`${SLOT_SELECT} WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF s' : ''}`, p.values);
    if (!row) throw new NotFoundError('slot', id);
    return toSlotView(row);
  }

  private async load(manager: EntityManager, id: string): Promise<SlotView> {
    const [row]: SlotRow[] = await manager.query(`${SLOT_SELECT} WHERE s.id = $1`, [id]);
    return toSlotView(row as SlotRow);
  }

  /** The tight transfers this slot takes part in, among the teacher's live slots that day. */
  private async withWarnings(manager: EntityManager, view: SlotView): Promise<SlotSavedView> {
    const rows: SlotRow[] = await manager.query(`${SLOT_SELECT} WHERE s.live AND s.teacher_id = $1 AND s.weekday = $2`, [view.teacherId, view.weekday]);
    const warnings = travelWarnings(rows.map(toSlotView).map(timed)).filter((w) => w.fromSlotId === view.id || w.toSlotId === view.id);
    return { ...view, travelWarnings: warnings };
  }

  private async record(manager: EntityManager, caller: Caller, action: string, subject: string, view: SlotView, before: SlotView | null): Promise<void> {
    const snapshot = (v: SlotView): Record<string, unknown> => ({
      schoolId: v.schoolId, weekday: v.weekday, startsAt: v.startsAt, endsAt: v.endsAt, subject: v.subject, grade: v.grade, className: v.className, note: v.note,
    });
    const deleted = action === 'slot.deleted';
    await this.audit.record(manager, caller, {
      districtId: view.districtId, action, entityType: 'timetable_slot', entityId: view.id,
      before: before ? snapshot(before) : null, after: deleted ? null : { placementId: view.placementId, ...snapshot(view) },
    });
    await this.outbox.add<SlotChangedEvent>(manager, caller, {
      subject, districtId: view.districtId,
      data: {
        slotId: view.id, placementId: view.placementId, districtId: view.districtId, allianceId: view.allianceId, teacherId: view.teacherId,
        schoolId: view.schoolId, weekday: view.weekday, startsAt: view.startsAt, endsAt: view.endsAt, subject: view.subject, grade: view.grade,
      },
    });
  }
}
