import { createParamDecorator, Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { holdsAnyScope, scopesFor, type Caller, type ScopeDomain } from '@jiaolian/contracts';
import type { NatsContext } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error.js';
import { AccessScope } from './access-scope.js';
import { CALLER_HEADER, CallerTokens, REQUEST_ID_HEADER } from './caller-tokens.js';

const verified = new WeakMap<object, Caller>();

/** Subjects that answer without a caller (health pings, login). */
export const PUBLIC_SUBJECTS = new Set<string>();

/** Injection token of the scope domain the service answers for (see SERVICE_SCOPE_DOMAINS). */
export const SERVICE_SCOPE_DOMAIN = Symbol('SERVICE_SCOPE_DOMAIN');

/**
 * Runs before every NATS handler: verifies the caller token from the message headers and keeps the
 * resulting Caller for @CurrentCaller() / @Scope(). A message without a valid token is refused, and
 * so is an API client whose token holds no scope of this service's domain: the gateway checks the
 * route's scopes, but the bus is not a trust boundary. A service without a domain refuses clients.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly tokens: CallerTokens,
    @Optional() @Inject(SERVICE_SCOPE_DOMAIN) private readonly domain?: ScopeDomain | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const nats = context.switchToRpc().getContext<NatsContext>();
    const headers = nats.getHeaders();
    const requestId = headers?.get(REQUEST_ID_HEADER) || randomUUID();
    if (PUBLIC_SUBJECTS.has(nats.getSubject())) return true;
    const token = headers?.get(CALLER_HEADER);
    if (!token) throw UnauthenticatedError.of('auth.no-caller');
    const caller = await this.tokens.verify(token);
    if (caller.kind === 'client') {
      const accepted = this.domain ? scopesFor(this.domain, 'read') : [];
      if (!holdsAnyScope(caller.scopes, accepted)) throw ForbiddenError.of('auth.client-scope-missing', { scopes: accepted.join(' ') || '-' });
    }
    verified.set(nats, { ...caller, requestId });
    return true;
  }
}

function callerOf(context: ExecutionContext): Caller {
  const caller = verified.get(context.switchToRpc().getContext<object>());
  if (!caller) throw UnauthenticatedError.of('auth.no-caller');
  return caller;
}

/** The verified caller of the current NATS message. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => callerOf(ctx));

/** The caller's AccessScope, for scoping queries. */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): AccessScope => new AccessScope(callerOf(ctx)));
