import { envBool, envInt } from '@jiaolian/service-kit';

/** How webhooks are delivered here; every value comes from the environment with a safe default. */
export interface WebhooksConfig {
  /** Private, loopback and plain-http targets allowed: for local development and tests, never production. */
  allowPrivateTargets: boolean;
  /** How long one attempt may take, answer included. */
  attemptTimeoutMs: number;
  /** Attempts in flight at once in this process. */
  concurrency: number;
  /** The safety-net poll; commits wake the worker at once through NOTIFY. */
  pollIntervalMs: number;
  /** How long a rotated-out secret still signs deliveries beside the new one. */
  secretGraceMs: number;
  /** The worker runs in this process (a deployment may run the API and the worker apart). */
  workerEnabled: boolean;
}

export function loadWebhooksConfig(): WebhooksConfig {
  return {
    allowPrivateTargets: envBool('WEBHOOKS_ALLOW_PRIVATE_TARGETS', false),
    attemptTimeoutMs: envInt('WEBHOOKS_ATTEMPT_TIMEOUT_MS', 10_000),
    concurrency: envInt('WEBHOOKS_CONCURRENCY', 32),
    pollIntervalMs: envInt('WEBHOOKS_POLL_INTERVAL_MS', 1_000),
    secretGraceMs: envInt('WEBHOOKS_SECRET_GRACE_HOURS', 24) * 3_600_000,
    workerEnabled: envBool('WEBHOOKS_WORKER', true),
  };
}

/** The Nest provider token of the configuration. */
export class WebhooksConfigHolder {
  constructor(readonly value: WebhooksConfig) {}
}

/** The NOTIFY channel that wakes delivery workers when deliveries are committed. */
export const WEBHOOKS_CHANNEL = 'jiaolian_webhooks';
