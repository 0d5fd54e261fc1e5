import dayjs from 'dayjs';

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const formatNumber = (n: number, language: string): string => new Intl.NumberFormat(language).format(n);

/** antd Table sorter → the API's `sort` (field, '-' prefix for descending). */
export function toSort(sorter: unknown): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s || typeof s !== 'object') return undefined;
  const { field, order } = s as { field?: unknown; order?: 'ascend' | 'descend' | null };
  if (!order || typeof field !== 'string') return undefined;
  return order === 'descend' ? `-${field}` : field;
}

/** The antd sortOrder a column shows for the current `sort`. */
export function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
