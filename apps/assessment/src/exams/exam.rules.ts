import {
  SCORE_COLUMNS, TERM_PATTERN, type ExamSchoolDto, type ExamStatus, type ExamSubjectDto, type ExamSubjectView, type ExamTransition, type FieldError,
  type MessageCode,
} from '@jiaolian/contracts';
import { ConflictError, fieldError, ValidationError } from '@jiaolian/service-kit';

/** Default lines as shares of full marks: pass 60%, excellent 85%, low below 40%. */
export const DEFAULT_LINES = { pass: 0.6, excellent: 0.85, low: 0.4 } as const;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Fills in the default lines and checks the subjects as a whole: unique names that do not clash with the
 * fixed import columns, and 0 ≤ low ≤ pass ≤ excellent ≤ full marks. Every problem is reported.
 */
export function normalizeSubjects(subjects: ExamSubjectDto[]): ExamSubjectView[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const fixed = new Set<string>(Object.values(SCORE_COLUMNS));
  const result = subjects.map((subject, i) => {
    const name = subject.name.trim();
    if (seen.has(name)) errors.push(fieldError(`subjects.${i}.name`, 'assessment.exam.subject-repeated', { subject: name }));
    if (fixed.has(name)) errors.push(fieldError(`subjects.${i}.name`, 'assessment.exam.subject-is-fixed-column', { subject: name }));
    seen.add(name);
    const full = subject.fullMarks;
    const view: ExamSubjectView = {
      name,
      fullMarks: full,
      passLine: subject.passLine ?? round2(full * DEFAULT_LINES.pass),
      excellentLine: subject.excellentLine ?? round2(full * DEFAULT_LINES.excellent),
      lowLine: subject.lowLine ?? round2(full * DEFAULT_LINES.low),
    };
    if (view.excellentLine > full) errors.push(fieldError(`subjects.${i}.excellentLine`, 'assessment.exam.excellent-above-full'));
    if (view.passLine > view.excellentLine) errors.push(fieldError(`subjects.${i}.passLine`, 'assessment.exam.pass-above-excellent'));
    if (view.lowLine > view.passLine) errors.push(fieldError(`subjects.${i}.lowLine`, 'assessment.exam.low-above-pass'));
    return view;
  });
  if (errors.length) throw new ValidationError(errors);
  return result;
}

/** `2026-2027-1`: the second year follows the first. */
export function assertTerm(term: string, field = 'term'): void {
  const match = TERM_PATTERN.exec(term);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    throw ValidationError.of(field, 'assessment.exam.term-invalid');
  }
}

/** Each school once; class names trimmed and unique within a school. */
export function normalizeSchools(schools: ExamSchoolDto[]): { schoolId: string; classes: string[] }[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const result = schools.map((school, i) => {
    if (seen.has(school.schoolId)) errors.push(fieldError(`schools.${i}.schoolId`, 'assessment.exam.school-repeated'));
    seen.add(school.schoolId);
    return { schoolId: school.schoolId, classes: [...new Set((school.classes ?? []).map((c) => c.trim()).filter(Boolean))] };
  });
  if (errors.length) throw new ValidationError(errors);
  return result;
}

const NEXT: Record<ExamTransition, { from: ExamStatus; to: ExamStatus; refused: MessageCode }> = {
  open: { from: 'draft', to: 'open', refused: 'assessment.exam.cannot-open' },
  publish: { from: 'open', to: 'published', refused: 'assessment.exam.cannot-publish' },
  archive: { from: 'published', to: 'archived', refused: 'assessment.exam.cannot-archive' },
};

/** The status an action leads to, or a 409 naming the status it needs. */
export function nextStatus(current: ExamStatus, action: ExamTransition): ExamStatus {
  const step = NEXT[action];
  if (current !== step.from) throw ConflictError.of(step.refused, { neededStatus: step.from, examStatus: current });
  return step.to;
}

/** Subjects, schools and names change only while the exam is a draft. */
export function assertEditable(status: ExamStatus): void {
  if (status !== 'draft') throw ConflictError.of('assessment.exam.not-draft', { examStatus: status });
}

/** Scores are imported and corrected only while the exam is open for scores. */
export function assertAcceptsScores(status: ExamStatus): void {
  if (status !== 'open') throw ConflictError.of('assessment.exam.not-open', { examStatus: status });
}
