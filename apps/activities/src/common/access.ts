import type { AccessScope } from '@jiaolian/service-kit';

/*
 * Who may see what inside the activities service, in one place. An activity belongs to an alliance:
 * platform admins see all, district admins their districts', alliance admins their alliances', and
 * school staff the activities of alliances their school is an active member of (the directory says
 * which). Anything else behaves as if it did not exist. Gets and lists use the same SQL condition.
 */

/** Positional SQL parameters: `p.add(value)` answers `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** SQL condition on rows with `district_id` and `alliance_id` columns under `alias`. */
export function visibleSql(scope: AccessScope, alias: string, p: SqlParams, allianceColumn = 'alliance_id'): string {
  if (scope.isPlatformAdmin) return 'true';
  return `(${alias}.district_id = ANY(${p.add(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.${allianceColumn} = ANY(${p.add(scope.adminAllianceIds())}::uuid[])
    OR EXISTS (SELECT 1 FROM directory_member vm WHERE vm.alliance_id = ${alias}.${allianceColumn} AND vm.active
               AND vm.school_id = ANY(${p.add(scope.schoolIds())}::uuid[])))`;
}

export interface ManagedActivity {
  districtId: string;
  allianceId: string;
  organiserSchoolId: string;
}

/** The alliance admins (and district admins above them) and the organiser school's admin run an activity. */
export function canManage(scope: AccessScope, activity: ManagedActivity): boolean {
  return scope.isAllianceAdmin(activity.allianceId, activity.districtId) || scope.isSchoolAdmin(activity.organiserSchoolId, activity.districtId);
}

/** Whether the caller acts for the school: its admin, or (when teachers count) one of its teachers. */
export function actsForSchool(scope: AccessScope, schoolId: string, districtId: string, teachersToo = false): boolean {
  if (scope.isSchoolAdmin(schoolId, districtId)) return true;
  return teachersToo && scope.caller.assignments.some((a) => a.role === 'teacher' && a.schoolId === schoolId);
}

/**
 * SQL condition on work plans under `alias`: district admins see their districts' plans, alliance
 * admins their alliances' plans and the member schools' plans in them, school staff their own school's
 * plans and the plans of alliances their school is an active member of (never another school's plan).
 */
export function planVisibleSql(scope: AccessScope, alias: string, p: SqlParams): string {
  if (scope.isPlatformAdmin) return 'true';
  const schools = p.add(scope.schoolIds());
  return `(${alias}.district_id = ANY(${p.add(scope.adminDistrictIds())}::uuid[])
    OR ${alias}.alliance_id = ANY(${p.add(scope.adminAllianceIds())}::uuid[])
    OR ${alias}.school_id = ANY(${schools}::uuid[])
    OR (${alias}.school_id IS NULL AND EXISTS (SELECT 1 FROM directory_member vm WHERE vm.alliance_id = ${alias}.alliance_id AND vm.active
               AND vm.school_id = ANY(${schools}::uuid[]))))`;
}

export interface PlanScope {
  districtId: string;
  allianceId: string;
  /** null for the alliance's own plan */
  schoolId: string | null;
}

/** Who writes a plan: the alliance admins (and district admins above them); for a school plan also the school's admin. */
export function canEditPlan(scope: AccessScope, plan: PlanScope): boolean {
  if (scope.isAllianceAdmin(plan.allianceId, plan.districtId)) return true;
  return plan.schoolId !== null && scope.isSchoolAdmin(plan.schoolId, plan.districtId);
}

/** Who approves, returns, assesses and closes: the alliance admin for a school plan, the district admin for an alliance plan. */
export function canReviewPlan(scope: AccessScope, plan: PlanScope): boolean {
  return plan.schoolId === null ? scope.isDistrictAdmin(plan.districtId) : scope.isAllianceAdmin(plan.allianceId, plan.districtId);
}
