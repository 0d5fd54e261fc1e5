import { PLATFORM_DISTRICT, type Caller, type ChangePasswordDto, type LoginDto, type MeView, type TokenPairView } from '@jiaolian/contracts';
import { AuditWriter, CallerTokens, RevocationPublisher, UnauthenticatedError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { toAssignmentView, toRoleAssignment, type AssignmentRow } from '../users/assignments.js';
import { PASSWORD_MIN_KINDS, passwordKinds } from './password.rules.js';
import { Passwords } from './passwords.js';
import { SessionStore, type LoginUser } from './session.store.js';

type SessionUser = Pick<LoginUser, 'id' | 'username' | 'displayName' | 'districtId' | 'mustChangePassword' | 'rosterTeacherId'>;

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Makes wrong-username answers take as long as wrong-password ones. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Lx0ozpTz8Pp5xEGpYdpbq9oWbG+tC/1gbaIYjwOLkg';

/**
 * Login, refresh with rotation, logout. Each login opens a session (a refresh-token family) whose id
 * every access token carries as `sid`. Refresh tokens are random and stored only as SHA-256 hashes;
 * each refresh revokes the token it used and issues the next of the same family. Presenting a
 * rotated token again (a stolen copy being replayed, or the thief racing the owner) ends that
 * session: its refresh tokens in the database and its access tokens through the revocation bucket,
 * which the gateway and every service watch. Other sessions of the user go on.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly store: SessionStore,
    private readonly tokens: CallerTokens,
    private readonly passwords: Passwords,
    private readonly audit: AuditWriter,
    private readonly revocations: RevocationPublisher,
  ) {}

  async login(dto: LoginDto, requestId: string): Promise<TokenPairView> {
    const user = await this.store.userByUsername(dto.username);
    const ok = await this.passwords.verify(user?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!user || !ok || user.status !== 'active') throw UnauthenticatedError.of('membership.auth.bad-login');
    const assignments = await this.store.assignments(user.id);
    const at = new Date();
    return this.store.transaction(async (manager) => {
      await this.store.recordLogin(manager, user.id, at);
      const caller: Caller = { kind: 'user', id: user.id, displayName: user.displayName, assignments: assignments.map(toRoleAssignment), requestId };
      await this.audit.record(manager, caller, {
        districtId: user.districtId ?? PLATFORM_DISTRICT, action: 'user.logged_in', entityType: 'user', entityId: user.id, after: { lastLoginAt: at.toISOString() },
      });
      return (await this.issue(manager, user, assignments, randomUUID())).view;
    });
  }

  async refresh(refreshToken: string, requestId: string): Promise<TokenPairView> {
    const session = await this.store.sessionByHash(hashRefreshToken(refreshToken));
    if (!session) throw UnauthenticatedError.of('membership.auth.refresh-invalid');
    const familyId = session.familyId ?? session.id;
    if (session.revokedAt) {
      // rotated before: someone holds a copy. Revoked without a successor: logged out or disabled.
      if (session.replacedBy) await this.endReplayedSession(session.userId, familyId, requestId);
      throw UnauthenticatedError.of(session.replacedBy ? 'membership.auth.refresh-replayed' : 'membership.auth.refresh-revoked');
    }
    if (session.expiresAt.getTime() <= Date.now()) throw UnauthenticatedError.of('membership.auth.refresh-expired');
    const user = await this.store.userById(session.userId);
    if (!user || user.status !== 'active') throw UnauthenticatedError.of('membership.auth.account-disabled');
    const assignments = await this.store.assignments(user.id);
    const pair = await this.store.transaction(async (manager) => {
      if (!(await this.store.claimSession(manager, session.id))) return undefined;
      const next = await this.issue(manager, user, assignments, familyId);
      await this.store.markReplaced(manager, session.id, next.tokenId);
      return next;
    });
    if (!pair) {
      await this.endReplayedSession(session.userId, familyId, requestId);
      throw UnauthenticatedError.of('membership.auth.refresh-replayed');
    }
    return pair.view;
  }

  /**
   * Ends the caller's session: the one the access token belongs to and the one of the refresh token
   * (the same one, unless the client mixed up its tokens; a refresh token of another user is ignored).
   */
  async logout(caller: Caller, refreshToken: string): Promise<void> {
    const session = await this.store.sessionByHash(hashRefreshToken(refreshToken));
    const families = new Set<string>();
    if (caller.sessionId) families.add(caller.sessionId);
    if (session && session.userId === caller.id) families.add(session.familyId ?? session.id);
    if (families.size === 0) return;
    const user = await this.store.userById(caller.id);
    await this.store.transaction(async (manager) => {
      await this.store.revokeFamilies(manager, caller.id, [...families]);
      await this.audit.record(manager, caller, {
        districtId: user?.districtId ?? PLATFORM_DISTRICT, action: 'user.logged_out', entityType: 'user', entityId: caller.id,
        after: { sessionIds: [...families] },
      });
      // published before the commit: no logout is acknowledged that the gateway and services did not hear of
      for (const familyId of families) await this.revocations.revokeSession(familyId);
    });
  }

  /** A rotated refresh token came back: the session it belongs to ends, with an audit record. */
  private async endReplayedSession(userId: string, familyId: string, requestId: string): Promise<void> {
    const user = await this.store.userById(userId);
    if (!user) return;
    const caller: Caller = { kind: 'user', id: user.id, displayName: user.displayName, assignments: [], requestId };
    await this.store.transaction(async (manager) => {
      await this.store.revokeFamilies(manager, user.id, [familyId]);
      await this.audit.record(manager, caller, {
        districtId: user.districtId ?? PLATFORM_DISTRICT, action: 'session.revoked', entityType: 'user', entityId: user.id,
        after: { sessionId: familyId, reason: 'refresh_token_reused' },
      });
      await this.revocations.revokeSession(familyId);
    });
  }

  /**
   * The caller replaces their own password, proving it with the current one. It clears the
   * must-change mark of a handed-out password and ends every session of the user (their refresh
   * tokens and access tokens issued until now), then opens a new session for the caller: the answer
   * is a fresh token pair that reaches every route again.
   */
  async changePassword(caller: Caller, dto: ChangePasswordDto): Promise<TokenPairView> {
    const user = caller.kind === 'user' ? await this.store.loginUserById(caller.id) : undefined;
    if (!user || user.status !== 'active') throw UnauthenticatedError.of('membership.auth.not-a-user');
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) throw ValidationError.of('currentPassword', 'membership.password.current-wrong');
    if (dto.newPassword === dto.currentPassword) throw ValidationError.of('newPassword', 'membership.password.unchanged');
    if (passwordKinds(dto.newPassword) < PASSWORD_MIN_KINDS) throw ValidationError.of('newPassword', 'membership.password.too-weak', { kinds: PASSWORD_MIN_KINDS });
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.store.transaction(async (manager) => {
      await manager.query('UPDATE app_user SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1', [user.id, passwordHash]);
      await manager.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [user.id]);
      await this.audit.record(manager, caller, {
        districtId: user.districtId ?? PLATFORM_DISTRICT, action: 'user.password_changed', entityType: 'user', entityId: user.id,
        before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: false, passwordChanged: true },
      });
      // published before the commit: no change is acknowledged while the old tokens still work somewhere
      await this.revocations.revokeUser(user.id);
    });
    // moved once more after the commit, before the new pair is signed: a refresh racing the change cannot outlive it
    await this.revocations.revokeUser(user.id).catch(() => undefined);
    const assignments = await this.store.assignments(user.id);
    return this.store.transaction(async (manager) => (await this.issue(manager, { ...user, mustChangePassword: false }, assignments, randomUUID())).view);
  }

  async me(caller: Caller): Promise<MeView> {
    const user = await this.store.userById(caller.id);
    if (caller.kind !== 'user' || !user) throw UnauthenticatedError.of('membership.auth.not-a-user');
    return this.meView(user, await this.store.assignments(user.id));
  }

  private meView(user: SessionUser, assignments: AssignmentRow[]): MeView {
    return {
      id: user.id, username: user.username, displayName: user.displayName, districtId: user.districtId ?? PLATFORM_DISTRICT,
      assignments: assignments.map(toAssignmentView), mustChangePassword: user.mustChangePassword, teacherId: user.rosterTeacherId,
    };
  }

  /** A token pair of the session `familyId`; `tokenId` is the new refresh token's row. */
  private async issue(
    manager: EntityManager, user: SessionUser, assignments: AssignmentRow[], familyId: string,
  ): Promise<{ view: TokenPairView; tokenId: string }> {
    const refreshToken = randomBytes(32).toString('base64url');
    const tokenId = await this.store.openSession(manager, user.id, hashRefreshToken(refreshToken), new Date(Date.now() + REFRESH_TOKEN_TTL_MS), familyId);
    const accessToken = await this.tokens.sign(
      {
        kind: 'user', id: user.id, displayName: user.displayName, assignments: assignments.map(toRoleAssignment), sessionId: familyId,
        ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
      },
      ACCESS_TOKEN_TTL_SECONDS,
    );
    return { view: { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer', user: this.meView(user, assignments) }, tokenId };
  }
}
