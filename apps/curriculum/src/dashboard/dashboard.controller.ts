import { dashboardSubject, type DashboardFiguresView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller, Injectable, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { binder, facilityVisibility, resourceVisibility } from '../common/access.js';

/** The curriculum service's key figures for the caller's scope, in one round trip. */
@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(scope: AccessScope): Promise<DashboardFiguresView> {
    const { params, bind } = binder();
    const resources = resourceVisibility(scope, bind) ?? 'true';
    const facilities = facilityVisibility(scope, bind) ?? 'true';
    const mySchools = bind(scope.schoolIds());
    const admin = bind(scope.isPlatformAdmin || scope.adminDistrictIds().length > 0);
    const [row]: Record<string, number>[] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM resource r WHERE ${resources}) AS resources,
              (SELECT COALESCE(sum(r.download_count), 0)::int FROM resource r WHERE ${resources}) AS downloads,
              (SELECT count(*)::int FROM facility f WHERE f.active AND ${facilities}) AS facilities,
              (SELECT count(*)::int FROM booking b JOIN facility f ON f.id = b.facility_id
                WHERE b.status = 'pending' AND b.ends_at > now() AND ${facilities}
                  AND (${admin} OR b.owner_school_id = ANY(${mySchools}::uuid[]))) AS pending,
              (SELECT count(*)::int FROM booking b JOIN facility f ON f.id = b.facility_id
                WHERE b.status = 'approved' AND b.starts_at > now() AND ${facilities}) AS upcoming`,
      params,
    );
    const pending = row?.['pending'] ?? 0;
    return {
      service: 'curriculum',
      figures: [
        { key: 'resources.visible', value: row?.['resources'] ?? 0, unit: 'count' },
        { key: 'resources.downloads', value: row?.['downloads'] ?? 0, unit: 'count' },
        { key: 'facilities.shared', value: row?.['facilities'] ?? 0, unit: 'count' },
        { key: 'bookings.pending', value: pending, unit: 'count', tone: pending > 0 ? 'warning' : 'ok' },
        { key: 'bookings.upcoming', value: row?.['upcoming'] ?? 0, unit: 'count' },
      ],
    };
  }
}

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @MessagePattern(dashboardSubject('curriculum'))
  figures(@Scope() scope: AccessScope): Promise<DashboardFiguresView> {
    return this.dashboard.figures(scope);
  }
}

@Module({ controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
