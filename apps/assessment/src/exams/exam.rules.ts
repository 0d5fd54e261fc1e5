import {
  SCORE_COLUMNS, TERM_PATTERN, type ExamSchoolDto, type ExamStatus, type ExamSubjectDto, type ExamSubjectView, type ExamTransition, type FieldError,
} from '@jiaolian/contracts';
import { ConflictError, ValidationError } from '@jiaolian/service-kit';

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
    if (seen.has(name)) errors.push({ field: `subjects.${i}.name`, message: `subject ${name} is listed twice` });
    if (fixed.has(name)) errors.push({ field: `subjects.${i}.name`, message: `${name} is a fixed column of the score sheet and cannot be a subject` });
    seen.add(name);
    const full = subject.fullMarks;
    const view: ExamSubjectView = {
      name,
      fullMarks: full,
      passLine: subject.passLine ?? round2(full * DEFAULT_LINES.pass),
      excellentLine: subject.excellentLine ?? round2(full * DEFAULT_LINES.excellent),
      lowLine: subject.lowLine ?? round2(full * DEFAULT_LINES.low),
    };
    if (view.excellentLine > full) errors.push({ field: `subjects.${i}.excellentLine`, message: 'excellentLine must not exceed fullMarks' });
    if (view.passLine > view.excellentLine) errors.push({ field: `subjects.${i}.passLine`, message: 'passLine must not exceed excellentLine' });
    if (view.lowLine > view.passLine) errors.push({ field: `subjects.${i}.lowLine`, message: 'lowLine must not exceed passLine' });
    return view;
  });
  if (errors.length) throw new ValidationError(errors);
  return result;
}

/** `2026-2027-1`: the second year follows the first. */
export function assertTerm(term: string, field = 'term'): void {
  const match = TERM_PATTERN.exec(term);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    throw ValidationError.field(field, 'term must be a school year and term such as 2026-2027-1 (the second year follows the first)');
  }
}

/** Each school once; class names trimmed and unique within a school. */
export function normalizeSchools(schools: ExamSchoolDto[]): { schoolId: string; classes: string[] }[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const result = schools.map((school, i) => {
    if (seen.has(school.schoolId)) errors.push({ field: `schools.${i}.schoolId`, message: 'the school is listed twice' });
    seen.add(school.schoolId);
    return { schoolId: school.schoolId, classes: [...new Set((school.classes ?? []).map((c) => c.trim()).filter(Boolean))] };
  });
  if (errors.length) throw new ValidationError(errors);
  return result;
}

const NEXT: Record<ExamTransition, { from: ExamStatus; to: ExamStatus }> = {
  open: { from: 'draft', to: 'open' },
  publish: { from: 'open', to: 'published' },
  archive: { from: 'published', to: 'archived' },
};

/** The status an action leads to, or a 409 naming the status it needs. */
export function nextStatus(current: ExamStatus, action: ExamTransition): ExamStatus {
  const step = NEXT[action];
  if (current !== step.from) throw new ConflictError(`An exam is ${action === 'open' ? 'opened' : `${action}ed`} from status ${step.from}; this one is ${current}`);
  return step.to;
}

/** Subjects, schools and names change only while the exam is a draft. */
export function assertEditable(status: ExamStatus): void {
  if (status !== 'draft') throw new ConflictError(`Only a draft exam can be changed; this one is ${status}`);
}

/** Scores are imported and corrected only while the exam is open for scores. */
export function assertAcceptsScores(status: ExamStatus): void {
  if (status !== 'open') throw new ConflictError(`Scores are entered while the exam is open for scores; this one is ${status}`);
}
