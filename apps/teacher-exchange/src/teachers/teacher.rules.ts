import {
  GENDERS, TEACHER_RANKS, TEACHER_SUBJECTS, TEACHER_TITLES, type FieldError, type Gender, type TeacherRank, type TeacherSubject,
  type MessageCode, type MessageParams, type TeacherTitle,
} from '@jiaolian/contracts';
import { fieldError } from '@jiaolian/service-kit';

/** The import template's columns, in order; the header row names them in Chinese. */
export const IMPORT_COLUMNS = ['工号', '姓名', '性别', '任教学科', '职称', '骨干级别', '是否中层'] as const;
export const REQUIRED_COLUMNS = ['工号', '姓名', '性别', '任教学科'] as const;

/** Example rows the template carries, so a school clerk sees the accepted spellings. */
export const TEMPLATE_EXAMPLES: string[][] = [
  ['T001', '王丽', '女', '语文、道德与法治', '一级', '骨干教师', '否'],
  ['T002', '李明', '男', '数学', '高级', '学科带头人', '是'],
];

export interface TeacherFields {
  staffNo: string;
  name: string;
  gender: Gender;
  subjects: TeacherSubject[];
  title: TeacherTitle;
  rank: TeacherRank;
  middleManager: boolean;
}

const reverse = <K extends string>(table: Record<K, string>): Map<string, K> => {
  const map = new Map<string, K>();
  for (const [code, name] of Object.entries(table) as [K, string][]) {
    map.set(name, code);
    map.set(code.toLowerCase(), code);
  }
  return map;
};
const SUBJECT_BY_TEXT = reverse(TEACHER_SUBJECTS);
const GENDER_BY_TEXT = reverse(GENDERS);
const TITLE_BY_TEXT = reverse(TEACHER_TITLES);
const RANK_BY_TEXT = reverse(TEACHER_RANKS);
RANK_BY_TEXT.set('', 'none');
RANK_BY_TEXT.set('骨干', 'backbone');
TITLE_BY_TEXT.set('', 'unrated');
TITLE_BY_TEXT.set('中小学一级', 'first');
TITLE_BY_TEXT.set('中小学高级', 'senior');
const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '', 'n', 'no', 'false', '0']);
const STAFF_NO = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_NAME = 32;
const MAX_SUBJECTS = 5;

/** Splits 任教学科 written as "语文、数学", "语文,数学", "语文/数学" or "语文；数学". */
export const splitSubjects = (text: string): string[] => text.split(/[、,，/;；\s]+/).map((s) => s.trim()).filter(Boolean);

/**
 * Reads one sheet row into teacher fields, or lists every problem in it (field = the Chinese column).
 * Titles and ranks may be left empty (未定级, 无); 是否中层 empty means 否.
 */
