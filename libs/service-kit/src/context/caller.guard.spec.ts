import type { ExecutionContext } from '@nestjs/common';
import type { ScopeDomain } from '@jiaolian/contracts';
import { ForbiddenError } from '../errors/domain-error.js';
import { CALLER_HEADER, CallerTokens } from './caller-tokens.js';
import { CallerGuard, ReadsAnyDomain, Writes } from './caller.guard.js';

const SECRET = 'unit-test-secret-0123456789-0123456789';

class Handlers {
  list(): void {}
  @Writes() update(): void {}
  @ReadsAnyDomain() feed(): void {}
}

function natsContext(token: string, handler: keyof Handlers = 'list'): ExecutionContext {
  const headers = new Map([[CALLER_HEADER, token]]);
  const nats = { getHeaders: () => ({ get: (name: string) => headers.get(name) ?? '' }), getSubject: () => 'membership.school.list' };
  return {
    getType: () => 'rpc', getHandler: () => Handlers.prototype[handler], switchToRpc: () => ({ getContext: () => nats }),
  } as unknown as ExecutionContext;
}

describe(CallerGuard.name, () => {
  const tokens = new CallerTokens(SECRET);
  const client = (...scopes: string[]): Promise<string> =>
    tokens.sign({ kind: 'client', id: 'c1', assignments: [{ role: 'district_admin', districtId: 'd1' }], scopes }, 60);
  const decide = async (domain: ScopeDomain | null, token: string, handler: keyof Handlers = 'list'): Promise<string> => {
    try {
      await new CallerGuard(tokens, domain).canActivate(natsContext(token, handler));
      return 'allowed';
    } catch (error) {
      return error instanceof ForbiddenError ? error.code : String(error);
    }
  };

  it.each([
    ['a read scope of the domain', 'membership', ['membership:read'], 'allowed'],
    ['a write scope of the domain', 'membership', ['membership:write'], 'allowed'],
    ["only another domain's scopes", 'membership', ['exchange:write', 'assessment:read'], 'auth.client-scope-missing'],
    ['no scopes', 'exchange', [], 'auth.client-scope-missing'],
    ['any scope, in a service without a domain', null, ['membership:write'], 'auth.client-scope-missing'],
  ] as const)('decides on a client with %s', async (_, domain, scopes, expected) => {
    expect(await decide(domain, await client(...scopes))).toBe(expected);
  });

  it('needs the write scope on a handler marked @Writes()', async () => {
    expect(await decide('membership', await client('membership:read'), 'update')).toBe('auth.client-scope-missing');
    expect(await decide('membership', await client('membership:write'), 'update')).toBe('allowed');
  });

  it("lets a client with a scope of any domain call a handler marked @ReadsAnyDomain(), and no client without one", async () => {
    expect(await decide('integrations', await client('membership:read'), 'feed')).toBe('allowed');
    expect(await decide('integrations', await client('assessment:write'), 'feed')).toBe('allowed');
    expect(await decide('integrations', await client(), 'feed')).toBe('auth.client-scope-missing');
    expect(await decide('integrations', await client('membership:read'), 'list')).toBe('auth.client-scope-missing');
  });

  it('lets users through whatever the scopes', async () => {
    const user = await tokens.sign({ kind: 'user', id: 'u1', assignments: [{ role: 'teacher', districtId: 'd1', schoolId: 's1' }] }, 60);
    expect(await decide('membership', user)).toBe('allowed');
    expect(await decide(null, user)).toBe('allowed');
    expect(await decide('membership', user, 'update')).toBe('allowed');
  });
});
