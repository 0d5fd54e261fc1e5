import type { ServiceName } from './health.js';

/**
 * Every service that holds facts an evaluation indicator is computed from answers
 * `<service>.term-facts` with per-school figures for one term of one district. The evaluation
 * (assessment) asks each service; it never reads another service's tables.
 */
export const termFactsSubject = (service: ServiceName): string => `${service}.term-facts`;

export interface TermFactsQuery {
  districtId: string;
  /** e.g. 2026-2027-1 */
  term: string;
  /** only these fact keys (default: all the service has) */
  keys?: string[];
}

/**
 * One figure for one school (or one alliance when schoolId is absent). A rate carries its
 * numerator and denominator so that the evaluation can explain it and aggregate it correctly.
 */
export interface TermFact {
  /** stable key, e.g. `teacher-exchange.placements.completed` */
  key: string;
  schoolId?: string;
  allianceId?: string;
  value: number;
  numerator?: number;
  denominator?: number;
}

export interface TermFactsView {
  service: ServiceName;
  term: string;
  facts: TermFact[];
}
