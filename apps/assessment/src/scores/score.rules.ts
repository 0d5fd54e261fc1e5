import {
  SCORE_COLUMNS, type EmptyCellRule, type ExamSubjectView, type FieldError, type MessageCode, type MessageParams, type ScoreStatus,
} from '@jiaolian/contracts';
import { fieldError, type SheetRow } from '@jiaolian/service-kit';

/** What one score cell says: a score, a mark (缺考 / 免考), nothing, or something that is neither. */
export type ScoreCell =
  | { kind: 'score'; score: number }
  | { kind: 'mark'; status: Exclude<ScoreStatus, 'present'> }
  | { kind: 'empty' }
  | { kind: 'error'; code: MessageCode; params: MessageParams };

/**
 * Words a marker writes instead of a score. 缺 and 免 alone are how a busy clerk shortens them; the
 * English words serve sheets exported by other systems.
 */
const MARKS = new Map<string, Exclude<ScoreStatus, 'present'>>([
  ['缺考', 'absent'], ['缺', 'absent'], ['absent', 'absent'],
  ['免考', 'exempt'], ['免', 'exempt'], ['exempt', 'exempt'],
]);
/** A number as people type it: digits with an optional fraction (leading sign kept to tell negatives apart). */
const NUMBER = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Full-width digits, point, plus and minus (０-９ ． ＋ －) as ASCII: a Chinese input method left in
 * full-width mode types them, and they mean the same number.
 */
