import type { AuditWriter, CallerTokens } from '@jiaolian/service-kit';
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
  revokedAt: null, replacedBy: null, ...overrides,
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
    revokeAll: jest.fn<SessionStore['revokeAll']>().mockResolvedValue(undefined),
    revokeOwn: jest.fn<SessionStore['revokeOwn']>().mockResolvedValue(undefined),
  };
  const tokens = { sign: jest.fn<CallerTokens['sign']>().mockResolvedValue('access-token') };
  const passwords = { verify: jest.fn<Passwords['verify']>(), hash: jest.fn<Passwords['hash']>() };
  const audit = { record: jest.fn<AuditWriter['record']>().mockResolvedValue(undefined) };
  const sut = new AuthService(store as unknown as SessionStore, tokens as unknown as CallerTokens, passwords as unknown as Passwords, audit as unknown as AuditWriter);
  return { sut, store, tokens, passwords, audit };
}

describe(AuthService.name, () => {
  describe('refresh', () => {
    it('revokes the used token, stores only the hash of a fresh one and signs a 15-minute access token', async () => {
      const { sut, store, tokens } = setup();
      store.sessionByHash.mockResolvedValue(session());

      const pair = await sut.refresh('old-token');

      expect(store.sessionByHash).toHaveBeenCalledWith(hashRefreshToken('old-token'));
      expect(store.claimSession).toHaveBeenCalledWith(manager, 's1');
      expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pair.refreshToken).not.toBe('old-token');
      const [, userId, storedHash, expiresAt] = store.openSession.mock.calls[0]!;
      expect(userId).toBe('u1');
      expect(storedHash).toBe(hashRefreshToken(pair.refreshToken));
      expect(storedHash).not.toContain(pair.refreshToken);
      expect(Math.abs(expiresAt.getTime() - Date.now() - REFRESH_TOKEN_TTL_MS)).toBeLessThan(5_000);
      expect(store.markReplaced).toHaveBeenCalledWith(manager, 's1', 's2');
      expect(tokens.sign).toHaveBeenCalledWith(
        { kind: 'user', id: 'u1', displayName: '王丽', assignments: [{ role: 'teacher', districtId: 'd1', schoolId: 'sc1' }] }, 900,
      );
      expect(pair).toMatchObject({ accessToken: 'access-token', expiresIn: 900, tokenType: 'Bearer', user: { id: 'u1', districtId: 'd1' } });
      expect(store.revokeAll).not.toHaveBeenCalled();
    });

    it('ends every session of the user when a revoked token is presented again', async () => {
      const { sut, store, tokens } = setup();
      store.sessionByHash.mockResolvedValue(session({ revokedAt: new Date(), replacedBy: 's2' }));

      await expect(sut.refresh('old-token')).rejects.toThrow(UnauthenticatedError);

      expect(store.revokeAll).toHaveBeenCalledWith('u1');
      expect(store.openSession).not.toHaveBeenCalled();
      expect(tokens.sign).not.toHaveBeenCalled();
    });

    it('treats losing the race for a token as a replay', async () => {
      const { sut, store } = setup();
      store.sessionByHash.mockResolvedValue(session());
      store.claimSession.mockResolvedValue(false);

      await expect(sut.refresh('old-token')).rejects.toThrow(UnauthenticatedError);

      expect(store.openSession).not.toHaveBeenCalled();
      expect(store.revokeAll).toHaveBeenCalledWith('u1');
    });

    it.each([
      ['an unknown token', undefined, user],
      ['an expired token', session({ expiresAt: new Date(Date.now() - 1) }), user],
      ['a disabled user', session(), { ...user, status: 'disabled' } as UserEntity],
    ])('refuses %s without issuing anything', async (_case, found, owner) => {
      const { sut, store } = setup();
      store.sessionByHash.mockResolvedValue(found);
      store.userById.mockResolvedValue(owner);

      await expect(sut.refresh('old-token')).rejects.toThrow(UnauthenticatedError);

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
      expect(passwords.verify).toHaveBeenCalledTimes(2);
      expect(store.openSession).not.toHaveBeenCalled();
      expect(store.recordLogin).not.toHaveBeenCalled();
    });

    it('records the login and opens a session for the right password', async () => {
      const { sut, store, passwords, audit } = setup();
      store.userByUsername.mockResolvedValue({ ...user, passwordHash: 'h' });
      passwords.verify.mockResolvedValue(true);

      const pair = await sut.login({ username: 'WANG.LI', password: 'right' }, 'r1');

      expect(pair.user.assignments).toEqual([expect.objectContaining({ role: 'teacher', scopeName: '下湾村小学' })]);
      expect(store.recordLogin).toHaveBeenCalledWith(manager, 'u1', expect.any(Date));
      expect(store.openSession).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(audit.record.mock.calls)).not.toContain('"h"');
    });

    it('refuses a disabled user with the right password', async () => {
      const { sut, store, passwords } = setup();
      store.userByUsername.mockResolvedValue({ ...user, status: 'disabled', passwordHash: 'h' });
      passwords.verify.mockResolvedValue(true);

      await expect(sut.login({ username: 'wang.li', password: 'right' }, 'r1')).rejects.toThrow(UnauthenticatedError);
      expect(store.openSession).not.toHaveBeenCalled();
    });
  });
});
