import {
  SCORE_COLUMNS, type FieldError, type MessageCode, type MessageParams, type PaperItemDto, type PaperItemView,
} from '@jiaolian/contracts';
import { ConflictError, fieldError, ValidationError, type SheetRow } from '@jiaolian/service-kit';
import { scoreChoice } from '../item-analysis/item-analysis.maths.js';
import { parseScoreCell, toHalfWidth, type StagedStudent } from '../scores/score.rules.js';

/** Options of an objective item when the paper does not say: A–D, as on nearly every paper. */
export const DEFAULT_OPTIONS = 4;
const LETTERS = 'ABCDEFGH';

/**
 * A paper's items as stored: trimmed, tags de-duplicated, objective items with their key and options,
 * subjective ones without. Every problem is reported: numbers unique and not a fixed column of the item
 * sheet (学号, 姓名, 学校, 班级 or the subject's own column), a key within the options, and the full
 * marks adding up to the subject's, because a subject score is the sum of its items.
 */
export function normalizePaper(items: PaperItemDto[], subject: string, fullMarks: number): PaperItemView[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const fixed = new Set<string>([...Object.values(SCORE_COLUMNS), subject]);
  const result = items.map((item, i): PaperItemView => {
    const no = item.no.trim();
    const field = (what: string): string => `items.${i}.${what}`;
    if (seen.has(no)) errors.push(fieldError(field('no'), 'assessment.paper.item-repeated', { no }));
    if (fixed.has(no)) errors.push(fieldError(field('no'), 'assessment.paper.item-is-fixed-column', { no }));
    seen.add(no);
    const tags = (list: string[] | undefined): string[] => [...new Set((list ?? []).map((t) => t.trim()).filter(Boolean))];
    let key: string | null = null;
    let options: number | null = null;
    if (item.type === 'objective') {
      options = item.options ?? DEFAULT_OPTIONS;
      if (!item.key) errors.push(fieldError(field('key'), 'assessment.paper.key-missing'));
      else if ([...item.key].some((letter) => LETTERS.indexOf(letter) >= (options as number))) {
        errors.push(fieldError(field('key'), 'assessment.paper.key-beyond-options', { key: item.key, options }));
      } else key = [...new Set(item.key)].sort().join('');
    } else if (item.key) errors.push(fieldError(field('key'), 'assessment.paper.key-on-subjective'));
    return {
      no, section: item.section?.trim() ?? '', fullMarks: item.fullMarks, type: item.type, key, options,
      knowledgePoints: tags(item.knowledgePoints), abilities: tags(item.abilities),
    };
  });
  // tenths, so 0.1 + 0.2 adds up to 0.3
  const itemsTotal = result.reduce((sum, item) => sum + Math.round(item.fullMarks * 10), 0) / 10;
  if (itemsTotal !== fullMarks) errors.push(fieldError('items', 'assessment.paper.total-mismatch', { itemsTotal, fullMarks }));
  if (errors.length) throw new ValidationError(errors);
  return result;
}

/**
 * Once item scores are stored, a paper keeps what they were scored against (numbers, order, full marks,
 * type, key, options); sections and tags may still change, since the analysis reads them at read time.
 */
export function assertKeepsScoring(stored: PaperItemView[], next: PaperItemView[], students: number): void {
  const scoring = (items: PaperItemView[]): string => JSON.stringify(items.map((i) => [i.no, i.fullMarks, i.type, i.key, i.options]));
  if (students > 0 && scoring(stored) !== scoring(next)) throw ConflictError.of('assessment.paper.has-item-scores', { students });
}

/** What one item cell says: a score, with the chosen option when the cell gave an option. */
export type ItemCell =
  | { kind: 'score'; score: number; choice: string | null }
  | { kind: 'error'; code: MessageCode; params: MessageParams };

const OPTION_TEXT = /^[A-Ha-h]{1,8}$/;

/**
 * Reads one item cell. An objective item takes its score or the chosen option (letters, any case,
 * full-width too), scored against the key; a subjective item takes a score. An empty cell and a mark
 * (缺考) are errors: an absent student is left out of the item sheet.
 */
