import { describe, expect, it } from 'vitest';
import type { AssignmentView, MeView } from '@jiaolian/api-client';
import { canManageAlliance, homePath, navigationFor, ownDistrictId } from './roles';

const me = (...assignments: Omit<AssignmentView, 'id'>[]): MeView => ({
  id: 'u1',
  username: 'someone',
  displayName: '某人',
  districtId: assignments[0]?.districtId ?? 'd1',
  assignments: assignments.map((a, i) => ({ id: `a${i}`, ...a })),
});

describe('navigationFor', () => {
  it.each([
    ['district_admin', me({ role: 'district_admin', districtId: 'd1' }), ['overview', 'dashboard', 'schools', 'alliances', 'joinRequests', 'users', 'audit']],
    ['platform_admin', me({ role: 'platform_admin', districtId: '*' }), ['overview', 'dashboard', 'schools', 'alliances', 'joinRequests', 'users', 'audit']],
    ['alliance_admin', me({ role: 'alliance_admin', districtId: 'd1', allianceId: 'al1' }), ['dashboard', 'alliances', 'joinRequests']],
    ['school_admin', me({ role: 'school_admin', districtId: 'd1', schoolId: 's1' }), ['dashboard', 'mySchool', 'alliances', 'joinRequests', 'teachers']],
    ['teacher', me({ role: 'teacher', districtId: 'd1', schoolId: 's1' }), ['dashboard', 'mySchool', 'myAlliances']],
  ])('gives a %s the menu of that role', (_role, user, expected) => {
    expect(navigationFor(user).map((i) => i.key)).toEqual(expected);
  });

  it('merges roles without duplicates, the district view winning', () => {
    const user = me({ role: 'district_admin', districtId: 'd1' }, { role: 'school_admin', districtId: 'd1', schoolId: 's1' });
    expect(navigationFor(user).map((i) => i.key)).toEqual(['overview', 'dashboard', 'schools', 'alliances', 'joinRequests', 'users', 'audit']);
  });

  it('points "my school" and "my alliances" at the user\'s school', () => {
    const user = me({ role: 'teacher', districtId: 'd1', schoolId: 's9' });
    expect(navigationFor(user)).toEqual([
      { key: 'dashboard', path: '/dashboard' },
      { key: 'mySchool', path: '/schools/s9' },
      { key: 'myAlliances', path: '/alliances?schoolId=s9' },
    ]);
    // school staff land on the dashboard of their own scope
    expect(homePath(user)).toBe('/dashboard');
  });

  it('sends a user without roles to the no-role page', () => {
    expect(homePath(me())).toBe('/no-role');
  });
});

describe('scope helpers', () => {
  it('lets an alliance admin manage only their alliance', () => {
    const user = me({ role: 'alliance_admin', districtId: 'd1', allianceId: 'al1' });
    expect(canManageAlliance(user, 'al1')).toBe(true);
    expect(canManageAlliance(user, 'al2')).toBe(false);
  });

  it("never treats the platform's '*' as a district", () => {
    expect(ownDistrictId(me({ role: 'platform_admin', districtId: '*' }))).toBeUndefined();
    expect(ownDistrictId(me({ role: 'district_admin', districtId: 'd1' }))).toBe('d1');
  });
});
