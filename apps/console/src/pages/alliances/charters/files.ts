import { networkProblem, toApiProblem, type components } from '@jiaolian/api-client';
import { api } from '../../../api/client';
import { currentLanguage } from '../../../i18n';

type VersionView = components['schemas']['CharterVersionView'];

/** The file types the gateway takes as a charter's text (CHARTER_FILE_EXTENSIONS in the contracts). */
export const CHARTER_FILE_ACCEPT = '.pdf,.docx,.doc,.odt,.txt,.md';
export const CHARTER_FILE_MAX_MB = 20;

const gatewayUrl = (): string => import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '';
const authHeaders = (): Record<string, string> => {
  const token = api.tokens.get()?.accessToken;
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': currentLanguage() };
};
const fileUrl = (v: Pick<VersionView, 'allianceId' | 'documentId' | 'id'>): string =>
  `${gatewayUrl()}/api/v1/alliances/${encodeURIComponent(v.allianceId)}/documents/${encodeURIComponent(v.documentId)}/versions/${encodeURIComponent(v.id)}/file`;

/** Streams a file up as the draft's signed text (multipart field `file`); answers the version with the file's size and SHA-256. */
export async function uploadCharterFile(v: Pick<VersionView, 'allianceId' | 'documentId' | 'id'>, file: File): Promise<VersionView> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(fileUrl(v), { method: 'POST', body: form, headers: authHeaders() });
  } catch (error) {
    throw networkProblem(error);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiProblem(response, body);
  return body as VersionView;
}

/** Downloads the version's file with the access token and hands it to the browser under its own name. */
export async function downloadCharterFile(v: Pick<VersionView, 'allianceId' | 'documentId' | 'id' | 'file'>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(fileUrl(v), { headers: authHeaders() });
  } catch (error) {
    throw networkProblem(error);
  }
  if (!response.ok) throw toApiProblem(response, await response.json().catch(() => undefined));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = v.file?.filename ?? 'charter';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
