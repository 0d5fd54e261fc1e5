import {
  isTermFactKey, TERM_FACT_CATALOGUE, type DimensionScoreView, type EvaluationAction, type EvaluationStep, type EvaluationTargetType,
  type EvaluatorEntryView, type IndicatorScoreView, type ScoreStep, type TermFact,
} from '@jiaolian/contracts';
import { ConflictError } from '@jiaolian/service-kit';
import { appliesTo, type DimensionDef } from '../framework/framework.rules.js';
import { allianceFigure, computedScore, evaluatorScore, rankScores, schoolFigure, weightedScore, type Figure } from '../scoring.rules.js';

/** A computed indicator's result as stored with the evaluation (score null: no data). */
export interface ComputedResult {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  score: number | null;
}

/** A fact behind a score, for the drill-down (schoolId null: the alliance's own figure). */
export interface FactRow {
  schoolId: string | null;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export interface EntryRecord {
  score: number;
  comment: string | null;
  evidence: string | null;
  by: string;
  at: string;
}

/** Evaluator scores by indicator code and step. */
export type Entries = Record<string, Partial<Record<ScoreStep, EntryRecord>>>;

/** What is stored per evaluation from one gathering of the term's facts. */
export interface Gathered {
  computed: Record<string, ComputedResult>;
  facts: Record<string, FactRow[]>;
}

export interface AllianceMembers {
  allianceId: string;
  schoolIds: string[];
}

export const allianceKey = (allianceId: string): string => `a/${allianceId}`;
export const schoolKey = (allianceId: string, schoolId: string): string => `s/${allianceId}/${schoolId}`;

/* the step flow */

const ACTION_FROM: Record<EvaluationAction, (type: EvaluationTargetType) => EvaluationStep[]> = {
  submit: () => ['draft'],
  // an alliance has no alliance review of its own: the district reviews its self-evaluation
  approve: (type) => (type === 'school' ? ['self-evaluated'] : []),
  publish: (type) => (type === 'school' ? ['alliance-reviewed'] : ['self-evaluated']),
  return: (type) => (type === 'school' ? ['self-evaluated', 'alliance-reviewed'] : ['self-evaluated']),
};

const ACTION_TO: Record<EvaluationAction, EvaluationStep> = { submit: 'self-evaluated', approve: 'alliance-reviewed', publish: 'published', return: 'draft' };

/** The step an action leads to, or 409 naming the step the evaluation is in. */
export function nextStep(type: EvaluationTargetType, step: EvaluationStep, action: EvaluationAction): EvaluationStep {
  if (!ACTION_FROM[action](type).includes(step)) throw ConflictError.of(`assessment.evaluation.cannot-${action}` as const, { evaluationStep: step });
  return ACTION_TO[action];
}

/**
 * Who acts in a step: the school (or alliance) itself in draft, the alliance on a school's submitted
 * self-evaluation, the district on what the previous review passed on. Published: nobody.
 */
export function reviewerOf(type: EvaluationTargetType, step: EvaluationStep): ScoreStep | null {
  switch (step) {
    case 'draft': return 'self';
    case 'self-evaluated': return type === 'school' ? 'alliance' : 'district';
    case 'alliance-reviewed': return 'district';
    case 'published': return null;
  }
}

/* computing the indicators from the facts */

interface FactIndex {
  bySchool: Map<string, TermFact>;
  byAlliance: Map<string, TermFact>;
}

function indexFacts(facts: TermFact[]): Map<string, FactIndex> {
  const index = new Map<string, FactIndex>();
  for (const fact of facts) {
    const entry = index.get(fact.key) ?? { bySchool: new Map(), byAlliance: new Map() };
    if (fact.schoolId) entry.bySchool.set(fact.schoolId, fact);
    else if (fact.allianceId) entry.byAlliance.set(fact.allianceId, fact);
    index.set(fact.key, entry);
  }
  return index;
}

const rowOf = (schoolId: string | null, f: Figure): FactRow => ({ schoolId, value: f.value, numerator: f.numerator, denominator: f.denominator });

/**
 * Every computed indicator of the tree for every alliance and member school of a district, from the
 * term's facts. Rank-based indicators rank a school among its alliance's schools and an alliance among
 * the district's alliances, each among the peers with data. `answered`: the services whose facts came.
 */
export function computeTargets(tree: DimensionDef[], alliances: AllianceMembers[], facts: TermFact[], answered: Set<string>): Map<string, Gathered> {
  const index = indexFacts(facts);
  const result = new Map<string, Gathered>();
  const at = (key: string): Gathered => {
    const existing = result.get(key);
    if (existing) return existing;
    const created: Gathered = { computed: {}, facts: {} };
    result.set(key, created);
    return created;
  };
  for (const a of alliances) {
    at(allianceKey(a.allianceId));
    for (const s of a.schoolIds) at(schoolKey(a.allianceId, s));
  }
  const indicators = tree.flatMap((d) => d.indicators).filter((i) => i.kind === 'computed' && i.factKey);
  for (const indicator of indicators) {
    const key = indicator.factKey as string;
    const service = isTermFactKey(key) ? TERM_FACT_CATALOGUE[key].service : key.split('.')[0] ?? '';
    const ok = answered.has(service);
    const facts = index.get(key);
    const allianceFigures = new Map<string, Figure | null>();
    for (const a of alliances) {
      const members = a.schoolIds.map((s) => [s, schoolFigure(key, facts?.bySchool.get(s), ok)] as const);
      const own = ok ? facts?.byAlliance.get(a.allianceId) : undefined;
      const figure = ok ? allianceFigure(key, own, members.map(([, f]) => f)) : null;
      allianceFigures.set(a.allianceId, figure);
      const ownRow = own ? [rowOf(null, { value: own.value, numerator: own.numerator ?? null, denominator: own.denominator ?? null })] : [];
      at(allianceKey(a.allianceId)).facts[key] = [...ownRow, ...members.flatMap(([s, f]) => (f ? [rowOf(s, f)] : []))];
      const schoolScores = indicator.rule === 'rank'
        ? rankScores(new Map(members.flatMap(([s, f]) => (f ? [[s, f.value] as const] : []))))
        : undefined;
      if (appliesTo(indicator, 'school')) {
        for (const [s, f] of members) {
          const target = at(schoolKey(a.allianceId, s));
          target.facts[key] = f ? [rowOf(s, f)] : [];
          target.computed[indicator.code] = f
            ? { ...f, score: schoolScores ? (schoolScores.get(s) ?? null) : computedScore(indicator, f.value) }
            : { value: null, numerator: null, denominator: null, score: null };
        }
      }
    }
    if (!appliesTo(indicator, 'alliance')) continue;
    const allianceScores = indicator.rule === 'rank'
      ? rankScores(new Map([...allianceFigures].flatMap(([id, f]) => (f ? [[id, f.value] as const] : []))))
      : undefined;
    for (const [id, f] of allianceFigures) {
      at(allianceKey(id)).computed[indicator.code] = f
        ? { ...f, score: allianceScores ? (allianceScores.get(id) ?? null) : computedScore(indicator, f.value) }
        : { value: null, numerator: null, denominator: null, score: null };
    }
  }
  return result;
}

/* scoring one evaluation */

const STEP_ORDER: ScoreStep[] = ['district', 'alliance', 'self'];

/** The evaluator score that counts: the latest step's (district over alliance over self). */
export function effectiveEntry(entries: Partial<Record<ScoreStep, EntryRecord>> | undefined): EntryRecord | undefined {
  for (const step of STEP_ORDER) if (entries?.[step]) return entries[step];
  return undefined;
}

/**
 * The dimension and indicator scores and the total of an evaluation: indicators that do not apply to
 * the target are left out; one without data (no fact, no evaluator score) shows as no data and its
 * weight goes to its siblings; a dimension without any data likewise at the total.
 */
export function scoreEvaluation(tree: DimensionDef[], type: EvaluationTargetType, computed: Record<string, ComputedResult>, entries: Entries): { dimensions: DimensionScoreView[]; total: number | null } {
  const dimensions = tree.map((d): DimensionScoreView => {
    const indicators = d.indicators.filter((i) => appliesTo(i, type)).map((i): IndicatorScoreView => {
      const steps = entries[i.code] ?? {};
      const entryViews: EvaluatorEntryView[] = (['self', 'alliance', 'district'] as const).flatMap((step) => {
        const e = steps[step];
        return e ? [{ step, score: e.score, comment: e.comment, evidence: e.evidence, by: e.by, at: e.at }] : [];
      });
      if (i.kind === 'evaluator') {
        const entry = effectiveEntry(steps);
        const score = entry ? evaluatorScore(entry.score, i.maxScore ?? 100) : null;
        return { code: i.code, name: i.name, nameEn: i.nameEn, kind: i.kind, weight: i.weight, value: entry?.score ?? null, numerator: null, denominator: null, score, noData: score === null, entries: entryViews };
      }
      const c = computed[i.code];
      return {
        code: i.code, name: i.name, nameEn: i.nameEn, kind: i.kind, weight: i.weight, value: c?.value ?? null, numerator: c?.numerator ?? null,
        denominator: c?.denominator ?? null, score: c?.score ?? null, noData: (c?.score ?? null) === null, entries: entryViews,
      };
    });
    return { code: d.code, name: d.name, nameEn: d.nameEn, weight: d.weight, score: weightedScore(indicators), indicators };
  }).filter((d) => d.indicators.length > 0);
  return { dimensions, total: weightedScore(dimensions) };
}
