import type { RoleAssignment } from '@jiaolian/contracts';
import { ownerReach, reachSees, type ChangeFacts, type SubscriptionOwner } from './fanout.js';

const districtA = '0b8a4b1e-0000-4000-8000-00000000000a';
const districtB = '0b8a4b1e-0000-4000-8000-00000000000b';
const alliance = '0b8a4b1e-0000-4000-8000-0000000000a1';
const memberSchool = '0b8a4b1e-0000-4000-8000-0000000000c1';
const otherSchool = '0b8a4b1e-0000-4000-8000-0000000000c2';

const owner = (kind: 'user' | 'client', assignments: RoleAssignment[], scopes: string[] | null = null): SubscriptionOwner => ({ kind, id: 'owner', assignments, scopes });
const facts = (over: Partial<ChangeFacts> = {}): ChangeFacts => ({ domain: 'membership', districtId: districtA, allianceId: null, schoolId: null, ...over });
const sees = (o: SubscriptionOwner, change: ChangeFacts): boolean => {
  const reach = ownerReach(o);
  return reach !== undefined && reachSees(reach, change, new Set([memberSchool]));
};

describe('which subscription owners see a change (the change feed\'s reach)', () => {
  const districtAdmin = owner('user', [{ role: 'district_admin', districtId: districtA }]);
  const allianceClient = owner('client', [{ role: 'alliance_admin', districtId: districtA, allianceId: alliance }], ['membership:read', 'integrations:write']);

  it.each([
    ['a district admin, a change of their district', districtAdmin, facts(), true],
    ['a district admin, a change of another district', districtAdmin, facts({ districtId: districtB }), false],
    ['a district admin, any domain', districtAdmin, facts({ domain: 'assessment' }), true],
    ['an alliance client, its alliance\'s change', allianceClient, facts({ allianceId: alliance }), true],
    ['an alliance client, a member school\'s own change', allianceClient, facts({ schoolId: memberSchool }), true],
    ['an alliance client, another school\'s change', allianceClient, facts({ schoolId: otherSchool }), false],
    ['an alliance client, a domain it has no read scope for', allianceClient, facts({ allianceId: alliance, domain: 'exchange' }), false],
    ['a school admin (the feed refuses them)', owner('user', [{ role: 'school_admin', districtId: districtA, schoolId: memberSchool }]), facts({ schoolId: memberSchool }), false],
  ])('%s: %p', (_case, o, change, expected) => {
    expect(sees(o, change)).toBe(expected);
  });
});
