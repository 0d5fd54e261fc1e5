import type { TFunction } from 'i18next';
import { isApiProblem, type ApiFieldError } from '@jiaolian/api-client';

/** Problems whose detail is a rule the user can act on (the gateway words it in the UI's language). */
const TELLING_KINDS = new Set(['validation-failed', 'forbidden', 'conflict', 'unprocessable', 'rate-limited']);

/**
 * A user-facing message for any error: for a broken rule (a conflict, a state that does not allow the
 * action, bad input) the server's detail, which says which rule and is in the UI's language (the client
 * sends it as Accept-Language); otherwise the problem kind in the UI language, else the server's title.
 */
export function problemMessage(t: TFunction, error: unknown): string {
  if (isApiProblem(error) && error.detail && error.detail !== error.title && TELLING_KINDS.has(error.kind)) return error.detail;
  return problemHeadline(t, error);
}

/** The headline of an error: the problem kind in the UI language, else the server's title (ProblemAlert shows the detail under it). */
export function problemHeadline(t: TFunction, error: unknown): string {
  if (isApiProblem(error)) return t(`errors.${error.kind}`, { defaultValue: error.title });
  return t('errors.unknown');
}

/** Minimal view of an antd FormInstance, so this stays testable without antd. */
export interface FieldSetter {
  getFieldsValue(all: true): object;
  // Method syntax on purpose: antd's typed FieldData<T>[] is accepted (parameter bivariance).
  setFields(fields: { name?: string | number | (string | number)[]; errors?: string[] }[]): void;
}

const pathOf = (field: string): (string | number)[] => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts the gateway's field errors onto the form fields they name and returns the ones no field
 * shows (so the page can list them in its alert instead of losing them).
 */
export function applyFieldErrors(form: FieldSetter, error: unknown, aliases: Record<string, string> = {}): ApiFieldError[] {
  if (!isApiProblem(error) || error.errors.length === 0) return [];
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const byField = new Map<string, string[]>();
  const unmatched: ApiFieldError[] = [];
  for (const e of error.errors) {
    const field = aliases[e.field] ?? e.field;
    const root = field.split('.')[0] ?? field;
    if (known.has(root)) byField.set(field, [...(byField.get(field) ?? []), e.message]);
    else unmatched.push(e);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: pathOf(field), errors })));
  return unmatched;
}
