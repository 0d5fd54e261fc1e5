import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength, ValidateNested, Matches } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';

/** Body of POST /me/password: the current password proves it is the user, the new one replaces it. */
export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 128, format: 'password', description: 'At least 10 characters of at least three kinds (lower, upper, digit, other)' })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  newPassword: string;
}

/** One roster teacher as teacher exchange checked it: the account is made from these fields. */
export class RosterTeacherRef {
  @IsUUID() teacherId: string;
  @IsString() @Matches(/^[^\s]{1,32}$/) staffNo: string;
  @IsString() @IsNotBlank() @MaxLength(64) displayName: string;
}

/** Bus payload of membership.teacher-accounts.provision. */
export class ProvisionTeacherAccountsRequest {
  @IsUUID() districtId: string;
  @IsUUID() schoolId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => RosterTeacherRef) teachers: RosterTeacherRef[];
}

/** Bus payload of membership.teacher-accounts.of. */
export class TeacherAccountsOfRequest {
  @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) teacherIds: string[];
}

export class TeacherAccountView {
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'true when this request created the account' }) created: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The initial password, shown only in the answer that created the account' })
  initialPassword: string | null;
  @ApiProperty({ description: 'The user has not yet replaced the initial password' }) mustChangePassword: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
}

export class TeacherAccountsResultView {
  @ApiProperty({ type: [TeacherAccountView] }) accounts: TeacherAccountView[];
  @ApiProperty({ description: 'Accounts created by this request' }) created: number;
  @ApiProperty({ description: 'Teachers that already had an account (left as they were)' }) existing: number;
}

/** Bus payload of membership.teacher-accounts.link (system callers only). */
export class LinkTeacherAccountRequest {
  @IsString() @Matches(/^[a-zA-Z0-9._-]{3,64}$/) username: string;
  @IsUUID() teacherId: string;
}
