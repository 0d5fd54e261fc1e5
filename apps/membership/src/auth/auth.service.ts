import { PLATFORM_DISTRICT, type Caller, type LoginDto, type MeView, type TokenPairView } from '@jiaolian/contracts';
import { AuditWriter, CallerTokens, UnauthenticatedError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { toAssignmentView, toRoleAssignment, type AssignmentRow } from '../users/assignments.js';
import { Passwords } from './passwords.js';
import { SessionStore, type LoginUser } from './session.store.js';

type SessionUser = Pick<LoginUser, 'id' | 'username' | 'displayName' | 'districtId'>;

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Makes wrong-username answers take as long as wrong-password ones. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Lx0ozpTz8Pp5xEGpYdpbq9oWbG+tC/1gbaIYjwOLkg';
const BAD_LOGIN = 'The username or password is wrong';

/**
 * Login, refresh with rotation, logout. Refresh tokens are random and stored only as SHA-256 hashes;
 * each refresh revokes the token it used, and presenting a revoked token again (a stolen copy being
 * replayed, or the thief racing the owner) ends every session of that user.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly store: SessionStore,
    private readonly tokens: CallerTokens,
    private readonly passwords: Passwords,
    private readonly audit: AuditWriter,
  ) {}

  async login(dto: LoginDto, requestId: string): Promise<TokenPairView> {
    const user = await this.store.userByUsername(dto.username);
    const ok = await this.passwords.verify(user?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!user || !ok || user.status !== 'active') throw new UnauthenticatedError(BAD_LOGIN);
    const assignments = await this.store.assignments(user.id);
    const at = new Date();
    return this.store.transaction(async (manager) => {
      await this.store.recordLogin(manager, user.id, at);
      const caller: Caller = { kind: 'user', id: user.id, displayName: user.displayName, assignments: assignments.map(toRoleAssignment), requestId };
      await this.audit.record(manager, caller, {
        districtId: user.districtId ?? PLATFORM_DISTRICT, action: 'user.logged_in', entityType: 'user', entityId: user.id, after: { lastLoginAt: at.toISOString() },
      });
      return (await this.issue(manager, user, assignments)).view;
    });
  }

  async refresh(refreshToken: string): Promise<TokenPairView> {
    const session = await this.store.sessionByHash(hashRefreshToken(refreshToken));
    if (!session) throw new UnauthenticatedError('The refresh token is not valid');
    if (session.revokedAt) {
      await this.store.revokeAll(session.userId);
      throw new UnauthenticatedError('The refresh token was already used; every session of this user has been ended');
    }
    if (session.expiresAt.getTime() <= Date.now()) throw new UnauthenticatedError('The refresh token has expired');
    const user = await this.store.userById(session.userId);
    if (!user || user.status !== 'active') throw new UnauthenticatedError('The account is disabled');
    const assignments = await this.store.assignments(user.id);
    const pair = await this.store.transaction(async (manager) => {
      if (!(await this.store.claimSession(manager, session.id))) return undefined;
      const next = await this.issue(manager, user, assignments);
      await this.store.markReplaced(manager, session.id, next.sessionId);
      return next;
    });
    if (!pair) {
      await this.store.revokeAll(session.userId);
      throw new UnauthenticatedError('The refresh token was already used; every session of this user has been ended');
    }
    return pair.view;
  }

  async logout(caller: Caller, refreshToken: string): Promise<void> {
    await this.store.revokeOwn(caller.id, hashRefreshToken(refreshToken));
  }

  async me(caller: Caller): Promise<MeView> {
    const user = await this.store.userById(caller.id);
    if (caller.kind !== 'user' || !user) throw new UnauthenticatedError('The caller is not a user');
    return this.meView(user, await this.store.assignments(user.id));
  }

  private meView(user: SessionUser, assignments: AssignmentRow[]): MeView {
    return {
      id: user.id, username: user.username, displayName: user.displayName, districtId: user.districtId ?? PLATFORM_DISTRICT,
      assignments: assignments.map(toAssignmentView),
    };
  }

  private async issue(manager: EntityManager, user: SessionUser, assignments: AssignmentRow[]): Promise<{ view: TokenPairView; sessionId: string }> {
    const refreshToken = randomBytes(32).toString('base64url');
    const sessionId = await this.store.openSession(manager, user.id, hashRefreshToken(refreshToken), new Date(Date.now() + REFRESH_TOKEN_TTL_MS));
    const accessToken = await this.tokens.sign(
      { kind: 'user', id: user.id, displayName: user.displayName, assignments: assignments.map(toRoleAssignment) }, ACCESS_TOKEN_TTL_SECONDS,
    );
    return { view: { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer', user: this.meView(user, assignments) }, sessionId };
  }
}
