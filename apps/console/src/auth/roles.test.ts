import { describe, expect, it } from 'vitest';
import type { AssignmentView, MeView } from '@jiaolian/api-client';
import { afterLoginPath, canManageAlliance, homePath, navigationFor, ownDistrictId } from './roles';

const me = (...assignments: Omit<AssignmentView, 'id'>[]): MeView => ({
  id: 'u1',
  username: 'someone',
  displayName: '某人',
  districtId: assignments[0]?.districtId ?? 'd1',
  assignments: assignments.map((a, i) => ({ id: `a${i}`, ...a })),
  mustChangePassword: false, teacherId: null,
});

const SHARED = ['exams', 'surveys', 'resources', 'facilities', 'bookings', 'activities', 'actionItems', 'plans', 'planMilestones', 'briefings'];
/** Admins of every level take part in term evaluation; teachers do not. */
const SCHOOL_ADMIN_SHARED = ['exams', 'evaluations', 'frameworks', ...SHARED.slice(1)];
/** term archives hold every school's records: district and alliance admins only */
const ADMIN_SHARED = [...SCHOOL_ADMIN_SHARED, 'archives'];
const DISTRICT_MENU = ['overview', 'dashboard', 'schools', 'alliances', 'joinRequests', 'profileRounds', 'pairingSuggestions', ...ADMIN_SHARED, 'users', 'exchangeTeachers', 'placements', 'timetable', 'exchangeQuotas', 'mentorships', 'observations', 'observationRubric', 'apiClients', 'audit', 'webhooks'];

describe('navigationFor', () => {
  it.each([
    ['district_admin', me({ role: 'district_admin', districtId: 'd1' }), DISTRICT_MENU],
    ['platform_admin', me({ role: 'platform_admin', districtId: '*' }), DISTRICT_MENU],
    ['alliance_admin', me({ role: 'alliance_admin', districtId: 'd1', allianceId: 'al1' }), ['dashboard', 'alliances', 'joinRequests', ...ADMIN_SHARED, 'exchangeTeachers', 'placements', 'timetable', 'exchangeQuotas', 'mentorships', 'observations', 'observationRubric']],
    ['school_admin', me({ role: 'school_admin', districtId: 'd1', schoolId: 's1' }), ['dashboard', 'mySchool', 'alliances', 'joinRequests', 'profileRounds', ...SCHOOL_ADMIN_SHARED, 'teachers', 'exchangeTeachers', 'placements', 'timetable', 'exchangeQuotas', 'mentorships', 'observations', 'observationRubric']],
    ['teacher', me({ role: 'teacher', districtId: 'd1', schoolId: 's1' }), ['dashboard', 'myWeek', 'mySchool', 'myAlliances', ...SHARED, 'placements', 'timetable', 'mentorships', 'observations', 'observationRubric']],
  ])('gives a %s the menu of that role', (_role, user, expected) => {
    expect(navigationFor(user).map((i) => i.key)).toEqual(expected);
  });

  it('never shows a teacher the district or school administration', () => {
    const keys = navigationFor(me({ role: 'teacher', districtId: 'd1', schoolId: 's1' })).map((i) => i.key);
    for (const adminOnly of ['overview', 'schools', 'users', 'teachers', 'audit', 'joinRequests', 'exchangeTeachers', 'exchangeQuotas', 'webhooks']) {
      expect(keys).not.toContain(adminOnly);
    }
  });

  it('merges roles without duplicates, the district view winning', () => {
    const user = me({ role: 'district_admin', districtId: 'd1' }, { role: 'school_admin', districtId: 'd1', schoolId: 's1' });
    expect(navigationFor(user).map((i) => i.key)).toEqual(DISTRICT_MENU);
  });

  it('points "my school" and "my alliances" at the user\'s school', () => {
    const user = me({ role: 'teacher', districtId: 'd1', schoolId: 's9' });
    expect(navigationFor(user)).toEqual(expect.arrayContaining([
      { key: 'mySchool', path: '/schools/s9' },
      { key: 'myAlliances', path: '/alliances?schoolId=s9' },
    ]));
    // school staff land on the dashboard of their own scope
    expect(homePath(user)).toBe('/dashboard');
  });

  it('lands a district admin on the workbench, not on the overview with its charts', () => {
    const user = me({ role: 'district_admin', districtId: 'd1' });
    expect(navigationFor(user)[0]?.key).toBe('overview');
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

describe('afterLoginPath', () => {
  const head = me({ role: 'school_admin', districtId: 'd1', schoolId: 's1' });

  it('sends a user to their home page when they came to the login page directly or signed out', () => {
    expect(afterLoginPath(head, null)).toBe('/dashboard');
    expect(afterLoginPath(head, undefined)).toBe('/dashboard');
  });

  it('sends a visitor who opened a deep link back to it', () => {
    expect(afterLoginPath(head, { from: '/alliances/a1?tab=members' })).toBe('/alliances/a1?tab=members');
  });

  it('sends a user whose session ran out back to their page, but never another user', () => {
    expect(afterLoginPath(head, { from: '/placements', forUser: 'u1' })).toBe('/placements');
    expect(afterLoginPath(head, { from: '/alliances/a1', forUser: 'someone-else' })).toBe('/dashboard');
  });

  it('ignores a return address that is not a page of the console', () => {
    expect(afterLoginPath(head, { from: '/login' })).toBe('/dashboard');
    expect(afterLoginPath(head, { from: 'https://elsewhere.example/' })).toBe('/dashboard');
    expect(afterLoginPath(head, { from: '//elsewhere.example/' })).toBe('/dashboard');
    expect(afterLoginPath(head, { from: 42 })).toBe('/dashboard');
  });
});
