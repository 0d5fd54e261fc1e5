import type { FieldError } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';
import { checkTimetableInput } from '../solver/timetable.input.js';
import { pairKey, TIMETABLE_DEFAULTS, type BellPeriod, type TimetableInput, type UnavailableTime } from '../solver/timetable.model.js';
import { toWire, type WireInput } from '../solver/timetable.runner.js';
import { LIVE_PLACEMENT, type AllianceFacts } from './solver-inputs.service.js';

/** What a lesson of the solve is, for writing it as a timetable slot: the solver only knows the class key. */
export interface LessonFacts { subject: string; grade: number; className: string }

/** A solve job's stored input: the solver's input as plain data, and the lessons' own fields. */
export interface StoredInput { problem: WireInput; lessons: Record<string, LessonFacts> }

/**
 * The solver's input for an alliance, from what its schools and teachers entered: its member schools with a
 * bell schedule; the teachers of its live itinerant placements (host schools of those placements, their
 * home school when it has a bell schedule, their unavailable times and travel limit); every lesson its
 * member schools need; the travel minutes entered between its schools. Schools have no coordinates here,
 * so travel between two schools is what was entered for them (without an entry a teacher cannot go
 * between them in one day).
 */
export async function assembleInput(manager: EntityManager, alliance: AllianceFacts, timeLimitSeconds: number): Promise<{ input: StoredInput; errors: FieldError[] }> {
  const members = alliance.school_ids;
  const bells: { school_id: string; weekdays: number[]; periods: BellPeriod[] }[] = await manager.query(
    'SELECT school_id::text, weekdays, periods FROM solver_bell_schedule WHERE school_id = ANY($1::uuid[]) ORDER BY school_id', [members],
  );
  const needs: { id: string; school_id: string; subject: string; grade: number; class_name: string; periods_per_week: number; teacher_id: string | null }[] = await manager.query(
    `SELECT id::text, school_id::text, subject, grade, class_name, periods_per_week, teacher_id::text FROM solver_lesson_need
      WHERE school_id = ANY($1::uuid[]) ORDER BY school_id, row_no`, [members],
  );
  const teachers: { id: string; school_id: string; subjects: string[]; host_ids: string[]; unavailable: UnavailableTime[] | null; limit: number | null }[] = await manager.query(
    `SELECT t.id::text, t.school_id::text, t.subjects, array_agg(DISTINCT h.school_id::text ORDER BY h.school_id::text) AS host_ids,
            l.unavailable, l.max_travel_minutes_per_day AS limit
       FROM placement p JOIN teacher t ON t.id = p.teacher_id JOIN placement_host h ON h.placement_id = p.id
       LEFT JOIN solver_teacher_limit l ON l.teacher_id = t.id
      WHERE p.alliance_id = $1 AND p.kind = 'itinerant' AND ${LIVE_PLACEMENT} AND h.school_id = ANY($2::uuid[])
      GROUP BY t.id, l.teacher_id ORDER BY t.id`, [alliance.id, members],
  );
  const travel: { school_a: string; school_b: string; minutes: number }[] = await manager.query(
    'SELECT school_a::text, school_b::text, minutes FROM solver_travel WHERE school_a = ANY($1::uuid[]) AND school_b = ANY($1::uuid[])', [members],
  );
  const bellOf = new Map(bells.map((b) => [b.school_id, b]));
  const needed = [...new Set(needs.map((n) => n.school_id))];
  const schoolIds = [...new Set([...bells.map((b) => b.school_id), ...needed])].sort();
  const problem: TimetableInput = {
    schools: schoolIds.map((id) => ({ id, lat: null, lng: null, periods: bellOf.get(id)?.periods ?? [], weekdays: (bellOf.get(id)?.weekdays ?? []).map(Number) })),
    teachers: teachers.map((t) => ({
      id: t.id, subjects: t.subjects, schoolIds: t.host_ids.filter((s) => schoolIds.includes(s)), homeSchoolId: bellOf.has(t.school_id) ? t.school_id : null,
      unavailable: t.unavailable ?? [], maxTravelMinutesPerDay: t.limit,
    })),
    // a class is a grade and a class name at its school: the solver's class key joins the two
    lessons: needs.map((n) => ({ id: n.id, schoolId: n.school_id, subject: n.subject, className: `${n.grade}|${n.class_name}`, periodsPerWeek: n.periods_per_week, teacherId: n.teacher_id })),
    params: { ...TIMETABLE_DEFAULTS, timeLimitSeconds },
    travelOverrides: new Map(travel.map((t) => [pairKey(t.school_a, t.school_b), t.minutes])),
  };
  const lessons = Object.fromEntries(needs.map((n) => [n.id, { subject: n.subject, grade: n.grade, className: n.class_name }]));
  return { input: { problem: toWire(problem), lessons }, errors: namedErrors(checkTimetableInput(problem), problem) };
}

/** The input check names rows of the assembled input; the caller fixes a school's bells, a lesson row or a teacher's limits. */
function namedErrors(errors: FieldError[], problem: TimetableInput): FieldError[] {
  const rename: [RegExp, (i: number) => string][] = [
    [/^schools\[(\d+)\]/, (i) => `bells[${problem.schools[i]?.id}]`],
    [/^teachers\[(\d+)\]/, (i) => `limits[${problem.teachers[i]?.id}]`],
    [/^lessons\[(\d+)\]/, (i) => `needs[${problem.lessons[i]?.id}]`],
  ];
  return errors.map(({ row: _row, ...e }) => {
    for (const [pattern, to] of rename) {
      const match = pattern.exec(e.field);
      if (match) return { ...e, field: e.field.replace(pattern, to(Number(match[1]))) };
    }
    return e;
  });
}
