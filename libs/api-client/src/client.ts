import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';
import { ApiProblem, networkProblem, toApiProblem } from './problem.js';
import { memoryTokenStore, type StoredTokens, type TokenStore } from './tokens.js';

export type GatewayPaths = paths;

export interface ApiClientOptions {
  /** Origin of the gateway (e.g. `https://jiaolian.example.org`); '' for the page's own origin. */
  baseUrl?: string;
  tokens?: TokenStore;
  /** Called when the session cannot be refreshed any more (refresh token rejected or missing). */
  onSessionExpired?: () => void;
  /** Sent as Accept-Language so server messages follow the UI language. */
  language?: () => string | undefined;
  fetch?: typeof globalThis.fetch;
}

export interface ApiClient {
  /** The typed openapi-fetch client: `api.http.GET('/api/v1/schools', { params: { query } })`. */
  readonly http: Client<paths>;
  readonly tokens: TokenStore;
  /** Logs in and keeps the returned tokens. */
  login(username: string, password: string): Promise<paths['/api/v1/auth/login']['post']['responses']['200']['content']['application/json']>;
  /** Revokes the refresh token (best effort) and forgets the tokens. */
  logout(): Promise<void>;
}

/** Paths that must never trigger a refresh-and-retry (they are how tokens are obtained). */
const AUTH_PATHS = ['/auth/login', '/auth/refresh', '/auth/logout'];
const isAuthPath = (url: string): boolean => AUTH_PATHS.some((p) => new URL(url, 'http://x').pathname.endsWith(p));

/**
 * Creates the gateway client. Every request carries the bearer token; a 401 triggers one refresh
 * shared by all requests in flight (single flight), after which each is retried once.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const tokens = options.tokens ?? memoryTokenStore();
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let refreshing: Promise<StoredTokens | null> | null = null;

  const send = async (request: Request, token: string | undefined): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const language = options.language?.();
    if (language && !headers.has('Accept-Language')) headers.set('Accept-Language', language);
    try {
      return await baseFetch(new Request(request, { headers }));
    } catch (cause) {
      throw networkProblem(cause);
    }
  };

  const refresh = (): Promise<StoredTokens | null> => {
    refreshing ??= (async () => {
      const current = tokens.get();
      if (!current?.refreshToken) return null;
      const response = await send(
        new Request(`${baseUrl}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        }),
        undefined,
      );
      if (!response.ok) {
        // The refresh token is spent or revoked: only a fresh login helps.
        if (response.status === 400 || response.status === 401 || response.status === 403) {
          tokens.set(null);
          options.onSessionExpired?.();
          return null;
        }
        throw toApiProblem(response, await readBody(response));
      }
      const pair = (await response.json()) as StoredTokens;
      const next = { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
      tokens.set(next);
      return next;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const authFetch = async (request: Request): Promise<Response> => {
    if (isAuthPath(request.url)) return send(request, undefined);
    const retry = request.clone();
    const used = tokens.get()?.accessToken;
    const response = await send(request, used);
    if (response.status !== 401 || !tokens.get()?.refreshToken) return response;
    // Another request may have refreshed while this one was in flight.
    const latest = tokens.get()?.accessToken;
    const fresh = latest && latest !== used ? tokens.get() : await refresh();
    if (!fresh) return response;
    const second = await send(retry, fresh.accessToken);
    if (second.status === 401) {
      tokens.set(null);
      options.onSessionExpired?.();
    }
    return second;
  };

  const http = createClient<paths>({ baseUrl, fetch: authFetch });

  return {
    http,
    tokens,
    async login(username, password) {
      const pair = await unwrap(http.POST('/api/v1/auth/login', { body: { username, password } }));
      tokens.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
      return pair;
    },
    async logout() {
      const current = tokens.get();
      tokens.set(null);
      if (current?.refreshToken) {
        await http.POST('/api/v1/auth/logout', { body: { refreshToken: current.refreshToken } }).catch(() => undefined);
      }
    },
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The result shape of an openapi-fetch call. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws the failure as an ApiProblem.
 * `const school = await unwrap(api.http.GET('/api/v1/schools/{id}', { params: { path: { id } } }))`.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const result = await call;
  if (result.response.ok) return result.data as T;
  throw toApiProblem(result.response, result.error);
}

export { ApiProblem };
