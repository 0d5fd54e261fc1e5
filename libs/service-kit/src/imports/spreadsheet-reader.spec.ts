import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { PassThrough, Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';
import { formatOf, readSpreadsheet, type SheetRow } from './spreadsheet-reader.js';
import { SNIFF_BYTES } from './text-encoding.js';

async function collect(stream: Readable, format: 'xlsx' | 'csv'): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readSpreadsheet(stream, format)) rows.push(row);
  return rows;
}

describe(readSpreadsheet.name, () => {
  it('reads a CSV with a BOM, keyed by trimmed headers, skipping empty lines with the file\'s own line numbers', async () => {
    const csv = '\uFEFF学号, 姓名 ,语文\n2026001,张三,98\n\n2026002,李四,\n';
    const rows = await collect(Readable.from([Buffer.from(csv, 'utf8')]), 'csv');
    expect(rows).toEqual([
      { row: 2, cells: { 学号: '2026001', 姓名: '张三', 语文: '98' } },
      { row: 4, cells: { 学号: '2026002', 姓名: '李四', 语文: '' } },
    ]);
  });

  it('reads the first sheet of an .xlsx workbook with its row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('成绩');
    sheet.addRow(['学号', '姓名', '数学']);
    sheet.addRow(['2026001', '王五', 87.5]);
    sheet.addRow([]);
    sheet.addRow(['2026003', '赵六', 0]);
    workbook.addWorksheet('ignored').addRow(['x']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const stream = new PassThrough();
    stream.end(buffer);
    const rows = await collect(stream, 'xlsx');
    expect(rows).toEqual([
      { row: 2, cells: { 学号: '2026001', 姓名: '王五', 数学: '87.5' } },
      { row: 4, cells: { 学号: '2026003', 姓名: '赵六', 数学: '0' } },
    ]);
  });

  it('reads the first sheet when its worksheets come before the workbook part, with the shared strings already read', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('成绩').addRows([['学号', '姓名'], ['2026001', '王五']]);
    workbook.addWorksheet('说明').addRows([['字段', '含义'], ['学号', '学籍号']]);
    const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    // the order some writers use: shared strings and relationships first, the sheets, the workbook part last
    const last = ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml', 'xl/workbook.xml'];
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const names = Object.keys(written.files).filter((name) => !written.files[name]!.dir);
    const reordered = new JSZip();
    for (const name of [...first, ...names.filter((n) => !first.includes(n) && !last.includes(n)), ...last]) {
      reordered.file(name, await written.file(name)!.async('uint8array'));
    }
    const stream = new PassThrough();
    stream.end(await reordered.generateAsync({ type: 'nodebuffer' }));
    expect(await collect(stream, 'xlsx')).toEqual([{ row: 2, cells: { 学号: '2026001', 姓名: '王五' } }]);
  });

  it('reads the first tab when the workbook\'s sheet ids no longer start at 1', async () => {
    const workbook = new ExcelJS.Workbook();
    const removed = workbook.addWorksheet('旧表');
    workbook.addWorksheet('成绩').addRows([['学号', '姓名'], ['2026009', '孙七']]);
    workbook.addWorksheet('说明').addRows([['字段', '含义'], ['学号', '学籍号']]);
    workbook.removeWorksheet(removed.id);
    const stream = new PassThrough();
    stream.end(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(await collect(stream, 'xlsx')).toEqual([{ row: 2, cells: { 学号: '2026009', 姓名: '孙七' } }]);
  });
});

describe(formatOf.name, () => {
  it.each([
    ['scores.xlsx', undefined, 'xlsx'],
    ['SCORES.CSV', undefined, 'csv'],
    ['upload', 'text/csv', 'csv'],
  ])('knows %s', (name, type, expected) => {
    expect(formatOf(name, type)).toBe(expected);
  });

  it('rejects other files naming the file field', () => {
    expect(() => formatOf('scores.xls')).toThrow(ValidationError);
  });
});

