import type { Caller } from '@jiaolian/contracts';
import { AccessScope } from './access-scope.js';
import { ForbiddenError } from '../errors/domain-error.js';

const caller = (assignments: Caller['assignments']): Caller => ({ kind: 'user', id: 'u1', assignments, requestId: 'r1' });

describe(AccessScope.name, () => {
  it('lets a district admin administer alliances and schools of their district only', () => {
    const sut = new AccessScope(caller([{ role: 'district_admin', districtId: 'd1' }]));
    expect(sut.isDistrictAdmin('d1')).toBe(true);
    expect(sut.isDistrictAdmin('d2')).toBe(false);
    expect(sut.isAllianceAdmin('a1', 'd1')).toBe(true);
    expect(sut.isAllianceAdmin('a1', 'd2')).toBe(false);
    expect(sut.isSchoolAdmin('s1', 'd2')).toBe(false);
  });

  it('limits an alliance admin to their alliance', () => {
    const sut = new AccessScope(caller([{ role: 'alliance_admin', districtId: 'd1', allianceId: 'a1' }]));
    expect(sut.isAllianceAdmin('a1', 'd1')).toBe(true);
    expect(sut.isAllianceAdmin('a2', 'd1')).toBe(false);
    expect(sut.isDistrictAdmin('d1')).toBe(false);
  });

  it('treats a teacher as neither school admin nor alliance admin', () => {
    const sut = new AccessScope(caller([{ role: 'teacher', districtId: 'd1', schoolId: 's1' }]));
    expect(sut.schoolIds()).toEqual(['s1']);
    expect(sut.isSchoolAdmin('s1', 'd1')).toBe(false);
    expect(() => sut.requireAnyRole('school_admin', 'district_admin')).toThrow(ForbiddenError);
  });

  it('gives the platform admin every district but no district of its own', () => {
    const sut = new AccessScope(caller([{ role: 'platform_admin', districtId: '*' }]));
    expect(sut.isDistrictAdmin('any')).toBe(true);
    expect(sut.districtIds()).toEqual([]);
  });
});
