import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelResult } from './channel-result.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<ChannelResult>;
  close(): void;
}

/**
 * E-mail over SMTP where the deployment configures it (`SMTP_URL`, e.g. `smtps://user:pass@mail.example.cn:465`,
 * sender from `SMTP_FROM`); without it there is no e-mail and this returns null.
 */
export function createMailer(smtpUrl: string | undefined, from: string | undefined, options: { timeoutMs?: number } = {}): Mailer | null {
  if (!smtpUrl) return null;
  const timeout = options.timeoutMs ?? 15_000;
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transporter: Transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
  });
  const sender = from && from.length > 0 ? from : '教联 Jiaolian <no-reply@jiaolian.local>';
  return {
    async send(message: EmailMessage): Promise<ChannelResult> {
      try {
        await transporter.sendMail({ from: sender, to: message.to, subject: message.subject, text: message.text });
        return { ok: true };
      } catch (error) {
        // nodemailer reports the server's answer code: 5xx is a permanent refusal, anything else may pass later.
        const responseCode = (error as { responseCode?: number }).responseCode;
        const retryable = responseCode === undefined || responseCode < 500;
        return { ok: false, retryable, error: error instanceof Error ? error.message : String(error) };
      }
    },
    close(): void {
      transporter.close();
    },
  };
}
