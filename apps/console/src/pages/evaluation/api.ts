import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type FrameworkView = Schemas['FrameworkView'];
export type DimensionView = Schemas['DimensionView'];
export type IndicatorView = Schemas['IndicatorView'];
export type DimensionInputDto = Schemas['DimensionInputDto'];
export type IndicatorInputDto = Schemas['IndicatorInputDto'];
export type TermFactInfoView = Schemas['TermFactInfoView'];
export type EvaluationView = Schemas['EvaluationView'];
export type EvaluationDetailView = Schemas['EvaluationDetailView'];
export type IndicatorScoreView = Schemas['IndicatorScoreView'];
export type DimensionScoreView = Schemas['DimensionScoreView'];
export type RankingView = Schemas['RankingView'];
export type HistoryView = Schemas['HistoryView'];
export type AwardView = Schemas['AwardView'];
export type DrillDownView = Schemas['DrillDownView'];
export type EvaluationStep = EvaluationView['step'];
export type EvaluationAction = Schemas['EvaluationTransitionDto']['action'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type EvaluationQuery = QueryOf<'/api/v1/evaluation/evaluations'>;
export type RankingQuery = QueryOf<'/api/v1/evaluation/rankings'>;

export const STEP_COLORS: Record<EvaluationStep, string> = { draft: 'default', 'self-evaluated': 'processing', 'alliance-reviewed': 'gold', published: 'green' };
export const STEPS: EvaluationStep[] = ['draft', 'self-evaluated', 'alliance-reviewed', 'published'];


/** A framework's tree as the editor sends it back: the view without what the service explains. */
export const treeInput = (dimensions: DimensionView[]): DimensionInputDto[] => dimensions.map((d) => ({
  code: d.code, name: d.name, nameEn: d.nameEn ?? undefined, weight: d.weight,
  indicators: d.indicators.map((i) => ({
    code: i.code, name: i.name, nameEn: i.nameEn ?? undefined, weight: i.weight, kind: i.kind, appliesTo: i.appliesTo, factKey: i.factKey ?? undefined,
    rule: i.rule ?? undefined, floor: i.floor ?? undefined, target: i.target ?? undefined, maxScore: i.maxScore ?? undefined, guidance: i.guidance ?? undefined,
  })),
}));

export const evaluationKeys = {
  all: ['evaluation'] as const,
  frameworks: ['evaluation', 'frameworks'] as const,
  framework: (id: string) => ['evaluation', 'frameworks', id] as const,
  facts: ['evaluation', 'facts'] as const,
  list: (query: EvaluationQuery) => ['evaluation', 'list', query] as const,
  one: (id: string) => ['evaluation', 'one', id] as const,
  ranking: (query: RankingQuery) => ['evaluation', 'ranking', query] as const,
  history: (type: string, id: string) => ['evaluation', 'history', type, id] as const,
  awards: (term: string) => ['evaluation', 'awards', term] as const,
};

export const useFrameworks = () =>
  useQuery({ queryKey: evaluationKeys.frameworks, queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/frameworks', { params: { query: { pageSize: 100 } } })) });

/** The term facts a computed indicator may name; the same for every district and rarely changed. */
export const useTermFacts = () =>
  useQuery({ queryKey: evaluationKeys.facts, staleTime: Infinity, queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/frameworks/facts')) });

export const useFramework = (id: string | undefined) =>
  useQuery({
    queryKey: evaluationKeys.framework(id ?? ''), enabled: Boolean(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/frameworks/{id}', { params: { path: { id: id ?? '' } } })),
  });

export const useEvaluations = (query: EvaluationQuery) =>
  useQuery({ queryKey: evaluationKeys.list(query), queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/evaluations', { params: { query } })), placeholderData: keepPreviousData });

export const useEvaluation = (id: string | undefined) =>
  useQuery({
    queryKey: evaluationKeys.one(id ?? ''), enabled: Boolean(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/evaluations/{id}', { params: { path: { id: id ?? '' } } })),
  });

export const useRanking = (query: RankingQuery, enabled: boolean) =>
  useQuery({ queryKey: evaluationKeys.ranking(query), enabled, queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/rankings', { params: { query } })) });

export const useHistory = (targetType: 'alliance' | 'school', targetId: string | undefined) =>
  useQuery({
    queryKey: evaluationKeys.history(targetType, targetId ?? ''), enabled: Boolean(targetId),
    queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/history', { params: { query: { targetType, targetId: targetId ?? '' } } })),
  });

export const useAwards = (term: string) =>
  useQuery({ queryKey: evaluationKeys.awards(term), queryFn: () => unwrap(api.http.GET('/api/v1/evaluation/awards', { params: { query: { term, pageSize: 50 } } })) });
