import { applyDecorators, createParamDecorator, RequestMethod, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ApiBearerAuth, ApiOAuth2 } from '@nestjs/swagger';
import { ROLES, scopesFor, type ApiScope, type RoleName, type ScopeDomain } from '@jiaolian/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../openapi/api-route.decorator.js';

export const PUBLIC_KEY = 'jiaolian:public';
export const ROLES_KEY = 'jiaolian:roles';
export const SCOPES_KEY = 'jiaolian:scopes';
export const BEFORE_PASSWORD_CHANGE_KEY = 'jiaolian:before-password-change';

/** The name of the OAuth2 security scheme in the OpenAPI document. */
export const OAUTH2_SCHEME = 'oauth2';

/** Every role: for routes any signed-in caller may use (the service still scopes what they see). */
export const ANY_ROLE: readonly RoleName[] = ROLES;

/** The route needs no access token. Every route says either @Public() or @Roles(...). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * The route needs an access token holding at least one of these roles (platform_admin always passes).
 * This is the coarse check; the service decides on the object itself.
 */
export const Roles = (...roles: RoleName[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiProblems(401, 403));

/**
 * The route answers a user who must still change their initial password (their profile, the password
 * change itself, signing out). Every other route refuses them with 403 gateway.auth.password-change-required.
 */
export const BeforePasswordChange = (): MethodDecorator => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

/**
 * The scopes an API client's token must hold one of to use the route (beside the roles the client's
 * reach gives it). Without arguments: no client may use the route (user and client management,
 * sessions). Overrides the controller's @ClientScopes domain for this route.
 */
export const AcceptScopes = (...scopes: ApiScope[]): MethodDecorator => (target, key, descriptor) => {
  SetMetadata(SCOPES_KEY, scopes)(target, key, descriptor);
  if (scopes.length > 0) ApiOAuth2(scopes, OAUTH2_SCHEME)(target, key, descriptor);
};

/**
 * The domain of a controller's routes for API clients: GET routes accept `<domain>:read` or
 * `<domain>:write`, every other method `<domain>:write`; a route's own @AcceptScopes wins. Routes of
 * a controller without a domain and without @AcceptScopes refuse clients (fail closed).
 */
export const ClientScopes = (domain: ScopeDomain): ClassDecorator => (target) => {
  const prototype = (target as unknown as { prototype: Record<string, unknown> }).prototype;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
    const handler = descriptor?.value as object | undefined;
    if (key === 'constructor' || typeof handler !== 'function') continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined || Reflect.hasMetadata(SCOPES_KEY, handler) || Reflect.getMetadata(PUBLIC_KEY, handler) === true) continue;
    AcceptScopes(...scopesFor(domain, method === RequestMethod.GET ? 'read' : 'write'))(prototype, key, descriptor as PropertyDescriptor);
  }
};

/** What the gateway forwards with a bus request: the caller's raw access token and the request id. */
export interface CallContext {
  token: string;
  requestId: string;
}

/** The CallContext of the current HTTP request (set by the AuthGuard). */
export const Call = createParamDecorator((_: unknown, ctx: ExecutionContext): CallContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { token: request.callerToken ?? '', requestId: request.id };
});