/** Delivers bytes in chunks of `size`, as a network stream may split them. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe(`${readSpreadsheet.name} of CSV in the encodings Chinese Windows saves`, () => {
  const text = '学号,姓名,学校\n2026001,王䶮,清溪镇中学\n2026002,𠮷祥,石门村小学\n';
  const expected = [
    { row: 2, cells: { 学号: '2026001', 姓名: '王䶮', 学校: '清溪镇中学' } },
    { row: 3, cells: { 学号: '2026002', 姓名: '𠮷祥', 学校: '石门村小学' } },
  ];

  it.each([
    ['UTF-8 without BOM', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['GB18030 (rare characters in four bytes)', iconv.encode(text, 'gb18030')],
    ['UTF-16LE with BOM', iconv.encode(text, 'utf-16le', { addBOM: true })],
    ['UTF-16BE with BOM', iconv.encode(text, 'utf-16be', { addBOM: true })],
  ])('reads %s, whole or a byte at a time', async (_, bytes) => {
    expect(await collect(Readable.from([bytes]), 'csv')).toEqual(expected);
    expect(await collect(chunked(bytes, 1), 'csv')).toEqual(expected);
  });

  it('reads GBK, what Excel on Chinese Windows saves as "CSV", instead of reporting every column missing', async () => {
    const gbk = iconv.encode('学号,姓名,班级,语文\r\n2026001,张三,七年级（1）班,98\r\n', 'gbk');
    expect(await collect(Readable.from([gbk]), 'csv')).toEqual([
      { row: 2, cells: { 学号: '2026001', 姓名: '张三', 班级: '七年级（1）班', 语文: '98' } },
    ]);
  });

  it('reads GBK whose Chinese text starts after a long ASCII head', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `${2026000 + i},x,60`).join('\n');
    const gbk = iconv.encode(`no,name,score\n${ascii}\n2030000,李四,88\n`, 'gbk');
    const rows = await collect(chunked(gbk, 4096), 'csv');
    expect(rows).toHaveLength(5001);
    expect(rows.at(-1)).toEqual({ row: 5002, cells: { no: '2030000', name: '李四', score: '88' } });
  });

  it('reads UTF-8 whose character at the end of the detection window is split across it and across chunks', async () => {
    // from the first non-ASCII byte, 3-byte characters: the one at byte SNIFF_BYTES - 1 straddles the window's end
    const names = '王'.repeat(SNIFF_BYTES / 3 + 10);
    const bytes = Buffer.from(`学号,姓名\n1,${names}\n2,李四\n`, 'utf8');
    const firstHigh = bytes.findIndex((b) => b >= 0x80);
    expect((SNIFF_BYTES - 1) % 3).toBe(0); // a character starts one byte before the window's end
    for (const size of [SNIFF_BYTES + firstHigh - 1, 1021]) {
      const rows = await collect(chunked(bytes, size), 'csv');
      expect(rows).toEqual([{ row: 2, cells: { 学号: '1', 姓名: names } }, { row: 3, cells: { 学号: '2', 姓名: '李四' } }]);
    }
  });

  it('reads a tab-separated "Unicode text" export', async () => {
    const bytes = iconv.encode('学号\t姓名\t备注\r\n2026001\t王五\t转学, 待确认\r\n', 'utf-16le', { addBOM: true });
    expect(await collect(Readable.from([bytes]), 'csv')).toEqual([{ row: 2, cells: { 学号: '2026001', 姓名: '王五', 备注: '转学, 待确认' } }]);
  });

  it('keeps the file\'s line numbers after blank lines and a quoted field over two lines', async () => {
    const csv = '\n学号,姓名,备注\n\n2026001,张三,"第一行\n第二行"\n\n\n2026002,李四,\n ,  ,\n2026003,王五,好\n';
    const rows = await collect(Readable.from([Buffer.from(csv)]), 'csv');
    expect(rows.map((r) => [r.row, r.cells['学号'], r.cells['备注']])).toEqual([
      [4, '2026001', '第一行\n第二行'],
      [8, '2026002', ''],
      [10, '2026003', '好'],
    ]);
  });

  it.each([
    ['UTF-8 that turns invalid after the detection window', Buffer.concat([Buffer.from(`a,b\n1,${'汉'.repeat(SNIFF_BYTES)}\n2,`), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\n')])],
    ['binary data named .csv', Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0x00, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47])])],
    ['an unclosed quote', Buffer.from('学号,姓名\n1,"张三\n2,李四\n')],
    ['a line longer than any spreadsheet row', Buffer.from(`a,b\n1,"${'x'.repeat(2 * 1024 * 1024)}"\n`)],
  ])('refuses %s on field file', async (_, bytes) => {
    await expect(collect(Readable.from([bytes]), 'csv')).rejects.toMatchObject({ kind: 'validation-failed', errors: [{ field: 'file' }] });
  });

  it('refuses 50 MB of noise named .csv quickly, reading no row', async () => {
    const noise = Buffer.allocUnsafe(50 * 1024 * 1024);
    for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((i * 2_654_435_761) >>> 0, i);
    const rows: SheetRow[] = [];
    const started = Date.now();
    await expect((async () => {
      for await (const row of readSpreadsheet(chunked(noise, 64 * 1024), 'csv')) rows.push(row);
    })()).rejects.toMatchObject({ kind: 'validation-failed', errors: [{ field: 'file' }] });
    expect(rows).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);
});
