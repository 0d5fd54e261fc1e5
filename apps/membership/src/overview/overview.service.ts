import type { DashboardFigure, DashboardFiguresView, DistrictOverviewView } from '@jiaolian/contracts';
import { AccessScope } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DistrictsService, toDistrictView } from '../districts/districts.service.js';

/** The district at a glance, counted in the database (one round trip per figure group). */
@Injectable()
export class OverviewService {
  constructor(private readonly dataSource: DataSource, private readonly districts: DistrictsService) {}

  async district(scope: AccessScope, id: string): Promise<DistrictOverviewView> {
    const district = await this.districts.visible(scope, id);
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query(sql, [id]);
    const [[schools], allianceRows, [inAlliances], [pending], [users]] = await Promise.all([
      q<{ schools: string; townships: string; students: string; teachers: string }>(
        `SELECT count(*) AS schools, count(DISTINCT township) AS townships,
                coalesce(sum(student_count), 0) AS students, coalesce(sum(teacher_count), 0) AS teachers
           FROM school WHERE district_id = $1`),
      q<{ kind: 'pairing' | 'alliance' | 'integrated'; status: 'draft' | 'active' | 'dissolved'; n: string }>(
        'SELECT kind, status, count(*) AS n FROM alliance WHERE district_id = $1 GROUP BY kind, status'),
      q<{ n: string }>(
        `SELECT count(DISTINCT m.school_id) AS n FROM alliance_member m JOIN alliance a ON a.id = m.alliance_id
          WHERE a.district_id = $1 AND a.status = 'active' AND m.left_at IS NULL`),
      q<{ n: string }>(
        `SELECT count(*) AS n FROM join_request r JOIN alliance a ON a.id = r.alliance_id WHERE a.district_id = $1 AND r.status = 'pending'`),
      q<{ n: string }>('SELECT count(*) AS n FROM app_user WHERE district_id = $1'),
    ]);
    const alliances = { draft: 0, active: 0, dissolved: 0 };
    const allianceKinds = { pairing: 0, alliance: 0, integrated: 0 };
    for (const row of allianceRows) {
      alliances[row.status] += Number(row.n);
      // kinds count the alliances that still exist as alliances: dissolved ones are history
      if (row.status !== 'dissolved') allianceKinds[row.kind] += Number(row.n);
    }
    return {
      district: toDistrictView(district),
      schools: Number(schools?.schools ?? 0), townships: Number(schools?.townships ?? 0),
      students: Number(schools?.students ?? 0), teachers: Number(schools?.teachers ?? 0),
      alliances, allianceKinds, schoolsInAlliances: Number(inAlliances?.n ?? 0), pendingJoinRequests: Number(pending?.n ?? 0), users: Number(users?.n ?? 0),
    };
  }
}

/**
 * Membership's figures for the dashboard, over what the caller runs: district admins their districts,
 * alliance admins their alliances, school staff the alliances their school is an active member of.
 */
@Injectable()
export class MembershipDashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(scope: AccessScope): Promise<DashboardFiguresView> {
    const all = scope.isPlatformAdmin;
    const districts = scope.adminDistrictIds();
    const params = [all, districts, scope.adminAllianceIds(), scope.schoolIds()];
    const relevant = `($1 OR a.district_id = ANY($2::uuid[]) OR a.id = ANY($3::uuid[])
      OR EXISTS (SELECT 1 FROM alliance_member own WHERE own.alliance_id = a.id AND own.left_at IS NULL AND own.school_id = ANY($4::uuid[])))`;
    const [row] = await (this.dataSource.query(
        `SELECT
           (SELECT count(*) FROM alliance a WHERE a.status = 'active' AND ${relevant})::int AS active_alliances,
           (SELECT count(DISTINCT m.school_id) FROM alliance_member m JOIN alliance a ON a.id = m.alliance_id
             WHERE a.status = 'active' AND m.left_at IS NULL AND ${relevant})::int AS member_schools,
           (SELECT count(*) FROM join_request r JOIN alliance a ON a.id = r.alliance_id
             WHERE r.status = 'pending' AND (${relevant} OR r.school_id = ANY($4::uuid[])))::int AS pending_requests,
           (SELECT count(*) FROM school s WHERE $1 OR s.district_id = ANY($2::uuid[]))::int AS schools`,
        params,
      ) as Promise<{ active_alliances: number; member_schools: number; pending_requests: number; schools: number }[]>);
    const figures: DashboardFigure[] = [
      { key: 'alliances.active', value: row?.active_alliances ?? 0, unit: 'count' },
      { key: 'alliances.memberSchools', value: row?.member_schools ?? 0, unit: 'count' },
      { key: 'joinRequests.pending', value: row?.pending_requests ?? 0, unit: 'count', tone: (row?.pending_requests ?? 0) > 0 ? 'warning' : 'ok' },
    ];
    if (all || districts.length) figures.unshift({ key: 'schools.total', value: row?.schools ?? 0, unit: 'count' });
    return { service: 'membership', figures };
  }
}
