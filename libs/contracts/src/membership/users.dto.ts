import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { ROLES, type RoleName } from '../common/caller.js';
import { PageQueryDto } from '../common/paging.js';
import { USER_STATUSES, type UserStatus } from './enums.js';
import { AssignmentView } from './auth.dto.js';

export class CreateUserDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ example: 'wang.li', description: 'Letters, digits, dot, dash and underscore; 3–64 characters' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'username must be 3–64 letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: '王丽', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  displayName: string;

  @ApiProperty({ minLength: 10, maxLength: 128, description: 'At least 10 characters', format: 'password' })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ example: '13800000000' })
  @IsOptional()
  @Matches(/^\+?\d{6,20}$/, { message: 'phone must be digits, optionally starting with +' })
  phone?: string;

  @ApiPropertyOptional({ example: 'wang.li@example.org' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @OptionalNotNull()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ minLength: 10, maxLength: 128, format: 'password' })
  @OptionalNotNull()
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: RoleName;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users holding a role at this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users holding a role in this alliance' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;
}

export class AssignRoleDto {
  @ApiProperty({ enum: ROLES.filter((r) => r !== 'platform_admin') })
  @IsIn(ROLES.filter((r) => r !== 'platform_admin'))
  role: Exclude<RoleName, 'platform_admin'>;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for alliance_admin' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for school_admin and teacher' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiProperty({ type: [AssignmentView] }) assignments: AssignmentView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt: string | null;
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'e.g. alliance, school, user, role_assignment' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;
}

export class AuditRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actorKind: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}
