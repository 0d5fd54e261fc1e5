import {
  type LinkTeacherAccountRequest, type ProvisionTeacherAccountsRequest, type TeacherAccountsOfRequest, type TeacherAccountsResultView, type TeacherAccountView,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, NotFoundError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoOrNull } from '../common/access.js';
import { initialPassword, teacherUsername } from '../auth/password.rules.js';
import { Passwords } from '../auth/passwords.js';

interface AccountRow {
  id: string; username: string; display_name: string; roster_teacher_id: string; must_change_password: boolean; last_login_at: Date | null;
}

const toAccount = (row: AccountRow, initial: string | null): TeacherAccountView => ({
  teacherId: row.roster_teacher_id, userId: row.id, username: row.username, displayName: row.display_name, created: initial !== null,
  initialPassword: initial, mustChangePassword: row.must_change_password, lastLoginAt: isoOrNull(row.last_login_at),
});

const ACCOUNT_COLUMNS = 'u.id, u.username, u.display_name, u.roster_teacher_id, u.must_change_password, u.last_login_at';

/**
 * Accounts of roster teachers: one per teacher, holding the role teacher at the teacher's school,
 * with a predictable username and a random initial password that the user must replace at the first
 * login. Teacher exchange owns the roster and sends the teachers it checked; this service checks that
 * the caller administers the school. The initial passwords leave only in the answer that created them.
 */
@Injectable()
export class TeacherAccountsService {
  constructor(private readonly dataSource: DataSource, private readonly passwords: Passwords, private readonly audit: AuditWriter) {}

  async provision(scope: AccessScope, request: ProvisionTeacherAccountsRequest): Promise<TeacherAccountsResultView> {
    const [school]: { id: string; district_id: string; code: string | null }[] = await this.dataSource.query(
      'SELECT id, district_id, code FROM school WHERE id = $1 AND district_id = $2', [request.schoolId, request.districtId],
    );
    if (!school || !(scope.inDistrict(school.district_id) || scope.schoolIds().includes(school.id))) throw new NotFoundError('school', request.schoolId);
    if (!scope.isSchoolAdmin(school.id, school.district_id)) throw ForbiddenError.of('membership.teacher-account.forbidden');
    const teachers = [...new Map(request.teachers.map((t) => [t.teacherId, t])).values()];
    const existing = await this.byTeacher(teachers.map((t) => t.teacherId));
    const fresh = teachers.filter((t) => !existing.has(t.teacherId));
    // hashed before the transaction: argon2 is slow on purpose, and row locks need not wait for it
    const prepared = await Promise.all(fresh.map(async (teacher) => {
      const password = initialPassword();
      return { teacher, password, hash: await this.passwords.hash(password), username: teacherUsername({ code: school.code, id: school.id }, teacher) };
    }));
    const created = await this.dataSource.transaction(async (manager) => {
      const made = new Map<string, TeacherAccountView>();
      for (const { teacher, password, hash, username } of prepared) {
        const [taken]: { roster_teacher_id: string | null }[] = await manager.query('SELECT roster_teacher_id FROM app_user WHERE lower(username) = lower($1)', [username]);
        if (taken) {
          const row = request.teachers.findIndex((t) => t.teacherId === teacher.teacherId) + 1;
          throw ConflictError.of('membership.teacher-account.username-taken', { row, username }, [fieldError(`teachers.${row - 1}.staffNo`, 'membership.user.username-in-use')]);
        }
        const [user]: AccountRow[] = await manager.query(
          `INSERT INTO app_user (district_id, username, display_name, password_hash, status, created_by, must_change_password, roster_teacher_id)
           VALUES ($1, $2, $3, $4, 'active', $5, true, $6)
           RETURNING id, username, display_name, roster_teacher_id, must_change_password, last_login_at`,
          [school.district_id, username, teacher.displayName, hash, scope.caller.id, teacher.teacherId],
        );
        const [assignment]: { id: string }[] = await manager.query(
          `INSERT INTO role_assignment (user_id, role, district_id, school_id) VALUES ($1, 'teacher', $2, $3) RETURNING id`, [user!.id, school.district_id, school.id],
        );
        await this.audit.record(manager, scope.caller, {
          districtId: school.district_id, action: 'user.created', entityType: 'user', entityId: user!.id,
          after: { username, displayName: teacher.displayName, status: 'active', districtId: school.district_id, rosterTeacherId: teacher.teacherId, mustChangePassword: true },
        });
        await this.audit.record(manager, scope.caller, {
          districtId: school.district_id, action: 'role.assigned', entityType: 'role_assignment', entityId: assignment!.id,
          after: { userId: user!.id, role: 'teacher', allianceId: null, schoolId: school.id },
        });
        made.set(teacher.teacherId, toAccount(user!, password));
      }
      return made;
    });
    const accounts = teachers.map((t) => created.get(t.teacherId) ?? existing.get(t.teacherId)!);
    return { accounts, created: created.size, existing: accounts.length - created.size };
  }

