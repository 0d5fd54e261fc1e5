import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** One data row: its 1-based row number in the sheet (the header is row 1) and its cells by header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export function formatOf(filename: string, contentType?: string): SpreadsheetFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx') || contentType === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (lower.endsWith('.csv') || contentType === 'text/csv') return 'csv';
  throw ValidationError.field('file', 'The file must be an .xlsx workbook or a .csv file');
}

/**
 * Reads the first sheet of an .xlsx file or a UTF-8 CSV (with or without BOM) as a stream of rows keyed
 * by the header row, so a 200,000-row score sheet never sits in memory whole. Header names are
 * trimmed; empty rows are skipped.
 */
export async function* readSpreadsheet(stream: Readable, format: SpreadsheetFormat): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
    let headers: string[] | undefined;
    let row = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (!headers) {
        headers = record.map((h) => h.trim());
        continue;
      }
      yield { row, cells: toCells(headers, record) };
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  // exceljs emits worksheets in the order of the zip, and one that comes before xl/workbook.xml (as
  // exceljs itself writes workbooks, our templates included) is read before the workbook's model,
  // where it used to throw. With an empty model it reads it under its file number (sheetN.xml); the
  // first tab is then the model's first sheet once known, else sheet 1.
  const workbook = reader as unknown as { model?: { sheets?: { id: unknown }[] } };
  workbook.model ??= {};
  const firstSheetId = (): string => String(workbook.model?.sheets?.[0]?.id ?? '1');
  for await (const worksheet of reader) {
    if (String((worksheet as unknown as { id: unknown }).id) !== firstSheetId()) continue; // its rows are skipped
    let headers: string[] | undefined;
    for await (const excelRow of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (excelRow.values as unknown[]).slice(1).map(cellText);
      if (!headers) {
        headers = values.map((h) => h.trim());
        continue;
      }
      if (values.every((v) => v === '')) continue;
      yield { row: excelRow.number, cells: toCells(headers, values) };
    }
    return; // first sheet only
  }
}

function toCells(headers: string[], values: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  headers.forEach((header, i) => {
    if (header) cells[header] = (values[i] ?? '').trim();
  });
  return cells;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return String(v.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}
