import {
  isTermFactKey, TERM_FACT_CATALOGUE, type DimensionInputDto, type DimensionView, type EvaluationTargetType, type FieldError, type IndicatorInputDto,
  type IndicatorView, type TermFactInfoView,
} from '@jiaolian/contracts';
import { fieldError, ValidationError } from '@jiaolian/service-kit';

/** A framework's tree as stored (jsonb) and frozen into each evaluation. */
export interface IndicatorDef {
  code: string;
  name: string;
  nameEn: string | null;
  weight: number;
  kind: 'computed' | 'evaluator';
  appliesTo: 'school' | 'alliance' | 'both';
  factKey: string | null;
  rule: 'linear' | 'ratio' | 'rank' | null;
  floor: number | null;
  target: number | null;
  maxScore: number | null;
  guidance: string | null;
}

export interface DimensionDef {
  code: string;
  name: string;
  nameEn: string | null;
  weight: number;
  indicators: IndicatorDef[];
}

/** Weights are entered with up to 2 decimals; a sum within half a hundredth of 100 is 100. */
const sumsTo100 = (weights: number[]): boolean => Math.abs(weights.reduce((a, b) => a + b, 0) - 100) < 0.005;
const sumOf = (weights: number[]): number => Math.round(weights.reduce((a, b) => a + b, 0) * 100) / 100;

/**
 * Checks a tree and returns it as stored: siblings' weights sum to 100 (dimensions among themselves,
 * each dimension's indicators among themselves), codes are unique across the whole tree (an evaluator's
 * score names its indicator by code), a computed indicator names a known fact and a rule (linear with a
 * floor below its target), an evaluator-scored one its maximum score. Every problem is reported at once.
 */
export function checkTree(dimensions: DimensionInputDto[]): DimensionDef[] {
  const errors: FieldError[] = [];
  if (!sumsTo100(dimensions.map((d) => d.weight))) errors.push(fieldError('dimensions', 'assessment.framework.weights-sum', { sum: sumOf(dimensions.map((d) => d.weight)) }));
  const seen = new Set<string>();
  const unique = (field: string, code: string): void => {
    if (seen.has(code)) errors.push(fieldError(field, 'assessment.framework.code-repeated', { code }));
    seen.add(code);
  };
  for (const [d, dimension] of dimensions.entries()) {
    unique(`dimensions.${d}.code`, dimension.code);
    if (!sumsTo100(dimension.indicators.map((i) => i.weight))) {
      errors.push(fieldError(`dimensions.${d}.indicators`, 'assessment.framework.weights-sum', { sum: sumOf(dimension.indicators.map((i) => i.weight)) }));
    }
    for (const [i, indicator] of dimension.indicators.entries()) {
      const at = `dimensions.${d}.indicators.${i}`;
      unique(`${at}.code`, indicator.code);
      errors.push(...indicatorErrors(at, indicator));
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return dimensions.map((d) => ({ code: d.code, name: d.name.trim(), nameEn: d.nameEn?.trim() || null, weight: d.weight, indicators: d.indicators.map(toDef) }));
}

function indicatorErrors(at: string, indicator: IndicatorInputDto): FieldError[] {
  if (indicator.kind === 'evaluator') return indicator.maxScore === undefined ? [fieldError(`${at}.maxScore`, 'assessment.framework.max-score-missing')] : [];
  const errors: FieldError[] = [];
  if (!indicator.factKey) errors.push(fieldError(`${at}.factKey`, 'assessment.framework.fact-missing'));
  else if (!isTermFactKey(indicator.factKey)) errors.push(fieldError(`${at}.factKey`, 'assessment.framework.fact-unknown', { factKey: indicator.factKey }));
  if (!indicator.rule) errors.push(fieldError(`${at}.rule`, 'assessment.framework.rule-missing'));
  if (indicator.rule === 'linear' && (indicator.floor === undefined || indicator.target === undefined || indicator.target <= indicator.floor)) {
    errors.push(fieldError(`${at}.target`, 'assessment.framework.linear-bounds'));
  }
  return errors;
}

const toDef = (i: IndicatorInputDto): IndicatorDef => {
  const computed = i.kind === 'computed';
  const linear = computed && i.rule === 'linear';
  return {
    code: i.code, name: i.name.trim(), nameEn: i.nameEn?.trim() || null, weight: i.weight, kind: i.kind, appliesTo: i.appliesTo,
    factKey: computed ? (i.factKey ?? null) : null, rule: computed ? (i.rule ?? null) : null,
    floor: linear ? (i.floor ?? null) : null, target: linear ? (i.target ?? null) : null,
    maxScore: computed ? null : (i.maxScore ?? null), guidance: i.guidance?.trim() || null,
  };
};

export const appliesTo = (indicator: IndicatorDef, targetType: EvaluationTargetType): boolean =>
  indicator.appliesTo === 'both' || indicator.appliesTo === targetType;

export function indicatorView(i: IndicatorDef): IndicatorView {
  const info = i.factKey && isTermFactKey(i.factKey) ? TERM_FACT_CATALOGUE[i.factKey] : undefined;
  return { ...i, source: info?.['zh-CN'] ?? null, sourceEn: info?.en ?? null };
}

export const dimensionViews = (tree: DimensionDef[]): DimensionView[] =>
  tree.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn, weight: d.weight, indicators: d.indicators.map(indicatorView) }));

/** The fact catalogue as the framework editor lists it: every term fact a computed indicator may name, in catalogue order. */
export const termFactViews = (): TermFactInfoView[] =>
  Object.entries(TERM_FACT_CATALOGUE).map(([key, info]) => ({ key, service: info.service, kind: info.kind, description: info['zh-CN'], descriptionEn: info.en }));
