import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateSecret, signedHeaders } from './signing.js';

describe('webhook signing', () => {
  const body = JSON.stringify({ type: 'membership.school.updated', data: { name: '城关第一小学' } });

  it('signs so that a receiver using the standardwebhooks library verifies the message', () => {
    const secret = generateSecret();
    const sut = signedHeaders([secret], 'msg_2ZTYnpK8vR', new Date(), body);

    expect(new Webhook(secret).verify(body, { ...sut })).toEqual(JSON.parse(body));
  });

  it('gives a secret in the whsec_ form with 32 random key bytes, different each time', () => {
    const a = generateSecret();
    const b = generateSecret();

    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('is refused by a receiver holding another secret, or when the body was changed', () => {
    const secret = generateSecret();
    const sut = signedHeaders([secret], 'msg_1', new Date(), body);

    expect(() => new Webhook(generateSecret()).verify(body, { ...sut })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body.replace('城关', '城南'), { ...sut })).toThrow(WebhookVerificationError);
  });

  it('signs with the old and the new secret during a rotation, so receivers holding either verify', () => {
    const previous = generateSecret();
    const current = generateSecret();
    const sut = signedHeaders([current, previous], 'msg_rot', new Date(), body);

    expect(sut['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(previous).verify(body, { ...sut })).toBeTruthy();
    expect(new Webhook(current).verify(body, { ...sut })).toBeTruthy();
  });

  it('stamps the attempt time in whole seconds; a receiver refuses a stale replay of the same headers', () => {
    const secret = generateSecret();
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    const sut = signedHeaders([secret], 'msg_old', new Date(anHourAgo * 1000 + 750), body);

    expect(sut['webhook-timestamp']).toBe(String(anHourAgo));
    expect(() => new Webhook(secret).verify(body, { ...sut })).toThrow(/timestamp/i);
  });
});
