import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type ApiClientView = Schemas['ApiClientView'];
export type ApiClientWithSecretView = Schemas['ApiClientWithSecretView'];
export type CreateApiClientDto = Schemas['CreateApiClientDto'];
export type ApiScope = CreateApiClientDto['scopes'][number];
export type ApiClientStatus = ApiClientView['status'];
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type ApiClientQuery = QueryOf<'/api/v1/api-clients'>;

/** The scope domains in the order the form shows them; each has a read and a write scope. */
export const SCOPE_DOMAINS = ['membership', 'exchange', 'curriculum', 'activities', 'assessment', 'integrations'] as const;
export type ScopeDomain = (typeof SCOPE_DOMAINS)[number];
export const scopeOf = (domain: ScopeDomain, access: 'read' | 'write'): ApiScope => `${domain}:${access}` as ApiScope;

/** Grace periods offered when rotating a secret, in hours (0: the old secret ends at once). */
export const GRACE_HOURS = [24, 72, 168, 1, 0] as const;

export const apiClientKeys = {
  all: ['api-clients'] as const,
  list: (query: ApiClientQuery) => ['api-clients', 'list', query] as const,
};

export const useApiClients = (query: ApiClientQuery) =>
  useQuery({
    queryKey: apiClientKeys.list(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/api-clients', { params: { query } })),
    placeholderData: keepPreviousData,
  });
