import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';
import { decodeText } from './text-encoding.js';
import { DEFAULT_SPREADSHEET_LIMITS, readXlsxRows, type SpreadsheetLimits } from './xlsx-rows.js';

export { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits } from './xlsx-rows.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** One data row: its 1-based row number in the sheet (the file's own line or row number) and its cells by header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/** A CSV line longer than this is not a spreadsheet row: the file is refused instead of buffered. */
const MAX_CSV_RECORD_CHARS = 1024 * 1024;

export function formatOf(filename: string, contentType?: string): SpreadsheetFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx') || contentType === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (lower.endsWith('.csv') || contentType === 'text/csv') return 'csv';
  throw ValidationError.of('file', 'import.file.format');
}

/**
 * Reads the first sheet of an .xlsx file or a CSV as a stream of rows keyed by the header row (the
 * first non-empty row), so a 200,000-row score sheet never sits in memory whole. Header names and
 * cells are trimmed; rows of empty or blank cells are skipped, and row numbers stay the sheet's own.
 * A CSV may be UTF-8 (with or without BOM), GBK/GB18030 or UTF-16 with BOM, comma- or tab-separated.
 * A file that cannot be read as a spreadsheet, or that exceeds `limits`, throws a ValidationError on
 * field `file`.
 */
export async function* readSpreadsheet(stream: Readable, format: SpreadsheetFormat, limits: Partial<SpreadsheetLimits> = {}): AsyncGenerator<SheetRow> {
  const bounds = { ...DEFAULT_SPREADSHEET_LIMITS, ...limits };
  const rows = format === 'csv' ? csvRows(stream, bounds) : readXlsxRows(stream, bounds);
  let headers: string[] | undefined;
  for await (const { row, values } of rows) {
    if (values.every((v) => v.trim() === '')) continue;
    if (!headers) {
      headers = values.map((h) => h.trim());
      continue;
    }
    yield { row, cells: toCells(headers, values) };
  }
}

/** The CSV's non-empty records with the line each starts on. */
async function* csvRows(stream: Readable, limits: SpreadsheetLimits): AsyncGenerator<{ row: number; values: string[] }> {
  const text = decodeText(stream);
  const { head, delimiter } = await sniffDelimiter(text);
  const source = Readable.from((async function* () {
    if (head) yield head;
    yield* text;
  })(), { objectMode: false });
  const parser = source.pipe(parse({
    delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: MAX_CSV_RECORD_CHARS,
  }));
  source.once('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse counts the line a record ends on; a quoted field may hold line breaks
      const breaks = record.reduce((n, field) => n + countBreaks(field), 0);
      const row = info.lines - breaks;
      if (row > limits.maxRows) throw ValidationError.of('file', 'import.file.too-many-rows', { max: limits.maxRows });
      yield { row, values: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw ValidationError.of('file', 'import.csv.syntax', { line: (error as CsvError & { lines?: number }).lines ?? '?', reason: error.message });
    }
    throw error;
  } finally {
    source.destroy();
  }
}

/**
 * Reads text up to the first non-empty line: tab-separated if that line has tabs and no commas (what
 * Excel's "Unicode text" export writes), else comma-separated. The text read is handed back to parse.
 */
async function sniffDelimiter(text: AsyncGenerator<string>): Promise<{ head: string; delimiter: string }> {
  let head = '';
  let line: string | undefined;
  while (line === undefined) {
    const next = await text.next();
    if (next.done) {
      line = head.split('\n').find((l) => l.trim() !== '') ?? '';
      break;
    }
    head += next.value;
    const lines = head.split('\n');
    line = lines.slice(0, -1).find((l) => l.trim() !== '');
    if (head.length > MAX_CSV_RECORD_CHARS) line = lines[0] ?? '';
  }
  return { head, delimiter: line.includes('\t') && !line.includes(',') ? '\t' : ',' };
}

function countBreaks(field: string): number {
  let n = 0;
  for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n += 1;
  return n;
}

function toCells(headers: string[], values: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  headers.forEach((header, i) => {
    if (header) cells[header] = (values[i] ?? '').trim();
  });
  return cells;
}
