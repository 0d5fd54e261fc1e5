/** Roles a user can be assigned. Each assignment is scoped (see RoleAssignment). */
export const ROLES = ['platform_admin', 'district_admin', 'alliance_admin', 'school_admin', 'teacher'] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * A role held within a scope. Every assignment names its district (the tenant);
 * alliance_admin also names the alliance, school_admin and teacher the school.
 * platform_admin is the province-level operator and has districtId '*'.
 */
export interface RoleAssignment {
  role: RoleName;
  districtId: string;
  allianceId?: string;
  schoolId?: string;
}

export type CallerKind = 'user' | 'client' | 'system';

/** Who is calling: travels with every NATS message as a signed token. */
export interface Caller {
  kind: CallerKind;
  /** user id, API client id, or the service name for system callers */
  id: string;
  displayName?: string;
  assignments: RoleAssignment[];
  /** OAuth2-style scopes granted to an API client; users have none */
  scopes?: string[];
  /** an API client's own rate limit, requests per minute */
  rateLimitPerMinute?: number;
  requestId: string;
  locale?: string;
  /** the login session (refresh-token family) of a user's access token; revoking it ends the token */
  sessionId?: string;
  /** the user must change their password before anything else (first login with a handed-out password) */
  mustChangePassword?: boolean;
}

export const PLATFORM_DISTRICT = '*';
