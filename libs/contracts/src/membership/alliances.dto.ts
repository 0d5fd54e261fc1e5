import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { JoinRequestApprovalView } from './cross-district.dto.js';
import {
  ALLIANCE_KINDS, ALLIANCE_STATUSES, JOIN_REQUEST_KINDS, JOIN_REQUEST_STATUSES, MEMBER_ROLES,
  type AllianceKind, type AllianceStatus, type JoinRequestKind, type JoinRequestStatus, type MemberRole,
} from './enums.js';

export class CreateAllianceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ example: '城关一小教育联盟', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiProperty({ enum: ALLIANCE_KINDS, description: 'pairing (结对帮扶), alliance (教育联盟) or integrated (教联体)' })
  @IsIn(ALLIANCE_KINDS)
  kind: AllianceKind;

  @ApiProperty({ format: 'uuid', description: 'Core school, or the supporting school of a pairing' })
  @IsUUID()
  coreSchoolId: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-09-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsOn?: string;
}

export class UpdateAllianceDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class ListAlliancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: ALLIANCE_KINDS })
  @IsOptional()
  @IsIn(ALLIANCE_KINDS)
  kind?: AllianceKind;

  @ApiPropertyOptional({ enum: ALLIANCE_STATUSES })
  @IsOptional()
  @IsIn(ALLIANCE_STATUSES)
  status?: AllianceStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only alliances this school is an active member of' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class DissolveAllianceDto {
  @ApiProperty({ maxLength: 500, description: 'Why the alliance is dissolved' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class InviteSchoolDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId: string;

  @ApiPropertyOptional({ enum: MEMBER_ROLES, description: 'Defaults to member (or supported for a pairing)' })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}

export class ApplyToAllianceDto {
  @ApiProperty({ format: 'uuid', description: 'The applying school' })
  @IsUUID()
  schoolId: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}

export class LeaveAllianceDto {
  @ApiProperty({ format: 'uuid', description: 'The school that leaves' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export const JOIN_DECISIONS = ['accept', 'decline', 'withdraw'] as const;
export type JoinDecision = (typeof JOIN_DECISIONS)[number];

export class RespondJoinRequestDto {
  @ApiProperty({
    enum: JOIN_DECISIONS,
    description: 'accept or decline (the invited school, or the alliance admin for an application); withdraw (the side that asked)',
  })
  @IsIn(JOIN_DECISIONS)
  decision: JoinDecision;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class ListJoinRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: JOIN_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(JOIN_REQUEST_STATUSES)
  status?: JoinRequestStatus;

  @ApiPropertyOptional({ description: 'Only requests across districts waiting for the approval of a district the caller administers' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  awaitingMyApproval?: boolean;
}

export class SchoolRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class AllianceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ALLIANCE_KINDS }) kind: AllianceKind;
  @ApiProperty({ enum: ALLIANCE_STATUSES }) status: AllianceStatus;
  @ApiProperty({ type: SchoolRef }) coreSchool: SchoolRef;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) startsOn: string | null;
  @ApiProperty({ description: 'Schools that are active members, the core school included' }) memberCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dissolvedAt: string | null;
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty({ format: 'uuid', description: "The school's district: another than the alliance's for a member across districts, whose own district admin may also take it out" })
  schoolDistrictId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ enum: ['active', 'left'] }) status: 'active' | 'left';
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) leftAt: string | null;
  @ApiProperty({ nullable: true, type: String }) leftReason: string | null;
}

export class AllianceDetailView extends AllianceView {
  @ApiProperty({ type: [MembershipView], description: 'Every membership period, current and past' })
  members: MembershipView[];
}

export class JoinRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: JOIN_REQUEST_KINDS }) kind: JoinRequestKind;
  @ApiProperty({ enum: JOIN_REQUEST_STATUSES }) status: JoinRequestStatus;
  @ApiProperty({ type: SchoolRef }) alliance: SchoolRef;
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ description: 'The school belongs to another district than the alliance (both district admins approve)' }) crossDistrict: boolean;
  @ApiProperty({ type: [JoinRequestApprovalView], description: "Across districts: the approval of the alliance's and of the school's district admin; empty within one district" })
  approvals: JoinRequestApprovalView[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the asked side accepted while district approvals were outstanding' })
  answeredAt: string | null;
}
