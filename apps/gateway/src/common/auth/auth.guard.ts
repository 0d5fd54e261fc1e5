import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { holdsAnyScope, type ApiScope, type RoleAssignment, type RoleName } from '@jiaolian/contracts';
import { CallerTokens, ForbiddenError, UnauthenticatedError } from '@jiaolian/service-kit';
import type { FastifyRequest } from 'fastify';
import '../http/request.types.js';
import { BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY, SCOPES_KEY } from './auth.decorators.js';

type Rule = { public: true } | { public: false; roles: ReadonlySet<RoleName>; scopes: readonly ApiScope[]; beforePasswordChange: boolean };

/** Where a user who must change their password is sent (the route's path under /api/v1). */
export const PASSWORD_CHANGE_ROUTE = 'POST /api/v1/me/password';

/** The access token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length < 8) return undefined;
  if (header.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  const token = header.slice(7).trim();
  return token.length > 0 && token.length <= 4096 ? token : undefined;
}

/** The coarse role check: platform_admin passes everywhere, others need one of the route's roles. */
export function holdsAnyRole(assignments: readonly RoleAssignment[], roles: ReadonlySet<RoleName>): boolean {
  for (const assignment of assignments) {
    if (assignment.role === 'platform_admin' || roles.has(assignment.role)) return true;
  }
  return false;
}

/**
 * Global guard: verifies the access token (401) and checks the route's roles (403). A route that
 * declares neither @Public() nor @Roles() is refused (fail closed). An API client must also hold one
 * of the scopes the route accepts; a route that accepts none refuses clients (fail closed again).
 * Users are not affected by scopes. A user who must change their initial password reaches only the
 * routes marked @BeforePasswordChange() (403 elsewhere). Rules are resolved once per handler.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest hands handlers out as Function
  private readonly rules = new Map<Function, Rule>();

  constructor(private readonly reflector: Reflector, private readonly tokens: CallerTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.ruleOf(context);
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw UnauthenticatedError.of('gateway.auth.token-missing', { header: 'Authorization: Bearer <token>' });
    const caller = await this.tokens.verify(token);
    if (caller.kind === 'client') {
      if (rule.scopes.length === 0) throw ForbiddenError.of('gateway.auth.client-not-allowed');
      if (!holdsAnyScope(caller.scopes, rule.scopes)) throw ForbiddenError.of('gateway.auth.scope-missing', { scopes: rule.scopes.join(' ') });
    }
    if (!holdsAnyRole(caller.assignments, rule.roles)) throw ForbiddenError.of('gateway.auth.role-not-allowed');
    if (caller.mustChangePassword && !rule.beforePasswordChange) throw ForbiddenError.of('gateway.auth.password-change-required', { route: PASSWORD_CHANGE_ROUTE });
    request.callerToken = token;
    request.caller = caller;
    return true;
  }

  private ruleOf(context: ExecutionContext): Rule {
    const handler = context.getHandler();
    let rule = this.rules.get(handler);
    if (!rule) {
      const targets = [handler, context.getClass()];
      if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) rule = { public: true };
      else {
        rule = {
          public: false,
          roles: new Set(this.reflector.getAllAndOverride<RoleName[]>(ROLES_KEY, targets) ?? []),
          scopes: this.reflector.get<ApiScope[] | undefined>(SCOPES_KEY, handler) ?? [],
          beforePasswordChange: this.reflector.get<boolean | undefined>(BEFORE_PASSWORD_CHANGE_KEY, handler) === true,
        };
      }
      this.rules.set(handler, rule);
    }
    return rule;
  }
}
