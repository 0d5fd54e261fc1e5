import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CallerTokens, ForbiddenError, UnauthenticatedError } from '@jiaolian/service-kit';
import type { RoleAssignment } from '@jiaolian/contracts';
import { Get, Post } from '@nestjs/common';
import { AcceptScopes, BeforePasswordChange, ClientScopes, Public, Roles, SCOPES_KEY } from './auth.decorators.js';
import { AuthGuard, bearerToken } from './auth.guard.js';

const SECRET = 'unit-test-secret-0123456789-0123456789';

class Routes {
  @Public() login(): void {}
  @Roles('district_admin') createAlliance(): void {}
  @Roles('district_admin', 'school_admin') patchSchool(): void {}
  undeclared(): void {}
  @Roles('teacher') @BeforePasswordChange() changePassword(): void {}
  @Roles('teacher') myWeek(): void {}
}

@ClientScopes('membership')
class SchoolRoutes {
  @Get() @Roles('district_admin') list(): void {}
  @Post() @Roles('district_admin') create(): void {}
  @Post('search') @Roles('district_admin') @AcceptScopes('membership:read') search(): void {}
  @Post('secrets') @Roles('district_admin') @AcceptScopes() secrets(): void {}
  @Get('public') @Public() open(): void {}
}

interface FakeRequest { headers: Record<string, string | undefined>; id: string; callerToken?: string; caller?: unknown }

function contextFor(handler: keyof Routes, authorization?: string): { context: ExecutionContext; request: FakeRequest } {
  return contextOn(Routes, handler, authorization);
}

