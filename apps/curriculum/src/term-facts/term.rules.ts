import { isTerm } from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';

/** A term code whose second year follows the first (2026-2027-1); the pattern alone lets 2026-2030-1 through. */
export function assertTerm(term: string): void {
  if (!isTerm(term)) throw ValidationError.of('term', 'curriculum.term-facts.term-invalid');
}
