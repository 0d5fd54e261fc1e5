/**
 * School terms (学期) are first-class: `2026-2027-1` is the first term (第一学期) of school year
 * 2026–2027 and `2026-2027-2` its second. Reports, plans and evaluations are per term.
 */
export const TERM_PATTERN = /^(\d{4})-(\d{4})-([12])$/;

/** True for a term code whose second year follows the first. */
export function isTerm(term: string): boolean {
  const match = TERM_PATTERN.exec(term);
  return Boolean(match) && Number(match![2]) === Number(match![1]) + 1;
}

/**
 * The calendar span a term covers, as [from, to) dates (YYYY-MM-DD, Asia/Shanghai calendar days):
 * the first term runs from 1 August to 1 February, the second from 1 February to 1 August, so that
 * every day of a school year belongs to exactly one term (holidays go with the term they follow).
 */
export function termRange(term: string): { from: string; to: string } {
  if (!isTerm(term)) throw new RangeError(`not a term: ${term}`);
  const [first, second, half] = term.split('-');
  return half === '1' ? { from: `${first}-08-01`, to: `${second}-02-01` } : { from: `${second}-02-01`, to: `${second}-08-01` };
}

/** The term a calendar day (YYYY-MM-DD) belongs to. */
export function termOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (month >= 8) return `${year}-${year + 1}-1`;
  if (month >= 2) return `${year - 1}-${year}-2`;
  return `${year - 1}-${year}-1`;
}

/** The term before this one (for growth over terms). */
export function previousTerm(term: string): string {
  if (!isTerm(term)) throw new RangeError(`not a term: ${term}`);
  const [first, second, half] = term.split('-');
  return half === '2' ? `${first}-${second}-1` : `${Number(first) - 1}-${first}-2`;
}
