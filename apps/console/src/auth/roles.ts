import type { MeView, RoleName } from '@jiaolian/api-client';

export const PLATFORM_DISTRICT = '*';

export type NavKey = 'dashboard' | 'overview' | 'schools' | 'mySchool' | 'alliances' | 'myAlliances' | 'joinRequests' | 'users' | 'teachers' | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
}

export const hasRole = (me: MeView, ...roles: RoleName[]): boolean => me.assignments.some((a) => roles.includes(a.role));

/** Platform and district admins run the whole district. */
export const isDistrictAdmin = (me: MeView): boolean => hasRole(me, 'platform_admin', 'district_admin');

/** Schools the user administers (school_admin). */
export const adminSchoolIds = (me: MeView): string[] =>
  me.assignments.filter((a) => a.role === 'school_admin' && a.schoolId).map((a) => a.schoolId as string);

/** Alliances the user administers (alliance_admin). */
export const adminAllianceIds = (me: MeView): string[] =>
  me.assignments.filter((a) => a.role === 'alliance_admin' && a.allianceId).map((a) => a.allianceId as string);

/** The school the user works at (school admin or teacher), if any. */
export const mySchool = (me: MeView): { id: string; name: string | null } | undefined => {
  const a = me.assignments.find((x) => (x.role === 'school_admin' || x.role === 'teacher') && x.schoolId);
  return a?.schoolId ? { id: a.schoolId, name: a.scopeName ?? null } : undefined;
};

export const canManageAlliance = (me: MeView, allianceId: string): boolean =>
  isDistrictAdmin(me) || adminAllianceIds(me).includes(allianceId);

export const canManageSchool = (me: MeView, schoolId: string): boolean =>
  isDistrictAdmin(me) || adminSchoolIds(me).includes(schoolId);

/**
 * The navigation a user sees follows every role they hold, in a fixed order, without duplicates:
 * district admins run the district; alliance admins their alliances; school admins their school
 * and its people; teachers see their school and its alliances.
 */
export function navigationFor(me: MeView): NavItem[] {
  const keys = new Set<NavKey>();
  // everyone with a role has a dashboard of their own scope
  if (me.assignments.length) keys.add('dashboard');
  const school = mySchool(me);
  if (isDistrictAdmin(me)) ['overview', 'schools', 'alliances', 'joinRequests', 'users', 'audit'].forEach((k) => keys.add(k as NavKey));
  if (hasRole(me, 'alliance_admin')) ['alliances', 'joinRequests'].forEach((k) => keys.add(k as NavKey));
  if (hasRole(me, 'school_admin')) {
    if (!keys.has('schools')) keys.add('mySchool');
    ['alliances', 'joinRequests'].forEach((k) => keys.add(k as NavKey));
    if (!keys.has('users')) keys.add('teachers');
  }
  if (hasRole(me, 'teacher') && !hasRole(me, 'school_admin')) {
    if (!keys.has('schools')) keys.add('mySchool');
    if (!keys.has('alliances')) keys.add('myAlliances');
  }
  const paths: Record<NavKey, string> = {
    dashboard: '/dashboard',
    overview: '/overview',
    schools: '/schools',
    mySchool: school ? `/schools/${school.id}` : '/schools',
    alliances: '/alliances',
    myAlliances: school ? `/alliances?schoolId=${school.id}` : '/alliances',
    joinRequests: '/join-requests',
    users: '/users',
    teachers: '/users',
    audit: '/audit',
  };
  const order: NavKey[] = ['overview', 'dashboard', 'mySchool', 'schools', 'alliances', 'myAlliances', 'joinRequests', 'users', 'teachers', 'audit'];
  return order.filter((k) => keys.has(k)).map((key) => ({ key, path: paths[key] }));
}

/** Where a user lands after login: the first item of their navigation. */
export const homePath = (me: MeView): string => navigationFor(me)[0]?.path ?? '/no-role';

/** The district a user works in; platform admins choose one ('*' is not a district). */
export const ownDistrictId = (me: MeView): string | undefined => {
  if (me.districtId && me.districtId !== PLATFORM_DISTRICT) return me.districtId;
  return me.assignments.find((a) => a.districtId && a.districtId !== PLATFORM_DISTRICT)?.districtId;
};
