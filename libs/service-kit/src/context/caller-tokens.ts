import type { Caller, CallerKind, RoleAssignment } from '@jiaolian/contracts';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { TokenRevocations } from './token-revocations.js';

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
  /** an API client's rate limit, requests per minute */
  rlm?: number;
  /** the login session (refresh-token family) the token belongs to; system tokens have none */
  sid?: string;
  /** the user must change their password first (the gateway lets only a few routes through) */
  pwc?: boolean;
  typ: 'access';
}

type VerifiedToken = { caller: Omit<Caller, 'requestId'>; exp: number; issuedAtMs: number };

/**
 * Signs and verifies the caller token: the access token a user receives at login is the same token
 * the gateway forwards on the bus, so a service verifies who is calling itself rather than trusting
 * whatever a message claims. Verified tokens are cached until they expire (the hot path); every check,
 * cached or not, also consults `revocations` (fed from the revocation bucket by `watchRevocations`),
 * so a token stops working when its session or its user is revoked, not only when it expires.
 *
 * `iat` carries milliseconds (a JWT NumericDate may be fractional): a token issued right after a
 * revocation, in the same second, must not be taken for one issued before it.
 */
export class CallerTokens {
  private readonly key: Uint8Array;
  private readonly cache = new Map<string, VerifiedToken>();
  readonly revocations = new TokenRevocations();

  constructor(secret: string, private readonly maxCache = 10_000) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(caller: Omit<Caller, 'requestId'>, ttlSeconds: number): Promise<string> {
    const claims: Omit<CallerClaims, 'sub'> = {
      knd: caller.kind, nam: caller.displayName, asg: caller.assignments, scp: caller.scopes, rlm: caller.rateLimitPerMinute, sid: caller.sessionId, typ: 'access',
      ...(caller.mustChangePassword ? { pwc: true } : {}),
    };
    const now = Date.now();
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caller.id)
      .setIssuer(ISSUER)
      .setIssuedAt(now / 1000)
      .setExpirationTime(Math.floor(now / 1000) + ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<Omit<Caller, 'requestId'>> {
    const now = Date.now() / 1000;
    const hit = this.cache.get(token);
    if (hit && hit.exp > now) return this.unlessRevoked(hit);
    let verified: VerifiedToken;
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
      if (typeof payload.sid === 'string') caller.sessionId = payload.sid;
      if (typeof payload.rlm === 'number') caller.rateLimitPerMinute = payload.rlm;
      if (payload.pwc === true) caller.mustChangePassword = true;
      verified = { caller, exp: payload.exp ?? now, issuedAtMs: typeof payload.iat === 'number' ? payload.iat * 1000 : 0 };
      if (this.cache.size >= this.maxCache) this.cache.clear();
      this.cache.set(token, verified);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw UnauthenticatedError.of('auth.token-expired');
      throw UnauthenticatedError.of('auth.token-invalid');
    }
    return this.unlessRevoked(verified);
  }

  private unlessRevoked(token: VerifiedToken): Omit<Caller, 'requestId'> {
    const reason = this.revocations.reasonToRefuse({ subject: token.caller.id, sessionId: token.caller.sessionId, issuedAtMs: token.issuedAtMs });
    if (reason === 'session') throw UnauthenticatedError.of('auth.session-ended');
    if (reason === 'user') throw UnauthenticatedError.of('auth.token-revoked');
    return token.caller;
  }

  /** A short-lived token for a service acting on its own behalf (event handlers, seeders). */
  signSystem(service: string, ttlSeconds = 300): Promise<string> {
    return this.sign({ kind: 'system', id: service, assignments: [{ role: 'platform_admin', districtId: '*' }] }, ttlSeconds);
  }
}
