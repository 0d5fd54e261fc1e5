import { PUBLIC_EVENT_DOMAINS, readScopeOf, type Caller, type PublicEventDomain } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError } from '@jiaolian/service-kit';

/** Whose rows of the change log a caller may read. */
export interface FeedReach {
  /** true: every district (the platform admin) */
  all: boolean;
  districtIds: string[];
  allianceIds: string[];
  /** undefined: every domain (people); for an API client, the domains of its read scopes */
  domains: PublicEventDomain[] | undefined;
}

/**
 * The change feed is for those who sync a district or an alliance: the platform admin sees every row,
 * a district admin its districts' rows, an alliance admin its alliances' rows and the rows of their
 * member schools that belong to no other alliance. School admins and teachers are refused (403): a
 * school's own data is better read through the routes that know its privacy rules (a feed of school
 * rows would have to repeat each domain's visibility rules). An API client reaches what its role
 * assignments reach, and only in the domains of its read scopes (`membership:read`, ...).
 */
export function feedReach(caller: Caller): FeedReach {
  const scope = new AccessScope(caller);
  const domains = caller.kind === 'client'
    ? PUBLIC_EVENT_DOMAINS.filter((domain) => (caller.scopes ?? []).includes(readScopeOf(domain)))
    : undefined;
  if (scope.isPlatformAdmin) return { all: true, districtIds: [], allianceIds: [], domains };
  const districtIds = scope.adminDistrictIds();
  const allianceIds = scope.adminAllianceIds();
  if (districtIds.length === 0 && allianceIds.length === 0) throw ForbiddenError.of('integrations.changes.forbidden');
  return { all: false, districtIds, allianceIds, domains };
}
