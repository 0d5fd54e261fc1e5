import type {
  BellScheduleView, FieldError, LessonNeedsView, SetBellScheduleDto, SetLessonNeedsDto, SetTeacherLimitsDto, SetTravelDto, TeacherLimitsView, TravelView,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, fieldError, ForbiddenError, NotFoundError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso, SqlParams, teacherVisibility } from '../../common/access.js';
import { TIMETABLE_DEFAULTS, WEEKDAYS, type BellPeriod, type UnavailableTime } from '../solver/timetable.model.js';
import { checkTimetableInput } from '../solver/timetable.input.js';

interface SchoolFacts { id: string; district_id: string }
export interface AllianceFacts { id: string; district_id: string; school_ids: string[] }
interface TeacherFacts { id: string; district_id: string; subjects: string[]; alliance_ids: string[] }

/** Placements whose teacher still teaches under them (or will). */
export const LIVE_PLACEMENT = `p.status IN ('proposed', 'home_approved', 'approved', 'active')`;

/** The solver's field names for one school, teacher or lesson list, as the request names them. */
const unprefix = (errors: FieldError[], prefix: string): FieldError[] =>
  errors.map((e) => ({ ...e, field: e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field }));

/**
 * The solver's stored inputs (走教排课的基础数据): a school's bell schedule and the lessons it needs, entered by
 * the school's admin; an itinerant teacher's unavailable times and daily travel limit, entered by the admin of an
 * alliance the teacher works in. Each is replaced as a whole and checked with the solver's own input check, so
 * what is stored is what the solver accepts row by row. Schools and teachers the caller may not see answer 404.
 */
