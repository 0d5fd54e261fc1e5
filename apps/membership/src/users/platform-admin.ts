import { PLATFORM_DISTRICT, type Caller } from '@jiaolian/contracts';
import type { AuditWriter } from '@jiaolian/service-kit';
import type { DataSource } from 'typeorm';
import type { Passwords } from '../auth/passwords.js';
import { RoleAssignmentEntity, UserEntity } from './user.entity.js';

export interface PlatformAdminOptions {
  username: string;
  password: string;
  /** reset: set the password of an existing account too; ifMissing: do nothing when any platform admin exists */
  mode: 'reset' | 'ifMissing';
}

/** Creates (or resets) the province-level operator account, which belongs to no district. */
export async function ensurePlatformAdmin(
  dataSource: DataSource, passwords: Passwords, audit: AuditWriter, caller: Caller, options: PlatformAdminOptions,
): Promise<'created' | 'reset' | 'unchanged'> {
  if (options.mode === 'ifMissing') {
    const [existing] = await dataSource.query("SELECT 1 FROM role_assignment WHERE role = 'platform_admin' LIMIT 1");
    if (existing) return 'unchanged';
  }
  const passwordHash = await passwords.hash(options.password);
  return dataSource.transaction(async (manager) => {
    const [found]: { id: string }[] = await manager.query('SELECT id FROM app_user WHERE lower(username) = lower($1) FOR UPDATE', [options.username]);
    let userId = found?.id;
    if (userId) {
      await manager.getRepository(UserEntity).update({ id: userId }, { passwordHash, status: 'active' });
      await manager.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    } else {
      const repo = manager.getRepository(UserEntity);
      const user = await repo.save(repo.create({
        districtId: null, username: options.username, displayName: '平台管理员', passwordHash, phone: null, email: null,
        status: 'active', lastLoginAt: null, createdBy: caller.id,
      }));
      userId = user.id;
    }
    const roles = manager.getRepository(RoleAssignmentEntity);
    if (!(await roles.exists({ where: { userId, role: 'platform_admin' } }))) {
      await roles.save(roles.create({ userId, role: 'platform_admin', districtId: null, allianceId: null, schoolId: null }));
    }
    await audit.record(manager, caller, {
      districtId: PLATFORM_DISTRICT, action: found ? 'user.admin_reset' : 'user.created', entityType: 'user', entityId: userId,
      after: { username: options.username, role: 'platform_admin', status: 'active', ...(found ? { passwordChanged: true } : {}) },
    });
    return found ? 'reset' : 'created';
  });
}
