import type { DistrictOverviewView } from '@jiaolian/contracts';
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
