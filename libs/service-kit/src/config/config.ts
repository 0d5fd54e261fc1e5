/**
 * Configuration comes from environment variables with safe defaults for local use.
 * Secrets have no production default: the process refuses to start without them.
 */
export const isProduction = (): boolean => process.env['NODE_ENV'] === 'production';

export function env(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`Environment variable ${name} must be an integer, got "${raw}"`);
  return value;
}

export function envBool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

/** A secret: required in production, a clearly-marked development value elsewhere. */
export function secret(name: string, developmentValue: string): string {
  const value = process.env[name];
  if (value && value.length > 0) {
    if (isProduction() && value.length < 32) throw new Error(`${name} must be at least 32 characters in production`);
    return value;
  }
  if (isProduction()) throw new Error(`${name} must be set when NODE_ENV=production`);
  return developmentValue;
}

export interface KitConfig {
  natsUrl: string;
  databaseUrl: string;
  jwtSecret: string;
  logLevel: string;
  requestTimeoutMs: number;
  migrationsRun: boolean;
  dbPoolSize: number;
}

export function loadKitConfig(): KitConfig {
  return {
    natsUrl: env('NATS_URL', 'nats://127.0.0.1:4222'),
    databaseUrl: env('DATABASE_URL', 'postgres://jiaolian:jiaolian@127.0.0.1:5432/jiaolian'),
    jwtSecret: secret('JIAOLIAN_JWT_SECRET', 'development-only-secret-change-me-0123456789'),
    logLevel: env('LOG_LEVEL', 'info'),
    requestTimeoutMs: envInt('NATS_REQUEST_TIMEOUT_MS', 10_000),
    migrationsRun: envBool('MIGRATIONS_RUN', true),
    dbPoolSize: envInt('DB_POOL_SIZE', 10),
  };
}
