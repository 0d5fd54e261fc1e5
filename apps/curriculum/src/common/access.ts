import type { AccessScope } from '@jiaolian/service-kit';

/*
 * Who may see what inside the curriculum service, in one place. Anything a caller may not see
 * behaves as if it did not exist (NotFoundError). Each rule exists as a SQL condition for lists and
 * single reads alike, so a get and a list can never disagree.
 *
 * - District admins (and the platform admin) oversee every resource, facility and booking of their districts.
 * - A school's staff see everything their school owns.
 * - `alliance` reach: staff of schools that share an ACTIVE alliance with the owning school (active
 *   memberships, from the service's directory), and the admins of such alliances.
 * - `district` reach: anyone holding a role in the district.
 */

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * Condition "the caller reaches school <schoolExpr> through an active alliance" over the directory.
 * `bind` adds a parameter and answers its placeholder.
 */
function allianceReach(scope: AccessScope, schoolExpr: string, bind: (value: unknown) => string): string {
  const mySchools = bind(scope.schoolIds());
  const myAlliances = bind(scope.adminAllianceIds());
  return `EXISTS (
    SELECT 1 FROM directory_member om JOIN directory_alliance da ON da.id = om.alliance_id AND da.status = 'active'
     WHERE om.school_id = ${schoolExpr} AND om.active
       AND (da.id = ANY(${myAlliances}::uuid[])
            OR EXISTS (SELECT 1 FROM directory_member mm WHERE mm.alliance_id = da.id AND mm.active AND mm.school_id = ANY(${mySchools}::uuid[]))))`;
}

/** Which resources (alias r) the caller sees; undefined means all. */
export function resourceVisibility(scope: AccessScope, bind: (value: unknown) => string, alias = 'r'): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  return `(${alias}.district_id = ANY(${bind(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.school_id = ANY(${bind(scope.schoolIds())}::uuid[])
    OR (${alias}.visibility = 'district' AND ${alias}.district_id = ANY(${bind(scope.districtIds())}::uuid[]))
    OR (${alias}.visibility = 'alliance' AND ${allianceReach(scope, `${alias}.school_id`, bind)}))`;
}

/** Which schools' facilities (and their bookings) the caller sees: own school, alliance partners, district admins. */
export function facilityVisibility(scope: AccessScope, bind: (value: unknown) => string, alias = 'f'): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  return `(${alias}.district_id = ANY(${bind(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.school_id = ANY(${bind(scope.schoolIds())}::uuid[])
    OR ${allianceReach(scope, `${alias}.school_id`, bind)})`;
}

/** A fresh parameter list and its binder ($1, $2, ...). */
export function binder(): { params: unknown[]; bind: (value: unknown) => string } {
  const params: unknown[] = [];
  return { params, bind: (value: unknown) => `$${params.push(value)}` };
}

/** May the caller change things a school owns (its resources' metadata, its facilities, its bookings' decisions)? */
export const managesSchool = (scope: AccessScope, schoolId: string, districtId: string): boolean => scope.isSchoolAdmin(schoolId, districtId);

/** Is the caller staff (admin or teacher) of the school? */
export const staffOf = (scope: AccessScope, schoolId: string): boolean => scope.schoolIds().includes(schoolId);

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
export const isoOrNull = (value: Date | string | null | undefined): string | null => (value ? iso(value) : null);
