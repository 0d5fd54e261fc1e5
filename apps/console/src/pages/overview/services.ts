export interface ServiceRow {
  service: string;
  up: boolean;
  version?: string;
  detail?: string;
}

const UP = new Set(['up', 'ok', 'healthy', 'ready', 'pass']);

/**
 * The gateway's /system/services answer as rows. Tolerant of the list being bare, under
 * `services` or under `items`, and of `status`/`up` spellings, so a gateway upgrade that adds
 * fields does not blank the panel.
 */
export function serviceRows(data: unknown): ServiceRow[] {
  const list: unknown[] = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null
      ? ((data as { services?: unknown[]; items?: unknown[] }).services ?? (data as { items?: unknown[] }).items ?? [])
      : [];
  return list
    .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    .map((x) => {
      const status = typeof x.status === 'string' ? x.status.toLowerCase() : undefined;
      const up = typeof x.up === 'boolean' ? x.up : status ? UP.has(status) : false;
      const service = String(x.service ?? x.name ?? '?');
      const version = typeof x.version === 'string' ? x.version : undefined;
      const detail = typeof x.error === 'string' ? x.error : typeof x.detail === 'string' ? x.detail : undefined;
      return { service, up, version, detail };
    });
}
