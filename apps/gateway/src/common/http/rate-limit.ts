import { envInt } from '@jiaolian/service-kit';

/** Per-route limit for sign-in routes (password guessing): RATE_LIMIT_LOGIN_MAX per window per IP. */
export function loginRateLimit(): { max: number; timeWindow: number } {
  return { max: envInt('RATE_LIMIT_LOGIN_MAX', 20), timeWindow: envInt('RATE_LIMIT_WINDOW_MS', 60_000) };
}
