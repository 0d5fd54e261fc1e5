import { dashboardSubject, type DashboardFiguresView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller, Injectable, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { placementVisibility, SqlParams, teacherVisibility } from '../common/access.js';

/** Key figures for the caller's scope, one round trip. */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(scope: AccessScope): Promise<DashboardFiguresView> {
    const p = new SqlParams();
    const teachers = teacherVisibility(scope, 't', p) ?? 'true';
    const placements = placementVisibility(scope, 'p', p) ?? 'true';
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM teacher t WHERE ${teachers}) AS teachers,
              (SELECT count(*)::int FROM teacher t WHERE ${teachers} AND (t.rank <> 'none' OR t.middle_manager)) AS key_teachers,
              count(*) FILTER (WHERE p.status = 'active')::int AS active,
              count(*) FILTER (WHERE p.status IN ('proposed', 'home_approved'))::int AS pending,
              count(*) FILTER (WHERE p.status = 'approved')::int AS upcoming
         FROM placement p WHERE ${placements}`,
      p.values,
    );
    return {
      service: 'teacher-exchange',
      figures: [
        { key: 'teachers.total', value: row.teachers, unit: 'count' },
        { key: 'teachers.key', value: row.key_teachers, unit: 'count' },
        { key: 'placements.active', value: row.active, unit: 'count' },
        { key: 'placements.pending', value: row.pending, unit: 'count', tone: row.pending > 0 ? 'warning' : 'ok' },
        { key: 'placements.upcoming', value: row.upcoming, unit: 'count' },
      ],
    };
  }
}

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @MessagePattern(dashboardSubject('teacher-exchange'))
  figures(@Scope() scope: AccessScope): Promise<DashboardFiguresView> {
    return this.dashboard.figures(scope);
  }
}

@Module({ controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
