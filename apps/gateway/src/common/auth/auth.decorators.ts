import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ROLES, type RoleName } from '@jiaolian/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../openapi/api-route.decorator.js';

export const PUBLIC_KEY = 'jiaolian:public';
export const ROLES_KEY = 'jiaolian:roles';

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
