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

/**
 * Across districts (跨区域合作): the alliance is visible to the staff of its member schools of other
 * districts and to those schools' district admins, and, while a request is pending, to the asked or
 * asking school's admin and its district admin. Nothing else of the alliance's district becomes visible.
 */
export function crossDistrictReach(scope: AccessScope, alias: string): SqlCondition {
  return {
    sql: `(EXISTS (SELECT 1 FROM alliance_member xm JOIN school xs ON xs.id = xm.school_id
                 WHERE xm.alliance_id = ${alias}.id AND xm.left_at IS NULL AND xs.district_id <> ${alias}.district_id
                   AND (xm.school_id = ANY(:xSchools::uuid[]) OR xs.district_id = ANY(:xAdminDistricts::uuid[])))
      OR EXISTS (SELECT 1 FROM join_request xr JOIN school xs ON xs.id = xr.school_id
                 WHERE xr.alliance_id = ${alias}.id AND xr.status = 'pending' AND xs.district_id <> ${alias}.district_id
                   AND (xr.school_id = ANY(:xAdminSchools::uuid[]) OR xs.district_id = ANY(:xAdminDistricts::uuid[]))))`,
    params: { xSchools: scope.schoolIds(), xAdminSchools: scope.adminSchoolIds(), xAdminDistricts: scope.adminDistrictIds() },
  };
}

/** SQL condition on an alliance alias mirroring canSeeAlliance and crossDistrictReach; undefined means everything. */
export function allianceVisibility(scope: AccessScope, alias: string): SqlCondition | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const cross = crossDistrictReach(scope, alias);
  return {
    sql: `(${alias}.district_id = ANY(:visAdminDistricts::uuid[])
      OR ${alias}.id = ANY(:visAdminAlliances::uuid[])
      OR (${alias}.status = 'active' AND ${alias}.district_id = ANY(:visDistricts::uuid[]))
      OR (${alias}.status <> 'draft' AND ${alias}.district_id = ANY(:visSchoolRoleDistricts::uuid[]))
      OR ${cross.sql})`,
    params: {
      visAdminDistricts: scope.adminDistrictIds(),
      visAdminAlliances: scope.adminAllianceIds(),
      visDistricts: scope.districtIds(),
      visSchoolRoleDistricts: schoolRoleDistrictIds(scope),
      ...cross.params,
    },
  };
}

/** `districtId` is the alliance's district, `schoolDistrictId` the school's (another one across districts). */
export function canSeeJoinRequest(scope: AccessScope, request: { allianceId: string; schoolId: string; districtId: string; schoolDistrictId: string }): boolean {
  return scope.isDistrictAdmin(request.districtId)
    || scope.isDistrictAdmin(request.schoolDistrictId)
    || scope.adminAllianceIds().includes(request.allianceId)
    || scope.adminSchoolIds().includes(request.schoolId);
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
export const isoOrNull = (value: Date | string | null | undefined): string | null => (value ? iso(value) : null);
