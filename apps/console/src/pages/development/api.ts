import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type MentorshipView = Schemas['MentorshipView'];
export type MentorMonthView = Schemas['MentorMonthView'];
export type MentorLessonView = Schemas['MentorLessonView'];
export type RecordMentorLessonDto = Schemas['RecordMentorLessonDto'];
export type MentorLessonKind = RecordMentorLessonDto['kind'];
export type CommentSide = Schemas['MentorshipCommentDto']['side'];
export type ObservationView = Schemas['ObservationView'];
export type RubricView = Schemas['RubricView'];
export type RubricDimensionDto = Schemas['RubricDimensionDto'];
export type ObservationStatsView = Schemas['ObservationStatsView'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type MentorshipQuery = QueryOf<'/api/v1/teacher-exchange/mentorships'>;
export type ObservationQuery = QueryOf<'/api/v1/teacher-exchange/observations'>;

export const LESSON_KINDS: MentorLessonKind[] = ['demo', 'report'];
export const COMMENT_SIDES: CommentSide[] = ['mentor', 'apprentice', 'school'];

export const developmentKeys = {
  mentorships: (query?: MentorshipQuery) => (query ? (['dev-mentorships', query] as const) : (['dev-mentorships'] as const)),
  mentorship: (id: string) => ['dev-mentorship', id] as const,
  missed: (term: string) => ['dev-missed', term] as const,
  observations: (query?: ObservationQuery) => (query ? (['dev-observations', query] as const) : (['dev-observations'] as const)),
  stats: (districtId: string) => ['dev-observation-stats', districtId] as const,
  rubric: (districtId: string) => ['dev-rubric', districtId] as const,
};

export const useMentorships = (query: MentorshipQuery) =>
  useQuery({
    queryKey: developmentKeys.mentorships(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/mentorships', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useMentorship = (id: string) =>
  useQuery({
    queryKey: developmentKeys.mentorship(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/mentorships/{id}', { params: { path: { id } } })),
  });

export const useMissed = (term: string, enabled: boolean) =>
  useQuery({
    queryKey: developmentKeys.missed(term),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/mentorships/missed', { params: { query: { term } } })),
    enabled,
  });

export const useObservations = (query: ObservationQuery) =>
  useQuery({
    queryKey: developmentKeys.observations(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/observations', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useObservationStats = (districtId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: developmentKeys.stats(districtId ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/observation-stats', { params: { query: { districtId: districtId ?? '' } } })),
    enabled: enabled && Boolean(districtId),
  });

export const useRubric = (districtId: string | undefined) =>
  useQuery({
    queryKey: developmentKeys.rubric(districtId ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/observation-rubric', { params: { query: { districtId: districtId ?? '' } } })),
    enabled: Boolean(districtId),
  });

/** The term (学期) of a Beijing calendar day: August–January is the first term, February–July the second. */
export function termOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (month >= 8) return `${year}-${year + 1}-1`;
  if (month >= 2) return `${year - 1}-${year}-2`;
  return `${year - 1}-${year}-1`;
}

export const todayInShanghai = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The current term and the three before it. */
export function recentTerms(): string[] {
  const terms = [termOf(todayInShanghai())];
  while (terms.length < 4) {
    const [first, second, half] = (terms.at(-1) as string).split('-');
    terms.push(half === '2' ? `${first}-${second}-1` : `${Number(first) - 1}-${first}-2`);
  }
  return terms;
}