@Injectable()
export class SolverInputsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter) {}

  async bells(scope: AccessScope, schoolId: string): Promise<BellScheduleView> {
    await this.school(scope, schoolId);
    return this.loadBells(this.dataSource.manager, schoolId);
  }

  async setBells(scope: AccessScope, dto: SetBellScheduleDto): Promise<BellScheduleView> {
    const school = await this.school(scope, dto.schoolId);
    if (!scope.isSchoolAdmin(school.id, school.district_id)) throw ForbiddenError.of('exchange.timetable-solver.inputs-forbidden');
    const weekdays = [...new Set(dto.weekdays)].sort((a, b) => a - b);
    const periods: BellPeriod[] = dto.periods.map((p) => ({ startsAt: p.startsAt, endsAt: p.endsAt }));
    const errors = checkTimetableInput({ schools: [{ id: school.id, lat: null, lng: null, periods, weekdays }], teachers: [], lessons: [], params: TIMETABLE_DEFAULTS });
    if (errors.length) throw new ValidationError(unprefix(errors, 'schools[0].').map(({ row: _row, ...e }) => e));
    return this.dataSource.transaction(async (manager) => {
      const before = await this.loadBells(manager, school.id);
      await manager.query(
        `INSERT INTO solver_bell_schedule (school_id, district_id, weekdays, periods, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (school_id) DO UPDATE SET weekdays = EXCLUDED.weekdays, periods = EXCLUDED.periods, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [school.id, school.district_id, weekdays, JSON.stringify(periods), scope.caller.id],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: school.district_id, action: 'solver.bells.set', entityType: 'school', entityId: school.id,
        before: before.updatedAt ? { weekdays: before.weekdays, periods: before.periods } : null, after: { weekdays, periods },
      });
      return this.loadBells(manager, school.id);
    });
  }

  async needs(scope: AccessScope, schoolId: string): Promise<LessonNeedsView> {
    await this.school(scope, schoolId);
    return this.loadNeeds(this.dataSource.manager, schoolId);
  }

  async setNeeds(scope: AccessScope, dto: SetLessonNeedsDto): Promise<LessonNeedsView> {
    const school = await this.school(scope, dto.schoolId);
    if (!scope.isSchoolAdmin(school.id, school.district_id)) throw ForbiddenError.of('exchange.timetable-solver.inputs-forbidden');
    const lessons = dto.lessons.map((l) => ({ ...l, className: l.className.trim(), teacherId: l.teacherId ?? null }));
    return this.dataSource.transaction(async (manager) => {
      const bells = await this.loadBells(manager, school.id);
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      lessons.forEach((l, row) => {
        const key = `${l.subject}|${l.grade}|${l.className}`;
        if (seen.has(key)) errors.push(fieldError(`lessons[${row}].className`, 'exchange.timetable-solver.need-duplicate', {}, row));
        seen.add(key);
      });
      // periods a week against the school's weekdays (Monday to Friday until a bell schedule is entered)
      const checked = checkTimetableInput({
        schools: [{ id: school.id, lat: null, lng: null, periods: [{ startsAt: '08:00', endsAt: '08:40' }], weekdays: bells.updatedAt ? bells.weekdays : [...WEEKDAYS] }],
        teachers: [], lessons: lessons.map((l, i) => ({ id: String(i), schoolId: school.id, subject: l.subject, className: l.className, periodsPerWeek: l.periodsPerWeek })),
        params: TIMETABLE_DEFAULTS,
      });
      errors.push(...checked.filter((e) => e.code === 'exchange.timetable-solver.lesson-periods'));
      const fixed = [...new Set(lessons.map((l) => l.teacherId).filter((id): id is string => id !== null))];
      const placed = new Set<string>(fixed.length
        ? (await manager.query(
          `SELECT DISTINCT p.teacher_id::text AS id FROM placement p JOIN placement_host h ON h.placement_id = p.id
            WHERE p.kind = 'itinerant' AND ${LIVE_PLACEMENT} AND h.school_id = $1 AND p.teacher_id = ANY($2::uuid[])`, [school.id, fixed],
        ) as { id: string }[]).map((r) => r.id)
        : []);
      lessons.forEach((l, row) => {
        if (l.teacherId && !placed.has(l.teacherId)) errors.push(fieldError(`lessons[${row}].teacherId`, 'exchange.timetable-solver.teacher-not-placed', {}, row));
      });
      if (errors.length) throw new ValidationError(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
      const before = await this.loadNeeds(manager, school.id);
      await manager.query('DELETE FROM solver_lesson_need WHERE school_id = $1', [school.id]);
      for (const [row, l] of lessons.entries()) {
        await manager.query(
          `INSERT INTO solver_lesson_need (school_id, district_id, row_no, subject, grade, class_name, periods_per_week, teacher_id, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [school.id, school.district_id, row, l.subject, l.grade, l.className, l.periodsPerWeek, l.teacherId, scope.caller.id],
        );
      }
      const after = await this.loadNeeds(manager, school.id);
      const summary = (v: LessonNeedsView): unknown[] => v.lessons.map(({ id: _id, ...l }) => l);
      await this.audit.record(manager, scope.caller, {
        districtId: school.district_id, action: 'solver.needs.set', entityType: 'school', entityId: school.id,
        before: { lessons: summary(before) }, after: { lessons: summary(after) },
      });
      return after;
    });
  }

  async limits(scope: AccessScope, teacherId: string): Promise<TeacherLimitsView> {
    await this.teacher(scope, teacherId);
    return this.loadLimits(this.dataSource.manager, teacherId);
  }

  async setLimits(scope: AccessScope, dto: SetTeacherLimitsDto): Promise<TeacherLimitsView> {
    const teacher = await this.teacher(scope, dto.teacherId);
    if (!scope.isDistrictAdmin(teacher.district_id) && !teacher.alliance_ids.some((a) => scope.isAllianceAdmin(a, teacher.district_id))) {
      throw ForbiddenError.of('exchange.timetable-solver.limits-forbidden');
    }
    const unavailable: UnavailableTime[] = dto.unavailable.map((u) => ({ weekday: u.weekday, startsAt: u.startsAt, endsAt: u.endsAt }));
    const limit = dto.maxTravelMinutesPerDay ?? null;
    const errors = checkTimetableInput({
      schools: [], lessons: [], params: TIMETABLE_DEFAULTS,
      teachers: [{ id: teacher.id, subjects: teacher.subjects, schoolIds: [], homeSchoolId: null, unavailable, maxTravelMinutesPerDay: limit }],
    });
    if (errors.length) throw new ValidationError(unprefix(errors, 'teachers[0].').map(({ row: _row, ...e }) => e));
    return this.dataSource.transaction(async (manager) => {
      const before = await this.loadLimits(manager, teacher.id);
      await manager.query(
        `INSERT INTO solver_teacher_limit (teacher_id, district_id, unavailable, max_travel_minutes_per_day, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (teacher_id) DO UPDATE SET unavailable = EXCLUDED.unavailable, max_travel_minutes_per_day = EXCLUDED.max_travel_minutes_per_day,
           updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [teacher.id, teacher.district_id, JSON.stringify(unavailable), limit, scope.caller.id],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: teacher.district_id, action: 'solver.limits.set', entityType: 'teacher', entityId: teacher.id,
        before: before.updatedAt ? { unavailable: before.unavailable, maxTravelMinutesPerDay: before.maxTravelMinutesPerDay } : null,
        after: { unavailable, maxTravelMinutesPerDay: limit },
      });
      return this.loadLimits(manager, teacher.id);
    });
  }

  async travel(scope: AccessScope, allianceId: string): Promise<TravelView> {
    const alliance = await this.alliance(scope, allianceId);
    const rows: { school_a: string; school_b: string; minutes: number }[] = await this.dataSource.query(
      `SELECT school_a::text, school_b::text, minutes FROM solver_travel WHERE school_a = ANY($1::uuid[]) AND school_b = ANY($1::uuid[]) ORDER BY school_a, school_b`,
      [alliance.school_ids],
    );
    return { allianceId, entries: rows.map((r) => ({ schoolAId: r.school_a, schoolBId: r.school_b, minutes: r.minutes })) };
  }

  /** Travel minutes between two schools of one alliance, entered by hand (null removes the entry: the coordinates decide again). */
  async setTravel(scope: AccessScope, dto: SetTravelDto): Promise<{ schoolAId: string; schoolBId: string; minutes: number | null }> {
    if (dto.schoolAId === dto.schoolBId) throw ValidationError.of('schoolBId', 'exchange.timetable-solver.travel-same-school');
    const a = await this.school(scope, dto.schoolAId);
    const b = await this.school(scope, dto.schoolBId);
    const shared: { alliance_id: string }[] = await this.dataSource.query(
      `SELECT m1.alliance_id::text FROM directory_member m1 JOIN directory_member m2 ON m2.alliance_id = m1.alliance_id AND m2.active
        WHERE m1.active AND m1.school_id = $1 AND m2.school_id = $2`, [a.id, b.id],
    );
    const mayEdit = a.district_id === b.district_id
      && (scope.isDistrictAdmin(a.district_id) || shared.some((s) => scope.isAllianceAdmin(s.alliance_id, a.district_id)));
    if (!mayEdit) throw ForbiddenError.of('exchange.timetable-solver.travel-forbidden');
    const [first, second] = [a.id, b.id].sort() as [string, string];
    const minutes = dto.minutes ?? null;
    await this.dataSource.transaction(async (manager) => {
      const [before]: { minutes: number }[] = await manager.query('SELECT minutes FROM solver_travel WHERE school_a = $1 AND school_b = $2', [first, second]);
      if (minutes === null) await manager.query('DELETE FROM solver_travel WHERE school_a = $1 AND school_b = $2', [first, second]);
      else {
        await manager.query(
          `INSERT INTO solver_travel (district_id, school_a, school_b, minutes, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (school_a, school_b) DO UPDATE SET minutes = EXCLUDED.minutes, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [a.district_id, first, second, minutes, scope.caller.id],
        );
      }
      await this.audit.record(manager, scope.caller, {
        districtId: a.district_id, action: 'solver.travel.set', entityType: 'school', entityId: first,
        before: before ? { schoolBId: second, minutes: before.minutes } : null, after: minutes === null ? null : { schoolBId: second, minutes },
      });
    });
    return { schoolAId: first, schoolBId: second, minutes };
  }

  /**
   * An alliance the caller may see, with its active member schools: district admins their district's,
   * alliance admins theirs, school staff the alliances their school is an active member of.
   */
  async alliance(scope: AccessScope, allianceId: string): Promise<AllianceFacts> {
    const [row]: AllianceFacts[] = await this.dataSource.query(
      `SELECT a.id::text, a.district_id::text,
              COALESCE(array_agg(m.school_id::text ORDER BY m.school_id) FILTER (WHERE m.school_id IS NOT NULL), '{}') AS school_ids
         FROM directory_alliance a LEFT JOIN directory_member m ON m.alliance_id = a.id AND m.active
        WHERE a.id = $1 GROUP BY a.id`,
      [allianceId],
    );
    const visible = row && (scope.isAllianceAdmin(row.id, row.district_id) || row.school_ids.some((s) => scope.schoolIds().includes(s)));
    if (!visible) throw new NotFoundError('alliance', allianceId);
    return row;
  }

  /** A school the caller may see: district admins their district's, school staff their own, alliance admins their member schools. */
  async school(scope: AccessScope, schoolId: string): Promise<SchoolFacts> {
    const [row]: SchoolFacts[] = await this.dataSource.query('SELECT id::text, district_id::text FROM directory_school WHERE id = $1', [schoolId]);
    if (!row) throw new NotFoundError('school', schoolId);
    if (scope.isDistrictAdmin(row.district_id) || scope.schoolIds().includes(row.id)) return row;
    const [member] = await this.dataSource.query(
      'SELECT 1 FROM directory_member WHERE school_id = $1 AND active AND alliance_id = ANY($2::uuid[]) LIMIT 1', [schoolId, scope.adminAllianceIds()],
    );
    if (!member) throw new NotFoundError('school', schoolId);
    return row;
  }

  /** A visible teacher, with the alliances of their live placements. */
  private async teacher(scope: AccessScope, teacherId: string): Promise<TeacherFacts> {
    const p = new SqlParams();
    const where = [`t.id = ${p.bind(teacherId)}`];
    const visibility = teacherVisibility(scope, 't', p);
    if (visibility) where.push(visibility);
    const [row]: TeacherFacts[] = await this.dataSource.query(
      `SELECT t.id::text, t.district_id::text, t.subjects,
              ARRAY(SELECT DISTINCT p.alliance_id::text FROM placement p WHERE p.teacher_id = t.id AND ${LIVE_PLACEMENT}) AS alliance_ids
         FROM teacher t WHERE ${where.join(' AND ')}`,
      p.values,
    );
    if (!row) throw new NotFoundError('teacher', teacherId);
    return row;
  }

  private async loadBells(manager: EntityManager, schoolId: string): Promise<BellScheduleView> {
    const [row]: { weekdays: number[]; periods: BellPeriod[]; updated_at: Date }[] = await manager.query(
      'SELECT weekdays, periods, updated_at FROM solver_bell_schedule WHERE school_id = $1', [schoolId],
    );
    return row
      ? { schoolId, weekdays: row.weekdays.map(Number), periods: row.periods, updatedAt: iso(row.updated_at) }
      : { schoolId, weekdays: [...WEEKDAYS], periods: [], updatedAt: null };
  }

  private async loadNeeds(manager: EntityManager, schoolId: string): Promise<LessonNeedsView> {
    const rows: { id: string; subject: string; grade: number; class_name: string; periods_per_week: number; teacher_id: string | null }[] = await manager.query(
      'SELECT id::text, subject, grade, class_name, periods_per_week, teacher_id::text FROM solver_lesson_need WHERE school_id = $1 ORDER BY row_no', [schoolId],
    );
    return {
      schoolId,
      lessons: rows.map((r) => ({
        id: r.id, subject: r.subject as LessonNeedsView['lessons'][number]['subject'], grade: r.grade, className: r.class_name, periodsPerWeek: r.periods_per_week,
        teacherId: r.teacher_id,
      })),
    };
  }

  private async loadLimits(manager: EntityManager, teacherId: string): Promise<TeacherLimitsView> {
    const [row]: { unavailable: UnavailableTime[]; max_travel_minutes_per_day: number | null; updated_at: Date }[] = await manager.query(
      'SELECT unavailable, max_travel_minutes_per_day, updated_at FROM solver_teacher_limit WHERE teacher_id = $1', [teacherId],
    );
    return row
      ? { teacherId, unavailable: row.unavailable, maxTravelMinutesPerDay: row.max_travel_minutes_per_day, updatedAt: iso(row.updated_at) }
      : { teacherId, unavailable: [], maxTravelMinutesPerDay: null, updatedAt: null };
  }
}
