import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type SurveyView = Schemas['SurveyView'];
export type SurveyTemplateView = Schemas['SurveyTemplateView'];
export type QuestionView = Schemas['QuestionView'];
export type SurveyQuestionDto = Schemas['SurveyQuestionDto'];
export type CreateSurveyDto = Schemas['CreateSurveyDto'];
export type CreateSurveyTemplateDto = Schemas['CreateSurveyTemplateDto'];
export type AnswerDto = Schemas['AnswerDto'];
export type SurveyResultsView = Schemas['SurveyResultsView'];
export type QuestionResultView = Schemas['QuestionResultView'];
export type TokenBatchView = Schemas['TokenBatchView'];
export type IssuedTokensView = Schemas['IssuedTokensView'];
export type IssueTokensDto = Schemas['IssueTokensDto'];
export type PublicSurveyView = Schemas['PublicSurveyView'];
export type SurveyStatus = SurveyView['status'];
export type SurveyAudience = SurveyView['audiences'][number];
export type SurveyLevel = SurveyView['level'];
export type QuestionKind = QuestionView['kind'];
export type SurveyBreakdown = SurveyResultsView['breakdown'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type SurveyQuery = QueryOf<'/api/v1/surveys'>;

export const SURVEY_STATUS_COLORS: Record<SurveyStatus, string> = { draft: 'default', open: 'green', closed: 'purple' };
export const AUDIENCES: SurveyAudience[] = ['teachers', 'students', 'parents'];
export const QUESTION_KINDS: QuestionKind[] = ['single', 'multiple', 'likert', 'text'];
export const BREAKDOWNS: SurveyBreakdown[] = ['school-audience', 'school', 'audience'];

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (query: SurveyQuery) => ['surveys', 'list', query] as const,
  mine: ['surveys', 'mine'] as const,
  one: (id: string) => ['surveys', 'one', id] as const,
  batches: (id: string) => ['surveys', 'batches', id] as const,
  results: (id: string, breakdown: SurveyBreakdown) => ['surveys', 'results', id, breakdown] as const,
  templates: ['surveys', 'templates'] as const,
};

export const useSurveys = (query: SurveyQuery) =>
  useQuery({ queryKey: surveyKeys.list(query), queryFn: () => unwrap(api.http.GET('/api/v1/surveys', { params: { query } })), placeholderData: keepPreviousData });

export const useMySurveys = () => useQuery({ queryKey: surveyKeys.mine, queryFn: () => unwrap(api.http.GET('/api/v1/surveys/mine')) });

export const useSurvey = (id: string) =>
  useQuery({ queryKey: surveyKeys.one(id), queryFn: () => unwrap(api.http.GET('/api/v1/surveys/{id}', { params: { path: { id } } })), enabled: Boolean(id) });

export const useTemplates = (enabled = true) =>
  useQuery({ queryKey: surveyKeys.templates, queryFn: () => unwrap(api.http.GET('/api/v1/surveys/templates', { params: { query: { pageSize: 200 } } })), enabled });

export const useBatches = (id: string, enabled: boolean) =>
  useQuery({ queryKey: surveyKeys.batches(id), queryFn: () => unwrap(api.http.GET('/api/v1/surveys/{id}/link-batches', { params: { path: { id } } })), enabled });

export const useResults = (id: string, breakdown: SurveyBreakdown, enabled: boolean) =>
  useQuery({
    queryKey: surveyKeys.results(id, breakdown), enabled, placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.http.GET('/api/v1/surveys/{id}/results', { params: { path: { id }, query: { breakdown } } })),
  });

const useInvalidate = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: surveyKeys.all });
};

export const useCreateSurvey = () => {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateSurveyDto) => unwrap(api.http.POST('/api/v1/surveys', { body })), onSuccess: invalidate });
};

export const useCreateTemplate = () => {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateSurveyTemplateDto) => unwrap(api.http.POST('/api/v1/surveys/templates', { body })), onSuccess: invalidate });
};

export const useSurveyTransition = (id: string) => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (action: 'open' | 'close') => unwrap(api.http.POST('/api/v1/surveys/{id}/transitions', { params: { path: { id } }, body: { action } })),
    onSuccess: invalidate,
  });
};

export const useIssueLinks = (id: string) => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: IssueTokensDto) => unwrap(api.http.POST('/api/v1/surveys/{id}/link-batches', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};

export const useRespond = (id: string) => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (answers: AnswerDto[]) => unwrap(api.http.POST('/api/v1/surveys/{id}/responses', { params: { path: { id } }, body: { answers } })),
    onSuccess: invalidate,
  });
};

/** The questionnaire behind a link, without signing in. */
export const usePublicSurvey = (token: string) =>
  useQuery({
    queryKey: ['public-survey', token], retry: false,
    queryFn: () => unwrap(api.http.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } })),
  });

export const usePublicAnswer = (token: string) =>
  useMutation({ mutationFn: (answers: AnswerDto[]) => unwrap(api.http.POST('/api/v1/public/surveys/{token}', { params: { path: { token } }, body: { answers } })) });
