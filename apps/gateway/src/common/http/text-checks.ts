import { ValidationError } from '@jiaolian/service-kit';

/**
 * The dotted path (`title`, `members.0.name`) of the first string or key holding a NUL character
 * (U+0000), depth first; undefined when there is none. PostgreSQL cannot store NUL in text, so such
 * input is refused at validation instead of failing in the database.
 */
export function findNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNul(value[i], join(path, String(i)));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return join(path, key.replaceAll('\u0000', '\\u0000'));
    const found = findNul(item, join(path, key));
    if (found !== undefined) return found;
  }
  return undefined;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** The 400 for a NUL character in a field. */
export const nulError = (field: string): ValidationError => ValidationError.of(field, 'field.nul');
