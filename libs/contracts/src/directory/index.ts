import { ApiProperty } from '@nestjs/swagger';
import type { ServiceName } from '../common/health.js';

/**
 * Every domain service other than membership keeps its own copy of alliance membership,
 * fed by membership events, because it must check "both schools are in the same alliance"
 * without asking membership on every request. This query exposes that copy.
 */
export const directorySubject = (service: Exclude<ServiceName, 'membership'>): string => `${service}.directory.alliances`;

export class DirectoryAllianceView {
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty() name: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [String], description: 'Ids of the schools that are active members' }) schoolIds: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ServiceDirectoryView {
  @ApiProperty() service: string;
  @ApiProperty({ type: [DirectoryAllianceView] }) alliances: DirectoryAllianceView[];
}
