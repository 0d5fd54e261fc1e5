import { bigrams, indexTokens, textRuns, toTsQueryLiteral, toTsVectorLiteral } from './search-tokens.js';

describe('search tokens', () => {
  it('cuts text into CJK runs and lower-case latin words, dropping punctuation', () => {
    expect(textRuns('农耕文化，PPT课件 v2.0！')).toEqual([
      { cjk: true, text: '农耕文化' }, { cjk: false, text: 'ppt' }, { cjk: true, text: '课件' }, { cjk: false, text: 'v2' }, { cjk: false, text: '0' },
    ]);
  });

  it.each([
    ['农耕文化劳动教育', ['农耕', '耕文', '文化', '化劳', '劳动', '动教', '教育']],
    ['农耕', ['农耕']],
    ['农', ['农']],
    ['', []],
  ])('makes overlapping bigrams of %s', (run, expected) => {
    expect(bigrams(run)).toEqual(expected);
  });

  it('indexes a CJK run as its bigrams then its characters, and a latin run as one word', () => {
    expect(indexTokens('农耕课 STEAM')).toEqual(['农耕', '耕课', '农', '耕', '课', 'steam']);
  });

  it('folds full-width latin to ASCII (NFKC) before lower-casing', () => {
    expect(indexTokens('ＰＰＴ')).toEqual(['ppt']);
  });

  it('writes bigrams at consecutive positions with the field weight, and leaves a gap between runs', () => {
    const sut = toTsVectorLiteral([{ text: '农耕文化', weight: 'A' }, { text: '劳动', weight: 'D' }]);
    expect(sut).toContain("'农耕':2A");
    expect(sut).toContain("'耕文':3A");
    expect(sut).toContain("'文化':4A");
    expect(sut).toContain("'农':5A");
    // the second field starts after a gap, so 化劳 (which never occurs in the text) cannot be faked by a phrase
    expect(sut).toContain("'劳动':10D");
    expect(sut).not.toContain("'化劳'");
  });

  it('quotes tokens so user text cannot break the literal', () => {
    expect(toTsVectorLiteral([{ text: "it's", weight: 'A' }])).toBe("'it':2A 's':4A");
    expect(toTsQueryLiteral("o'neil")).toBe("'o':* & 'neil':*");
  });

  it.each([
    ['农耕', "'农耕'"],
    ['农耕文化', "('农耕' <-> '耕文' <-> '文化')"],
    ['农', "'农'"],
    ['农耕 劳动', "'农耕' & '劳动'"],
    ['PPT课件', "'ppt':* & '课件'"],
    ['  ，。！ ', null],
  ])('turns the query %j into %s', (query, expected) => {
    expect(toTsQueryLiteral(query)).toBe(expected);
  });
});