  /**
   * Links an existing account to a roster teacher (the demo's `teacher` login), for system callers:
   * linked when it is (now or before: `changed` says which), not when the account is unknown or either
   * side belongs to someone else already.
   */
  async link(scope: AccessScope, request: LinkTeacherAccountRequest): Promise<{ linked: boolean; changed: boolean }> {
    if (scope.caller.kind !== 'system') throw ForbiddenError.of('membership.teacher-account.link-system-only');
    return this.dataSource.transaction(async (manager) => {
      const [user]: { id: string; district_id: string | null; roster_teacher_id: string | null }[] = await manager.query(
        'SELECT id, district_id, roster_teacher_id FROM app_user WHERE lower(username) = lower($1) FOR UPDATE', [request.username],
      );
      if (!user || (user.roster_teacher_id && user.roster_teacher_id !== request.teacherId)) return { linked: false, changed: false };
      if (user.roster_teacher_id === request.teacherId) return { linked: true, changed: false };
      const [taken] = await manager.query('SELECT 1 FROM app_user WHERE roster_teacher_id = $1', [request.teacherId]);
      if (taken) return { linked: false, changed: false };
      await manager.query('UPDATE app_user SET roster_teacher_id = $2 WHERE id = $1', [user.id, request.teacherId]);
      await this.audit.record(manager, scope.caller, {
        districtId: user.district_id ?? '*', action: 'user.linked_to_teacher', entityType: 'user', entityId: user.id, before: { rosterTeacherId: null }, after: { rosterTeacherId: request.teacherId },
      });
      return { linked: true, changed: true };
    });
  }

  /** The accounts of these roster teachers that the caller may see (as users are visible to them), in no particular order. */
  async of(scope: AccessScope, request: TeacherAccountsOfRequest): Promise<TeacherAccountView[]> {
    if (!request.teacherIds.length) return [];
    const params: unknown[] = [request.teacherIds];
    let visible = '';
    if (!scope.isPlatformAdmin) {
      params.push(scope.adminDistrictIds(), scope.caller.id, scope.adminSchoolIds());
      visible = `AND (u.district_id = ANY($2::uuid[]) OR u.id::text = $3 OR u.created_by = $3
        OR EXISTS (SELECT 1 FROM role_assignment v WHERE v.user_id = u.id AND v.school_id = ANY($4::uuid[])))`;
    }
    const rows: AccountRow[] = await this.dataSource.query(`SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE u.roster_teacher_id = ANY($1::uuid[]) ${visible}`, params);
    return rows.map((row) => toAccount(row, null));
  }

  private async byTeacher(teacherIds: string[]): Promise<Map<string, TeacherAccountView>> {
    const rows: AccountRow[] = await this.dataSource.query(`SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE u.roster_teacher_id = ANY($1::uuid[])`, [teacherIds]);
    return new Map(rows.map((row) => [row.roster_teacher_id, toAccount(row, null)]));
  }
}
