import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { readSpreadsheet } from './spreadsheet-reader.js';

// Builds what a district's score sheet holds: Chinese names (rare characters too: 䶮 is in CJK
// extension A, 𠮷 in extension B, four bytes in UTF-8), schools and classes, written by exceljs's
// streaming writer the way Excel and WPS store text: a shared strings table, or strings in the cells.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳', '司马', '诸葛', '𠮷', '龚', '䶮'];
const GIVEN = ['子涵', '欣怡', '梓萱', '浩宇', '宇轩', '一诺', '䶮', '𠮷祥', '喆', '堃', '犇', '淼', '昇辉', '龘', '思彤', '俊熙', '雨桐', '明轩'];
const TOWNS = ['清溪', '石门', '白沙', '龙潭', '桃源', '青山'];
const KINDS = ['镇中心小学', '镇中学', '村小学', '第一中学', '实验学校'];
const GRADES = ['七年级', '八年级', '九年级'];
const HEADER = ['学号', '姓名', '学校', '班级', '语文', '备注'];
const ROWS = 50_000;

/** A small deterministic generator, so a failure names the same cells on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(next: () => number, items: T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function sheetOf(rows: number, seed: number): string[][] {
  const next = random(seed);
  return Array.from({ length: rows }, (_, i) => {
    const name = `${pick(next, SURNAMES)}${pick(next, GIVEN)}`;
    const school = `${pick(next, TOWNS)}${pick(next, KINDS)}`;
    const klass = `${pick(next, GRADES)}（${1 + Math.floor(next() * 12)}）班`;
    const note = next() < 0.5 ? `${name}同学在${school}的第${i}次测验` : '';
    return [`2026${String(i).padStart(6, '0')}`, name, school, klass, String(60 + Math.floor(next() * 400) / 10), note];
  });
}

async function workbookOf(rows: string[][], sharedStrings: boolean): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: sharedStrings, useStyles: false });
  const sheet = workbook.addWorksheet('成绩');
  sheet.addRow(HEADER).commit();
  for (const [studentNo, name, school, klass, score, note] of rows) {
    // without shared strings exceljs writes plain strings as t="str" and rich text as inline strings
    // (<is><r><t>); both kinds are in that workbook, as in those of other writers
    const inline = (text: string): ExcelJS.CellValue => (sharedStrings || text === '' ? text : { richText: [{ text }] });
    sheet.addRow([studentNo, inline(name!), school, inline(klass!), Number(score), inline(note!)]).commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}

async function mismatches(file: Buffer, expected: string[][]): Promise<{ count: number; rows: number; first: string[] }> {
  const found: string[] = [];
  let count = 0;
  let rows = 0;
  for await (const { row, cells } of readSpreadsheet(Readable.from([file]), 'xlsx')) {
    const want = expected[row - 2];
    rows += 1;
    HEADER.forEach((column, i) => {
      const got = cells[column];
      if (got === want?.[i]) return;
      count += 1;
      if (found.length < 10) found.push(`row ${row} ${column}: ${JSON.stringify(got)} instead of ${JSON.stringify(want?.[i])}`);
    });
  }
  return { count, rows, first: found };
}

describe(`${readSpreadsheet.name} with ${ROWS} rows of Chinese text`, () => {
  it.each([
    ['a shared strings table', true, 11],
    ['strings and rich text in the cells', false, 23],
  ])('reads every cell of a workbook with %s exactly as written', async (_, sharedStrings, seed) => {
    const rows = sheetOf(ROWS, seed);
    const file = await workbookOf(rows, sharedStrings);

    const result = await mismatches(file, rows);

    expect(result).toEqual({ count: 0, rows: ROWS, first: [] });
  }, 60_000);
});
