import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ValidationError } from '../errors/domain-error.js';

/**
 * Bounds on what one workbook may make the reader do, so that a crafted file (a zip bomb, a sheet of
 * a million empty rows) is refused early instead of filling the disk, the memory or the event loop.
 */
export interface SpreadsheetLimits {
  /** Bytes of the uploaded file; it is spooled to a temporary file (the zip's directory is at its end). */
  maxFileBytes: number;
  /** Uncompressed bytes of the worksheet's XML, streamed. */
  maxSheetBytes: number;
  /** Uncompressed bytes of the shared strings table, which is held in memory while the sheet is read. */
  maxSharedStringsBytes: number;
  /** Uncompressed bytes of each small part (workbook, relationships). */
  maxPartBytes: number;
  /** The highest row number read: Excel's own limit. */
  maxRows: number;
  /** The highest column read: Excel's own limit (XFD). */
  maxColumns: number;
}

export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = {
  // under the 256 MiB /tmp each service pod mounts, with room for a second import at once
  maxFileBytes: 100 * 1024 * 1024,
  // a 200,000-student × 10-column score sheet is ~150 MB of XML; this bounds a bomb to seconds of parsing
  maxSheetBytes: 1024 * 1024 * 1024,
  // 200,000 distinct names, classes and schools take ~10 MB; the service pods have 512 MiB
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxPartBytes: 16 * 1024 * 1024,
  maxRows: 1_048_576,
  maxColumns: 16_384,
};

/** One row of the first worksheet: its own row number and its cells' text by column (0 = A). */
export interface XlsxRow {
  row: number;
  values: string[];
}

const notAWorkbook = (why: string): ValidationError => ValidationError.of('file', 'import.xlsx.unreadable', { reason: why });

/**
 * Streams the rows of the first worksheet (the first tab) of an .xlsx workbook.
 *
 * Hand-written on yauzl and saxes rather than exceljs's streaming WorkbookReader: exceljs 4.4.0 (and
 * its forks @protobi/exceljs, @mui/x-internal-exceljs-fork, nuvo-exceljs, @zurmokeeper/exceljs)
 * decodes each inflated chunk of a part on its own, so a Chinese character split by a chunk edge
 * comes out as U+FFFD (76 cells of a 200,000-row workbook). Patching it at install would fix only
 * that, with no hold on DOCTYPEs or inflated sizes; @cj-tech-master/excelts decodes correctly but
 * needs Node 22 and is a whole office toolkit. Here each part has one streaming decoder. On that
 * workbook this reader took ~5.5 CPU-seconds and 130 MB peak RSS; exceljs ~7-10 s and 225 MB.
 * Reading the zip's central directory from a spooled temporary file also means the parts may come
 * in any order, declared sizes are checked before anything is inflated, and yauzl stops an entry
 * that inflates to more than it declared.
 *
 * Cells give their text as Excel stores it: shared and inline strings (rich text runs joined, phonetic
 * runs left out), a formula's cached result, numbers in their shortest round-trip form (Excel's
 * binary noise such as 72.300000000000011 reads "72.3"), booleans as "true"/"false", error values as
 * written (#N/A). Date cells are numbers in Excel and read as their serial number.
 */
export async function* readXlsxRows(stream: Readable, limits: SpreadsheetLimits = DEFAULT_SPREADSHEET_LIMITS): AsyncGenerator<XlsxRow> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jiaolian-xlsx-'));
  let zip: ZipFile | undefined;
  try {
    const file = path.join(dir, 'upload.xlsx');
    const size = await spool(stream, file, limits.maxFileBytes);
    if (size === 0) throw ValidationError.of('file', 'import.file.empty');
    zip = await openZip(file);
    const entries = await entriesOf(zip);
    const parts = new WorkbookParts(zip, entries, limits);
    const sheet = await parts.firstSheet();
    const sharedStrings = await parts.sharedStrings();
    yield* sheetRows(zip, sheet, sharedStrings, limits);
  } finally {
    zip?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function spool(stream: Readable, file: string, maxBytes: number): Promise<number> {
  let size = 0;
  await pipeline(
    stream,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw ValidationError.of('file', 'import.xlsx.too-large', { mb: Math.round(maxBytes / 1024 / 1024) });
        yield chunk;
      }
    },
    createWriteStream(file),
  );
  return size;
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(notAWorkbook('it is not a zip archive'));
      else resolve(zip);
    });
  });
}

/** The zip's entries by lower-cased name (OOXML part names are case-insensitive). */
function entriesOf(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName.replaceAll('\\', '/').toLowerCase(), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    // kept for the zip's whole life: yauzl may report a damaged directory after the last entry too
    zip.on('error', () => reject(notAWorkbook('its zip directory is damaged')));
    zip.readEntry();
  });
}

