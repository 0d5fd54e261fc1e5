import { isTerm, previousTerm, termOf, termRange } from './terms.js';

describe('terms', () => {
  it('accepts a school year whose second year follows the first', () => {
    expect(isTerm('2026-2027-1')).toBe(true);
    expect(isTerm('2026-2027-2')).toBe(true);
    expect(isTerm('2026-2028-1')).toBe(false);
    expect(isTerm('2026-2027-3')).toBe(false);
    expect(isTerm('2026-27-1')).toBe(false);
  });

  it('covers every day of a school year by exactly one term', () => {
    expect(termRange('2026-2027-1')).toEqual({ from: '2026-08-01', to: '2027-02-01' });
    expect(termRange('2026-2027-2')).toEqual({ from: '2027-02-01', to: '2027-08-01' });
    expect(termOf('2026-08-01')).toBe('2026-2027-1');
    expect(termOf('2027-01-31')).toBe('2026-2027-1');
    expect(termOf('2027-02-01')).toBe('2026-2027-2');
    expect(termOf('2027-07-31')).toBe('2026-2027-2');
  });

  it('steps back one term, across school years', () => {
    expect(previousTerm('2026-2027-2')).toBe('2026-2027-1');
    expect(previousTerm('2026-2027-1')).toBe('2025-2026-2');
    expect(() => previousTerm('nope')).toThrow(RangeError);
  });
});
