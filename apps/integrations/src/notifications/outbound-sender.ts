import { KIT_LOGGER } from '@jiaolian/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { ChannelResult, RobotMessage } from './channels/channel-result.js';
import { sendDingTalk } from './channels/dingtalk.channel.js';
import { createMailer, type Mailer } from './channels/email.channel.js';
import { sendWeCom } from './channels/wecom.channel.js';
import { loadNotificationsConfig, retryDelayMs, type NotificationsConfig } from './notifications.config.js';

interface DueMessage {
  id: string;
  channel: 'wecom' | 'dingtalk' | 'email';
  robot_id: string | null;
  email_to: string | null;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  webhook_url: string | null;
  secret: string | null;
  enabled: boolean | null;
}

/** How long a claimed message is left alone before another sender may take it (a sender that died mid-send). */
const CLAIM_LEASE_MS = 60_000;
const BATCH = 20;

/** Sends one robot post: the channel's own format and, for DingTalk, the signature. */
export function sendToRobot(channel: 'wecom' | 'dingtalk', webhookUrl: string, secret: string | null, message: RobotMessage): Promise<ChannelResult> {
  return channel === 'wecom' ? sendWeCom(webhookUrl, message) : sendDingTalk(webhookUrl, secret, message);
}

/**
 * Sends the robot posts and e-mails of `outbound_message` after their transaction committed. A message
 * is claimed with a lease (attempts + 1, next attempt a minute away) in its own short transaction, then
 * sent, then marked delivered, rescheduled with back-off, or failed for good (a refusal that retrying
 * cannot fix, or too many attempts). A sender that dies mid-send leaves the lease to run out, and the
 * message is sent again: robots may rarely see a message twice, but never lose one.
 */
@Injectable()
export class OutboundSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly config: NotificationsConfig = loadNotificationsConfig();
  private mailer: Mailer | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly dataSource: DataSource, @Inject(KIT_LOGGER) private readonly logger: Logger) {}

  onApplicationBootstrap(): void {
    if (process.env['NOTIFICATION_SENDER'] === 'off') return;
    this.mailer = createMailer(this.config.smtpUrl, this.config.smtpFrom);
    this.timer = setInterval(() => void this.kick(), this.config.pollMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.mailer?.close();
  }

  /** Sends what is due now (one pass at a time); resolves when the pass is over. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass().catch((error: unknown) => {
      this.logger.error({ err: (error as Error).message }, 'sending notifications failed; will retry');
    }).finally(() => { this.running = undefined; });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (;;) {
      const due = await this.claim();
      if (!due.length) return;
      await Promise.all(due.map((message) => this.deliver(message)));
      if (this.stopped) return;
    }
  }

  private claim(): Promise<DueMessage[]> {
    return this.dataSource.query(
      `WITH due AS (
         SELECT id FROM outbound_message WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE outbound_message m SET attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
         FROM due
        WHERE m.id = due.id
       RETURNING m.id, m.channel, m.robot_id, m.email_to, m.title, m.body, m.link, m.attempts,
                 (SELECT webhook_url FROM notification_robot WHERE id = m.robot_id) AS webhook_url,
                 (SELECT secret FROM notification_robot WHERE id = m.robot_id) AS secret,
                 (SELECT enabled FROM notification_robot WHERE id = m.robot_id) AS enabled`,
      [CLAIM_LEASE_MS / 1000],
    ).then((result: [DueMessage[], number] | DueMessage[]) => (Array.isArray(result[0]) ? result[0] : result) as DueMessage[]);
  }

  private async deliver(message: DueMessage): Promise<void> {
    const result = await this.send(message);
    if (result.ok) {
      await this.dataSource.query(`UPDATE outbound_message SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`, [message.id]);
      if (message.robot_id) await this.dataSource.query('UPDATE notification_robot SET last_delivered_at = now(), last_error = NULL WHERE id = $1', [message.robot_id]);
      return;
    }
    const giveUp = !result.retryable || message.attempts >= this.config.maxAttempts;
    const error = result.error.slice(0, 500);
    await this.dataSource.query(
      `UPDATE outbound_message SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [message.id, giveUp ? 'failed' : 'pending', error, retryDelayMs(message.attempts, this.config.retryBaseMs) / 1000],
    );
    if (message.robot_id) await this.dataSource.query('UPDATE notification_robot SET last_error = $2 WHERE id = $1', [message.robot_id, error]);
    this.logger.warn({ messageId: message.id, channel: message.channel, attempts: message.attempts, giveUp, err: error }, 'notification not delivered');
  }

  private async send(message: DueMessage): Promise<ChannelResult> {
    const content: RobotMessage = { title: message.title, text: message.body, ...(message.link ? { link: message.link } : {}) };
    if (message.channel === 'email') {
      if (!this.mailer || !message.email_to) return { ok: false, retryable: false, error: 'e-mail is not configured' };
      const text = message.link ? `${message.body}\n\n${message.link}` : message.body;
      return this.mailer.send({ to: message.email_to, subject: message.title, text });
    }
    if (!message.webhook_url) return { ok: false, retryable: false, error: 'the robot no longer exists' };
    if (!message.enabled) return { ok: false, retryable: false, error: 'the robot is disabled' };
    return sendToRobot(message.channel, message.webhook_url, message.secret, content);
  }
}
