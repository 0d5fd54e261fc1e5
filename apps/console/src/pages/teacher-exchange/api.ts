import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type paths, type Schemas } from '@jiaolian/api-client';
import { api } from '../../api/client';

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type TeacherQuery = QueryOf<'/api/v1/teacher-exchange/teachers'>;
export type PlacementQuery = QueryOf<'/api/v1/teacher-exchange/placements'>;
export type TeacherView = Schemas['TeacherView'];
export type PlacementView = Schemas['PlacementView'];
export type TeacherImportReport = Schemas['TeacherImportReport'];
export type QuotaView = Schemas['QuotaView'];
export type QuotaProgressView = Schemas['QuotaProgressView'];
export type QuotaRule = Schemas['QuotaRuleDto'];
export type Subject = TeacherView['subjects'][number];
export type Rank = TeacherView['rank'];
export type Title = TeacherView['title'];
export type PlacementStatus = PlacementView['status'];
export type PlacementKind = PlacementView['kind'];

export const SUBJECTS: Subject[] = ['chinese', 'math', 'english', 'physics', 'chemistry', 'biology', 'morality_law', 'history', 'geography', 'science', 'music', 'pe', 'art', 'it', 'labour'];
export const TITLES: Title[] = ['senior_full', 'senior', 'first', 'second', 'third', 'unrated'];
export const RANKS: Rank[] = ['none', 'backbone', 'subject_leader'];
export const KINDS: PlacementKind[] = ['rotation', 'itinerant', 'support', 'shadowing', 'observation'];
export const STATUSES: PlacementStatus[] = ['proposed', 'home_approved', 'approved', 'active', 'completed', 'rejected', 'cancelled'];
export const STATUS_COLORS: Record<PlacementStatus, string> = {
  proposed: 'gold', home_approved: 'orange', approved: 'blue', active: 'green', completed: 'default', rejected: 'red', cancelled: 'default',
};

export const teacherExchangeKeys = {
  teachers: (query?: TeacherQuery) => (query ? (['te-teachers', query] as const) : (['te-teachers'] as const)),
  teacher: (id: string) => ['te-teacher', id] as const,
  placements: (query?: PlacementQuery) => (query ? (['te-placements', query] as const) : (['te-placements'] as const)),
  directory: ['te-directory'] as const,
  quota: (allianceId: string, year: number) => ['te-quota', allianceId, year] as const,
  progress: (allianceId: string, year: number) => ['te-progress', allianceId, year] as const,
};

export const useTeachers = (query: TeacherQuery, enabled = true) =>
  useQuery({
    queryKey: teacherExchangeKeys.teachers(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/teachers', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useTeacher = (id: string | undefined) =>
  useQuery({
    queryKey: teacherExchangeKeys.teacher(id ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/teachers/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

export const usePlacements = (query: PlacementQuery) =>
  useQuery({
    queryKey: teacherExchangeKeys.placements(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/placements', { params: { query } })),
    placeholderData: keepPreviousData,
  });

/** The alliances (and their member schools) this service knows and the caller may see. */
export const useExchangeDirectory = () =>
  useQuery({
    queryKey: teacherExchangeKeys.directory,
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/directory')),
  });

export const useQuota = (allianceId: string | undefined, year: number) =>
  useQuery({
    queryKey: teacherExchangeKeys.quota(allianceId ?? '', year),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/quotas', { params: { query: { allianceId: allianceId ?? '', year } } })),
    enabled: Boolean(allianceId),
  });

export const useQuotaProgress = (allianceId: string | undefined, year: number) =>
  useQuery({
    queryKey: teacherExchangeKeys.progress(allianceId ?? '', year),
    queryFn: () => unwrap(api.http.GET('/api/v1/teacher-exchange/quotas/progress', { params: { query: { allianceId: allianceId ?? '', year } } })),
    enabled: Boolean(allianceId),
  });

/** Downloads the import template with the caller's token and hands it to the browser as a file. */
export async function downloadTemplate(format: 'xlsx' | 'csv'): Promise<void> {
  const blob = await unwrap(api.http.GET('/api/v1/teacher-exchange/teachers/import-template', { params: { query: { format } }, parseAs: 'blob' })) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `教师导入模板.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface TeacherImportOptions {
  mode: 'all' | 'valid-only';
  empty: TeacherImportReport['empty'];
  /** true: a preview that writes nothing */
  dryRun: boolean;
}

/** Uploads a teacher file (form fields before the file, as the gateway reads them). */
export function importTeachers(schoolId: string, options: TeacherImportOptions, file: File): Promise<TeacherImportReport> {
  const form = new FormData();
  form.append('schoolId', schoolId);
  form.append('mode', options.mode);
  form.append('empty', options.empty);
  form.append('dryRun', String(options.dryRun));
  form.append('file', file, file.name);
  return unwrap(api.http.POST('/api/v1/teacher-exchange/teachers/import', {
    body: form as never,
    bodySerializer: (body: unknown) => body as FormData,
  }));
}
