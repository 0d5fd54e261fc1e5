import { DomainError, envInt, type CallerTokens } from '@jiaolian/service-kit';
import type { FastifyRequest } from 'fastify';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { bearerToken } from '../auth/auth.guard.js';

/**
 * Per-route limit of sign-in and refresh requests from one address, whatever the account:
 * RATE_LIMIT_LOGIN_ADDRESS_MAX per RATE_LIMIT_WINDOW_MS. A school's computer room or a whole school
 * behind one NAT address signs in at the same minute (40 teachers at 8:00 is ordinary), so this
 * ceiling is far above what one room sends and only stops a flood; guessing one account's password
 * is slowed by LoginThrottle instead.
 */
export function loginRateLimit(): { max: number; timeWindow: number; keyGenerator: (request: FastifyRequest) => string } {
  return {
    max: envInt('RATE_LIMIT_LOGIN_ADDRESS_MAX', 600),
    timeWindow: envInt('RATE_LIMIT_WINDOW_MS', 60_000),
    keyGenerator: (request) => `address:${request.ip}`,
  };
}

/**
 * The key of the global limit: the signed-in caller when the request carries a valid access token
 * (teachers sharing a school's address each have their own budget), the address otherwise. Verified
 * tokens are cached by CallerTokens, so this costs a map look-up on the hot path.
 */
export function rateLimitKey(tokens: CallerTokens): (request: FastifyRequest) => Promise<string> {
  return async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (token) {
      const caller = await tokens.verify(token).catch(() => undefined);
      if (caller) return `${caller.kind}:${caller.id}`;
    }
    return `address:${request.ip}`;
  };
}

/**
 * The global limit's ceiling for a key: an API client's own rate limit (carried in its token as
 * requests per minute, scaled to the window), the deployment's RATE_LIMIT_MAX for everyone else.
 */
export function rateLimitMax(tokens: CallerTokens, max: number, windowMs: number): (request: FastifyRequest, key: string) => Promise<number> {
  return async (request, key) => {
    if (!key.startsWith('client:')) return max;
    const token = bearerToken(request.headers.authorization);
    const caller = token ? await tokens.verify(token).catch(() => undefined) : undefined;
    const perMinute = caller?.rateLimitPerMinute;
    return perMinute === undefined ? max : Math.max(1, Math.round((perMinute * windowMs) / 60_000));
  };
}

/**
 * Slows password guessing: at most RATE_LIMIT_LOGIN_MAX failed sign-ins per account and address within
 * RATE_LIMIT_LOGIN_WINDOW_MS (default 10 per 15 minutes); past that the pair gets 429 with Retry-After
 * until the window ends, while every other account behind the same address signs in as usual. A
 * successful sign-in clears the pair's count. Counts live in the gateway's memory (per replica), as
 * @fastify/rate-limit's do; rate-limiter-flexible's memory limiter keeps and expires them.
 */
export class LoginThrottle {
  private readonly failures: RateLimiterMemory | undefined;

  /** `disabled` (RATE_LIMIT_DISABLED, for load tests) lets every attempt through. */
  constructor(options: { maxFailures: number; windowMs: number; disabled?: boolean }) {
    this.failures = options.disabled ? undefined : new RateLimiterMemory({ points: options.maxFailures, duration: Math.max(1, Math.ceil(options.windowMs / 1000)) });
  }

  static keyOf(address: string, username: string): string {
    return `${address}|${username.trim().toLowerCase()}`;
  }

  /**
   * Runs the sign-in unless the pair has failed too often. A point is taken before the attempt (so
   * parallel guesses cannot all slip past one check) and given back when the answer was not a wrong
   * password (the bus was down, say); a successful sign-in clears the pair.
   */
  async attempt<T>(key: string, signIn: () => Promise<T>, retryAfter: (seconds: number) => void): Promise<T> {
    const failures = this.failures;
    if (!failures) return signIn();
    try {
      await failures.consume(key, 1);
    } catch (spent) {
      if (spent instanceof Error) throw spent;
      const seconds = Math.max(1, Math.ceil((spent as RateLimiterRes).msBeforeNext / 1000));
      retryAfter(seconds);
      throw DomainError.coded('rate-limited', 'auth.login-throttled', { retryAfter: seconds });
    }
    try {
      const result = await signIn();
      await failures.delete(key);
      return result;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'unauthenticated')) await failures.reward(key, 1);
      throw error;
    }
  }
}
