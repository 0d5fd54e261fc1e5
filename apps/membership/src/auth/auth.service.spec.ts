import type { AuditWriter, CallerTokens, RevocationPublisher } from '@jiaolian/service-kit';
import { UnauthenticatedError } from '@jiaolian/service-kit';
import { jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { RefreshTokenEntity } from './refresh-token.entity.js';
import type { UserEntity } from '../users/user.entity.js';
import { AuthService, hashRefreshToken, REFRESH_TOKEN_TTL_MS } from './auth.service.js';
import type { Passwords } from './passwords.js';
import type { SessionStore } from './session.store.js';

const manager = {} as EntityManager;
const user = { id: 'u1', username: 'wang.li', displayName: '王丽', districtId: 'd1', status: 'active' } as UserEntity;
const session = (overrides: Partial<RefreshTokenEntity> = {}): RefreshTokenEntity => ({
  id: 's1', userId: 'u1', tokenHash: hashRefreshToken('old-token'), createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000),
  revokedAt: null, replacedBy: null, familyId: 'f1', ...overrides,
});

function setup() {
  const store = {
    transaction: jest.fn(<T>(work: (m: EntityManager) => Promise<T>) => work(manager)),
    userByUsername: jest.fn<SessionStore['userByUsername']>(),
    userById: jest.fn<SessionStore['userById']>().mockResolvedValue(user),
    assignments: jest.fn<SessionStore['assignments']>().mockResolvedValue([
      { id: 'a1', user_id: 'u1', role: 'teacher', district_id: 'd1', alliance_id: null, school_id: 'sc1', scope_name: '下湾村小学' },
    ]),
    recordLogin: jest.fn<SessionStore['recordLogin']>().mockResolvedValue(undefined),
    sessionByHash: jest.fn<SessionStore['sessionByHash']>(),
    openSession: jest.fn<SessionStore['openSession']>().mockResolvedValue('s2'),
    claimSession: jest.fn<SessionStore['claimSession']>().mockResolvedValue(true),
    markReplaced: jest.fn<SessionStore['markReplaced']>().mockResolvedValue(undefined),
    revokeFamilies: jest.fn<SessionStore['revokeFamilies']>().mockResolvedValue(undefined),
  };
  const tokens = { sign: jest.fn<CallerTokens['sign']>().mockResolvedValue('access-token') };
  const passwords = { verify: jest.fn<Passwords['verify']>(), hash: jest.fn<Passwords['hash']>() };
  const audit = { record: jest.fn<AuditWriter['record']>().mockResolvedValue(undefined) };
  const revocations = {
    revokeSession: jest.fn<RevocationPublisher['revokeSession']>().mockResolvedValue(undefined),
    revokeUser: jest.fn<RevocationPublisher['revokeUser']>().mockResolvedValue(undefined),
  };
  const sut = new AuthService(
    store as unknown as SessionStore, tokens as unknown as CallerTokens, passwords as unknown as Passwords, audit as unknown as AuditWriter,
    revocations as unknown as RevocationPublisher,
  );
  return { sut, store, tokens, passwords, audit, revocations };
}

