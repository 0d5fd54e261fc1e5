import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the WeCom and DingTalk robot endpoints, for tests.
 * Each checks what the real service checks and answers as it does (HTTP 200 with an errcode), so a
 * message these accept is one the real robot would accept.
 */
export interface ReceivedRobotMessage {
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface RobotReceiver {
  url: string;
  messages: ReceivedRobotMessage[];
  /** The next `count` well-formed posts fail with this HTTP status (to test retries). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

type Verdict = { errcode: number; errmsg: string };

async function startReceiver(judge: (url: URL, body: unknown) => Verdict): Promise<RobotReceiver> {
  const messages: ReceivedRobotMessage[] = [];
  let failures = 0;
  let failureStatus = 500;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://receiver');
      const reply = (status: number, verdict: Verdict): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(verdict));
      };
      if (request.method !== 'POST') return reply(405, { errcode: 405, errmsg: 'method not allowed' });
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return reply(200, { errcode: 40035, errmsg: 'invalid content type' });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(200, { errcode: 40035, errmsg: 'invalid json' });
      }
      if (failures > 0) {
        failures -= 1;
        return reply(failureStatus, { errcode: -1, errmsg: 'system busy' });
      }
      const verdict = judge(url, body);
      if (verdict.errcode === 0) messages.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), body });
      return reply(200, verdict);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    failNext(count: number, status = 500): void {
      failures = count;
      failureStatus = status;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const OK: Verdict = { errcode: 0, errmsg: 'ok' };

/** A WeCom group robot: `POST /cgi-bin/webhook/send?key=<key>` with a markdown message of at most 4096 bytes. */
export async function startWeComReceiver(key: string): Promise<RobotReceiver & { webhookUrl: string }> {
  const receiver = await startReceiver((url, body) => {
    if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== key) return { errcode: 93000, errmsg: 'invalid webhook url' };
    const message = body as { msgtype?: unknown; markdown?: { content?: unknown } };
    if (message.msgtype !== 'markdown') return { errcode: 40008, errmsg: 'invalid message type' };
    const content = message.markdown?.content;
    if (typeof content !== 'string' || content.length === 0) return { errcode: 44004, errmsg: 'empty content' };
    if (Buffer.byteLength(content, 'utf8') > 4096) return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' };
    return OK;
  });
  return { ...receiver, webhookUrl: `${receiver.url}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}` };
}

/**
 * A DingTalk robot in signed mode: `POST /robot/send?access_token=<token>&timestamp=<ms>&sign=<sign>`;
 * the timestamp must be within an hour of the receiver's clock and the signature must match.
 */
export async function startDingTalkReceiver(accessToken: string, secret: string, now: () => number = Date.now): Promise<RobotReceiver & { webhookUrl: string }> {
  const receiver = await startReceiver((url, body) => {
    if (url.pathname !== '/robot/send' || url.searchParams.get('access_token') !== accessToken) return { errcode: 300001, errmsg: 'token is not exist' };
    const timestamp = Number(url.searchParams.get('timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(now() - timestamp) > 60 * 60 * 1000) return { errcode: 310000, errmsg: 'invalid timestamp' };
    const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64'));
    const given = Buffer.from(url.searchParams.get('sign') ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { errcode: 310000, errmsg: 'sign not match' };
    const message = body as { msgtype?: unknown; markdown?: { title?: unknown; text?: unknown } };
    if (message.msgtype !== 'markdown') return { errcode: 40035, errmsg: 'unsupported msgtype' };
    if (typeof message.markdown?.title !== 'string' || typeof message.markdown.text !== 'string' || message.markdown.text.length === 0) {
      return { errcode: 40035, errmsg: 'missing markdown title or text' };
    }
    return OK;
  });
  return { ...receiver, webhookUrl: `${receiver.url}/robot/send?access_token=${encodeURIComponent(accessToken)}` };
}