class WorkbookParts {
  constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly limits: SpreadsheetLimits,
  ) {}

  /** The worksheet of the workbook's first tab: workbook.xml's first <sheet>, through its relationship. */
  async firstSheet(): Promise<Entry> {
    const workbookPath = (await this.relationTargets('', '_rels/.rels')).find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const relations = await this.relationTargets(path.posix.dirname(workbookPath), relsPathOf(workbookPath));
    this.sharedStringsPath = relations.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
    let firstId: string | undefined;
    const workbook = this.entry(workbookPath);
    if (workbook) {
      await consume(xmlParts(this.zip, workbook, this.limits.maxPartBytes, {
        open: (name, attributes) => {
          if (name === 'sheet' && firstId === undefined) firstId = attributeNamed(attributes, 'id') ?? '';
        },
      }));
    }
    const target = relations.find((r) => r.id === firstId)?.target;
    const sheet = (target ? this.entry(target) : undefined) ?? this.lowestNumberedSheet();
    if (!sheet) throw notAWorkbook('it has no worksheet');
    return sheet;
  }

  async sharedStrings(): Promise<string[]> {
    const strings: string[] = [];
    const entry = this.entry(this.sharedStringsPath);
    if (!entry) return strings;
    if (entry.uncompressedSize > this.limits.maxSharedStringsBytes) throw notAWorkbook('its shared strings table is too large');
    const text = new RunText();
    await consume(xmlParts(this.zip, entry, this.limits.maxSharedStringsBytes, {
      open: (name) => {
        if (name === 'si') text.start();
        else text.open(name);
      },
      text: (value) => text.add(value),
      close: (name) => {
        if (name === 'si') strings.push(text.end());
        else text.close(name);
      },
    }));
    return strings;
  }

  private sharedStringsPath = 'xl/sharedStrings.xml';

  private entry(partPath: string): Entry | undefined {
    return this.entries.get(partPath.replace(/^\/+/, '').toLowerCase());
  }

  private lowestNumberedSheet(): Entry | undefined {
    const sheets = [...this.entries.keys()]
      .map((name) => ({ name, no: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1] }))
      .filter((s) => s.no !== undefined)
      .sort((a, b) => Number(a.no) - Number(b.no));
    return sheets.length ? this.entries.get(sheets[0]!.name) : undefined;
  }

  private async relationTargets(baseDir: string, relsPath: string): Promise<{ id: string; type: string; target: string }[]> {
    const entry = this.entry(relsPath);
    if (!entry) return [];
    const relations: { id: string; type: string; target: string }[] = [];
    await consume(xmlParts(this.zip, entry, this.limits.maxPartBytes, {
      open: (name, attributes) => {
        if (name !== 'Relationship' || attributes['TargetMode'] === 'External') return;
        const target = (attributes['Target'] ?? '').replaceAll('\\', '/');
        relations.push({
          id: attributes['Id'] ?? '',
          type: attributes['Type'] ?? '',
          target: target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(baseDir, target)),
        });
      },
    }));
    return relations;
  }
}

function relsPathOf(partPath: string): string {
  return path.posix.join(path.posix.dirname(partPath), '_rels', `${path.posix.basename(partPath)}.rels`);
}