export const toHalfWidth = (text: string): string =>
  text.replace(/[\uFF10-\uFF19\uFF0E\uFF0B\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Reads one score cell against the subject's full marks. Scores have at most 2 decimals: a score with
 * more is rejected, not rounded, because rounding would silently change a mark that joint marking
 * (统一阅卷) only ever gives in whole or half points; a third decimal is a formula or typing slip.
 */
export function parseScoreCell(raw: string, fullMarks: number): ScoreCell {
  const text = toHalfWidth(raw.trim());
  if (!text) return { kind: 'empty' };
  const mark = MARKS.get(text.toLowerCase());
  if (mark) return { kind: 'mark', status: mark };
  const match = NUMBER.exec(text);
  const written = { score: raw.trim() };
  if (!match) return { kind: 'error', code: 'assessment.score-import.score-not-number', params: written };
  const [, sign, , decimals] = match;
  const score = Number(text);
  if (sign === '-' && score !== 0) return { kind: 'error', code: 'assessment.score-import.score-negative', params: written };
  if ((decimals ?? '').replace(/0+$/, '').length > 2) return { kind: 'error', code: 'assessment.score-import.score-decimals', params: written };
  if (score > fullMarks) return { kind: 'error', code: 'assessment.score-import.score-over-full-marks', params: { ...written, fullMarks } };
  return { kind: 'score', score: Math.abs(score) };
}

/**
 * What one subject of a row stages: a score, an absent or exempt mark (no score), or `clear` (an empty
 * cell with empty=clear: remove what is stored for the subject).
 */
export interface StagedScore {
  subject: string;
  status: ScoreStatus | 'clear';
  score: number | null;
}

/** Who a row is about; staged for every row, bad ones too, so repeated student numbers are found among all rows. */
export interface StagedStudent {
  row: number;
  studentNo: string;
  studentName: string;
  /** null when the school cell names no participating school */
  schoolId: string | null;
  className: string;
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
  /** what an empty score cell means */
  empty: EmptyCellRule;
}

/** The longest student number, name and class a row may hold (the score table's limits). */
const MAX_TEXT = 32;
const FIXED = [SCORE_COLUMNS.studentNo, SCORE_COLUMNS.studentName, SCORE_COLUMNS.school, SCORE_COLUMNS.className];

/** Header problems (row 1): every fixed column and every subject of the exam must be there. */
export function headerErrors(headers: string[], subjects: ExamSubjectView[]): FieldError[] {
  const present = new Set(headers);
  return [...FIXED, ...subjects.map((s) => s.name)]
    .filter((column) => !present.has(column))
    .map((column) => fieldError(column, 'import.column-missing', {}, 1));
}

/**
 * Checks one data row and turns it into what it stages per subject. Every problem of the row is
 * reported; a row with any problem stages no scores (its student is still returned, so a later row
 * with the same student number is found). A row must say something about at least one subject,
 * except with empty=absent, where an empty row marks the student absent in every subject.
 */
export function checkRow(sheetRow: SheetRow, ctx: RowContext): { errors: FieldError[]; student: StagedStudent; scores: StagedScore[] } {
  const { row, cells } = sheetRow;
  const errors: FieldError[] = [];
  const error = (field: string, code: MessageCode, params?: MessageParams): void => { errors.push(fieldError(field, code, params, row)); };
  const studentNo = cells[SCORE_COLUMNS.studentNo] ?? '';
  const studentName = cells[SCORE_COLUMNS.studentName] ?? '';
  const schoolText = cells[SCORE_COLUMNS.school] ?? '';
  const className = cells[SCORE_COLUMNS.className] ?? '';

  if (!studentNo) error(SCORE_COLUMNS.studentNo, 'assessment.score-import.student-no-missing');
  else if (studentNo.length > MAX_TEXT) error(SCORE_COLUMNS.studentNo, 'assessment.score-import.student-no-too-long', { max: MAX_TEXT });
  // repeated student numbers are found by the import among the staged rows: keeping every number
  // seen here would make memory grow with the file
  if (!studentName) error(SCORE_COLUMNS.studentName, 'assessment.score-import.name-missing');
  else if (studentName.length > MAX_TEXT) error(SCORE_COLUMNS.studentName, 'assessment.score-import.name-too-long', { max: MAX_TEXT });

  let schoolId: string | undefined;
  if (!schoolText) error(SCORE_COLUMNS.school, 'assessment.score-import.school-missing');
  else {
    schoolId = ctx.participating.get(schoolText);
    const school = { school: schoolText };
    if (!schoolId) error(SCORE_COLUMNS.school, ctx.known.has(schoolText) ? 'assessment.score-import.school-not-taking-part' : 'assessment.score-import.school-unknown', school);
    else if (!ctx.writable.has(schoolId)) error(SCORE_COLUMNS.school, 'assessment.score-import.school-not-own', school);
  }
  if (!className) error(SCORE_COLUMNS.className, 'assessment.score-import.class-missing');
  else if (className.length > MAX_TEXT) error(SCORE_COLUMNS.className, 'assessment.score-import.class-too-long', { max: MAX_TEXT });
  else if (schoolId) {
    const allowed = ctx.classes.get(schoolId);
    if (allowed && allowed.size > 0 && !allowed.has(className)) error(SCORE_COLUMNS.className, 'assessment.score-import.class-not-taking-part', { className });
  }

  const scores: StagedScore[] = [];
  let said = false;
  for (const subject of ctx.subjects) {
    const cell = parseScoreCell(cells[subject.name] ?? '', subject.fullMarks);
    switch (cell.kind) {
      case 'error':
        error(subject.name, cell.code, cell.params);
        break;
      case 'score':
        said = true;
        scores.push({ subject: subject.name, status: 'present', score: cell.score });
        break;
      case 'mark':
        said = true;
        scores.push({ subject: subject.name, status: cell.status, score: null });
        break;
      case 'empty':
        if (ctx.empty === 'absent') { said = true; scores.push({ subject: subject.name, status: 'absent', score: null }); }
        else if (ctx.empty === 'clear') scores.push({ subject: subject.name, status: 'clear', score: null });
        break;
    }
  }
  if (!errors.length && !said) error(ctx.subjects[0]?.name ?? SCORE_COLUMNS.studentNo, 'assessment.score-import.no-score');
  const student: StagedStudent = { row, studentNo, studentName, schoolId: schoolId ?? null, className };
  return { errors, student, scores: errors.length ? [] : scores };
}

/**
 * A row as lines of PostgreSQL COPY text format: row, student number, name, school id, class, ok, head,
 * subject, status, score. A good row writes one line per subject it stages; a rejected row one line
 * without a subject, which keeps its student number for the repeated-number checks. `head` marks each
 * row's first line, so row-level checks read one line per row without sorting. A 200,000-student
 * sheet is 1.2 M lines, so the row's text fields are escaped once, and only when they hold a character
 * COPY treats specially.
 */
export function copyLines(student: StagedStudent, scores: StagedScore[]): string {
  const head = `${student.row}\t${escapeCopy(student.studentNo)}\t${escapeCopy(student.studentName)}\t${student.schoolId ?? NULL}\t${escapeCopy(student.className)}\t`;
  if (!scores.length) return `${head}f\tt\t${NULL}\t${NULL}\t${NULL}\n`;
  let out = '';
  let first = 't';
  for (const s of scores) {
    out += `${head}t\t${first}\t${escapeCopy(s.subject)}\t${s.status}\t${s.score ?? NULL}\n`;
    first = 'f';
  }
  return out;
}

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const escapeCopy = (value: string): string =>
  SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string) : value;

/** One student number on several rows: who each row says the number belongs to. */
export interface RepeatedRow {
  row: number;
  studentNo: string;
  studentName: string;
  schoolId: string | null;
  firstRow: number;
  firstName: string;
  firstSchoolId: string | null;
}

/**
 * The error of a repeated student number. The first row of a number stands and each later row is an
 * error, even when the first row itself was bad: a duplicate when it names the same student, a
 * conflict naming the first row and its student when it gives the number to another name or school.
 */
export function repeatedRowError(repeated: RepeatedRow, schoolName: (id: string | null) => string): FieldError {
  const { row, firstRow } = repeated;
  const same = repeated.studentName === repeated.firstName && repeated.schoolId === repeated.firstSchoolId;
  if (same) return fieldError(SCORE_COLUMNS.studentNo, 'assessment.score-import.student-no-repeated', { firstRow }, row);
  return fieldError(SCORE_COLUMNS.studentNo, 'assessment.score-import.student-no-conflict', {
    firstRow, studentNo: repeated.studentNo, firstName: repeated.firstName, firstSchool: schoolName(repeated.firstSchoolId),
    studentName: repeated.studentName, rowSchool: schoolName(repeated.schoolId),
  }, row);
}

/**
 * The error of a row whose student number is stored for another student of this exam. A caller who
 * may not read that student's school learns only that the number is taken.
 */
export function storedConflictError(
  row: number, studentNo: string, stored: { studentName: string; schoolId: string }, readable: boolean, schoolName: (id: string | null) => string,
): FieldError {
  if (!readable) return fieldError(SCORE_COLUMNS.studentNo, 'assessment.score-import.student-no-other-school', { studentNo }, row);
  return fieldError(SCORE_COLUMNS.studentNo, 'assessment.score-import.student-no-stored', {
    studentNo, storedName: stored.studentName, storedSchool: schoolName(stored.schoolId),
  }, row);
}
