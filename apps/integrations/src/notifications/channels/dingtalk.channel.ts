import { createHmac } from 'node:crypto';
import { postJson } from '../../common/outbound-target.js';
import { robotResult, transportFailure, truncateUtf8, type ChannelResult, type RobotMessage } from './channel-result.js';

// 130101: sending too fast (20 messages a minute per robot): waiting helps.
const DINGTALK_RATE_LIMIT_CODES = [130101] as const;
const DINGTALK_MARKDOWN_MAX_BYTES = 20_000;

/** DingTalk's signed mode: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)). */
export function dingTalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `timestamp` and the URL-encoded `sign` appended, as DingTalk documents. */
export function signDingTalkUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', dingTalkSignature(secret, timestampMs));
  return url.toString();
}

export function dingTalkMarkdown(message: RobotMessage): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  const link = message.link ? `\n\n[查看详情](${message.link})` : '';
  const text = truncateUtf8(`### ${message.title}\n\n${message.text}`, DINGTALK_MARKDOWN_MAX_BYTES) + link;
  return { msgtype: 'markdown', markdown: { title: message.title, text } };
}

/**
 * Posts one markdown message to a DingTalk robot (`…/robot/send?access_token=…`). With a secret the
 * URL is signed at send time (DingTalk refuses a timestamp more than an hour away from its clock).
 */
export async function sendDingTalk(
  webhookUrl: string, secret: string | null, message: RobotMessage,
  options: { timeoutMs?: number; allowPrivate?: boolean; now?: () => number } = {},
): Promise<ChannelResult> {
  try {
    const target = secret ? signDingTalkUrl(webhookUrl, secret, (options.now ?? Date.now)()) : webhookUrl;
    const response = await postJson(target, dingTalkMarkdown(message), options);
    return robotResult(response, DINGTALK_RATE_LIMIT_CODES);
  } catch (error) {
    return transportFailure(error);
  }
}