/** An attribute by its local name, whatever prefix its namespace has (r:id, x:id). */
function attributeNamed(attributes: Record<string, string>, local: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** The text of a string item (<si> or <is>): its <t> elements, rich text runs joined, phonetic runs (<rPh>) left out. */
class RunText {
  private parts: string[] = [];
  private inT = false;
  private phonetic = 0;

  start(): void {
    this.parts = [];
    this.inT = false;
    this.phonetic = 0;
  }

  open(name: string): void {
    if (name === 't') this.inT = true;
    else if (name === 'rPh') this.phonetic += 1;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic -= 1;
  }

  add(value: string): void {
    if (this.inT && this.phonetic === 0) this.parts.push(value);
  }

  end(): string {
    return unescapeXstring(this.parts.join(''));
  }
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (a literal "_x" as _x005F_x). */
function unescapeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function* sheetRows(zip: ZipFile, sheet: Entry, sharedStrings: string[], limits: SpreadsheetLimits): AsyncGenerator<XlsxRow> {
  if (sheet.uncompressedSize > limits.maxSheetBytes) throw notAWorkbook('its worksheet is too large');
  const done: XlsxRow[] = [];
  let rowNumber = 0;
  let values: string[] = [];
  let inSheetData = false;
  // the cell being read
  let column = 0;
  let type = 'n';
  let inValue = false;
  let inInline = false;
  let value = '';
  const inline = new RunText();

  const events = xmlParts(zip, sheet, limits.maxSheetBytes, {
    open: (name, attributes) => {
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      if (name === 'row') {
        const r = attributes['r'];
        rowNumber = r ? Number(r) : rowNumber + 1;
        if (!Number.isInteger(rowNumber) || rowNumber < 1) throw notAWorkbook(`a row is numbered "${r}"`);
        if (rowNumber > limits.maxRows) throw ValidationError.of('file', 'import.xlsx.too-many-rows', { max: limits.maxRows });
        values = [];
        column = 0;
      } else if (name === 'c') {
        const ref = attributes['r'];
        column = ref ? columnIndex(ref) : column;
        if (column >= limits.maxColumns) throw ValidationError.of('file', 'import.xlsx.too-many-columns', { max: limits.maxColumns });
        type = attributes['t'] ?? 'n';
        value = '';
      } else if (name === 'v') {
        inValue = true;
      } else if (name === 'is') {
        inInline = true;
        inline.start();
      } else if (inInline) {
        inline.open(name);
      }
    },
    text: (text) => {
      if (inValue) value += text;
      else if (inInline) inline.add(text);
    },
    close: (name) => {
      if (!inSheetData) return;
      if (name === 'v') inValue = false;
      else if (name === 'is') {
        inInline = false;
        value = inline.end();
      } else if (inInline) inline.close(name);
      else if (name === 'c') {
        values[column] = cellText(type, value, sharedStrings);
        column += 1;
      } else if (name === 'row') {
        for (let i = 0; i < values.length; i++) values[i] ??= '';
        if (values.some((v) => v !== '')) done.push({ row: rowNumber, values });
      } else if (name === 'sheetData') inSheetData = false;
    },
  });
  for await (const _ of events) {
    if (!done.length) continue;
    yield* done;
    done.length = 0;
  }
  yield* done;
}

/** "AB12" -> 27 (0-based), for a cell's reference. */
function columnIndex(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) index = index * 26 + (code - 64);
    else if (code >= 97 && code <= 122) index = index * 26 + (code - 96);
    else break;
    if (index > 1_000_000) break;
  }
  if (index === 0) throw notAWorkbook(`a cell is named "${ref}"`);
  return index - 1;
}

function cellText(type: string, value: string, sharedStrings: string[]): string {
  switch (type) {
    case 's': {
      if (value === '') return '';
      const text = sharedStrings[Number(value)];
      if (text === undefined) throw notAWorkbook(`a cell refers to shared string ${value}, which the workbook lacks`);
      return text;
    }
    case 'inlineStr':
      return value;
    case 'str':
    case 'e':
      return unescapeXstring(value);
    case 'b':
      return value === '' ? '' : String(value === '1' || value === 'true');
    case 'd': {
      // an ISO 8601 date cell (rare, written by a few tools): its day, as exceljs gave it
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
    }
    default:
      return numberText(value);
  }
}

const CANONICAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * Excel keeps doubles and writes them with 17 significant digits (72.300000000000011); it shows 15.
 * Rounding to 15 significant digits gives back what the user typed and saw.
 */
export function numberText(value: string): string {
  const trimmed = value.trim();
  // most cells (87, 72.5, 2026001) are already their shortest form: skip the costly round trip
  if (trimmed.length <= 15 && CANONICAL_NUMBER.test(trimmed)) return trimmed;
  if (trimmed === '') return '';
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return trimmed;
  return String(Number(number.toPrecision(15)));
}

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Parses one part of the zip as it inflates, calling the handlers with local element names (a prefix
 * such as x: dropped). Yields after each chunk so that a caller can hand on what the chunk completed.
 * A DOCTYPE (entity declarations: XXE, "billion laughs") or malformed XML rejects the file.
 */
async function* xmlParts(zip: ZipFile, entry: Entry, maxBytes: number, handlers: XmlHandlers): AsyncGenerator<void> {
  if (entry.uncompressedSize > maxBytes) throw notAWorkbook(`its part ${entry.fileName} is too large`);
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const local = (name: string): string => {
    const colon = name.indexOf(':');
    return colon === -1 ? name : name.slice(colon + 1);
  };
  parser.on('doctype', () => {
    throw notAWorkbook('its XML declares a DOCTYPE, which spreadsheets never need');
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(local(tag.name)));
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const content = await openEntry(zip, entry);
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      parseChunk(parser, entry, () => decoder.decode(chunk, { stream: true }));
      yield;
    }
    parseChunk(parser, entry, () => decoder.decode());
    parser.close();
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw notAWorkbook(`its part ${entry.fileName} could not be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    content.destroy();
  }
}

function parseChunk(parser: { write(text: string): unknown }, entry: Entry, decode: () => string): void {
  let text: string;
  try {
    text = decode();
  } catch {
    throw notAWorkbook(`its part ${entry.fileName} is not UTF-8 text`);
  }
  parser.write(text);
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) reject(notAWorkbook(`its part ${entry.fileName} cannot be opened (${error?.message ?? 'no data'})`));
      else resolve(stream);
    });
  });
}

async function consume(parts: AsyncGenerator<void>): Promise<void> {
  for await (const _ of parts);
}
