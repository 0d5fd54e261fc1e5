import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type ProfileTagView = Schemas['ProfileTagView'];
export type ProfileRoundView = Schemas['ProfileRoundView'];
export type ProfileRoundDetailView = Schemas['ProfileRoundDetailView'];
export type SchoolProfileView = Schemas['SchoolProfileView'];
export type SubmitProfileDto = Schemas['SubmitProfileDto'];
export type PairingSuggestionsView = Schemas['PairingSuggestionsView'];
export type PairingSuggestionView = Schemas['PairingSuggestionView'];
export type ProfileLevel = Schemas['ProfileItemDto']['level'];
export type TagCategory = ProfileTagView['category'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type RoundQuery = QueryOf<'/api/v1/profile-rounds'>;
export type SuggestionQuery = QueryOf<'/api/v1/districts/{id}/pairing-suggestions'>;

export const PROFILE_LEVELS: ProfileLevel[] = ['high', 'medium', 'low'];
export const LEVEL_COLORS: Record<ProfileLevel, string> = { high: 'red', medium: 'orange', low: 'default' };
export const TAG_CATEGORIES: TagCategory[] = ['subject', 'grade', 'facility', 'speciality'];

export const profileKeys = {
  all: ['profiles'] as const,
  tags: (districtId: string) => ['profiles', 'tags', districtId] as const,
  rounds: (query: RoundQuery) => ['profiles', 'rounds', query] as const,
  round: (id: string) => ['profiles', 'round', id] as const,
  profile: (id: string) => ['profiles', 'profile', id] as const,
  suggestions: (districtId: string, query: SuggestionQuery) => ['profiles', 'suggestions', districtId, query] as const,
};

export const useProfileTags = (districtId: string | undefined) =>
  useQuery({
    queryKey: profileKeys.tags(districtId ?? ''), enabled: Boolean(districtId),
    queryFn: () => unwrap(api.http.GET('/api/v1/districts/{id}/profile-tags', { params: { path: { id: districtId ?? '' }, query: {} } })),
  });

export const useProfileRounds = (query: RoundQuery) =>
  useQuery({ queryKey: profileKeys.rounds(query), queryFn: () => unwrap(api.http.GET('/api/v1/profile-rounds', { params: { query } })), placeholderData: keepPreviousData });

export const useProfileRound = (id: string | undefined) =>
  useQuery({
    queryKey: profileKeys.round(id ?? ''), enabled: Boolean(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/profile-rounds/{id}', { params: { path: { id: id ?? '' } } })),
  });

export const useSchoolProfile = (id: string | null | undefined) =>
  useQuery({
    queryKey: profileKeys.profile(id ?? ''), enabled: Boolean(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/school-profiles/{id}/changes', { params: { path: { id: id ?? '' } } })),
  });

export const usePairingSuggestions = (districtId: string | undefined, query: SuggestionQuery) =>
  useQuery({
    queryKey: profileKeys.suggestions(districtId ?? '', query), enabled: Boolean(districtId), placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.http.GET('/api/v1/districts/{id}/pairing-suggestions', { params: { path: { id: districtId ?? '' }, query } })),
  });

/** Tag names in the UI language. */
export const tagName = (tag: { nameZh: string; nameEn: string }, language: string): string => (language.startsWith('zh') ? tag.nameZh : tag.nameEn);
