import { csvCell, csvLine } from './csv.js';

describe('archive CSV', () => {
  it.each([
    ['下湾村小学', '下湾村小学'],
    ['a,b', '"a,b"'],
    ['他说"好"', '"他说""好"""'],
    ['两行\n文字', '"两行\n文字"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-3', "'-3"],
    [null, ''],
    [42, '42'],
    [-3, '-3'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('ends a line with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
