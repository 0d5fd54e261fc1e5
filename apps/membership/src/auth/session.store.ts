import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { loadAssignments, type AssignmentRow } from '../users/assignments.js';
import { UserEntity } from '../users/user.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

export type LoginUser = Pick<UserEntity, 'id' | 'username' | 'displayName' | 'districtId' | 'status' | 'passwordHash' | 'mustChangePassword' | 'rosterTeacherId'>;

interface LoginUserRow {
  id: string; username: string; display_name: string; district_id: string | null; status: UserEntity['status']; password_hash: string;
  must_change_password: boolean; roster_teacher_id: string | null;
}

const LOGIN_USER_SELECT = 'SELECT id, username, display_name, district_id, status, password_hash, must_change_password, roster_teacher_id FROM app_user';

const toLoginUser = (row: LoginUserRow): LoginUser => ({
  id: row.id, username: row.username, displayName: row.display_name, districtId: row.district_id, status: row.status, passwordHash: row.password_hash,
  mustChangePassword: row.must_change_password, rosterTeacherId: row.roster_teacher_id,
});

/** Users, their assignments and their refresh sessions, as the auth flow needs them. */
@Injectable()
export class SessionStore {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async userByUsername(username: string): Promise<LoginUser | undefined> {
    const [row]: LoginUserRow[] = await this.dataSource.query(`${LOGIN_USER_SELECT} WHERE lower(username) = lower($1)`, [username]);
    return row && toLoginUser(row);
  }

  /** The user with their password hash, for checking the current password before a change. */
  async loginUserById(id: string): Promise<LoginUser | undefined> {
    const [row]: LoginUserRow[] = await this.dataSource.query(`${LOGIN_USER_SELECT} WHERE id = $1`, [id]);
    return row && toLoginUser(row);
  }

  async userById(id: string): Promise<UserEntity | undefined> {
    return (await this.dataSource.getRepository(UserEntity).findOne({ where: { id } })) ?? undefined;
  }

  assignments(userId: string, manager: EntityManager = this.dataSource.manager): Promise<AssignmentRow[]> {
    return loadAssignments(manager, [userId]);
  }

  async recordLogin(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.getRepository(UserEntity).update({ id: userId }, { lastLoginAt: at });
  }

  async sessionByHash(tokenHash: string): Promise<RefreshTokenEntity | undefined> {
    return (await this.dataSource.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash } })) ?? undefined;
  }

  async openSession(manager: EntityManager, userId: string, tokenHash: string, expiresAt: Date, familyId: string): Promise<string> {
    const repo = manager.getRepository(RefreshTokenEntity);
    const saved = await repo.save(repo.create({ userId, tokenHash, expiresAt, revokedAt: null, replacedBy: null, familyId }));
    return saved.id;
  }

  /** Revokes one session if it is still live; false when someone else revoked it first (a replay race). */
  async claimSession(manager: EntityManager, sessionId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'UPDATE refresh_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [sessionId],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async markReplaced(manager: EntityManager, sessionId: string, replacedBy: string): Promise<void> {
    await manager.query('UPDATE refresh_token SET replaced_by = $2 WHERE id = $1', [sessionId, replacedBy]);
  }

  /** Revokes every live refresh token of the user's login sessions (a row without a family is its own). */
  async revokeFamilies(manager: EntityManager, userId: string, familyIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE refresh_token SET revoked_at = now()
        WHERE user_id = $1 AND COALESCE(family_id, id) = ANY($2::uuid[]) AND revoked_at IS NULL`,
      [userId, familyIds],
    );
  }
}