function contextOn<T extends object>(routes: new () => T, handler: keyof T, authorization?: string): { context: ExecutionContext; request: FakeRequest } {
  const request: FakeRequest = { headers: { authorization }, id: 'req-1' };
  const context = {
    getType: () => 'http',
    getHandler: () => routes.prototype[handler],
    getClass: () => routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe(AuthGuard.name, () => {
  const tokens = new CallerTokens(SECRET);
  const sut = new AuthGuard(new Reflector(), tokens);
  const tokenFor = (...assignments: RoleAssignment[]): Promise<string> =>
    tokens.sign({ kind: 'user', id: 'u1', assignments }, 60);
  const district = 'd1';

  it('lets a public route through without a token', async () => {
    const { context, request } = contextFor('login');
    await expect(sut.canActivate(context)).resolves.toBe(true);
    expect(request.callerToken).toBeUndefined();
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s with 401', async (_, header) => {
    await expect(sut.canActivate(contextFor('createAlliance', header).context)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a token signed with another secret with 401', async () => {
    const foreign = await new CallerTokens('another-secret-0123456789-0123456789').sign({ kind: 'user', id: 'u1', assignments: [{ role: 'district_admin', districtId: district }] }, 60);
    await expect(sut.canActivate(contextFor('createAlliance', `Bearer ${foreign}`).context)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses an expired token with 401', async () => {
    const expired = await tokens.sign({ kind: 'user', id: 'u1', assignments: [{ role: 'district_admin', districtId: district }] }, -10);
    await expect(sut.canActivate(contextFor('createAlliance', `Bearer ${expired}`).context)).rejects.toThrow('expired');
  });

  it('refuses a caller holding none of the roles with 403 and keeps no caller', async () => {
    const token = await tokenFor({ role: 'teacher', districtId: district, schoolId: 's1' });
    const { context, request } = contextFor('createAlliance', `Bearer ${token}`);
    await expect(sut.canActivate(context)).rejects.toBeInstanceOf(ForbiddenError);
    expect(request.callerToken).toBeUndefined();
  });

  it('lets a caller holding one of the roles through and keeps the raw token to forward', async () => {
    const token = await tokenFor({ role: 'teacher', districtId: district, schoolId: 's1' }, { role: 'school_admin', districtId: district, schoolId: 's1' });
    const { context, request } = contextFor('patchSchool', `bearer ${token}`);
    await expect(sut.canActivate(context)).resolves.toBe(true);
    expect(request.callerToken).toBe(token);
    expect(request.caller).toMatchObject({ id: 'u1' });
  });

  it('lets platform_admin through every role check', async () => {
    const token = await tokenFor({ role: 'platform_admin', districtId: '*' });
    await expect(sut.canActivate(contextFor('createAlliance', `Bearer ${token}`).context)).resolves.toBe(true);
  });

  it('refuses a route that declares neither @Public() nor @Roles() (fail closed)', async () => {
    const token = await tokenFor({ role: 'district_admin', districtId: district });
    await expect(sut.canActivate(contextFor('undeclared', `Bearer ${token}`).context)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe(`${AuthGuard.name} and a password that must be changed`, () => {
  const tokens = new CallerTokens(SECRET);
  const sut = new AuthGuard(new Reflector(), tokens);
  const teacher = { role: 'teacher', districtId: 'd1', schoolId: 's1' } as const;

  it('refuses every route but the marked ones with 403 naming the password change, and keeps no caller', async () => {
    const token = await tokens.sign({ kind: 'user', id: 'u1', assignments: [teacher], mustChangePassword: true }, 60);
    const refused = contextFor('myWeek', `Bearer ${token}`);
    await expect(sut.canActivate(refused.context)).rejects.toMatchObject({ code: 'gateway.auth.password-change-required', params: { route: 'POST /api/v1/me/password' } });
    expect(refused.request.caller).toBeUndefined();
    await expect(sut.canActivate(contextFor('changePassword', `Bearer ${token}`).context)).resolves.toBe(true);
  });

  it('lets the same user through once the token no longer carries the mark', async () => {
    const token = await tokens.sign({ kind: 'user', id: 'u1', assignments: [teacher] }, 60);
    await expect(sut.canActivate(contextFor('myWeek', `Bearer ${token}`).context)).resolves.toBe(true);
  });
});

describe(`${AuthGuard.name} and API clients`, () => {
  const tokens = new CallerTokens(SECRET);
  const sut = new AuthGuard(new Reflector(), tokens);
  const clientToken = (...scopes: string[]): Promise<string> =>
    tokens.sign({ kind: 'client', id: 'c1', displayName: '数据中心', assignments: [{ role: 'district_admin', districtId: 'd1' }], scopes }, 60);
  const decide = async (handler: keyof SchoolRoutes, token: string): Promise<string> => {
    try {
      await sut.canActivate(contextOn(SchoolRoutes, handler, `Bearer ${token}`).context);
      return 'allowed';
    } catch (error) {
      return (error as ForbiddenError).code;
    }
  };

  it('derives read for GET and write otherwise from the controller domain, with route overrides', () => {
    const scopes = (handler: keyof SchoolRoutes): unknown => Reflect.getMetadata(SCOPES_KEY, SchoolRoutes.prototype[handler]);
    expect(scopes('list')).toEqual(['membership:read', 'membership:write']);
    expect(scopes('create')).toEqual(['membership:write']);
    expect(scopes('search')).toEqual(['membership:read']);
    expect(scopes('secrets')).toEqual([]);
    expect(scopes('open')).toBeUndefined();
  });

  it.each([
    ['a read scope reads', 'list', ['membership:read'], 'allowed'],
    ['a write scope reads too', 'list', ['membership:write'], 'allowed'],
    ['a read scope cannot write', 'create', ['membership:read'], 'gateway.auth.scope-missing'],
    ['a write scope writes', 'create', ['membership:write'], 'allowed'],
    ["another domain's scope is nothing here", 'list', ['assessment:write'], 'gateway.auth.scope-missing'],
    ['no scopes at all', 'list', [], 'gateway.auth.scope-missing'],
    ['a POST that only reads takes the read scope', 'search', ['membership:read'], 'allowed'],
    ['a route that declares no scopes refuses every client', 'secrets', ['membership:write'], 'gateway.auth.client-not-allowed'],
    ['a route of a controller without a domain refuses every client', 'createAlliance', ['membership:write'], 'gateway.auth.client-not-allowed'],
  ] as const)('%s', async (_, handler, scopes, expected) => {
    const token = await clientToken(...scopes);
    const outcome = handler === 'createAlliance'
      ? await sut.canActivate(contextFor('createAlliance', `Bearer ${token}`).context).then(() => 'allowed', (error: ForbiddenError) => error.code)
      : await decide(handler, token);
    expect(outcome).toBe(expected);
  });

  it('leaves users unaffected by scopes', async () => {
    const user = await tokens.sign({ kind: 'user', id: 'u1', assignments: [{ role: 'district_admin', districtId: 'd1' }] }, 60);
    expect(await decide('secrets', user)).toBe('allowed');
    expect(await decide('create', user)).toBe('allowed');
  });
});

describe(bearerToken.name, () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer  abc ', 'abc'],
    ['Token abc', undefined],
    [undefined, undefined],
    [`Bearer ${'x'.repeat(5000)}`, undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
