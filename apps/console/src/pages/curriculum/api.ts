import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { networkProblem, toApiProblem, unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';

type Schemas = components['schemas'];
export type ResourceView = Schemas['ResourceView'];
export type ResourceVersionView = Schemas['ResourceVersionView'];
export type ResourceFacets = Schemas['ResourceFacets'];
export type FacilityView = Schemas['FacilityView'];
export type BookingView = Schemas['BookingView'];
export type ResourceType = ResourceView['type'];
export type ResourceVisibility = ResourceView['visibility'];
export type FacilityKind = FacilityView['kind'];
export type BookingStatus = BookingView['status'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type ResourceQuery = QueryOf<'/api/v1/curriculum/resources'>;
export type FacilityQuery = QueryOf<'/api/v1/curriculum/facilities'>;
export type BookingQuery = QueryOf<'/api/v1/curriculum/bookings'>;

export const RESOURCE_TYPES: ResourceType[] = ['lesson_plan', 'courseware', 'lesson_video', 'exam_paper', 'case', 'reflection', 'research'];
export const VISIBILITIES: ResourceVisibility[] = ['school', 'alliance', 'district'];
export const FACILITY_KINDS: FacilityKind[] = ['lab', 'music_room', 'youth_palace', 'farm_base', 'equipment', 'other'];
export const BOOKING_STATUSES: BookingStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];
export const EDITIONS = ['人教版', '北师大版', '苏教版', '部编版', '浙教版', '沪教版', '外研版', '湘教版'];
export const LICENCES = ['CC BY 4.0', 'CC BY-NC 4.0', 'CC BY-NC-SA 4.0', '联盟内共享', '保留所有权利'];
export const SUBJECTS = ['语文', '数学', '英语', '科学', '物理', '化学', '生物', '道德与法治', '历史', '地理', '音乐', '美术', '体育', '信息科技', '劳动', '心理健康', '综合'];
export const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级', '全学段'];
/** Accepted extensions per type; the service enforces the same list (libs/contracts RESOURCE_FILE_EXTENSIONS). */
export const FILE_EXTENSIONS: Record<ResourceType, string[]> = {
  lesson_plan: ['.doc', '.docx', '.pdf', '.txt', '.md', '.odt', '.wps'],
  courseware: ['.ppt', '.pptx', '.pdf', '.key', '.odp', '.dps', '.zip'],
  lesson_video: ['.mp4', '.mov', '.webm', '.mkv', '.m4v'],
  exam_paper: ['.doc', '.docx', '.pdf', '.xls', '.xlsx', '.wps'],
  case: ['.doc', '.docx', '.pdf', '.txt', '.md', '.wps'],
  reflection: ['.doc', '.docx', '.pdf', '.txt', '.md', '.wps'],
  research: ['.doc', '.docx', '.pdf', '.ppt', '.pptx', '.xls', '.xlsx', '.zip', '.txt', '.md'],
};

export const curriculumKeys = {
  resources: (query?: ResourceQuery) => (query ? (['curriculum', 'resources', query] as const) : (['curriculum', 'resources'] as const)),
  resource: (id: string) => ['curriculum', 'resource', id] as const,
  versions: (id: string) => ['curriculum', 'resource', id, 'versions'] as const,
  facilities: (query?: FacilityQuery) => (query ? (['curriculum', 'facilities', query] as const) : (['curriculum', 'facilities'] as const)),
  bookings: (query?: BookingQuery) => (query ? (['curriculum', 'bookings', query] as const) : (['curriculum', 'bookings'] as const)),
};

export const useResources = (query: ResourceQuery) =>
  useQuery({
    queryKey: curriculumKeys.resources(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/curriculum/resources', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useResource = (id: string | undefined) =>
  useQuery({
    queryKey: curriculumKeys.resource(id ?? ''),
    queryFn: () => unwrap(api.http.GET('/api/v1/curriculum/resources/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

export const useResourceVersions = (id: string) =>
  useQuery({
    queryKey: curriculumKeys.versions(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/curriculum/resources/{id}/versions', { params: { path: { id } } })),
  });

export const useFacilities = (query: FacilityQuery) =>
  useQuery({
    queryKey: curriculumKeys.facilities(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/curriculum/facilities', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useBookings = (query: BookingQuery) =>
  useQuery({
    queryKey: curriculumKeys.bookings(query),
    queryFn: () => unwrap(api.http.GET('/api/v1/curriculum/bookings', { params: { query } })),
    placeholderData: keepPreviousData,
  });

const gatewayUrl = (): string => import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '';

/**
 * Uploads a resource as multipart/form-data (metadata fields first, the file last) with progress
 * events. XMLHttpRequest because fetch reports no upload progress.
 */
export function uploadResource(fields: Record<string, string>, file: File, onProgress: (percent: number) => void): Promise<ResourceView> {
  return uploadForm('/api/v1/curriculum/resources', fields, file, onProgress);
}

/** Uploads a revised file of a resource (the note first, the file last), with progress. */
export function uploadResourceVersion(id: string, note: string, file: File, onProgress: (percent: number) => void): Promise<ResourceView> {
  return uploadForm(`/api/v1/curriculum/resources/${encodeURIComponent(id)}/versions`, note ? { note } : {}, file, onProgress);
}

function uploadForm(path: string, fields: Record<string, string>, file: File, onProgress: (percent: number) => void): Promise<ResourceView> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${gatewayUrl()}${path}`);
    const token = api.tokens.get()?.accessToken;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    xhr.onerror = () => reject(networkProblem(new Error('upload failed')));
    xhr.onload = () => {
      let body: unknown;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined; } catch { body = undefined; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ResourceView);
      else reject(toApiProblem(new Response(null, { status: xhr.status, statusText: xhr.statusText }), body));
    };
    xhr.send(form);
  });
}

/**
 * Downloads a resource's current file (or, given `version`, that version's file) with the access
 * token and hands it to the browser as a file.
 */
export async function downloadResource(resource: Pick<ResourceView, 'id' | 'file'>, version?: Pick<ResourceVersionView, 'version' | 'file'>): Promise<void> {
  const token = api.tokens.get()?.accessToken;
  const path = version === undefined ? `${resource.id}/download` : `${resource.id}/versions/${version.version}/download`;
  const response = await fetch(`${gatewayUrl()}/api/v1/curriculum/resources/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw toApiProblem(response, await response.json().catch(() => undefined));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = (version ?? resource).file.filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
