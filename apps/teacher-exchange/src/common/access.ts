import type { AccessScope } from '@jiaolian/service-kit';

/*
 * Who may see what inside teacher exchange, in one place. Anything a caller may not see behaves as if
 * it did not exist (NotFoundError); each helper has an SQL twin so a get and a list never disagree.
 */

export interface SqlFilter {
  sql: string;
  params: unknown[];
}

/** Binds values to $n placeholders in order. */
export class SqlParams {
  readonly values: unknown[] = [];
  bind(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/**
 * Teachers: district admins their district's; school staff their school's; alliance admins those of
 * schools that are active members of their alliances.
 */
export function teacherVisibility(scope: AccessScope, alias: string, p: SqlParams): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  return `(${alias}.district_id = ANY(${p.bind(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.school_id = ANY(${p.bind(scope.schoolIds())}::uuid[])
    OR EXISTS (SELECT 1 FROM directory_member vm WHERE vm.school_id = ${alias}.school_id AND vm.active
               AND vm.alliance_id = ANY(${p.bind(scope.adminAllianceIds())}::uuid[])))`;
}

/** Placements: district admins their district's; alliance admins their alliances'; school staff those their school sends or hosts. */
export function placementVisibility(scope: AccessScope, alias: string, p: SqlParams): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const schools = p.bind(scope.schoolIds());
  return `(${alias}.district_id = ANY(${p.bind(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.alliance_id = ANY(${p.bind(scope.adminAllianceIds())}::uuid[])
    OR ${alias}.home_school_id = ANY(${schools}::uuid[])
    OR EXISTS (SELECT 1 FROM placement_host vh WHERE vh.placement_id = ${alias}.id AND vh.school_id = ANY(${schools}::uuid[])))`;
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** A `date` column as YYYY-MM-DD (pg returns date columns as strings with the pool's type parser, or Date). */
export const isoDate = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** Today in the product's time zone (school days follow China's calendar, not UTC's). */
export function todayInShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
