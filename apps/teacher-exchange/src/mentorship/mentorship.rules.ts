import { isTerm, type FieldError, type MentorLessonKind, type RecordMentorLessonDto } from '@jiaolian/contracts';
import { fieldError } from '@jiaolian/service-kit';

/**
 * The teaching months of a term, each owing one demo and one report lesson: September to December in
 * the first term and March to June in the second. January and July hold final exams and the start of
 * the holidays, February and August are holidays (the Spring Festival, the summer), so no lesson is
 * owed in them.
 */
export function teachingMonths(term: string): string[] {
  if (!isTerm(term)) throw new RangeError(`not a term: ${term}`);
  const [first, second, half] = term.split('-');
  return half === '1' ? ['09', '10', '11', '12'].map((m) => `${first}-${m}`) : ['03', '04', '05', '06'].map((m) => `${second}-${m}`);
}

/** The month after YYYY-MM, as YYYY-MM. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** A month is missed once it is over (today is in a later month) without both its lessons done. */
export function isMissed(month: string, today: string, demoDone: boolean, reportDone: boolean): boolean {
  return today.slice(0, 7) > month && !(demoDone && reportDone);
}

/** Who gives a lesson of each kind: the mentor the demo lesson, the apprentice the report lesson. */
export const GIVER: Record<MentorLessonKind, 'mentor' | 'apprentice'> = { demo: 'mentor', report: 'apprentice' };

/**
 * Checks a lesson on its own (the service checks the pair, the caller and the lesson plan): the month
 * is a teaching month of the pair's term, the day falls in it, and a lesson marked done happened
 * already and carries its evidence: a reflection, and a lesson plan from the resource library or a
 * video of the lesson (either shows what was taught; village schools often have only one of them).
 */
export function checkLesson(dto: RecordMentorLessonDto, term: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!teachingMonths(term).includes(dto.month)) errors.push(fieldError('month', 'exchange.mentorship.month-not-in-term', { month: dto.month, term }));
  else if (dto.scheduledOn.slice(0, 7) !== dto.month) errors.push(fieldError('scheduledOn', 'exchange.mentorship.day-not-in-month', { month: dto.month }));
  if (dto.done) {
    if (dto.scheduledOn > today) errors.push(fieldError('done', 'exchange.mentorship.done-in-future'));
    if (!dto.lessonPlanId && !dto.videoUrl) errors.push(fieldError('lessonPlanId', 'exchange.mentorship.plan-required'));
    if (!dto.reflection?.trim()) errors.push(fieldError('reflection', 'exchange.mentorship.reflection-required'));
  }
  return errors;
}
