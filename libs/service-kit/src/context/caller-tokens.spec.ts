import { UnauthenticatedError } from '../errors/domain-error.js';
import { CallerTokens } from './caller-tokens.js';
import { TokenRevocations } from './token-revocations.js';

const teacher = { kind: 'user' as const, id: 'u1', displayName: '王丽', assignments: [{ role: 'teacher' as const, districtId: 'd1', schoolId: 's1' }] };

describe(CallerTokens.name, () => {
  it('carries the session id and a millisecond issue time', async () => {
    const sut = new CallerTokens('a-secret-of-enough-length-for-tests-0123');
    const before = Date.now();
    const token = await sut.sign({ ...teacher, sessionId: 'f1' }, 900);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string; iat: number };
    expect(payload.sid).toBe('f1');
    expect(payload.iat * 1000).toBeGreaterThanOrEqual(before);
    expect(payload.iat * 1000).toBeLessThanOrEqual(Date.now());
    await expect(sut.verify(token)).resolves.toMatchObject({ id: 'u1', sessionId: 'f1' });
  });

  it('refuses a cached token once its session is revoked, and keeps other sessions of the user', async () => {
    const sut = new CallerTokens('a-secret-of-enough-length-for-tests-0123');
    const a = await sut.sign({ ...teacher, sessionId: 'fa' }, 900);
    const b = await sut.sign({ ...teacher, sessionId: 'fb' }, 900);
    await sut.verify(a);
    sut.revocations.apply({ kind: 'session', id: 'fa', at: Date.now() });
    await expect(sut.verify(a)).rejects.toThrow(UnauthenticatedError);
    await expect(sut.verify(b)).resolves.toMatchObject({ sessionId: 'fb' });
  });

  it("refuses a user's tokens issued before the cut-off and accepts one issued after it, even within the same second", async () => {
    const sut = new CallerTokens('a-secret-of-enough-length-for-tests-0123');
    const old = await sut.sign({ ...teacher, sessionId: 'f1' }, 900);
    await new Promise((resolve) => setTimeout(resolve, 5));
    sut.revocations.apply({ kind: 'user', id: 'u1', at: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fresh = await sut.sign({ ...teacher, sessionId: 'f1', assignments: [] }, 900);
    await expect(sut.verify(old)).rejects.toThrow('The access token was revoked');
    await expect(sut.verify(fresh)).resolves.toMatchObject({ id: 'u1', assignments: [] });
    const other = await new CallerTokens('a-secret-of-enough-length-for-tests-0123').sign({ ...teacher, id: 'u2' }, 900);
    await expect(sut.verify(other)).resolves.toMatchObject({ id: 'u2' });
  });
});

describe(TokenRevocations.name, () => {
  it('keeps the latest cut-off of a user and forgets entries no token can outlive', () => {
    let now = 1_000_000;
    const sut = new TokenRevocations(60_000, () => now);
    sut.apply({ kind: 'user', id: 'u1', at: now });
    sut.apply({ kind: 'user', id: 'u1', at: now - 500 });
    expect(sut.reasonToRefuse({ subject: 'u1', issuedAtMs: now - 100 })).toBe('user');
    expect(sut.reasonToRefuse({ subject: 'u1', issuedAtMs: now })).toBeUndefined();
    now += 120_000;
    sut.apply({ kind: 'session', id: 'f9', at: now });
    expect(sut.size).toBe(1);
    expect(sut.reasonToRefuse({ subject: 'u1', issuedAtMs: 0 })).toBeUndefined();
    expect(sut.reasonToRefuse({ subject: 'u7', sessionId: 'f9', issuedAtMs: now + 1 })).toBe('session');
  });
});
