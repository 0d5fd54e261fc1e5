import { evaluateTimetable, type Evaluation, type LessonAssignment, type TimetableInput } from './timetable.model.js';

/** An admin's edit of a proposal: one lesson-period moved to another day, period or (eligible) teacher. */
export interface LessonMove {
  lessonId: string;
  teacherId: string;
  weekday: number;
  period: number;
  to: { weekday: number; period: number; teacherId?: string };
}

export type MoveOutcome =
  | { moved: true; assignments: LessonAssignment[]; evaluation: Evaluation }
  | { moved: false; reason: 'not-in-proposal' | 'no-such-period' };

/**
 * Moves one lesson-period of a proposal and judges the result by the same rules as the solver: the moved
 * proposal is returned with every rule it now breaks (a clash, too little travel time, the travel limit …)
 * and its travel per teacher, so the console can show what the edit costs before it is accepted. Moving a
 * lesson to another teacher moves all its periods (a class keeps one teacher for a subject).
 */
export function moveLesson(input: TimetableInput, assignments: readonly LessonAssignment[], move: LessonMove): MoveOutcome {
  const index = assignments.findIndex((a) => a.lessonId === move.lessonId && a.teacherId === move.teacherId && a.weekday === move.weekday && a.period === move.period);
  if (index < 0) return { moved: false, reason: 'not-in-proposal' };
  const from = assignments[index]!;
  const bell = input.schools.find((s) => s.id === from.schoolId)?.periods[move.to.period];
  if (!bell || !Number.isInteger(move.to.weekday) || move.to.weekday < 1 || move.to.weekday > 7) return { moved: false, reason: 'no-such-period' };
  const teacherId = move.to.teacherId ?? from.teacherId;
  const next = assignments.map((a, i) => {
    if (i === index) return { ...a, teacherId, weekday: move.to.weekday, period: move.to.period, startsAt: bell.startsAt, endsAt: bell.endsAt };
    return a.lessonId === move.lessonId && teacherId !== from.teacherId ? { ...a, teacherId } : a;
  });
  return { moved: true, assignments: next, evaluation: evaluateTimetable(input, next) };
}
