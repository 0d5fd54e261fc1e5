/**
 * What an API client may do, granted per client by a district admin: read and write per domain.
 * A write scope includes reading the same domain (a client that writes placements also reads them).
 */
export const SCOPE_DOMAINS = ['membership', 'exchange', 'curriculum', 'activities', 'assessment', 'integrations'] as const;
export type ScopeDomain = (typeof SCOPE_DOMAINS)[number];

export const API_SCOPES = SCOPE_DOMAINS.flatMap((domain) => [`${domain}:read`, `${domain}:write`] as const);
export type ApiScope = `${ScopeDomain}:${'read' | 'write'}`;

/** The domain each service answers for, by service name (teacher-exchange's scopes say `exchange`). */
export const SERVICE_SCOPE_DOMAINS: Record<string, ScopeDomain> = {
  membership: 'membership', 'teacher-exchange': 'exchange', curriculum: 'curriculum', activities: 'activities', assessment: 'assessment',
  integrations: 'integrations',
};

/** Each scope's description, in both languages (the OpenAPI document and the console show them). */
export const SCOPE_DESCRIPTIONS: Record<ApiScope, { en: string; 'zh-CN': string }> = {
  'membership:read': { en: 'Read districts, schools, campuses and alliances', 'zh-CN': '读取区县、学校、校区和联盟' },
  'membership:write': { en: 'Change schools, campuses and alliances (includes read)', 'zh-CN': '修改学校、校区和联盟（含读取）' },
  'exchange:read': { en: 'Read teachers, placements, quotas and itinerant timetables', 'zh-CN': '读取教师、交流安排、交流指标和走教课表' },
  'exchange:write': { en: 'Change teachers, placements, quotas and timetables (includes read)', 'zh-CN': '修改教师、交流安排、交流指标和走教课表（含读取）' },
  'curriculum:read': { en: 'Read shared resources, facilities and bookings', 'zh-CN': '读取共享资源、功能室和预约' },
  'curriculum:write': { en: 'Change shared resources, facilities and bookings (includes read)', 'zh-CN': '修改共享资源、功能室和预约（含读取）' },
  'activities:read': { en: 'Read activities, registrations, minutes, plans and briefings', 'zh-CN': '读取联盟活动、报名、会议纪要、工作计划和简报' },
  'activities:write': { en: 'Change activities, registrations, minutes and plans (includes read)', 'zh-CN': '修改联盟活动、报名、会议纪要和工作计划（含读取）' },
  'assessment:read': { en: 'Read exams, scores, evaluations and surveys', 'zh-CN': '读取考试、成绩、考核评价和问卷' },
  'assessment:write': { en: 'Change exams, scores, evaluations and surveys (includes read)', 'zh-CN': '修改考试、成绩、考核评价和问卷（含读取）' },
  'integrations:read': { en: 'Read the change feed and webhook subscriptions', 'zh-CN': '读取增量同步数据和事件推送订阅' },
  'integrations:write': { en: 'Manage webhook subscriptions (includes read)', 'zh-CN': '管理事件推送订阅（含读取）' },
};

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/**
 * The scopes that allow reading or writing a domain: reading accepts either scope of the domain,
 * writing only the write scope.
 */
export function scopesFor(domain: ScopeDomain, access: 'read' | 'write'): ApiScope[] {
  return access === 'read' ? [`${domain}:read`, `${domain}:write`] : [`${domain}:write`];
}

/**
 * An OAuth2 `scope` parameter (RFC 6749 §3.3: space-delimited, case-sensitive) as a list without
 * repeats; undefined when a token is unknown to the catalogue.
 */
export function parseScopeParam(value: string): ApiScope[] | undefined {
  const parts = value.split(' ').filter((part) => part.length > 0);
  const scopes: ApiScope[] = [];
  for (const part of parts) {
    if (!isApiScope(part)) return undefined;
    if (!scopes.includes(part)) scopes.push(part);
  }
  return scopes;
}

/** Whether any of `held` is one of `accepted`. */
export function holdsAnyScope(held: readonly string[] | undefined, accepted: readonly string[]): boolean {
  return (held ?? []).some((scope) => accepted.includes(scope));
}
