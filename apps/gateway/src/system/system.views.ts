import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DashboardFigure, SERVICE_NAMES, type ServiceName } from '@jiaolian/contracts';

export class ServiceStatusView {
  @ApiProperty({ enum: SERVICE_NAMES }) service: ServiceName;
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ description: 'Round trip of the ping in milliseconds' }) latencyMs: number;
  @ApiPropertyOptional() version?: string;
  @ApiPropertyOptional({ description: 'The replica that answered' }) instance?: string;
  @ApiPropertyOptional({ enum: ['up', 'down'] }) database?: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Why the service counts as down' }) error?: string;
}

export class SystemServicesView {
  @ApiProperty({ type: [ServiceStatusView] }) services: ServiceStatusView[];
}

export class DashboardServiceView {
  @ApiProperty({ enum: SERVICE_NAMES }) service: ServiceName;
  @ApiProperty({ enum: ['up', 'down'], description: 'down: the service did not answer; its figures are missing' }) status: 'up' | 'down';
  @ApiProperty({ type: [DashboardFigure] }) figures: DashboardFigure[];
}

export class DashboardView {
  @ApiProperty({ type: [DashboardServiceView], description: 'Key figures of every service for the caller\'s scope' })
  services: DashboardServiceView[];
}
