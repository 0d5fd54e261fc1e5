import { Injectable } from '@nestjs/common';
import type { DirectoryAllianceView, ServiceDirectoryView } from '@jiaolian/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScope } from '../context/access-scope.js';

interface DirectoryRow {
  id: string;
  name: string | null;
  status: string;
  updated_at: Date;
  school_ids: string[];
}

/**
 * Answers membership questions from the service's own directory copy. Pass the transaction's
 * manager where a decision and the change it guards must see the same snapshot.
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The alliances the caller may see, each with its active member schools: platform admins all,
   * district admins their districts', alliance admins their alliances, school staff the alliances
   * their school is an active member of.
   */
  async view(service: string, scope: AccessScope): Promise<ServiceDirectoryView> {
    const visible = scope.isPlatformAdmin
      ? 'true'
      : `(a.district_id::text = ANY($1::text[]) OR a.id::text = ANY($2::text[])
          OR EXISTS (SELECT 1 FROM directory_member own WHERE own.alliance_id = a.id AND own.active AND own.school_id::text = ANY($3::text[])))`;
    const params = scope.isPlatformAdmin ? [] : [scope.adminDistrictIds(), scope.adminAllianceIds(), scope.schoolIds()];
    const rows: DirectoryRow[] = await this.dataSource.query(
      `SELECT a.id, a.name, a.status, a.updated_at,
              COALESCE(array_agg(m.school_id::text ORDER BY m.school_id) FILTER (WHERE m.school_id IS NOT NULL), '{}') AS school_ids
         FROM directory_alliance a
         LEFT JOIN directory_member m ON m.alliance_id = a.id AND m.active
        WHERE ${visible}
        GROUP BY a.id
        ORDER BY a.name NULLS LAST, a.id`,
      params,
    );
    return { service, alliances: rows.map(toView) };
  }

  /** Names of the given schools as membership announced them (ids it has not heard of are absent). */
  async schoolNames(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Whether the school is an active member of the alliance and the alliance is active. */
  async isActiveMember(allianceId: string, schoolId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM directory_member m JOIN directory_alliance a ON a.id = m.alliance_id
        WHERE m.alliance_id::text = $1 AND m.school_id::text = $2 AND m.active AND a.status = 'active'`,
      [allianceId, schoolId],
    );
    return rows.length > 0;
  }

  /** The active alliances both schools are active members of (empty when they share none). */
  async sharedAlliances(schoolA: string, schoolB: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT a.id FROM directory_alliance a
         JOIN directory_member ma ON ma.alliance_id = a.id AND ma.active AND ma.school_id::text = $1
         JOIN directory_member mb ON mb.alliance_id = a.id AND mb.active AND mb.school_id::text = $2
        WHERE a.status = 'active'
        ORDER BY a.id`,
      [schoolA, schoolB],
    );
    return rows.map((row) => row.id);
  }

  /** Whether two schools are active members of one active alliance. */
  async sameAlliance(schoolA: string, schoolB: string, manager?: EntityManager): Promise<boolean> {
    return (await this.sharedAlliances(schoolA, schoolB, manager)).length > 0;
  }
}

function toView(row: DirectoryRow): DirectoryAllianceView {
  return { allianceId: row.id, name: row.name ?? '', status: row.status, schoolIds: row.school_ids, updatedAt: row.updated_at.toISOString() };
}
