import type { Caller, CallerKind, RoleAssignment } from '@jiaolian/contracts';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthenticatedError } from '../errors/domain-error.js';

/** NATS header names that carry the caller with every message. */
export const CALLER_HEADER = 'jl-caller';
export const REQUEST_ID_HEADER = 'jl-request-id';

const ISSUER = 'jiaolian';

interface CallerClaims {
  sub: string;
  knd: CallerKind;
  nam?: string;
  asg: RoleAssignment[];
  scp?: string[];
  typ: 'access';
}

/**
 * Signs and verifies the caller token: the access token a user receives at login is the same token
 * the gateway forwards on the bus, so a service verifies who is calling itself rather than trusting
 * whatever a message claims. Verified tokens are cached until they expire (the hot path).
 */
export class CallerTokens {
  private readonly key: Uint8Array;
  private readonly cache = new Map<string, { caller: Omit<Caller, 'requestId'>; exp: number }>();

  constructor(secret: string, private readonly maxCache = 10_000) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(caller: Omit<Caller, 'requestId'>, ttlSeconds: number): Promise<string> {
    const claims: Omit<CallerClaims, 'sub'> = { knd: caller.kind, nam: caller.displayName, asg: caller.assignments, scp: caller.scopes, typ: 'access' };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caller.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<Omit<Caller, 'requestId'>> {
    const now = Date.now() / 1000;
    const hit = this.cache.get(token);
    if (hit && hit.exp > now) return hit.caller;
    try {
      const { payload } = await jwtVerify<CallerClaims>(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (payload.typ !== 'access' || !payload.sub) throw UnauthenticatedError.of('auth.not-access-token');
      const caller: Omit<Caller, 'requestId'> = {
        kind: payload.knd,
        id: payload.sub,
        displayName: payload.nam,
        assignments: payload.asg ?? [],
        scopes: payload.scp,
      };
      if (this.cache.size >= this.maxCache) this.cache.clear();
      this.cache.set(token, { caller, exp: payload.exp ?? now });
      return caller;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw UnauthenticatedError.of('auth.token-expired');
      throw UnauthenticatedError.of('auth.token-invalid');
    }
  }

  /** A short-lived token for a service acting on its own behalf (event handlers, seeders). */
  signSystem(service: string, ttlSeconds = 300): Promise<string> {
    return this.sign({ kind: 'system', id: service, assignments: [{ role: 'platform_admin', districtId: '*' }] }, ttlSeconds);
  }
}
