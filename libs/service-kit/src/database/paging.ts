import { DEFAULT_PAGE_SIZE, type Page, type PageQueryDto } from '@jiaolian/contracts';
import { ValidationError } from '../errors/domain-error.js';

export interface PageWindow {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageWindow(query: PageQueryDto): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * Resolves `sort` against the fields a list allows (public name → column expression), so every list
 * sorts the same way and an unknown field is a clear 400 rather than a SQL error.
 */
export function sortOrder(sort: string | undefined, allowed: Record<string, string>, fallback: string): { column: string; direction: 'ASC' | 'DESC' } {
  const raw = sort ?? fallback;
  const descending = raw.startsWith('-');
  const field = descending ? raw.slice(1) : raw;
  const column = allowed[field];
  if (!column) throw ValidationError.of('sort', 'list.sort-invalid', { values: Object.keys(allowed).map((f) => `${f}, -${f}`).join(', ') });
  return { column, direction: descending ? 'DESC' : 'ASC' };
}

export function toPage<T>(items: T[], total: number, window: PageWindow): Page<T> {
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/** Escapes LIKE wildcards in user text. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
