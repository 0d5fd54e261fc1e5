import { assignmentsOfReach, grantScopes, hashClientSecret, newClientId, newClientSecret, secretLive, secretMatches } from './api-client.rules.js';

describe('api client rules', () => {
  it('makes ids and secrets of the documented shape, never twice the same', () => {
    const ids = new Set(Array.from({ length: 50 }, newClientId));
    const secrets = new Set(Array.from({ length: 50 }, newClientSecret));
    expect(ids.size).toBe(50);
    expect(secrets.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^jlc_[A-Za-z0-9_-]{16}$/);
    for (const secret of secrets) expect(secret).toMatch(/^jls_[A-Za-z0-9_-]{43}$/);
  });

  it('matches a secret against its hash only', () => {
    const secret = newClientSecret();
    const hash = hashClientSecret(secret);
    expect(hash).not.toContain(secret.slice(4));
    expect(secretMatches(hash, secret)).toBe(true);
    expect(secretMatches(hash, `${secret}x`)).toBe(false);
    expect(secretMatches(hash, newClientSecret())).toBe(false);
    expect(secretMatches('not-hex', secret)).toBe(false);
  });

  it.each([
    ['the current secret (no expiry)', null, true],
    ['a rotated secret inside its grace period', new Date('2026-12-07T10:00:01Z'), true],
    ['a rotated secret at the end of its grace period', new Date('2026-12-07T10:00:00Z'), false],
  ])('treats %s as live: %s', (_, expiresAt, live) => {
    expect(secretLive(expiresAt, new Date('2026-12-07T10:00:00Z'))).toBe(live);
  });

  it('reaches the owning district as its admin and each alliance as the alliance admin, nothing outside', () => {
    expect(assignmentsOfReach('d1', { districtIds: ['d1', 'd2'], allianceIds: ['a1'] })).toEqual([
      { role: 'district_admin', districtId: 'd1' },
      { role: 'alliance_admin', districtId: 'd1', allianceId: 'a1' },
    ]);
    expect(assignmentsOfReach('d1', { districtIds: [], allianceIds: [] })).toEqual([]);
  });

  it.each([
    ['nothing asked: every granted scope', undefined, { scopes: ['membership:read', 'exchange:write'] }],
    ['an empty ask: every granted scope', [], { scopes: ['membership:read', 'exchange:write'] }],
    ['a subset', ['membership:read'], { scopes: ['membership:read'] }],
    ['a scope not granted', ['membership:read', 'assessment:read'], { missing: ['assessment:read'] }],
    ['write asked where only read is granted', ['membership:write'], { missing: ['membership:write'] }],
  ] as const)('grants %s', (_, asked, expected) => {
    expect(grantScopes(['membership:read', 'exchange:write'], asked)).toEqual(expected);
  });
});
