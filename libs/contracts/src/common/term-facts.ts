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

/**
 * Inside one service, a part that contributes term facts (for example assessment's exams and its
 * surveys): the service's `<service>.term-facts` handler asks every source and joins their facts.
 */
export interface TermFactSource {
  /** the fact keys this source answers */
  readonly keys: readonly string[];
  facts(districtId: string, term: string): Promise<TermFact[]>;
}

/** Survey satisfaction per school: value 0–1 (mean of the satisfaction questions, scaled), numerator the sum, denominator the responses; absent below the anonymity threshold. */
export const SURVEY_SATISFACTION_FACT = 'assessment.surveys.satisfaction';

/**
 * Assessment answers `assessment.evaluations.status` with where each evaluation of a district's term
 * stands (for briefings and the archive in other services).
 */
export const EVALUATION_STATUS_SUBJECT = 'assessment.evaluations.status';

export interface EvaluationStatusQuery {
  districtId: string;
  term: string;
  /** only this alliance and its schools */
  allianceId?: string;
}

export interface EvaluationStatusItem {
  targetType: 'alliance' | 'school';
  targetId: string;
  allianceId?: string;
  /** self-evaluation → alliance review → district review → published */
  step: 'draft' | 'self-evaluated' | 'alliance-reviewed' | 'published';
  /** published version (1, 2, …; a correction is a new version) */
  version?: number;
  /** total score 0–100 of the published (or latest) version */
  score?: number;
  /** rank among its peers (alliances in the district, schools in the alliance) by score */
  rank?: number;
  award?: string;
}

export interface EvaluationStatusView {
  term: string;
  items: EvaluationStatusItem[];
}
