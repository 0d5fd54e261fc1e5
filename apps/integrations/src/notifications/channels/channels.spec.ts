import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { truncateUtf8, type RobotMessage } from './channel-result.js';
import { dingTalkSignature, sendDingTalk, signDingTalkUrl } from './dingtalk.channel.js';
import { createMailer } from './email.channel.js';
import { startDingTalkReceiver, startWeComReceiver } from '@jiaolian/testing';
import { sendWeCom, WECOM_MARKDOWN_MAX_BYTES } from './wecom.channel.js';

const message: RobotMessage = {
  title: '待审批：交流安排',
  text: '城关一小 提议 **王老师** 到 柳树镇中心小学 轮岗（2026 秋季学期），请审批。',
  link: 'https://console.example.cn/placements/p-1',
};
const local = { allowPrivate: true } as const;

describe('WeCom group robot', () => {
  it('delivers a Chinese markdown message the robot accepts', async () => {
    const receiver = await startWeComReceiver('key-1');
    try {
      await expect(sendWeCom(receiver.webhookUrl, message, local)).resolves.toEqual({ ok: true });
      expect(receiver.messages).toHaveLength(1);
      const body = receiver.messages[0]!.body as { msgtype: string; markdown: { content: string } };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.content).toContain('### 待审批：交流安排');
      expect(body.markdown.content).toContain('[查看详情](https://console.example.cn/placements/p-1)');
    } finally {
      await receiver.close();
    }
  });

  it('keeps a long message within 4096 bytes, link intact, and the robot accepts it', async () => {
    const receiver = await startWeComReceiver('key-1');
    try {
      const long = { ...message, text: '联盟教研活动安排。'.repeat(600) };
      await expect(sendWeCom(receiver.webhookUrl, long, local)).resolves.toEqual({ ok: true });
      const content = (receiver.messages[0]!.body as { markdown: { content: string } }).markdown.content;
      expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
      expect(content.endsWith('[查看详情](https://console.example.cn/placements/p-1)')).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('reports a wrong key as a failure that retrying will not fix, and a 5xx as one that it may', async () => {
    const receiver = await startWeComReceiver('key-1');
    try {
      const wrong = await sendWeCom(receiver.webhookUrl.replace('key-1', 'key-2'), message, local);
      expect(wrong).toEqual({ ok: false, retryable: false, error: expect.stringContaining('93000') });
      receiver.failNext(1, 502);
      expect(await sendWeCom(receiver.webhookUrl, message, local)).toEqual({ ok: false, retryable: true, error: 'HTTP 502' });
      expect(receiver.messages).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a loopback robot URL where the deployment does not allow private targets, without connecting', async () => {
    const receiver = await startWeComReceiver('key-1');
    try {
      const result = await sendWeCom(receiver.webhookUrl.replace('http:', 'https:'), message, { allowPrivate: false });
      expect(result).toEqual({ ok: false, retryable: false, error: expect.stringContaining('private') });
      expect(receiver.messages).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('reports an unreachable robot as retryable', async () => {
    const receiver = await startWeComReceiver('key-1');
    const url = receiver.webhookUrl;
    await receiver.close();
    expect(await sendWeCom(url, message, { ...local, timeoutMs: 2000 })).toMatchObject({ ok: false, retryable: true });
  });
});

describe('DingTalk robot (signed mode)', () => {
  const secret = 'SEC0123456789abcdef+/=';

  it('signs as DingTalk documents: base64 HMAC-SHA256 of "timestamp\\nsecret", URL-encoded', () => {
    // A vector computed independently: printf '1700000000000\nSECtest' | openssl dgst -sha256 -hmac SECtest -binary | base64
    expect(dingTalkSignature('SECtest', 1_700_000_000_000)).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
    const signed = new URL(signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECtest', 1_700_000_000_000));
    expect(signed.search).toBe('?access_token=t&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D');
  });

  it('delivers a message whose signature and timestamp the robot accepts', async () => {
    const receiver = await startDingTalkReceiver('token-1', secret);
    try {
      await expect(sendDingTalk(receiver.webhookUrl, secret, message, local)).resolves.toEqual({ ok: true });
      const body = receiver.messages[0]!.body as { msgtype: string; markdown: { title: string; text: string } };
      expect(body.markdown.title).toBe('待审批：交流安排');
      expect(body.markdown.text).toContain('王老师');
    } finally {
      await receiver.close();
    }
  });

  it.each([
    ['a wrong secret', { secret: 'other-secret', skewMs: 0 }],
    ['a clock two hours off', { secret, skewMs: 2 * 60 * 60 * 1000 }],
  ])('is refused with %s, and nothing is delivered', async (_case, { secret: used, skewMs }) => {
    const receiver = await startDingTalkReceiver('token-1', secret);
    try {
      const result = await sendDingTalk(receiver.webhookUrl, used, message, { ...local, now: () => Date.now() - skewMs });
      expect(result).toEqual({ ok: false, retryable: false, error: expect.stringContaining('310000') });
      expect(receiver.messages).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('is refused without a signature when the robot is in signed mode', async () => {
    const receiver = await startDingTalkReceiver('token-1', secret);
    try {
      expect(await sendDingTalk(receiver.webhookUrl, null, message, local)).toMatchObject({ ok: false, retryable: false });
      expect(receiver.messages).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});

describe('e-mail over SMTP', () => {
  interface Received { from: string; to: string[]; data: string }
  let server: SMTPServer;
  let port = 0;
  const received: Received[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@refused.example.cn')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends nothing and offers no mailer when SMTP is not configured', () => {
    expect(createMailer(undefined, undefined)).toBeNull();
    expect(createMailer('', undefined)).toBeNull();
  });

  it('delivers a Chinese message to the SMTP server', async () => {
    const sut = createMailer(`smtp://127.0.0.1:${port}`, '教联 <notify@jiaolian.example.cn>')!;
    try {
      await expect(sut.send({ to: 'wang@school.example.cn', subject: '待审批：交流安排', text: '请审批王老师的轮岗安排。' })).resolves.toEqual({ ok: true });
    } finally {
      sut.close();
    }
    const mail = received.at(-1)!;
    expect(mail.from).toBe('notify@jiaolian.example.cn');
    expect(mail.to).toEqual(['wang@school.example.cn']);
    expect(mail.data).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.data).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
  });

  it('reports a refused recipient as a failure retrying will not fix', async () => {
    const before = received.length;
    const sut = createMailer(`smtp://127.0.0.1:${port}`, undefined)!;
    try {
      expect(await sut.send({ to: 'nobody@refused.example.cn', subject: '测试', text: '测试' })).toMatchObject({ ok: false, retryable: false });
    } finally {
      sut.close();
    }
    expect(received).toHaveLength(before);
  });
});

describe(truncateUtf8.name, () => {
  it('never splits a character and stays within the byte limit', () => {
    const cut = truncateUtf8('教联体'.repeat(10), 10);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(10);
    expect(cut).toBe('教联…');
  });
});
