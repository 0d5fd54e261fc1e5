import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';

/*
 * Alliances across districts (跨区域合作): a join request between an alliance and a school of another
 * district needs the approval of the alliance's district admin and of the school's district admin, in
 * either order; either may refuse. Within one district a request needs no approvals.
 */

/** `alliance`: the admin of the alliance's district approves; `school`: the admin of the school's district. */
export const APPROVAL_SIDES = ['alliance', 'school'] as const;
export type ApprovalSide = (typeof APPROVAL_SIDES)[number];

export const APPROVAL_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const APPROVAL_DECISIONS = ['approve', 'refuse'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export class ApproveJoinRequestDto {
  @ApiProperty({
    enum: APPROVAL_DECISIONS,
    description: "approve or refuse a join request across districts, for the district(s) the caller administers (the alliance's or the school's)",
  })
  @IsIn(APPROVAL_DECISIONS)
  decision: ApprovalDecision;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

/** membership.join-request.approve: the request and the district admin's decision. */
export class ApproveJoinRequestRequest extends IdDto {
  @ValidateNested() @Type(() => ApproveJoinRequestDto) body: ApproveJoinRequestDto;
}

export class DistrictRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class JoinRequestApprovalView {
  @ApiProperty({ enum: APPROVAL_SIDES, description: "alliance: the alliance's district admin; school: the school's district admin" }) side: ApprovalSide;
  @ApiProperty({ type: DistrictRef }) district: DistrictRef;
  @ApiProperty({ enum: APPROVAL_STATUSES }) status: ApprovalStatus;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
}

/** evt.membership.join-request.approval-decided.v1: a district admin approved or refused a request across districts. */
export interface JoinRequestApprovalDecidedEvent {
  joinRequestId: string;
  allianceId: string;
  /** the alliance's district */
  districtId: string;
  schoolId: string;
  schoolDistrictId: string;
  side: ApprovalSide;
  status: Exclude<ApprovalStatus, 'pending'>;
  /** the request's status after the decision: accepted when this was the last approval it waited for */
  joinRequestStatus: 'pending' | 'accepted' | 'declined';
}

export const INVITE_CANDIDATE_DISTRICTS = ['own', 'other', 'all'] as const;
export type InviteCandidateDistricts = (typeof INVITE_CANDIDATE_DISTRICTS)[number];

/** Schools an alliance may invite: not active members; by name (q), of its own district, the others of its province, or both. */
export class ListInviteCandidatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVITE_CANDIDATE_DISTRICTS, default: 'all', description: "own: the alliance's district; other: the other districts of its province (invited across districts); all: both" })
  @IsOptional()
  @IsIn(INVITE_CANDIDATE_DISTRICTS)
  districts?: InviteCandidateDistricts;
}

/** membership.alliance.invite-candidates */
export class ListInviteCandidatesRequest extends ListInviteCandidatesQueryDto {
  @IsUUID() allianceId: string;
}

export class InviteCandidateDistrictRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '溪南县教育局' }) name: string;
}

/** A school the alliance may invite: who it is and where, nothing more of its district. */
export class InviteCandidateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() township: string;
  @ApiProperty({ enum: ['urban', 'township', 'village'] }) locale: string;
  @ApiProperty({ type: InviteCandidateDistrictRef }) district: InviteCandidateDistrictRef;
  @ApiProperty({ description: "Of another district than the alliance's: joining needs both district admins' approval" }) crossDistrict: boolean;
}
