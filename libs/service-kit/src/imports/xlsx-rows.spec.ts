import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readSpreadsheet, type SheetRow, type SpreadsheetLimits } from './spreadsheet-reader.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook as Excel lays it out; `parts` replaces or adds parts by name (null drops one). */
async function xlsx(sheetData: string, parts: Record<string, string | null> = {}): Promise<Buffer> {
  const files: Record<string, string | null> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="成绩" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`,
    ...parts,
  };
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) if (content !== null) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>学号</t></is></c><c r="B1" t="inlineStr"><is><t>值</t></is></c></row>';

async function read(file: Buffer, limits?: Partial<SpreadsheetLimits>): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readSpreadsheet(Readable.from([file]), 'xlsx', limits)) rows.push(row);
  return rows;
}

async function valuesOf(cells: string): Promise<string[]> {
  const rows = await read(await xlsx(`${header}<row r="2">${cells}</row>`));
  return rows.map((r) => r.cells['值']!);
}

const refusedOnFile = { kind: 'validation-failed', errors: [{ field: 'file' }] };

describe(`${readSpreadsheet.name} of .xlsx`, () => {
  let spoolDir: string;
  const originalTmp = process.env['TMPDIR'];

  beforeEach(() => {
    // the reader spools uploads under os.tmpdir(): a directory of this test's own shows what it leaves
    spoolDir = mkdtempSync(path.join(tmpdir(), 'xlsx-rows-spec-'));
    process.env['TMPDIR'] = spoolDir;
  });

  afterEach(() => {
    process.env['TMPDIR'] = originalTmp;
    expect(readdirSync(spoolDir)).toEqual([]); // no spooled upload is left behind, read or refused
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('keeps the sheet\'s own row numbers after blank rows and rows with only empty cells', async () => {
    const rows = await read(await xlsx([
      header,
      '<row r="2"><c r="A2" t="inlineStr"><is><t>2026001</t></is></c></row>',
      '<row r="3"><c r="A3" t="inlineStr"><is><t> </t></is></c><c r="B3"/></row>',
      '<row r="7"><c r="A7" t="inlineStr"><is><t>2026007</t></is></c></row>',
      '<row><c t="inlineStr"><is><t>2026008</t></is></c></row>',
    ].join('')));
    expect(rows.map((r) => [r.row, r.cells['学号']])).toEqual([[2, '2026001'], [7, '2026007'], [8, '2026008']]);
  });

  it('reads the row numbers exceljs writes after empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('成绩');
    sheet.getRow(1).values = ['学号', '姓名'];
    sheet.getRow(2).values = ['2026001', '张三'];
    sheet.getRow(5).values = ['2026005', '李四'];
    const rows = await read(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([{ row: 2, cells: { 学号: '2026001', 姓名: '张三' } }, { row: 5, cells: { 学号: '2026005', 姓名: '李四' } }]);
  });

  it.each([
    ['72.300000000000011', '72.3'],
    ['88.499999999999986', '88.5'],
    ['0.30000000000000004', '0.3'],
    ['87', '87'],
    ['-3.5', '-3.5'],
    ['1.5E-3', '0.0015'],
    ['2026000123', '2026000123'],
  ])('reads the numeric cell %s as %s, its shortest round-trip form', async (stored, shown) => {
    expect(await valuesOf(`<c r="B2"><v>${stored}</v></c>`)).toEqual([shown]);
  });

  it('reads a formula\'s cached result, numeric or text', async () => {
    expect(await valuesOf('<c r="B2"><f>A2*0.1</f><v>144.60000000000002</v></c>')).toEqual(['144.6']);
    expect(await valuesOf('<c r="B2" t="str"><f>"优"&amp;"秀"</f><v>优秀</v></c>')).toEqual(['优秀']);
  });

  it('reads a date cell as its serial number, as before', async () => {
    expect(await valuesOf('<c r="B2" s="1"><v>46082</v></c>')).toEqual(['46082']);
  });

  it('leaves full-width digits as they are', async () => {
    expect(await valuesOf('<c r="B2" t="inlineStr"><is><t>８５</t></is></c>')).toEqual(['８５']);
  });

  it('reads booleans, error values, rich text without its phonetic guide, and escaped characters', async () => {
    const sharedStrings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="3" uniqueCount="3">`
      + '<si><t>学号</t></si><si><t>值</t></si>'
      + '<si><r><rPr><b/></rPr><t>欧阳</t></r><r><t xml:space="preserve">修 </t></r><rPh sb="0" eb="2"><t>おうよう</t></rPh></si>'
      + '<si><t>第一行_x000D_</t></si></sst>';
    const rows = await read(await xlsx([
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
      '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="b"><v>1</v></c></row>',
      '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="e"><v>#N/A</v></c></row>',
      '<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="s"><v>2</v></c></row>',
      '<row r="5"><c r="A5"><v>4</v></c><c r="B5" t="s"><v>3</v></c></row>',
    ].join(''), { 'xl/sharedStrings.xml': sharedStrings }));
    expect(rows.map((r) => r.cells['值'])).toEqual(['true', '#N/A', '欧阳修', '第一行']);
  });

  it('reads a sheet whose elements carry a namespace prefix (x:row, x:c)', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>`
      + '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>学号</x:t></x:is></x:c></x:row>'
      + '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>2026001</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    expect(await read(await xlsx('', { 'xl/worksheets/sheet1.xml': sheet }))).toEqual([{ row: 2, cells: { 学号: '2026001' } }]);
  });

  it('stops reading when the caller stops, leaving nothing behind', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`).join('');
    for await (const row of readSpreadsheet(Readable.from([await xlsx(header + rows)]), 'xlsx')) {
      expect(row.row).toBe(2);
      break;
    }
  });

  describe('refuses files that are not workbooks on field file', () => {
    const billionLaughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
      + '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
      + `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`;
    const externalEntity = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="${MAIN}"><si><t>&xxe;</t></si></sst>`;

    it.each<[string, () => Promise<Buffer>]>([
      ['an empty file', async () => Buffer.alloc(0)],
      ['random bytes', async () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 251))],
      ['a zip without a worksheet', async () => {
        const zip = new JSZip();
        zip.file('readme.txt', '这不是工作簿');
        return zip.generateAsync({ type: 'nodebuffer' });
      }],
      ['a workbook whose sheet part is missing', () => xlsx('', { 'xl/worksheets/sheet1.xml': null })],
      ['a worksheet with a DOCTYPE (billion laughs)', () => xlsx('', { 'xl/worksheets/sheet1.xml': billionLaughs })],
      ['shared strings with an external entity (XXE)', () => xlsx(header, { 'xl/sharedStrings.xml': externalEntity })],
      ['a worksheet that is not well-formed XML', () => xlsx(`${header}<row r="2"><c r="A2"><v>1</c></row>`)],
      ['a worksheet in another encoding than UTF-8', async () => {
        const zip = await JSZip.loadAsync(await xlsx(header));
        zip.file('xl/worksheets/sheet1.xml', Buffer.from([0x3c, 0x77, 0x3e, 0xd1, 0xa7, 0xba, 0xc5, 0xff, 0x3c, 0x2f, 0x77, 0x3e]));
        return zip.generateAsync({ type: 'nodebuffer' });
      }],
      ['a cell naming a shared string the workbook lacks', () => xlsx(`${header}<row r="2"><c r="A2" t="s"><v>99</v></c></row>`)],
      ['a row beyond Excel\'s 1,048,576', () => xlsx(`${header}<row r="2000000"><c r="A2000000"><v>1</v></c></row>`)],
      ['a cell beyond Excel\'s column XFD', () => xlsx(`${header}<row r="2"><c r="ZZZZ2"><v>1</v></c></row>`)],
      ['a truncated workbook', async () => (await xlsx(header)).subarray(0, 300)],
    ])('%s', async (_, file) => {
      await expect(read(await file())).rejects.toMatchObject(refusedOnFile);
    });

    it('a sheet that inflates beyond the limit (a zip bomb), before reading a row', async () => {
      const file = await xlsx(header + '<row><c><v>1</v></c></row>'.repeat(100_000)); // 2.6 MB of XML
      expect(file.length).toBeLessThan(64 * 1024);
      const seen: SheetRow[] = [];
      const reading = (async () => {
        for await (const row of readSpreadsheet(Readable.from([file]), 'xlsx', { maxSheetBytes: 1024 * 1024 })) seen.push(row);
      })();
      await expect(reading).rejects.toMatchObject(refusedOnFile);
      expect(seen).toEqual([]);
    });

    it('a sheet whose zip entry declares fewer bytes than it inflates to', async () => {
      const file = await xlsx(header + '<row r="2"><c r="A2"><v>1</v></c></row>'.repeat(200));
      // the central directory's uncompressed size of the sheet, shrunk: yauzl stops at the declared size
      const entry = file.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46; // its central directory record
      expect(file.readUInt32LE(entry)).toBe(0x02014b50);
      file.writeUInt32LE(100, entry + 24);
      await expect(read(file)).rejects.toMatchObject(refusedOnFile);
    });

    it('shared strings beyond their limit', async () => {
      const strings = Array.from({ length: 5000 }, (_, i) => `<si><t>学生${i}</t></si>`).join('');
      const file = await xlsx(header, { 'xl/sharedStrings.xml': `<sst xmlns="${MAIN}">${strings}</sst>` });
      await expect(read(file, { maxSharedStringsBytes: 32 * 1024 })).rejects.toMatchObject(refusedOnFile);
    });

    it('a file larger than the limit, without writing it all', async () => {
      await expect(read(Buffer.alloc(2 * 1024 * 1024, 7), { maxFileBytes: 1024 * 1024 })).rejects.toMatchObject(refusedOnFile);
    });

    it('50 MB of noise, quickly', async () => {
      const noise = Buffer.allocUnsafe(50 * 1024 * 1024);
      for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((i * 2_654_435_761) >>> 0, i);
      const started = Date.now();
      await expect(read(noise)).rejects.toMatchObject(refusedOnFile);
      expect(Date.now() - started).toBeLessThan(8_000);
    }, 20_000);
  });
});
