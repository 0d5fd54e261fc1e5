import { dashboardSubject, type Caller, type DashboardFiguresView } from '@jiaolian/contracts';
import { CurrentCaller, ForbiddenError } from '@jiaolian/service-kit';
import { Controller, Injectable, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { feedReach } from '../changes/change-feed.rules.js';

/** The integrations service's key figures: the changes of the last 24 hours the caller's feed shows. */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(caller: Caller): Promise<DashboardFiguresView> {
    let reach: ReturnType<typeof feedReach>;
    try {
      reach = feedReach(caller);
    } catch (error) {
      // school admins and teachers have no change feed: no figures rather than an error on their dashboard
      if (error instanceof ForbiddenError) return { service: 'integrations', figures: [] };
      throw error;
    }
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM change_log c
        WHERE c.recorded_at > now() - interval '24 hours'
          AND ($1 OR c.district_id = ANY($2::uuid[]) OR c.alliance_id = ANY($3::uuid[])
               OR (c.alliance_id IS NULL AND c.school_id IN (SELECT m.school_id FROM directory_member m WHERE m.alliance_id = ANY($3::uuid[]) AND m.active)))
          AND ($4::text[] IS NULL OR c.domain = ANY($4::text[]))`,
      [reach.all, reach.districtIds, reach.allianceIds, reach.domains ?? null],
    );
    return { service: 'integrations', figures: [{ key: 'changes.last24h', value: row?.n ?? 0, unit: 'count' }] };
  }
}

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @MessagePattern(dashboardSubject('integrations'))
  figures(@CurrentCaller() caller: Caller): Promise<DashboardFiguresView> {
    return this.dashboard.figures(caller);
  }
}

@Module({ controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