describe(AuthService.name, () => {
  describe('refresh', () => {
    it('revokes the used token, stores only the hash of a fresh one of the same session and signs a 15-minute access token', async () => {
      const { sut, store, tokens, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session());

      const pair = await sut.refresh('old-token', 'r1');

      expect(store.sessionByHash).toHaveBeenCalledWith(hashRefreshToken('old-token'));
      expect(store.claimSession).toHaveBeenCalledWith(manager, 's1');
      expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pair.refreshToken).not.toBe('old-token');
      const [, userId, storedHash, expiresAt, familyId] = store.openSession.mock.calls[0]!;
      expect(userId).toBe('u1');
      expect(familyId).toBe('f1');
      expect(storedHash).toBe(hashRefreshToken(pair.refreshToken));
      expect(storedHash).not.toContain(pair.refreshToken);
      expect(Math.abs(expiresAt.getTime() - Date.now() - REFRESH_TOKEN_TTL_MS)).toBeLessThan(5_000);
      expect(store.markReplaced).toHaveBeenCalledWith(manager, 's1', 's2');
      expect(tokens.sign).toHaveBeenCalledWith(
        { kind: 'user', id: 'u1', displayName: '王丽', assignments: [{ role: 'teacher', districtId: 'd1', schoolId: 'sc1' }], sessionId: 'f1' }, 900,
      );
      expect(pair).toMatchObject({ accessToken: 'access-token', expiresIn: 900, tokenType: 'Bearer', user: { id: 'u1', districtId: 'd1' } });
      expect(store.revokeFamilies).not.toHaveBeenCalled();
      expect(revocations.revokeSession).not.toHaveBeenCalled();
    });

    it('ends only the session of a rotated token presented again, with an audit record', async () => {
      const { sut, store, tokens, audit, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session({ revokedAt: new Date(), replacedBy: 's2' }));

      await expect(sut.refresh('old-token', 'r1')).rejects.toMatchObject({ kind: 'unauthenticated', code: 'membership.auth.refresh-replayed' });

      expect(store.revokeFamilies).toHaveBeenCalledWith(manager, 'u1', ['f1']);
      expect(revocations.revokeSession).toHaveBeenCalledWith('f1');
      expect(revocations.revokeUser).not.toHaveBeenCalled();
      expect(audit.record).toHaveBeenCalledWith(manager, expect.objectContaining({ id: 'u1', requestId: 'r1' }), expect.objectContaining({
        action: 'session.revoked', entityId: 'u1', after: { sessionId: 'f1', reason: 'refresh_token_reused' },
      }));
      expect(store.openSession).not.toHaveBeenCalled();
      expect(tokens.sign).not.toHaveBeenCalled();
    });

    it('reads a token from before session families as a session of its own', async () => {
      const { sut, store, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session({ familyId: null, revokedAt: new Date(), replacedBy: 's2' }));

      await expect(sut.refresh('old-token', 'r1')).rejects.toThrow(UnauthenticatedError);

      expect(store.revokeFamilies).toHaveBeenCalledWith(manager, 'u1', ['s1']);
      expect(revocations.revokeSession).toHaveBeenCalledWith('s1');
    });

    it('refuses a token revoked by a logout without ending anything more', async () => {
      const { sut, store, audit, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session({ revokedAt: new Date(), replacedBy: null }));

      await expect(sut.refresh('old-token', 'r1')).rejects.toMatchObject({
        code: 'membership.auth.refresh-revoked', detail: 'The refresh token is no longer valid; sign in again',
      });

      expect(store.revokeFamilies).not.toHaveBeenCalled();
      expect(revocations.revokeSession).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('treats losing the race for a token as a replay of that session', async () => {
      const { sut, store, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session());
      store.claimSession.mockResolvedValue(false);

      await expect(sut.refresh('old-token', 'r1')).rejects.toMatchObject({ code: 'membership.auth.refresh-replayed' });

      expect(store.openSession).not.toHaveBeenCalled();
      expect(store.revokeFamilies).toHaveBeenCalledWith(manager, 'u1', ['f1']);
      expect(revocations.revokeSession).toHaveBeenCalledWith('f1');
    });

    it.each([
      ['an unknown token', undefined, user, 'membership.auth.refresh-invalid'],
      ['an expired token', session({ expiresAt: new Date(Date.now() - 1) }), user, 'membership.auth.refresh-expired'],
      ['a disabled user', session(), { ...user, status: 'disabled' } as UserEntity, 'membership.auth.account-disabled'],
    ])('refuses %s without issuing anything', async (_case, found, owner, code) => {
      const { sut, store } = setup();
      store.sessionByHash.mockResolvedValue(found);
      store.userById.mockResolvedValue(owner);

      const refused = await sut.refresh('old-token', 'r1').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UnauthenticatedError);
      expect(refused).toMatchObject({ code });

      expect(store.claimSession).not.toHaveBeenCalled();
      expect(store.openSession).not.toHaveBeenCalled();
    });
  });

  describe('login', () => {
    it('answers a wrong username exactly as a wrong password, still checking a hash', async () => {
      const { sut, store, passwords } = setup();
      store.userByUsername.mockResolvedValueOnce(undefined).mockResolvedValueOnce({ ...user, passwordHash: 'h' });
      passwords.verify.mockResolvedValue(false);

      const unknown = await sut.login({ username: 'nobody', password: 'x' }, 'r1').catch((e: unknown) => e);
      const wrong = await sut.login({ username: 'wang.li', password: 'x' }, 'r2').catch((e: unknown) => e);

      expect(unknown).toBeInstanceOf(UnauthenticatedError);
      expect((unknown as UnauthenticatedError).toBody()).toEqual((wrong as UnauthenticatedError).toBody());
      expect(wrong).toMatchObject({ code: 'membership.auth.bad-login', detail: 'The username or password is wrong' });
      expect(passwords.verify).toHaveBeenCalledTimes(2);
      expect(store.openSession).not.toHaveBeenCalled();
      expect(store.recordLogin).not.toHaveBeenCalled();
    });

    it('records the login and opens a session for the right password', async () => {
      const { sut, store, passwords, audit, tokens } = setup();
      store.userByUsername.mockResolvedValue({ ...user, passwordHash: 'h' });
      passwords.verify.mockResolvedValue(true);

      const pair = await sut.login({ username: 'WANG.LI', password: 'right' }, 'r1');

      expect(pair.user.assignments).toEqual([expect.objectContaining({ role: 'teacher', scopeName: '下湾村小学' })]);
      expect(store.recordLogin).toHaveBeenCalledWith(manager, 'u1', expect.any(Date));
      expect(store.openSession).toHaveBeenCalledTimes(1);
      // a fresh session: the access token carries the id of the family the refresh token starts
      const familyId = store.openSession.mock.calls[0]![4];
      expect(familyId).toMatch(/^[0-9a-f-]{36}$/);
      expect(tokens.sign).toHaveBeenCalledWith(expect.objectContaining({ sessionId: familyId }), 900);
      expect(JSON.stringify(audit.record.mock.calls)).not.toContain('"h"');
    });

    it('refuses a disabled user with the right password', async () => {
      const { sut, store, passwords } = setup();
      store.userByUsername.mockResolvedValue({ ...user, status: 'disabled', passwordHash: 'h' });
      passwords.verify.mockResolvedValue(true);

      // the same answer as a wrong password: a disabled account is not told apart from a wrong guess
      await expect(sut.login({ username: 'wang.li', password: 'right' }, 'r1')).rejects.toMatchObject({ code: 'membership.auth.bad-login' });
      expect(store.openSession).not.toHaveBeenCalled();
    });
  });

  describe('logout', () => {
    const caller = { kind: 'user' as const, id: 'u1', displayName: '王丽', assignments: [], requestId: 'r9', sessionId: 'f1' };

    it('ends the session of the access token and of the refresh token, publishes it before the commit and audits it', async () => {
      const { sut, store, audit, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session({ familyId: 'f1' }));
      const order: string[] = [];
      store.transaction.mockImplementation(async <T>(work: (m: EntityManager) => Promise<T>) => { const r = await work(manager); order.push('commit'); return r; });
      revocations.revokeSession.mockImplementation(async () => { order.push('published'); });
      await sut.logout(caller, 'old-token');
      expect(store.revokeFamilies).toHaveBeenCalledWith(manager, 'u1', ['f1']);
      expect(revocations.revokeSession.mock.calls).toEqual([['f1']]);
      expect(order).toEqual(['published', 'commit']);
      expect(audit.record).toHaveBeenCalledWith(manager, caller, expect.objectContaining({ action: 'user.logged_out', entityId: 'u1', districtId: 'd1' }));
      expect(revocations.revokeUser).not.toHaveBeenCalled();
    });

    it("ignores a refresh token of another user but still ends the caller's own session", async () => {
      const { sut, store, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session({ userId: 'someone-else', familyId: 'f-other' }));
      await sut.logout(caller, 'their-token');
      expect(store.revokeFamilies).toHaveBeenCalledWith(manager, 'u1', ['f1']);
      expect(revocations.revokeSession.mock.calls).toEqual([['f1']]);
    });

    it('acknowledges nothing when the publication fails (the transaction rolls back)', async () => {
      const { sut, store, revocations } = setup();
      store.sessionByHash.mockResolvedValue(session());
      revocations.revokeSession.mockRejectedValue(new Error('no JetStream'));
      await expect(sut.logout(caller, 'old-token')).rejects.toThrow('no JetStream');
    });
  });
});
