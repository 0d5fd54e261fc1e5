import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { PLACEMENT_KINDS, PLACEMENT_STATUSES, type PlacementKind, type PlacementStatus } from './enums.js';

export class PlacementHostDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'Weekly periods at this school (itinerant only, required there)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  weeklyPeriods?: number;
}

export class ProposePlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teacherId: string;

  @ApiProperty({ enum: PLACEMENT_KINDS })
  @IsIn(PLACEMENT_KINDS)
  kind: PlacementKind;

  @ApiProperty({ type: [PlacementHostDto], description: 'Host schools (one or more)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => PlacementHostDto)
  hosts: PlacementHostDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Alliance the exchange runs under; needed only when the schools share several' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsDateString({ strict: true })
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-01-31' })
  @IsDateString({ strict: true })
  endsOn: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ListPlacementsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES })
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES)
  status?: PlacementStatus;

  @ApiPropertyOptional({ enum: PLACEMENT_KINDS })
  @IsOptional()
  @IsIn(PLACEMENT_KINDS)
  kind?: PlacementKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Home or host school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 500, description: 'Why (required)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class ApprovePlacementDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Host school approving (district admins may name one; default: every host school you run)' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class PlacementHostView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ nullable: true, type: Number }) weeklyPeriods: number | null;
  @ApiProperty({ nullable: true, format: 'date-time', type: String }) approvedAt: string | null;
}

export class PlacementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty() allianceName: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty() teacherName: string;
  @ApiProperty() staffNo: string;
  @ApiProperty({ format: 'uuid' }) homeSchoolId: string;
  @ApiProperty() homeSchoolName: string;
  @ApiProperty({ type: [PlacementHostView] }) hosts: PlacementHostView[];
  @ApiProperty({ enum: PLACEMENT_KINDS }) kind: PlacementKind;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status: PlacementStatus;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected or cancelled' }) reason: string | null;
  @ApiProperty({ description: 'Who proposed it (user id)' }) proposedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlacementIdRequest {
  @IsUUID() id: string;
}

export class ApprovePlacementRequest extends PlacementIdRequest {
  @ValidateNested() @Type(() => ApprovePlacementDto) body: ApprovePlacementDto;
}

export class PlacementReasonRequest extends PlacementIdRequest {
  @ValidateNested() @Type(() => ReasonDto) body: ReasonDto;
}
