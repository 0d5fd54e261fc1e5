/*
 * CSV for the term archive: RFC 4180 quoting, a BOM so that Excel on Chinese Windows reads UTF-8, and
 * text that starts like a formula (= + - @) prefixed with ' so that opening the file runs nothing.
 */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: unknown[]): string => `${values.map(csvCell).join(',')}\r\n`;
