import type { MeView, RoleName } from '@jiaolian/api-client';

export const PLATFORM_DISTRICT = '*';

export type NavKey = 'dashboard' | 'overview' | 'schools' | 'mySchool' | 'alliances' | 'myAlliances' | 'joinRequests' | 'users' | 'teachers' | 'audit' | 'exams'
  | 'exchangeTeachers' | 'placements' | 'timetable' | 'exchangeQuotas'
  | 'resources' | 'facilities' | 'bookings'
  | 'activities' | 'actionItems' | 'plans' | 'planMilestones' | 'surveys' | 'briefings' | 'archives'
  | 'evaluations' | 'frameworks' | 'apiClients' | 'webhooks'
  | 'profileRounds' | 'pairingSuggestions'
  | 'mentorships' | 'observations' | 'observationRubric'
  | 'myWeek';

/** Nav entries whose label lives in a domain's i18n file rather than under `nav`. */
export const NAV_LABEL_KEYS: Partial<Record<NavKey, string>> = {
  resources: 'curriculum.nav.resources', facilities: 'curriculum.nav.facilities', bookings: 'curriculum.nav.bookings',
  activities: 'activities.nav.activities', actionItems: 'activities.nav.actionItems', plans: 'plans.nav.plans', planMilestones: 'plans.nav.milestones', webhooks: 'webhooks.nav.webhooks', surveys: 'surveys.nav.surveys',
  briefings: 'briefings.nav.briefings', archives: 'briefings.nav.archives',
  exchangeTeachers: 'teacherExchange.nav.teachers', placements: 'teacherExchange.nav.placements', timetable: 'teacherExchange.nav.timetable',
  exchangeQuotas: 'teacherExchange.nav.quotas',
  evaluations: 'evaluation.nav.evaluations', frameworks: 'evaluation.nav.frameworks',
  apiClients: 'apiClients.nav.apiClients',
  profileRounds: 'profiles.nav.rounds', pairingSuggestions: 'profiles.nav.suggestions',
  mentorships: 'development.nav.mentorships', observations: 'development.nav.observations', observationRubric: 'development.nav.rubric',
  myWeek: 'myWeek.nav.myWeek',
};

