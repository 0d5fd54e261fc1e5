import { API_SCOPES, holdsAnyScope, parseScopeParam, SCOPE_DESCRIPTIONS, scopesFor } from './scopes.js';

describe('scopes', () => {
  it('has read and write for each domain, each described in both languages', () => {
    expect(API_SCOPES).toHaveLength(12);
    for (const scope of API_SCOPES) {
      expect(SCOPE_DESCRIPTIONS[scope].en.length).toBeGreaterThan(5);
      expect(SCOPE_DESCRIPTIONS[scope]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each([
    ['membership:read', ['membership:read']],
    ['  membership:read   exchange:write ', ['membership:read', 'exchange:write']],
    ['membership:read membership:read', ['membership:read']],
    ['', []],
    ['membership:admin', undefined],
    ['Membership:read', undefined],
    ['membership:read,exchange:read', undefined],
  ])('parses %j as %j', (value, expected) => {
    expect(parseScopeParam(value)).toEqual(expected);
  });

  it('reads with either scope of a domain and writes with the write scope only', () => {
    expect(scopesFor('exchange', 'read')).toEqual(['exchange:read', 'exchange:write']);
    expect(scopesFor('exchange', 'write')).toEqual(['exchange:write']);
    expect(holdsAnyScope(['exchange:read'], scopesFor('exchange', 'write'))).toBe(false);
    expect(holdsAnyScope(undefined, scopesFor('exchange', 'read'))).toBe(false);
  });
});
