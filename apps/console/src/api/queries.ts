import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type paths } from '@jiaolian/api-client';
import { api } from './client';

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type SchoolQuery = QueryOf<'/api/v1/schools'>;
export type AllianceQuery = QueryOf<'/api/v1/alliances'>;
export type JoinRequestQuery = QueryOf<'/api/v1/join-requests'>;
export type UserQuery = QueryOf<'/api/v1/users'>;
export type AuditQuery = QueryOf<'/api/v1/audit'>;

/** Query keys: one place, so mutations invalidate exactly what they changed. */
export const queryKeys = {
  me: ['me'] as const,
  districts: ['districts'] as const,
  overview: (districtId: string) => ['overview', districtId] as const,
  services: ['services'] as const,
  processes: ['processes'] as const,
  schools: (query?: SchoolQuery) => (query ? (['schools', query] as const) : (['schools'] as const)),
  school: (id: string) => ['school', id] as const,
  alliances: (query?: AllianceQuery) => (query ? (['alliances', query] as const) : (['alliances'] as const)),
  alliance: (id: string) => ['alliance', id] as const,
  joinRequests: (query?: JoinRequestQuery) => (query ? (['join-requests', query] as const) : (['join-requests'] as const)),
  users: (query?: UserQuery) => (query ? (['users', query] as const) : (['users'] as const)),
  user: (id: string) => ['user', id] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
};

export const useDistricts = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.districts,
    queryFn: () => unwrap(api.http.GET('/api/v1/districts', { params: { query: { pageSize: 200, sort: 'name' } } })),
    enabled,
  });

export const useOverview = (districtId: string | undefined) =>
  useQuery({
    queryKey: queryKeys.overview(districtId ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/districts/{id}/overview', { params: { path: { id: districtId ?? '' } } })),
    enabled: Boolean(districtId),
  });

export const useServices = () =>
  useQuery({
    queryKey: queryKeys.services,
    queryFn: () => unwrap(api.http.GET('/api/v1/system/services')),
    refetchInterval: 30_000,
  });

/** The supervised processes, refreshed every 5 s; only for district and platform admins. */
export const useProcesses = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.processes,
    queryFn: () => unwrap(api.http.GET('/api/v1/system/processes')),
    refetchInterval: 5_000,
    enabled,
  });

export const useSchools = (query: SchoolQuery, enabled = true) =>
  useQuery({
    queryKey: queryKeys.schools(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/schools', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });

/** Every school of a district (at most a few hundred), for charts and pickers. */
export const useAllSchools = (districtId: string | undefined) =>
  useQuery({
    queryKey: ['schools', 'all', districtId ?? ''],
    enabled: Boolean(districtId),
    queryFn: async () => {
      const pageSize = 200;
      const first = await unwrap(api.http.GET('/api/v1/schools', { params: { query: { districtId, pageSize, page: 1, sort: 'name' } } }));
      const items = [...first.items];
      for (let page = 2; items.length < first.total && page <= 20; page += 1) {
        const next = await unwrap(api.http.GET('/api/v1/schools', { params: { query: { districtId, pageSize, page, sort: 'name' } } }));
        if (next.items.length === 0) break;
        items.push(...next.items);
      }
      return items;
    },
  });

export const useSchool = (id: string | undefined) =>
  useQuery({
    queryKey: queryKeys.school(id ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/schools/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

export const useAlliances = (query: AllianceQuery) =>
  useQuery({
    queryKey: queryKeys.alliances(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useAlliance = (id: string | undefined) =>
  useQuery({
    queryKey: queryKeys.alliance(id ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/alliances/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

export const useJoinRequests = (query: JoinRequestQuery) =>
  useQuery({
    queryKey: queryKeys.joinRequests(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/join-requests', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useUsers = (query: UserQuery) =>
  useQuery({
    queryKey: queryKeys.users(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useUser = (id: string | undefined) =>
  useQuery({
    queryKey: queryKeys.user(id ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/users/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

export const useAudit = (query: AuditQuery) =>
  useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
