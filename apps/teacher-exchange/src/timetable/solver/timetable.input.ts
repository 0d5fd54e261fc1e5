import type { FieldError } from '@jiaolian/contracts';
import { fieldError } from '@jiaolian/service-kit';
import { toMinutes, WEEKDAYS, type TimetableInput } from './timetable.model.js';

/** Longer than any drive between two schools of one county; a larger number is a typing error. */
export const MAX_TRAVEL_MINUTES = 600;
/** A school day holds at most two periods of one lesson (k(l) ≤ 2), as a double period at most. */
const MAX_PER_DAY = 2;

/**
 * Checks a timetable's input before it is solved: every error names the field and its row, so the
 * console can point at the bell schedule, lesson or travel entry to fix. An input that passes can
 * still be infeasible as a whole (the solver says so); these are the mistakes visible row by row.
 */
export function checkTimetableInput(input: TimetableInput): FieldError[] {
  const errors: FieldError[] = [];
  const schools = new Map(input.schools.map((s) => [s.id, s]));
  const teachers = new Set(input.teachers.map((t) => t.id));
  input.schools.forEach((school, row) => {
    if (!school.periods.length) errors.push(fieldError(`schools[${row}].periods`, 'exchange.timetable-solver.bell-empty', {}, row));
    school.periods.forEach((p, i) => {
      const begin = toMinutes(p.startsAt);
      if (toMinutes(p.endsAt) <= begin) errors.push(fieldError(`schools[${row}].periods[${i}].endsAt`, 'exchange.slot.ends-before-start', {}, row));
      const previous = school.periods[i - 1];
      if (previous && begin < toMinutes(previous.endsAt)) errors.push(fieldError(`schools[${row}].periods[${i}].startsAt`, 'exchange.timetable-solver.bell-order', { period: i + 1 }, row));
    });
    if ((school.weekdays ?? []).some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors.push(fieldError(`schools[${row}].weekdays`, 'exchange.timetable-solver.weekday-invalid', {}, row));
  });
  input.teachers.forEach((teacher, row) => {
    if (teacher.homeSchoolId !== null && !schools.has(teacher.homeSchoolId)) errors.push(fieldError(`teachers[${row}].homeSchoolId`, 'exchange.timetable-solver.unknown-school', {}, row));
    teacher.schoolIds.forEach((id, i) => {
      if (!schools.has(id)) errors.push(fieldError(`teachers[${row}].schoolIds[${i}]`, 'exchange.timetable-solver.unknown-school', {}, row));
    });
    teacher.unavailable.forEach((u, i) => {
      if (!Number.isInteger(u.weekday) || u.weekday < 1 || u.weekday > 7) errors.push(fieldError(`teachers[${row}].unavailable[${i}].weekday`, 'exchange.timetable-solver.weekday-invalid', {}, row));
      if (toMinutes(u.endsAt) <= toMinutes(u.startsAt)) errors.push(fieldError(`teachers[${row}].unavailable[${i}].endsAt`, 'exchange.slot.ends-before-start', {}, row));
    });
    const limit = teacher.maxTravelMinutesPerDay;
    if (limit !== null && (!Number.isInteger(limit) || limit < 0 || limit > MAX_TRAVEL_MINUTES)) {
      errors.push(fieldError(`teachers[${row}].maxTravelMinutesPerDay`, 'exchange.timetable-solver.travel-limit-invalid', { max: MAX_TRAVEL_MINUTES }, row));
    }
  });
  input.lessons.forEach((lesson, row) => {
    const school = schools.get(lesson.schoolId);
    if (!school) {
      errors.push(fieldError(`lessons[${row}].schoolId`, 'exchange.timetable-solver.unknown-school', {}, row));
      return;
    }
    const max = MAX_PER_DAY * (school.weekdays?.length ? school.weekdays.length : WEEKDAYS.length);
    if (!Number.isInteger(lesson.periodsPerWeek) || lesson.periodsPerWeek < 1 || lesson.periodsPerWeek > max) {
      errors.push(fieldError(`lessons[${row}].periodsPerWeek`, 'exchange.timetable-solver.lesson-periods', { max }, row));
    }
    if (lesson.teacherId && !teachers.has(lesson.teacherId)) errors.push(fieldError(`lessons[${row}].teacherId`, 'exchange.timetable-solver.unknown-teacher', {}, row));
    const anyone = lesson.teacherId
      ? teachers.has(lesson.teacherId)
      : input.teachers.some((t) => t.subjects.includes(lesson.subject) && t.schoolIds.includes(lesson.schoolId));
    if (!anyone && !lesson.teacherId) errors.push(fieldError(`lessons[${row}].subject`, 'exchange.timetable-solver.no-teacher', { teacherSubject: lesson.subject }, row));
  });
  [...(input.travelOverrides ?? new Map<string, number>())].forEach(([key, minutes]) => {
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_TRAVEL_MINUTES) errors.push(fieldError(`travel[${key}]`, 'exchange.timetable-solver.travel-invalid', { max: MAX_TRAVEL_MINUTES }));
    for (const id of key.split('|')) if (!schools.has(id)) errors.push(fieldError(`travel[${key}]`, 'exchange.timetable-solver.unknown-school'));
  });
  return errors;
}
