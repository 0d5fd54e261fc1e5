import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PassThrough, Readable } from 'node:stream';
import { ValidationError } from '../errors/domain-error.js';
import { formatOf, readSpreadsheet, type SheetRow } from './spreadsheet-reader.js';

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
