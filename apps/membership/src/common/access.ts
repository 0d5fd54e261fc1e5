import type { AllianceStatus } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';

/*
 * Who may see what inside the membership service. Anything a caller may not see behaves as if it did
 * not exist (NotFoundError); these helpers answer "visible?" for one object and build the matching
 * SQL condition for lists, so a get and a list can never disagree.
 */

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** Roles that see the non-draft alliances of their district (so a school head can apply). */
const SCHOOL_ROLES = ['school_admin', 'teacher'] as const;

export function schoolRoleDistrictIds(scope: AccessScope): string[] {
  return [...new Set(scope.caller.assignments.filter((a) => (SCHOOL_ROLES as readonly string[]).includes(a.role)).map((a) => a.districtId))];
}

export function canSeeAlliance(scope: AccessScope, alliance: { id: string; districtId: string; status: AllianceStatus }): boolean {
  if (scope.isDistrictAdmin(alliance.districtId)) return true;
  if (scope.adminAllianceIds().includes(alliance.id)) return true;
  if (alliance.status === 'active' && scope.inDistrict(alliance.districtId)) return true;
  return alliance.status !== 'draft' && schoolRoleDistrictIds(scope).includes(alliance.districtId);
}

/** SQL condition on an alliance alias mirroring canSeeAlliance; undefined means everything. */
export function allianceVisibility(scope: AccessScope, alias: string): SqlCondition | undefined {
  if (scope.isPlatformAdmin) return undefined;
  return {
    sql: `(${alias}.district_id = ANY(:visAdminDistricts::uuid[])
      OR ${alias}.id = ANY(:visAdminAlliances::uuid[])
      OR (${alias}.status = 'active' AND ${alias}.district_id = ANY(:visDistricts::uuid[]))
      OR (${alias}.status <> 'draft' AND ${alias}.district_id = ANY(:visSchoolRoleDistricts::uuid[])))`,
    params: {
      visAdminDistricts: scope.adminDistrictIds(),
      visAdminAlliances: scope.adminAllianceIds(),
      visDistricts: scope.districtIds(),
      visSchoolRoleDistricts: schoolRoleDistrictIds(scope),
    },
  };
}

export function canSeeJoinRequest(scope: AccessScope, request: { allianceId: string; schoolId: string; districtId: string }): boolean {
  return scope.isDistrictAdmin(request.districtId)
    || scope.adminAllianceIds().includes(request.allianceId)
    || scope.adminSchoolIds().includes(request.schoolId);
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
export const isoOrNull = (value: Date | string | null | undefined): string | null => (value ? iso(value) : null);
