import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { networkProblem, toApiProblem, unwrap, type Schemas } from '@jiaolian/api-client';
import { api } from '../../../api/client';
import { currentLanguage } from '../../../i18n';

export type PaperView = Schemas['PaperView'];
export type PaperItemDto = Schemas['PaperItemDto'];
export type ItemImportReportView = Schemas['ItemImportReportView'];
export type ItemAnalysisView = Schemas['ItemAnalysisView'];
export type ItemStatsView = Schemas['ItemStatsView'];

const keys = {
  papers: (id: string) => ['assessment', 'exam', id, 'papers'] as const,
  itemAnalysis: (id: string, subject: string) => ['assessment', 'exam', id, 'item-analysis', subject] as const,
};

export const usePapers = (id: string) =>
  useQuery({ queryKey: keys.papers(id), queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/papers', { params: { path: { id } } })) });

export const useItemAnalysis = (id: string, subject: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.itemAnalysis(id, subject), enabled: enabled && Boolean(subject),
    queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/item-analysis', { params: { path: { id }, query: { subject } } })),
  });

export const useSavePaper = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SavePaperDto']) => unwrap(api.http.PUT('/api/v1/assessment/exams/{id}/papers', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'exam', id] }),
  });
};

const gatewayUrl = (path: string): string => `${(import.meta.env.VITE_GATEWAY_URL || '').replace(/\/$/, '')}${path}`;

/** Uploads an item score sheet of one subject; resolves with the report, rejects with the problem (its row errors in the UI's language). */
export function uploadItemScores(examId: string, subject: string, file: File, options: { mode: 'all' | 'valid-only'; dryRun: boolean }): Promise<ItemImportReportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ subject, mode: options.mode, dryRun: String(options.dryRun) });
    xhr.open('POST', gatewayUrl(`/api/v1/assessment/exams/${examId}/item-scores/import?${query.toString()}`));
    const token = api.tokens.get()?.accessToken;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ItemImportReportView);
      else reject(toApiProblem(new Response(null, { status: xhr.status }), body));
    };
    xhr.onerror = () => reject(networkProblem(new Error('upload failed')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
