import { OutboundTargetError, type OutboundResponse } from '../../common/outbound-target.js';

/**
 * What a channel reports after one attempt. `retryable` says whether trying again later may help
 * (network trouble, 5xx, 429, the robot's own rate limit); a wrong key, a bad signature or a refused
 * address will not get better by waiting.
 */
export type ChannelResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export interface RobotMessage {
  /** One line, shown in the chat list and as the markdown heading. */
  title: string;
  /** Markdown body (Chinese), without the heading. */
  text: string;
  /** Absolute link to the object in the console, when there is one. */
  link?: string;
}

/** Interprets a robot's answer: both WeCom and DingTalk answer HTTP 200 with `{ errcode, errmsg }`. */
export function robotResult(response: OutboundResponse, rateLimitCodes: readonly number[]): ChannelResult {
  if (response.status === 429 || response.status >= 500) return { ok: false, retryable: true, error: `HTTP ${response.status}` };
  if (response.status < 200 || response.status >= 300) return { ok: false, retryable: false, error: `HTTP ${response.status}` };
  let parsed: { errcode?: unknown; errmsg?: unknown };
  try {
    parsed = JSON.parse(response.body) as { errcode?: unknown; errmsg?: unknown };
  } catch {
    return { ok: false, retryable: true, error: 'the robot answered something that is not JSON' };
  }
  if (parsed.errcode === 0) return { ok: true };
  const code = typeof parsed.errcode === 'number' ? parsed.errcode : -1;
  return { ok: false, retryable: rateLimitCodes.includes(code), error: `errcode ${code}: ${String(parsed.errmsg ?? '')}`.slice(0, 500) };
}

/** A failure to reach the robot at all. */
export function transportFailure(error: unknown): ChannelResult {
  if (error instanceof OutboundTargetError) return { ok: false, retryable: false, error: error.message };
  return { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
}

/** Cuts a UTF-8 string to at most `maxBytes` bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const suffix = '…';
  let out = '';
  let used = Buffer.byteLength(suffix, 'utf8');
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out + suffix;
}