export function parseItemCell(raw: string, item: PaperItemView): ItemCell {
  const text = toHalfWidth(raw.trim()).replace(/[\uFF21-\uFF28\uFF41-\uFF48]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!text) return { kind: 'error', code: 'assessment.item-import.item-missing', params: {} };
  if (OPTION_TEXT.test(text)) {
    const option = text.toUpperCase();
    if (item.type !== 'objective' || !item.key) return { kind: 'error', code: 'assessment.item-import.option-on-subjective', params: { option } };
    const options = item.options ?? DEFAULT_OPTIONS;
    if ([...option].some((letter) => LETTERS.indexOf(letter) >= options)) return { kind: 'error', code: 'assessment.item-import.option-unknown', params: { option, options } };
    const choice = [...new Set(option)].sort().join('');
    return { kind: 'score', score: scoreChoice(choice, item.key, item.fullMarks), choice };
  }
  const cell = parseScoreCell(text, item.fullMarks);
  switch (cell.kind) {
    case 'score': return { kind: 'score', score: cell.score, choice: null };
    case 'error': return cell;
    case 'mark': return { kind: 'error', code: 'assessment.item-import.item-mark', params: { score: raw.trim() } };
    case 'empty': return { kind: 'error', code: 'assessment.item-import.item-missing', params: {} };
  }
}

/** Header problems (row 1): the fixed columns and every item of the paper must be there; the subject's column is optional. */
export function itemHeaderErrors(headers: string[], items: PaperItemView[]): FieldError[] {
  const present = new Set(headers);
  return [...Object.values(SCORE_COLUMNS), ...items.map((i) => i.no)]
    .filter((column) => !present.has(column))
    .map((column) => fieldError(column, 'import.column-missing', {}, 1));
}

export interface CheckedItemRow {
  errors: FieldError[];
  scores: number[];
  choices: (string | null)[];
  /** the items' sum in hundredths, exact */
  total: number;
}

/**
 * Checks the item cells of one row (the student columns are checked by the score import's `checkRow`)
 * and, when the row gives the subject score too, that the items add up to it.
 */
export function checkItemCells(sheetRow: SheetRow, subject: string, items: PaperItemView[]): CheckedItemRow {
  const { row, cells } = sheetRow;
  const errors: FieldError[] = [];
  const scores: number[] = [];
  const choices: (string | null)[] = [];
  let hundredths = 0;
  for (const item of items) {
    const cell = parseItemCell(cells[item.no] ?? '', item);
    if (cell.kind === 'error') { errors.push(fieldError(item.no, cell.code, cell.params, row)); continue; }
    scores.push(cell.score);
    choices.push(cell.choice);
    hundredths += Math.round(cell.score * 100);
  }
  const written = cells[subject]?.trim() ?? '';
  if (written && !errors.length) {
    const sum = hundredths / 100;
    const cell = parseScoreCell(written, Number.MAX_SAFE_INTEGER);
    if (cell.kind === 'score' && Math.round(cell.score * 100) !== hundredths) errors.push(fieldError(subject, 'assessment.item-import.sum-mismatch', { sum, score: cell.score }, row));
    else if (cell.kind === 'error') errors.push(fieldError(subject, cell.code, cell.params, row));
    else if (cell.kind === 'mark') errors.push(fieldError(subject, 'assessment.item-import.item-mark', { score: written }, row));
  }
  return { errors, scores, choices, total: hundredths / 100 };
}

/**
 * A row as one line of PostgreSQL COPY text: row, student number, name, school id, class, ok, scores,
 * choices, total. Arrays are written as array literals; options are letters only, so need no quoting.
 */
export function itemCopyLine(student: StagedStudent, ok: boolean, checked: CheckedItemRow): string {
  const esc = (value: string): string => value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
  const scores = ok ? `{${checked.scores.join(',')}}` : '\\N';
  const choices = ok && checked.choices.some((c) => c !== null) ? `{${checked.choices.map((c) => c ?? 'NULL').join(',')}}` : '\\N';
  return `${student.row}\t${esc(student.studentNo)}\t${esc(student.studentName)}\t${student.schoolId ?? '\\N'}\t${esc(student.className)}\t${ok ? 't' : 'f'}\t${scores}\t${choices}\t${ok ? checked.total : '\\N'}\n`;
}
