import { env, envBool, envInt, loadKitConfig, type KitConfig } from '@jiaolian/service-kit';

export interface GatewayConfig {
  kit: KitConfig;
  port: number;
  host: string;
  /** internal port for /metrics (and probes), never routed from outside; 0 turns it off */
  metricsPort: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** largest file any upload route accepts; routes set lower limits of their own */
  maxUploadBytes: number;
  trustProxy: boolean;
  /**
   * max: requests per signed-in caller (per address without a valid token) per window; loginMax: failed
   * sign-ins per account and address per loginWindowMs; loginAddressMax: sign-in and refresh requests per address per window
   */
  rateLimit: { disabled: boolean; max: number; loginMax: number; loginWindowMs: number; loginAddressMax: number; windowMs: number };
  /**
   * waitMs: how long a retry waits for the first request with its Idempotency-Key before answering 409;
   * leaseMs: how long a running request holds its key, after which a retry may run in its place (the
   * first request's gateway died); longer than any request takes (bus timeouts, the largest upload)
   */
  idempotency: { waitMs: number; leaseMs: number };
}

/** Beside the services' health ports (3101-3105), which serve their /metrics the same way. */
export const DEFAULT_METRICS_PORT = 3100;

const DEFAULT_CORS_ORIGINS = 'http://localhost:5173,http://127.0.0.1:5173,http://localhost:4173,http://127.0.0.1:4173';

/** Environment variables of the gateway, with safe local defaults (the kit's for NATS, JWT and logs). */
export function loadGatewayConfig(): GatewayConfig {
  return {
    kit: loadKitConfig(),
    port: envInt('PORT', 3000),
    host: env('HOST', '0.0.0.0'),
    metricsPort: envInt('METRICS_PORT', DEFAULT_METRICS_PORT),
    corsOrigins: env('CORS_ORIGINS', DEFAULT_CORS_ORIGINS).split(',').map((o) => o.trim()).filter(Boolean),
    bodyLimitBytes: envInt('BODY_LIMIT_BYTES', 1024 * 1024),
    maxUploadBytes: envInt('MAX_UPLOAD_BYTES', 200 * 1024 * 1024),
    trustProxy: envBool('TRUST_PROXY', false),
    rateLimit: {
      disabled: envBool('RATE_LIMIT_DISABLED', false),
      max: envInt('RATE_LIMIT_MAX', 1200),
      loginMax: envInt('RATE_LIMIT_LOGIN_MAX', 10),
      loginWindowMs: envInt('RATE_LIMIT_LOGIN_WINDOW_MS', 15 * 60_000),
      loginAddressMax: envInt('RATE_LIMIT_LOGIN_ADDRESS_MAX', 600),
      windowMs: envInt('RATE_LIMIT_WINDOW_MS', 60_000),
    },
    idempotency: {
      waitMs: envInt('IDEMPOTENCY_WAIT_MS', 10_000),
      leaseMs: envInt('IDEMPOTENCY_LEASE_MS', 10 * 60_000),
    },
  };
}
