import { PLATFORM_DISTRICT, type AssignmentView, type RoleAssignment } from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';

export interface AssignmentRow {
  id: string;
  user_id: string;
  role: RoleAssignment['role'];
  district_id: string | null;
  alliance_id: string | null;
  school_id: string | null;
  scope_name: string | null;
}

/** Role assignments of some users with the name of each scope (district, alliance or school). */
export function loadAssignments(manager: EntityManager, userIds: string[]): Promise<AssignmentRow[]> {
  if (!userIds.length) return Promise.resolve([]);
  return manager.query(
    `SELECT r.id, r.user_id, r.role, r.district_id, r.alliance_id, r.school_id,
            coalesce(s.name, a.name, d.name) AS scope_name
       FROM role_assignment r
       LEFT JOIN district d ON d.id = r.district_id
       LEFT JOIN alliance a ON a.id = r.alliance_id
       LEFT JOIN school s ON s.id = r.school_id
      WHERE r.user_id = ANY($1::uuid[])
      ORDER BY r.created_at, r.id`,
    [userIds],
  );
}

export const toAssignmentView = (r: AssignmentRow): AssignmentView => ({
  id: r.id, role: r.role, districtId: r.district_id ?? PLATFORM_DISTRICT, allianceId: r.alliance_id, schoolId: r.school_id,
  scopeName: r.role === 'platform_admin' ? null : r.scope_name,
});

/** The assignment as it travels in the caller token. */
export const toRoleAssignment = (r: AssignmentRow): RoleAssignment => ({
  role: r.role, districtId: r.district_id ?? PLATFORM_DISTRICT,
  ...(r.alliance_id ? { allianceId: r.alliance_id } : {}),
  ...(r.school_id ? { schoolId: r.school_id } : {}),
});
