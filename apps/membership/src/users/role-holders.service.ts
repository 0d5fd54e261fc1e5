import type { RoleHolderView, RoleHoldersQuery } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Who holds a role where, for the platform's own services (the notification centre asks who must
 * approve something). Only system callers may ask: a user or API client would learn other people's
 * names and e-mail addresses from it.
 */
@Injectable()
export class RoleHoldersService {
  constructor(private readonly dataSource: DataSource) {}

  async find(scope: AccessScope, query: RoleHoldersQuery): Promise<RoleHolderView[]> {
    if (scope.caller.kind !== 'system') throw ForbiddenError.of('membership.role-holders.system-only');
    const rows: { user_id: string; display_name: string; email: string | null; role: RoleHolderView['role']; school_id: string | null; alliance_id: string | null }[] =
      await this.dataSource.query(
        `SELECT u.id AS user_id, u.display_name, u.email, r.role, r.school_id, r.alliance_id
           FROM role_assignment r JOIN app_user u ON u.id = r.user_id
          WHERE u.status = 'active' AND r.district_id = $1 AND r.role = ANY($2)
            AND (r.role = 'district_admin'
                 OR (r.school_id IS NOT NULL AND r.school_id = ANY($3::uuid[]))
                 OR (r.alliance_id IS NOT NULL AND r.alliance_id = ANY($4::uuid[])))
          ORDER BY u.id, r.role`,
        [query.districtId, query.roles, query.schoolIds ?? [], query.allianceIds ?? []],
      );
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, email: r.email, role: r.role, schoolId: r.school_id, allianceId: r.alliance_id }));
  }
}
