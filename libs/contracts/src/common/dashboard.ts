import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ServiceName } from './health.js';

/**
 * Every service answers `<service>.dashboard.figures` with its key figures for the caller's scope
 * (what the caller may see); the gateway's GET /dashboard brings them together.
 */
export const dashboardSubject = (service: ServiceName): string => `${service}.dashboard.figures`;

export class DashboardFigure {
  @ApiProperty({ description: 'Stable key; the console names it in zh-CN and English', example: 'placements.active' })
  key: string;

  @ApiProperty({ example: 12 })
  value: number;

  @ApiPropertyOptional({ description: 'Unit of the value', enum: ['count', 'percent', 'score'] })
  unit?: 'count' | 'percent' | 'score';

  @ApiPropertyOptional({ description: 'Figures that need attention (e.g. overdue items) say so', enum: ['ok', 'warning', 'danger'] })
  tone?: 'ok' | 'warning' | 'danger';
}

export class DashboardFiguresView {
  @ApiProperty() service: string;
  @ApiProperty({ type: [DashboardFigure] }) figures: DashboardFigure[];
}
