import {
  PLATFORM_DISTRICT, type AssignRoleDto, type CreateUserDto, type ListUsersQueryDto, type Page, type UpdateUserDto, type UserView,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, likePattern, NotFoundError, pageWindow, RevocationPublisher, sortOrder, toPage,
  ValidationError,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { iso, isoOrNull } from '../common/access.js';
import { Passwords } from '../auth/passwords.js';
import { AllianceEntity } from '../alliances/alliance.entity.js';
import { DistrictsService } from '../districts/districts.service.js';
import { SchoolEntity } from '../schools/school.entity.js';
import { loadAssignments, toAssignmentView, type AssignmentRow } from './assignments.js';
import { RoleAssignmentEntity, UserEntity } from './user.entity.js';

/** What the audit log keeps of a user: never the password hash. */
const snapshot = (u: UserEntity): Record<string, unknown> => ({
  username: u.username, displayName: u.displayName, phone: u.phone, email: u.email, status: u.status, districtId: u.districtId,
});

const toUserView = (u: UserEntity, assignments: AssignmentRow[]): UserView => ({
  id: u.id, districtId: u.districtId ?? PLATFORM_DISTRICT, username: u.username, displayName: u.displayName, phone: u.phone, email: u.email,
  status: u.status, assignments: assignments.filter((a) => a.user_id === u.id).map(toAssignmentView), createdAt: iso(u.createdAt),
  lastLoginAt: isoOrNull(u.lastLoginAt),
});

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly districts: DistrictsService,
    private readonly passwords: Passwords,
    private readonly audit: AuditWriter,
    private readonly revocations: RevocationPublisher,
  ) {}

  async create(scope: AccessScope, dto: CreateUserDto): Promise<UserView> {
    await this.districts.visible(scope, dto.districtId);
    const schoolAdminHere = scope.caller.assignments.some((a) => a.role === 'school_admin' && a.districtId === dto.districtId);
    if (!scope.isDistrictAdmin(dto.districtId) && !schoolAdminHere) throw ForbiddenError.of('membership.user.create-forbidden');
    const passwordHash = await this.passwords.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      await this.assertUsernameFree(manager, dto.username);
      const repo = manager.getRepository(UserEntity);
      const user = await repo.save(repo.create({
        districtId: dto.districtId, username: dto.username, displayName: dto.displayName, passwordHash, phone: dto.phone ?? null,
        email: dto.email ?? null, status: 'active', lastLoginAt: null, createdBy: scope.caller.id,
      }));
      await this.audit.record(manager, scope.caller, { districtId: dto.districtId, action: 'user.created', entityType: 'user', entityId: user.id, after: snapshot(user) });
      return toUserView(user, []);
    });
  }

  async list(scope: AccessScope, query: ListUsersQueryDto): Promise<Page<UserView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { username: 'u.username', displayName: 'u.display_name', createdAt: 'u.created_at', lastLoginAt: 'u.last_login_at' }, 'username');
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (!scope.isPlatformAdmin) {
      qb.andWhere(`(u.district_id = ANY(:visDistricts::uuid[]) OR u.id::text = :visSelf OR u.created_by = :visSelf
        OR EXISTS (SELECT 1 FROM role_assignment v WHERE v.user_id = u.id AND v.school_id = ANY(:visSchools::uuid[])))`, {
        visDistricts: scope.adminDistrictIds(), visSelf: scope.caller.id, visSchools: scope.adminSchoolIds(),
      });
    }
    if (query.districtId) qb.andWhere('u.district_id = :districtId', { districtId: query.districtId });
    const roleFilter: string[] = [];
    if (query.role) roleFilter.push('f.role = :role');
    if (query.schoolId) roleFilter.push('f.school_id = :schoolId');
    if (query.allianceId) roleFilter.push('f.alliance_id = :allianceId');
    if (roleFilter.length) {
      qb.andWhere(`EXISTS (SELECT 1 FROM role_assignment f WHERE f.user_id = u.id AND ${roleFilter.join(' AND ')})`, {
        role: query.role, schoolId: query.schoolId, allianceId: query.allianceId,
      });
    }
    if (query.q) qb.andWhere("(u.username ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')", { q: likePattern(query.q) });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('u.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    const assignments = await loadAssignments(this.dataSource.manager, rows.map((u) => u.id));
    return toPage(rows.map((u) => toUserView(u, assignments)), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<UserView> {
    const user = await this.visible(scope, id, this.dataSource.manager);
    return toUserView(user, await loadAssignments(this.dataSource.manager, [user.id]));
  }

  async update(scope: AccessScope, id: string, changes: UpdateUserDto): Promise<UserView> {
    const passwordHash = changes.password ? await this.passwords.hash(changes.password) : undefined;
    const endsSessions = changes.status === 'disabled' || passwordHash !== undefined;
    return this.withTokensCutOff(endsSessions ? id : undefined, async (manager) => {
      const user = await this.visible(scope, id, manager);
      if (!this.administers(scope, user)) throw ForbiddenError.of('membership.user.update-forbidden');
      const before = snapshot(user);
      if (changes.displayName !== undefined) user.displayName = changes.displayName;
      if (changes.status !== undefined) user.status = changes.status;
      const update: Partial<UserEntity> = { displayName: user.displayName, status: user.status };
      if (passwordHash) update.passwordHash = passwordHash;
      await manager.getRepository(UserEntity).update({ id: user.id }, update);
      // a disabled account or a new password ends every session at once (and its access tokens: withTokensCutOff)
      if (endsSessions) {
        await manager.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [user.id]);
      }
      await this.audit.record(manager, scope.caller, {
        districtId: user.districtId ?? PLATFORM_DISTRICT, action: 'user.updated', entityType: 'user', entityId: user.id,
        before, after: { ...snapshot(user), ...(passwordHash ? { passwordChanged: true } : {}) },
      });
      return toUserView(user, await loadAssignments(manager, [user.id]));
    });
  }

  async assign(scope: AccessScope, userId: string, dto: AssignRoleDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.visible(scope, userId, manager);
      if (!user.districtId) throw ValidationError.of('userId', 'membership.role.platform-admin-has-no-district');
      const target = await this.resolveScope(manager, user.districtId, dto);
      this.assertMayGrant(scope, user.districtId, dto.role, target.schoolId);
      const repo = manager.getRepository(RoleAssignmentEntity);
      const exists = await repo.exists({ where: {
        userId, role: dto.role, districtId: user.districtId,
        allianceId: target.allianceId ?? IsNull(), schoolId: target.schoolId ?? IsNull(),
      } });
      if (exists) throw ConflictError.of('membership.role.already-held');
      const assignment = await repo.save(repo.create({ userId, role: dto.role, districtId: user.districtId, allianceId: target.allianceId, schoolId: target.schoolId }));
      await this.audit.record(manager, scope.caller, {
        districtId: user.districtId, action: 'role.assigned', entityType: 'role_assignment', entityId: assignment.id,
        after: { userId, role: dto.role, allianceId: target.allianceId, schoolId: target.schoolId },
      });
      return toUserView(user, await loadAssignments(manager, [user.id]));
    });
  }

  /** Takes a role away; the user's access tokens that still carry it stop working (a refreshed one has the new roles). */
  async revoke(scope: AccessScope, userId: string, assignmentId: string): Promise<UserView> {
    return this.withTokensCutOff(userId, async (manager) => {
      const user = await this.visible(scope, userId, manager);
      const repo = manager.getRepository(RoleAssignmentEntity);
      const assignment = await repo.findOne({ where: { id: assignmentId, userId } });
      if (!assignment) throw new NotFoundError('role assignment', assignmentId);
      if (assignment.role === 'platform_admin' || !user.districtId) throw ForbiddenError.of('membership.role.platform-admin-managed');
      this.assertMayGrant(scope, user.districtId, assignment.role, assignment.schoolId);
      await repo.delete({ id: assignment.id });
      await this.audit.record(manager, scope.caller, {
        districtId: user.districtId, action: 'role.revoked', entityType: 'role_assignment', entityId: assignment.id,
        before: { userId, role: assignment.role, allianceId: assignment.allianceId, schoolId: assignment.schoolId },
      });
      return toUserView(user, await loadAssignments(manager, [user.id]));
    });
  }

  /**
   * Runs `work` in a transaction and, when `userId` is given, voids the user's access tokens issued
   * until then. The cut-off is published inside the transaction (nothing commits that the gateway and
   * services did not hear of; a failed publish rolls the change back) and once more after the commit,
   * so a token signed by a refresh that read the old roles just before the commit is void as well.
   */
  private async withTokensCutOff<T>(userId: string | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const done = await work(manager);
      if (userId) await this.revocations.revokeUser(userId);
      return done;
    });
    // the in-transaction cut-off already holds; failing to move it later must not report the committed change as failed
    if (userId) await this.revocations.revokeUser(userId).catch(() => undefined);
    return result;
  }

  /** Visible: district admins see their district's users; school admins the users of their school and those they created. */
  private async visible(scope: AccessScope, id: string, manager: EntityManager): Promise<UserEntity> {
    const user = await manager.getRepository(UserEntity).findOne({ where: { id } });
    if (!user) throw new NotFoundError('user', id);
    if (scope.isPlatformAdmin || user.id === scope.caller.id || user.createdBy === scope.caller.id) return user;
    if (user.districtId && scope.adminDistrictIds().includes(user.districtId)) return user;
    const schools = scope.adminSchoolIds();
    if (schools.length && await manager.getRepository(RoleAssignmentEntity).exists({ where: schools.map((schoolId) => ({ userId: id, schoolId })) })) return user;
    throw new NotFoundError('user', id);
  }

  private administers(scope: AccessScope, user: UserEntity): boolean {
    return user.districtId ? scope.isDistrictAdmin(user.districtId) : scope.isPlatformAdmin;
  }

  /** District admins grant any role in their district; a school admin grants or revokes teacher at their own school only. */
  private assertMayGrant(scope: AccessScope, districtId: string, role: RoleAssignmentEntity['role'], schoolId: string | null): void {
    if (scope.isDistrictAdmin(districtId)) return;
    if (role === 'teacher' && schoolId && scope.adminSchoolIds().includes(schoolId)) return;
    throw ForbiddenError.of('membership.role.grant-forbidden');
  }

  private async resolveScope(manager: EntityManager, districtId: string, dto: AssignRoleDto): Promise<{ allianceId: string | null; schoolId: string | null }> {
    const needsAlliance = dto.role === 'alliance_admin';
    const needsSchool = dto.role === 'school_admin' || dto.role === 'teacher';
    if (needsAlliance !== Boolean(dto.allianceId)) {
      throw ValidationError.of('assignment.allianceId', needsAlliance ? 'membership.role.alliance-required' : 'membership.role.alliance-not-allowed');
    }
    if (needsSchool !== Boolean(dto.schoolId)) {
      throw needsSchool
        ? ValidationError.of('assignment.schoolId', 'membership.role.school-required', { role: dto.role })
        : ValidationError.of('assignment.schoolId', 'membership.role.school-not-allowed');
    }
    if (dto.allianceId && !(await manager.getRepository(AllianceEntity).exists({ where: { id: dto.allianceId, districtId } }))) {
      throw ValidationError.of('assignment.allianceId', 'membership.role.alliance-outside-district');
    }
    if (dto.schoolId && !(await manager.getRepository(SchoolEntity).exists({ where: { id: dto.schoolId, districtId } }))) {
      throw ValidationError.of('assignment.schoolId', 'membership.role.school-outside-district');
    }
    return { allianceId: dto.allianceId ?? null, schoolId: dto.schoolId ?? null };
  }

  private async assertUsernameFree(manager: EntityManager, username: string): Promise<void> {
    const taken = await manager.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [username]);
    if (taken.length) throw ConflictError.of('membership.user.username-taken', { username }, [fieldError('username', 'membership.user.username-in-use')]);
  }
}
