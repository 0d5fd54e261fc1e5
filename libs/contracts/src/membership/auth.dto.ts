import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { RoleAssignment } from '../common/caller.js';

export class LoginDto {
  @ApiProperty({ example: 'district.admin', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'Jiaolian#2026', maxLength: 128, format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token returned at login' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  refreshToken: string;
}

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['platform_admin', 'district_admin', 'alliance_admin', 'school_admin', 'teacher'] })
  role: RoleAssignment['role'];
  @ApiProperty() districtId: string;
  @ApiProperty({ required: false, nullable: true, type: String, format: 'uuid' }) allianceId?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String, format: 'uuid' }) schoolId?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String, description: 'Name of the scope (district, alliance or school)' })
  scopeName?: string | null;
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() districtId: string;
  @ApiProperty({ type: [AssignmentView] }) assignments: AssignmentView[];
  @ApiProperty({ description: 'The user must choose a new password (first login); until then only GET /me, POST /me/password and POST /auth/logout answer' })
  mustChangePassword: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The roster teacher (teacher exchange) this account belongs to' })
  teacherId: string | null;
}

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ type: MeView }) user: MeView;
}
