/*
 * Chinese-capable full-text search without a Chinese parser in PostgreSQL. Text is cut into runs of
 * CJK characters and runs of latin letters/digits. A CJK run is indexed as its overlapping bigrams
 * (at consecutive positions, so a query can ask for them as a phrase) and then its single characters
 * (so one-character queries match); a latin run as one lower-case word. The vector and the query are
 * written as tsvector/tsquery literals, so PostgreSQL's `simple` parser never re-splits them.
 */

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const RUNS = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]`, 'u');

export interface TextRun {
  cjk: boolean;
  text: string;
}

/** Splits text into CJK runs and lower-case latin/digit words; everything else separates them. */
export function textRuns(text: string): TextRun[] {
  const normalised = text.normalize('NFKC').toLowerCase();
  return [...normalised.matchAll(RUNS)].map((m) => ({ cjk: IS_CJK.test(m[0]), text: m[0] }));
}

/** Overlapping bigrams of a CJK run (a single character is its own only token). */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** The tokens of a text in index order: per CJK run its bigrams then its characters; per latin run the word. */
export function indexTokens(text: string): string[] {
  return textRuns(text).flatMap((run) => {
    if (!run.cjk) return [run.text];
    const chars = [...run.text];
    return chars.length < 2 ? chars : [...bigrams(run.text), ...chars];
  });
}

const quote = (token: string): string => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** PostgreSQL caps tsvector positions at 16383. */
const MAX_POSITION = 16383;

export interface WeightedText {
  text: string | null | undefined;
  /** A counts most in ranking (titles), D least */
  weight: 'A' | 'B' | 'C' | 'D';
}

/**
 * A tsvector literal for the given texts. Each text starts at a fresh position block so bigrams of
 * different texts never sit next to each other and a phrase cannot span two fields.
 */
export function toTsVectorLiteral(texts: WeightedText[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const { text, weight } of texts) {
    if (!text) continue;
    for (const run of textRuns(text)) {
      position += 1; // a gap between runs: no phrase joins two runs
      const tokens = run.cjk ? bigrams(run.text) : [run.text];
      for (const token of tokens) {
        position += 1;
        if (position > MAX_POSITION) break;
        positions.set(token, [...(positions.get(token) ?? []), `${position}${weight}`]);
      }
      if (run.cjk && [...run.text].length > 1) {
        for (const char of new Set(run.text)) {
          if (position + 1 > MAX_POSITION) break;
          positions.set(char, [...(positions.get(char) ?? []), `${++position}${weight}`]);
        }
      }
    }
  }
  return [...positions.entries()].map(([token, at]) => `${quote(token)}:${at.slice(0, 256).join(',')}`).join(' ');
}

/**
 * A tsquery literal for what a user typed, or null when it has nothing searchable. Every term must
 * match (AND): a CJK term as the phrase of its bigrams (农耕文化 → 农耕 <-> 耕文 <-> 文化), one
 * character as itself, a latin word as a prefix (so `ppt` finds `pptx`).
 */
export function toTsQueryLiteral(query: string): string | null {
  const parts = textRuns(query).map((run) => {
    if (!run.cjk) return `${quote(run.text)}:*`;
    const grams = bigrams(run.text).map(quote);
    return grams.length > 1 ? `(${grams.join(' <-> ')})` : grams[0] as string;
  });
  return parts.length ? parts.join(' & ') : null;
}

/** The texts a resource is found by, weighted: the title counts most. */
export const resourceSearchVector = (r: {
  title: string; description?: string | null; subject: string; grade: string; edition?: string | null; unit?: string | null; tags: string[];
}): string =>
  toTsVectorLiteral([
    { text: r.title, weight: 'A' },
    { text: r.tags.join(' '), weight: 'B' },
    { text: [r.subject, r.grade, r.edition, r.unit].filter(Boolean).join(' '), weight: 'C' },
    { text: r.description, weight: 'D' },
  ]);