/** The menu groups, one per part of the platform, in the order the menu shows them. */
export const NAV_GROUPS = ['home', 'membership', 'teacherExchange', 'curriculum', 'activities', 'assessment'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export const NAV_GROUP_OF: Record<NavKey, NavGroup> = {
  overview: 'home', dashboard: 'home',
  mySchool: 'membership', schools: 'membership', alliances: 'membership', myAlliances: 'membership', joinRequests: 'membership',
  users: 'membership', teachers: 'membership', audit: 'membership', apiClients: 'membership', webhooks: 'membership',
  exchangeTeachers: 'teacherExchange', placements: 'teacherExchange', timetable: 'teacherExchange', exchangeQuotas: 'teacherExchange',
  resources: 'curriculum', facilities: 'curriculum', bookings: 'curriculum',
  activities: 'activities', actionItems: 'activities', plans: 'activities', planMilestones: 'activities', surveys: 'assessment', briefings: 'activities', archives: 'activities',
  exams: 'assessment', evaluations: 'assessment', frameworks: 'assessment',
  profileRounds: 'membership', pairingSuggestions: 'membership',
  mentorships: 'teacherExchange', observations: 'teacherExchange', observationRubric: 'teacherExchange',
  myWeek: 'home',
};

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
  // every role meets unified exams: admins run them, schools enter scores and read the analysis
  if (me.assignments.length) keys.add('exams');
  const school = mySchool(me);
  if (isDistrictAdmin(me)) ['overview', 'schools', 'alliances', 'joinRequests', 'users', 'apiClients', 'audit', 'webhooks'].forEach((k) => keys.add(k as NavKey));
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
  // teacher exchange: school and alliance admins run it, the district watches it, teachers see their placements
  if (isDistrictAdmin(me) || hasRole(me, 'alliance_admin', 'school_admin')) ['exchangeTeachers', 'placements', 'timetable', 'exchangeQuotas'].forEach((k) => keys.add(k as NavKey));
  if (hasRole(me, 'teacher')) ['placements', 'timetable'].forEach((k) => keys.add(k as NavKey));
  // curriculum: every role shares and finds resources and books the facilities of its alliances
  if (me.assignments.length) ['resources', 'facilities', 'bookings'].forEach((k) => keys.add(k as NavKey));
  // activities: every role sees its alliances' calendar and its own action items
  if (me.assignments.length) ['activities', 'actionItems'].forEach((k) => keys.add(k as NavKey));
  // work plans: every role reads the plans it may see and its own overdue milestones
  if (me.assignments.length) ['plans', 'planMilestones'].forEach((k) => keys.add(k as NavKey));
  // surveys: admins run them, teachers answer those asking teachers
  if (me.assignments.length) keys.add('surveys');
  // term evaluation: admins of every level take part in its steps; the district defines the frameworks, the others read them
  if (isDistrictAdmin(me) || hasRole(me, 'alliance_admin', 'school_admin')) ['evaluations', 'frameworks'].forEach((k) => keys.add(k as NavKey));
  // briefings: everyone reads the briefings of their alliances; archives hold every school's records, for district and alliance admins only
  if (me.assignments.length) keys.add('briefings');
  if (isDistrictAdmin(me) || hasRole(me, 'alliance_admin')) keys.add('archives');
  // school profiles: the district runs the survey and the pairing suggestions, school admins answer it
  if (isDistrictAdmin(me) || hasRole(me, 'school_admin')) keys.add('profileRounds');
  if (isDistrictAdmin(me)) keys.add('pairingSuggestions');
  // teacher development: every role sees mentorship pairs and observations it may see; the district edits the rubric, others read it
  if (me.assignments.length) ['mentorships', 'observations', 'observationRubric'].forEach((k) => keys.add(k as NavKey));
  // my week: teachers, and anyone whose account belongs to a roster teacher
  if (hasRole(me, 'teacher') || me.teacherId) keys.add('myWeek');
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
    webhooks: '/webhooks',
    exchangeTeachers: '/teacher-exchange/teachers',
    placements: '/teacher-exchange/placements',
    timetable: '/teacher-exchange/timetable',
    exchangeQuotas: '/teacher-exchange/quotas',
    exams: '/assessment/exams',
    resources: '/curriculum/resources',
    facilities: '/curriculum/facilities',
    bookings: '/curriculum/bookings',
    activities: '/activities',
    actionItems: '/activities/action-items',
    plans: '/plans',
    planMilestones: '/plans/milestones',
    surveys: '/surveys',
    evaluations: '/evaluation/evaluations',
    frameworks: '/evaluation/frameworks',
    briefings: '/briefings',
    archives: '/archives',
    apiClients: '/api-clients',
    profileRounds: '/profiles',
    pairingSuggestions: '/profiles/suggestions',
    mentorships: '/teacher-exchange/mentorships',
    observations: '/teacher-exchange/observations',
    observationRubric: '/teacher-exchange/observation-rubric',
    myWeek: '/me/week',
  };
  const order: NavKey[] = ['overview', 'dashboard', 'myWeek', 'mySchool', 'schools', 'alliances', 'myAlliances', 'joinRequests', 'profileRounds', 'pairingSuggestions', 'exams', 'evaluations', 'frameworks', 'surveys', 'resources', 'facilities', 'bookings', 'activities', 'actionItems', 'plans', 'planMilestones', 'briefings', 'archives', 'users', 'teachers', 'exchangeTeachers', 'placements', 'timetable', 'exchangeQuotas', 'mentorships', 'observations', 'observationRubric', 'apiClients', 'audit', 'webhooks'];
  return order.filter((k) => keys.has(k)).map((key) => ({ key, path: paths[key] }));
}

/**
 * Where a user lands after login: their workbench (工作台), else the first item of their navigation.
 * District admins too land on the workbench and open the overview's charts from the menu, so the first
 * page after sign-in does not wait for the chart library.
 */
export const homePath = (me: MeView): string => {
  const items = navigationFor(me);
  return (items.find((i) => i.key === 'dashboard') ?? items[0])?.path ?? '/no-role';
};

/** The district a user works in; platform admins choose one ('*' is not a district). */
export const ownDistrictId = (me: MeView): string | undefined => {
  if (me.districtId && me.districtId !== PLATFORM_DISTRICT) return me.districtId;
  return me.assignments.find((a) => a.districtId && a.districtId !== PLATFORM_DISTRICT)?.districtId;
};

/** What the login page is told about the page a signed-out visitor was sent away from. */
export interface ReturnTo {
  from: string;
  /** Set when a session ran out: only this user is sent back there. */
  forUser?: string;
}

/**
 * Where a user goes after signing in: back to the page they were sent away from when it was
 * theirs (a deep link, or their own session that ran out), otherwise their home page. Another
 * user signing in on the same browser never lands on the previous user's page.
 */
export function afterLoginPath(me: MeView, returnTo: unknown): string {
  const state = returnTo as Partial<ReturnTo> | null | undefined;
  const from = typeof state?.from === 'string' ? state.from : undefined;
  const forUser = typeof state?.forUser === 'string' ? state.forUser : undefined;
  if (!from || from === '/login' || !from.startsWith('/') || from.startsWith('//')) return homePath(me);
  if (forUser !== undefined && forUser !== me.id) return homePath(me);
  return from;
}
