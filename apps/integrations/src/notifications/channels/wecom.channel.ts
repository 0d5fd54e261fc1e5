import { postJson } from '../../common/outbound-target.js';
import { robotResult, transportFailure, truncateUtf8, type ChannelResult, type RobotMessage } from './channel-result.js';

/** WeCom (企业微信) group robot: markdown content is limited to 4096 bytes of UTF-8. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
// 45009: the robot's rate limit (20 messages a minute per robot): waiting helps.
const WECOM_RATE_LIMIT_CODES = [45009] as const;

export function weComMarkdown(message: RobotMessage): { msgtype: 'markdown'; markdown: { content: string } } {
  const link = message.link ? `\n\n[查看详情](${message.link})` : '';
  const content = truncateUtf8(`### ${message.title}\n${message.text}`, WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(link, 'utf8')) + link;
  return { msgtype: 'markdown', markdown: { content } };
}

/** Posts one markdown message to a WeCom group robot webhook (`…/cgi-bin/webhook/send?key=…`). */
export async function sendWeCom(webhookUrl: string, message: RobotMessage, options: { timeoutMs?: number; allowPrivate?: boolean } = {}): Promise<ChannelResult> {
  try {
    const response = await postJson(webhookUrl, weComMarkdown(message), options);
    return robotResult(response, WECOM_RATE_LIMIT_CODES);
  } catch (error) {
    return transportFailure(error);
  }
}
