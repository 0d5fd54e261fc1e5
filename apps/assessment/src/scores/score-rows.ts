import { SCORE_COLUMNS, type ExamSubjectView, type FieldError } from '@jiaolian/contracts';
import type { SheetRow } from '@jiaolian/service-kit';

/** One score of one row, ready to stage. */
export interface StagedScore {
  row: number;
  studentNo: string;
  studentName: string;
  schoolId: string;
  className: string;
  subject: string;
  score: number;
}

/** What a row is checked against; built once per import. */
export interface RowContext {
  subjects: ExamSubjectView[];
  /** participating schools by name and by 10-digit code */
  participating: Map<string, string>;
  /** names and codes of every school of the district, to tell "not participating" from "unknown" */
  known: Set<string>;
  /** classes per participating school; an empty set accepts any class */
  classes: Map<string, Set<string>>;
  /** the schools the caller may enter scores for */
  writable: Set<string>;
}

const SCORE_TEXT = /^\d{1,3}(\.\d{1,2})?$/;
const FIXED = [SCORE_COLUMNS.studentNo, SCORE_COLUMNS.studentName, SCORE_COLUMNS.school, SCORE_COLUMNS.className];

/** Header problems (row 1): every fixed column and every subject of the exam must be there. */
export function headerErrors(headers: string[], subjects: ExamSubjectView[]): FieldError[] {
  const present = new Set(headers);
  return [...FIXED, ...subjects.map((s) => s.name)]
    .filter((column) => !present.has(column))
    .map((column) => ({ row: 1, field: column, message: `the column ${column} is missing` }));
}

/**
 * Checks one data row and turns it into scores (an empty score cell means the student did not sit
 * that subject). Every problem of the row is reported; a row with any problem yields no scores.
 */
export function checkRow(sheetRow: SheetRow, ctx: RowContext): { errors: FieldError[]; scores: StagedScore[] } {
  const { row, cells } = sheetRow;
  const errors: FieldError[] = [];
  const error = (field: string, message: string): void => { errors.push({ row, field, message }); };
  const studentNo = cells[SCORE_COLUMNS.studentNo] ?? '';
  const studentName = cells[SCORE_COLUMNS.studentName] ?? '';
  const schoolText = cells[SCORE_COLUMNS.school] ?? '';
  const className = cells[SCORE_COLUMNS.className] ?? '';

  if (!studentNo) error(SCORE_COLUMNS.studentNo, 'the student number is missing');
  else if (studentNo.length > 32) error(SCORE_COLUMNS.studentNo, 'the student number is longer than 32 characters');
  // duplicate student numbers are found by the import in the staged rows: keeping every number seen
  // here would make memory grow with the file
  if (!studentName) error(SCORE_COLUMNS.studentName, 'the name is missing');
  else if (studentName.length > 32) error(SCORE_COLUMNS.studentName, 'the name is longer than 32 characters');

  let schoolId: string | undefined;
  if (!schoolText) error(SCORE_COLUMNS.school, 'the school is missing');
  else {
    schoolId = ctx.participating.get(schoolText);
    if (!schoolId) error(SCORE_COLUMNS.school, ctx.known.has(schoolText) ? `${schoolText} does not take part in this exam` : `unknown school ${schoolText}`);
    else if (!ctx.writable.has(schoolId)) error(SCORE_COLUMNS.school, `you may only import scores of your own school, not ${schoolText}`);
  }
  if (!className) error(SCORE_COLUMNS.className, 'the class is missing');
  else if (className.length > 32) error(SCORE_COLUMNS.className, 'the class is longer than 32 characters');
  else if (schoolId) {
    const allowed = ctx.classes.get(schoolId);
    if (allowed && allowed.size > 0 && !allowed.has(className)) error(SCORE_COLUMNS.className, `the class ${className} does not take part in this exam`);
  }

  const scores: StagedScore[] = [];
  for (const subject of ctx.subjects) {
    const text = (cells[subject.name] ?? '').trim();
    if (!text) continue;
    if (!SCORE_TEXT.test(text)) { error(subject.name, `the score ${text} is not a number (up to 2 decimals)`); continue; }
    const score = Number(text);
    if (score > subject.fullMarks) { error(subject.name, `the score ${text} is over the full marks of ${subject.fullMarks}`); continue; }
    scores.push({ row, studentNo, studentName, schoolId: schoolId ?? '', className, subject: subject.name, score });
  }
  if (!errors.length && !scores.length) error(ctx.subjects[0]?.name ?? SCORE_COLUMNS.studentNo, 'the row has no score');
  return { errors, scores: errors.length ? [] : scores };
}

/** A staged score as one line of PostgreSQL COPY text format. */
export function copyLine(s: StagedScore): string {
  return copyLines([s]);
}

/**
 * The scores of one row (as `checkRow` returns them) as lines of PostgreSQL COPY text format: row,
 * student number, subject, school id, class, name, score. A 200,000-student sheet is 1.2 M lines, so
 * the row's text fields are escaped once, and only when they hold a character COPY treats specially.
 */
export function copyLines(scores: StagedScore[]): string {
  const first = scores[0];
  if (!first) return '';
  const head = `${first.row}\t${escapeCopy(first.studentNo)}\t`;
  const tail = `\t${escapeCopy(first.schoolId)}\t${escapeCopy(first.className)}\t${escapeCopy(first.studentName)}\t`;
  let out = '';
  for (const s of scores) out += `${head}${escapeCopy(s.subject)}${tail}${s.score}\n`;
  return out;
}

const SPECIAL = /[\\\t\n\r]/;
const escapeCopy = (value: string): string =>
  SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string) : value;
