import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { toApiProblem, unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type BriefingView = Schemas['BriefingView'];
export type BriefingDetailView = Schemas['BriefingDetailView'];
export type BriefingFigure = Schemas['BriefingFigure'];
export type BriefingHighlight = Schemas['BriefingHighlight'];
export type CreateBriefingDto = Schemas['CreateBriefingDto'];
export type ArchiveView = Schemas['ArchiveView'];
export type CreateArchiveDto = Schemas['CreateArchiveDto'];
export type ArchiveStatus = ArchiveView['status'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type BriefingQuery = QueryOf<'/api/v1/briefings'>;
export type ArchiveQuery = QueryOf<'/api/v1/archives'>;

export const ARCHIVE_STATUS_COLORS: Record<ArchiveStatus, string> = { queued: 'default', running: 'processing', done: 'green', failed: 'red' };

export const briefingKeys = {
  all: ['briefings'] as const,
  list: (query: BriefingQuery) => ['briefings', 'list', query] as const,
  one: (id: string) => ['briefings', 'one', id] as const,
  archives: (query: ArchiveQuery) => ['briefings', 'archives', query] as const,
};

export const useBriefings = (query: BriefingQuery) =>
  useQuery({ queryKey: briefingKeys.list(query), queryFn: () => unwrap(api.http.GET('/api/v1/briefings', { params: { query } })), placeholderData: keepPreviousData });

export const useBriefing = (id: string | undefined) =>
  useQuery({
    queryKey: briefingKeys.one(id ?? ''), queryFn: () => unwrap(api.http.GET('/api/v1/briefings/{id}', { params: { path: { id: id ?? '' } } })), enabled: Boolean(id),
  });

/** Archives of a term; polls while one is queued or running so that the progress bar moves. */
export const useArchives = (query: ArchiveQuery) =>
  useQuery({
    queryKey: briefingKeys.archives(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/archives', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((a) => a.status === 'queued' || a.status === 'running') ? 1500 : false),
  });

/** The i18n key of a figure: its stable key with dots made underscores (i18next reads dots as nesting). */
export const figureKey = (key: string): string => `briefings.figure.${key.replace(/\./g, '_')}`;

export const formatFigure = (figure: Pick<BriefingFigure, 'unit' | 'value'>): string =>
  figure.unit === 'rate' ? `${(figure.value * 100).toFixed(1)}%` : String(figure.value);

const gatewayUrl = (): string => import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '';

/** Downloads a briefing rendering or an archive with the access token and hands it to the browser. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const token = api.tokens.get()?.accessToken;
  const response = await fetch(`${gatewayUrl()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw toApiProblem(response, await response.json().catch(() => undefined));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
