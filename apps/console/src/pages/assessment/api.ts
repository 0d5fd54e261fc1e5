import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { networkProblem, toApiProblem, unwrap, type Schemas } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';

export type ExamView = Schemas['ExamView'];
export type ExamStatus = ExamView['status'];
export type CreateExamDto = Schemas['CreateExamDto'];
export type UpdateExamDto = Schemas['UpdateExamDto'];
export type StudentScoresView = Schemas['StudentScoresView'];
export type ScoreCorrectionView = Schemas['ScoreCorrectionView'];
export type ScoreImportReportView = Schemas['ScoreImportReportView'];
export type ExamAnalysisView = Schemas['ExamAnalysisView'];
export type SubjectAnalysisView = Schemas['SubjectAnalysisView'];
export type ScoreDistributionView = Schemas['ScoreDistributionView'];

export interface ExamQuery { page?: number; pageSize?: number; sort?: string; q?: string; allianceId?: string; term?: string; status?: ExamStatus }
export interface DistributionQuery { subject: string; step?: 1 | 2 | 5 | 10; schoolId?: string }
export interface ScoreQuery { page?: number; pageSize?: number; sort?: string; q?: string; schoolId?: string; className?: string }

const keys = {
  exams: (q: ExamQuery) => ['assessment', 'exams', q] as const,
  exam: (id: string) => ['assessment', 'exam', id] as const,
  scores: (id: string, q: ScoreQuery) => ['assessment', 'exam', id, 'scores', q] as const,
  corrections: (id: string) => ['assessment', 'exam', id, 'corrections'] as const,
  analysis: (id: string) => ['assessment', 'exam', id, 'analysis'] as const,
  distribution: (id: string, q: DistributionQuery) => ['assessment', 'exam', id, 'distribution', q] as const,
};

export const useExams = (query: ExamQuery) =>
  useQuery({ queryKey: keys.exams(query), queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams', { params: { query } })) });

export const useExam = (id: string) =>
  useQuery({ queryKey: keys.exam(id), queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}', { params: { path: { id } } })) });

export const useScores = (id: string, query: ScoreQuery) =>
  useQuery({ queryKey: keys.scores(id, query), queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/scores', { params: { path: { id }, query } })) });

export const useCorrections = (id: string) =>
  useQuery({ queryKey: keys.corrections(id), queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/scores/corrections', { params: { path: { id }, query: { pageSize: 50 } } })) });

export const useAnalysis = (id: string, enabled: boolean) =>
  useQuery({ queryKey: keys.analysis(id), enabled, queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/analysis', { params: { path: { id } } })) });

export const useScoreDistribution = (id: string, query: DistributionQuery, enabled: boolean) =>
  useQuery({
    queryKey: keys.distribution(id, query), enabled, placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/score-distribution', { params: { path: { id }, query } })),
  });

/** Everything about one exam goes stale together after a change. */
const useInvalidateExam = () => {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['assessment'] });
};

export const useCreateExam = () => {
  const invalidate = useInvalidateExam();
  return useMutation({ mutationFn: (body: CreateExamDto) => unwrap(api.http.POST('/api/v1/assessment/exams', { body })), onSuccess: invalidate });
};

export const useUpdateExam = (id: string) => {
  const invalidate = useInvalidateExam();
  return useMutation({ mutationFn: (body: UpdateExamDto) => unwrap(api.http.PATCH('/api/v1/assessment/exams/{id}', { params: { path: { id } }, body })), onSuccess: invalidate });
};

export const useTransition = (id: string) => {
  const invalidate = useInvalidateExam();
  return useMutation({
    mutationFn: (action: 'open' | 'publish' | 'archive') => unwrap(api.http.POST('/api/v1/assessment/exams/{id}/transitions', { params: { path: { id } }, body: { action } })),
    onSuccess: invalidate,
  });
};

export const useCorrectScore = (id: string) => {
  const invalidate = useInvalidateExam();
  return useMutation({
    mutationFn: (body: Schemas['CorrectScoreDto']) => unwrap(api.http.POST('/api/v1/assessment/exams/{id}/scores/corrections', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};

const gatewayUrl = (path: string): string => `${(import.meta.env.VITE_GATEWAY_URL || '').replace(/\/$/, '')}${path}`;
const bearer = (): Record<string, string> => {
  const token = api.tokens.get()?.accessToken;
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** Downloads a file route of the gateway (template, export) with the session's token and saves it. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(gatewayUrl(path), { headers: bearer() });
  if (!response.ok) throw toApiProblem(response, await response.json().catch(() => undefined));
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type EmptyCellRule = ScoreImportReportView['empty'];
export interface ScoreImportOptions {
  mode: 'all' | 'valid-only';
  empty: EmptyCellRule;
  /** true: a preview that writes nothing */
  dryRun: boolean;
}

/** Uploads a score sheet with progress (fetch reports none); resolves with the report, rejects with the problem. */
export function uploadScores(examId: string, file: File, options: ScoreImportOptions, onProgress: (percent: number) => void): Promise<ScoreImportReportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ mode: options.mode, empty: options.empty, dryRun: String(options.dryRun) });
    xhr.open('POST', gatewayUrl(`/api/v1/assessment/exams/${examId}/scores/import?${query.toString()}`));
    for (const [name, value] of Object.entries(bearer())) xhr.setRequestHeader(name, value);
    // the preview's row messages come back in the UI's language
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100)); };
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ScoreImportReportView);
      else reject(toApiProblem(new Response(null, { status: xhr.status }), body));
    };
    xhr.onerror = () => reject(networkProblem(new Error('upload failed')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

// growth and value-added (增值评价) against an earlier exam
export type GrowthView = Schemas['GrowthView'];
export type GroupGrowthView = Schemas['GroupGrowthView'];
export interface GrowthQuery { priorExamId: string; subject: string }

export const useGrowth = (id: string, query: GrowthQuery, enabled: boolean) =>
  useQuery({
    queryKey: ['assessment', 'exam', id, 'growth', query] as const, enabled, placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.http.GET('/api/v1/assessment/exams/{id}/growth', { params: { path: { id }, query } })),
  });

export const useSchoolTrend = (schoolId: string, subject: string) =>
  useQuery({
    queryKey: ['assessment', 'school', schoolId, 'growth-trend', subject] as const, placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.http.GET('/api/v1/assessment/schools/{id}/growth-trend', { params: { path: { id: schoolId }, query: { subject } } })),
  });
