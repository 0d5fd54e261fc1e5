import { env, envInt } from '@jiaolian/service-kit';

export interface NotificationsConfig {
  /** where the console is, for absolute links in robot messages and e-mails */
  consoleUrl: string;
  /** SMTP server URL; empty: no e-mail */
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  /** first retry delay of a failed robot post or e-mail; each retry waits four times longer, at most an hour */
  retryBaseMs: number;
  /** attempts before a message is given up as failed (12 attempts span about 6 hours at the default base) */
  maxAttempts: number;
  /** how often the sender looks for due messages */
  pollMs: number;
}

export function loadNotificationsConfig(): NotificationsConfig {
  const smtpUrl = env('SMTP_URL', '');
  return {
    consoleUrl: env('CONSOLE_PUBLIC_URL', 'http://localhost:5173').replace(/\/+$/, ''),
    smtpUrl: smtpUrl || undefined,
    smtpFrom: env('SMTP_FROM', '') || undefined,
    retryBaseMs: envInt('NOTIFICATION_RETRY_BASE_MS', 5_000),
    maxAttempts: envInt('NOTIFICATION_MAX_ATTEMPTS', 12),
    pollMs: envInt('NOTIFICATION_POLL_MS', 1_000),
  };
}

/** The wait before attempt `attempts + 1` after `attempts` failures: base, 4×base, 16×base, … capped at an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(60 * 60 * 1000, baseMs * 4 ** Math.max(0, attempts - 1));
}
