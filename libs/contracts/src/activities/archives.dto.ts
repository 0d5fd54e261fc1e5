import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { TERM_PATTERN } from '../common/terms.js';
import { BRIEFING_SCOPES, type BriefingScope } from './briefings.dto.js';

/*
 * The semester archive (学期归档): one zip of a term's records of a district or an alliance, built by a
 * background job with its progress recorded, stored in the object store and listed per term.
 */

export const ARCHIVE_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

export class CreateArchiveDto {
  @ApiProperty({ enum: BRIEFING_SCOPES })
  @IsIn(BRIEFING_SCOPES)
  scope: BriefingScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'The district (scope district)' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The alliance (scope alliance)' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiProperty({ example: '2026-2027-1' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;
}

export class ListArchivesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-2027-1' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN)
  term?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ enum: ARCHIVE_STATUSES })
  @IsOptional()
  @IsIn(ARCHIVE_STATUSES)
  status?: ArchiveStatus;
}

export class ArchiveView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BRIEFING_SCOPES }) scope: BriefingScope;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) allianceId: string | null;
  @ApiProperty() scopeName: string;
  @ApiProperty({ example: '2026-2027-1' }) term: string;
  @ApiProperty({ enum: ARCHIVE_STATUSES }) status: ArchiveStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the job failed' }) error: string | null;
  @ApiProperty({ description: 'Files in the zip so far' }) entries: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Size of the zip in bytes once built' }) size: number | null;
  @ApiProperty({ description: 'How many times a worker took the job up (a job interrupted by a restart is taken up again)' }) attempts: number;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
