import { PLATFORM_DISTRICT, type Caller, type RoleName } from '@jiaolian/contracts';
import { ForbiddenError } from '../errors/domain-error.js';

/**
 * What a caller may reach, computed from their role assignments. Services scope every query with it,
 * so an id outside the caller's reach behaves exactly like an id that does not exist.
 */
export class AccessScope {
  constructor(readonly caller: Caller) {}

  get isPlatformAdmin(): boolean {
    return this.caller.assignments.some((a) => a.role === 'platform_admin' && a.districtId === PLATFORM_DISTRICT);
  }

  has(role: RoleName): boolean {
    return this.isPlatformAdmin || this.caller.assignments.some((a) => a.role === role);
  }

  /** Districts where the caller holds any role. */
  districtIds(): string[] {
    return unique(this.caller.assignments.filter((a) => a.districtId !== PLATFORM_DISTRICT).map((a) => a.districtId));
  }

  /** Districts the caller administers. */
  adminDistrictIds(): string[] {
    return unique(this.caller.assignments.filter((a) => a.role === 'district_admin').map((a) => a.districtId));
  }

  adminAllianceIds(): string[] {
    return unique(this.caller.assignments.filter((a) => a.role === 'alliance_admin' && a.allianceId).map((a) => a.allianceId as string));
  }

  adminSchoolIds(): string[] {
    return unique(this.caller.assignments.filter((a) => a.role === 'school_admin' && a.schoolId).map((a) => a.schoolId as string));
  }

  /** Schools where the caller is admin or teacher. */
  schoolIds(): string[] {
    return unique(this.caller.assignments.filter((a) => a.schoolId).map((a) => a.schoolId as string));
  }

  isDistrictAdmin(districtId: string): boolean {
    return this.isPlatformAdmin || this.adminDistrictIds().includes(districtId);
  }

  isAllianceAdmin(allianceId: string, districtId: string): boolean {
    return this.isDistrictAdmin(districtId) || this.adminAllianceIds().includes(allianceId);
  }

  isSchoolAdmin(schoolId: string, districtId: string): boolean {
    return this.isDistrictAdmin(districtId) || this.adminSchoolIds().includes(schoolId);
  }

  inDistrict(districtId: string): boolean {
    return this.isPlatformAdmin || this.districtIds().includes(districtId);
  }

  /** Throws 403 unless the caller holds one of the roles anywhere; finer checks follow in the service. */
  requireAnyRole(...roles: RoleName[]): void {
    if (this.isPlatformAdmin) return;
    if (!this.caller.assignments.some((a) => roles.includes(a.role))) throw new ForbiddenError();
  }
}

const unique = (values: string[]): string[] => [...new Set(values)];