export function parseTeacherRow(row: number, cells: Record<string, string>): { teacher: TeacherFields; errors: [] } | { teacher?: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, code: MessageCode, params?: MessageParams): void => { errors.push(fieldError(field, code, params, row)); };
  const cell = (name: string): string => (cells[name] ?? '').trim();

  const staffNo = cell('工号');
  if (!staffNo) fail('工号', 'exchange.teacher-import.staff-no-required');
  else if (!STAFF_NO.test(staffNo)) fail('工号', 'exchange.teacher-import.staff-no-format', { staffNo });
  const name = cell('姓名');
  if (!name) fail('姓名', 'exchange.teacher-import.name-required');
  else if (name.length > MAX_NAME) fail('姓名', 'exchange.teacher-import.name-too-long', { max: MAX_NAME });
  const gender = GENDER_BY_TEXT.get(cell('性别').toLowerCase());
  if (!gender) fail('性别', 'exchange.teacher-import.gender-invalid', { cell: cell('性别') });
  const subjectTexts = splitSubjects(cell('任教学科'));
  const subjects: TeacherSubject[] = [];
  if (!subjectTexts.length) fail('任教学科', 'exchange.teacher-import.subjects-required');
  for (const text of subjectTexts) {
    const code = SUBJECT_BY_TEXT.get(text.toLowerCase()) ?? SUBJECT_BY_TEXT.get(text);
    if (!code) fail('任教学科', 'exchange.teacher-import.subject-unknown', { cell: text });
    else if (!subjects.includes(code)) subjects.push(code);
  }
  if (subjects.length > MAX_SUBJECTS) fail('任教学科', 'exchange.teacher-import.too-many-subjects', { max: MAX_SUBJECTS });
  const title = TITLE_BY_TEXT.get(cell('职称').toLowerCase()) ?? TITLE_BY_TEXT.get(cell('职称'));
  if (!title) fail('职称', 'exchange.teacher-import.title-invalid', { cell: cell('职称') });
  const rank = RANK_BY_TEXT.get(cell('骨干级别').toLowerCase()) ?? RANK_BY_TEXT.get(cell('骨干级别'));
  if (!rank) fail('骨干级别', 'exchange.teacher-import.rank-invalid', { cell: cell('骨干级别') });
  const manager = cell('是否中层').toLowerCase();
  const middleManager = YES.has(manager) ? true : NO.has(manager) ? false : undefined;
  if (middleManager === undefined) fail('是否中层', 'exchange.teacher-import.middle-manager-invalid', { cell: cell('是否中层') });

  if (errors.length) return { errors };
  return { teacher: { staffNo, name, gender: gender as Gender, subjects, title: title as TeacherTitle, rank: rank as TeacherRank, middleManager: middleManager as boolean }, errors: [] };
}

/** Header problems are reported once, on row 1. */
export function checkHeader(headers: string[]): FieldError[] {
  return REQUIRED_COLUMNS.filter((c) => !headers.includes(c)).map((c) => fieldError(c, 'import.column-missing', {}, 1));
}

/** The optional columns a roster may leave empty, and the teacher field each fills. */
export const OPTIONAL_COLUMNS = { 职称: 'title', 骨干级别: 'rank', 是否中层: 'middleManager' } as const;
type OptionalField = (typeof OPTIONAL_COLUMNS)[keyof typeof OPTIONAL_COLUMNS];

/** The stored teacher a row is compared with: what a re-import may keep or change. */
export type StoredTeacher = TeacherFields;

/**
 * What a good row makes of a teacher already on the roster: with empty=keep an empty optional cell
 * keeps the stored value, with `clear` it takes the default the row parsed it as (未定级, 无, 否).
 */
export function mergeTeacher(row: TeacherFields, cells: Record<string, string>, stored: StoredTeacher | undefined, empty: 'keep' | 'clear'): TeacherFields {
  if (!stored || empty === 'clear') return row;
  const merged = { ...row };
  for (const [column, field] of Object.entries(OPTIONAL_COLUMNS) as [string, OptionalField][]) {
    if (!(cells[column] ?? '').trim()) (merged as Record<OptionalField, unknown>)[field] = stored[field];
  }
  return merged;
}

/** Whether a merged row changes the stored teacher (subjects compare in order, as they are shown). */
export const teacherChanges = (next: TeacherFields, stored: StoredTeacher): boolean =>
  next.name !== stored.name || next.gender !== stored.gender || next.title !== stored.title || next.rank !== stored.rank
  || next.middleManager !== stored.middleManager || next.subjects.join() !== stored.subjects.join();

/**
 * The error of a row whose staff number came earlier in the sheet: the first row stands (even when it
 * has errors of its own); the same name is a duplicate, another name a conflict naming both.
 */
export function repeatedStaffNoError(row: number, staffNo: string, name: string, first: { row: number; name: string }): FieldError {
  if (first.name === name) return fieldError('工号', 'exchange.teacher-import.staff-no-repeated', { staffNo, firstRow: first.row }, row);
  return fieldError('工号', 'exchange.teacher-import.staff-no-conflict', { staffNo, firstRow: first.row, firstName: first.name, name }, row);
}

/** The error of a row whose staff number belongs to another teacher on the school's roster: never renamed by an import. */
export const storedStaffNoError = (row: number, staffNo: string, name: string, storedName: string): FieldError =>
  fieldError('工号', 'exchange.teacher-import.staff-no-stored', { staffNo, storedName, name }, row);
