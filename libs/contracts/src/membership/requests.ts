import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested, IsNotEmpty } from 'class-validator';
import { ROLES, type RoleName } from '../common/caller.js';
import { IdDto } from '../common/requests.js';
import { ApplyToAllianceDto, DissolveAllianceDto, InviteSchoolDto, LeaveAllianceDto, RespondJoinRequestDto, UpdateAllianceDto } from './alliances.dto.js';
import { CreateCampusDto, UpdateSchoolDto } from './schools.dto.js';
import { AssignRoleDto, UpdateUserDto } from './users.dto.js';

/*
 * Bus payloads of the membership subjects that act on one object: the id and the body, validated
 * again by the service (the bus is not a trust boundary). Subjects that take a body alone use the
 * body DTO directly (e.g. membership.school.create takes CreateSchoolDto).
 */

export class UpdateSchoolRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateSchoolDto) changes: UpdateSchoolDto;
}

export class CreateCampusRequest {
  @IsUUID() schoolId: string;
  @ValidateNested() @Type(() => CreateCampusDto) campus: CreateCampusDto;
}

export class UpdateAllianceRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateAllianceDto) changes: UpdateAllianceDto;
}

export class DissolveAllianceRequest extends IdDto {
  @ValidateNested() @Type(() => DissolveAllianceDto) body: DissolveAllianceDto;
}

export class InviteSchoolRequest extends IdDto {
  @ValidateNested() @Type(() => InviteSchoolDto) body: InviteSchoolDto;
}

export class ApplyToAllianceRequest extends IdDto {
  @ValidateNested() @Type(() => ApplyToAllianceDto) body: ApplyToAllianceDto;
}

export class LeaveAllianceRequest extends IdDto {
  @ValidateNested() @Type(() => LeaveAllianceDto) body: LeaveAllianceDto;
}

export class RespondJoinRequestRequest extends IdDto {
  @ValidateNested() @Type(() => RespondJoinRequestDto) body: RespondJoinRequestDto;
}

export class UpdateUserRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateUserDto) changes: UpdateUserDto;
}

export class AssignRoleRequest {
  @IsUUID() userId: string;
  @ValidateNested() @Type(() => AssignRoleDto) assignment: AssignRoleDto;
}

export class RevokeRoleRequest {
  @IsUUID() userId: string;
  @IsUUID() assignmentId: string;
}

/** membership.auth.logout: the refresh token to revoke. */
export class LogoutRequest {
  @IsString() @IsNotEmpty() @MaxLength(512) refreshToken: string;
}

/**
 * membership.role.holders (system callers only): the active users holding one of `roles` in the district,
 * limited to the schools and alliances named (a school or alliance role matches only its own scope;
 * district_admin matches the district).
 */
export class RoleHoldersQuery {
  @IsUUID() districtId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true }) roles: RoleName[];
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) schoolIds?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) allianceIds?: string[];
}

/** One role a user holds that matched a RoleHoldersQuery. */
export interface RoleHolderView {
  userId: string;
  displayName: string;
  email: string | null;
  role: RoleName;
  schoolId: string | null;
  allianceId: string | null;
}
