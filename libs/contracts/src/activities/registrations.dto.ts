import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { NamedRef } from './activities.dto.js';
import { PARTICIPANT_KINDS, REGISTRATION_STATUSES, type ParticipantKind, type RegistrationStatus } from './enums.js';

export class CreateRegistrationDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Which occurrence (its start); defaults to the first one' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurrenceStart?: string;

  @ApiProperty({ format: 'uuid', description: 'The participant\'s school; an active member of the alliance' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ enum: PARTICIPANT_KINDS })
  @IsIn(PARTICIPANT_KINDS)
  participantKind: ParticipantKind;

  @ApiProperty({ maxLength: 64, example: '张晓燕' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  participantName: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Required for students: their grade' })
  @ValidateIf((o: CreateRegistrationDto) => o.participantKind === 'student' || o.grade !== undefined)
  @IsInt()
  @Min(1)
  @Max(12)
  grade?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class ListRegistrationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurrenceStart?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class AttendanceQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'One occurrence; all occurrences when omitted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurrenceStart?: string;
}

export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ format: 'date-time' }) occurrenceStart: string;
  @ApiProperty({ type: NamedRef }) school: NamedRef;
  @ApiProperty({ enum: PARTICIPANT_KINDS }) participantKind: ParticipantKind;
  @ApiProperty() participantName: string;
  @ApiProperty({ type: Number, nullable: true }) grade: number | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) cancelledAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) checkedInAt: string | null;
}

export class SchoolAttendanceView {
  @ApiProperty({ type: NamedRef }) school: NamedRef;
  @ApiProperty({ description: 'Live registrations (not cancelled)' }) registered: number;
  @ApiProperty() checkedIn: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Places per occurrence; null for no limit' }) capacity: number | null;
}

export class AttendanceView {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) occurrenceStart: string | null;
  @ApiProperty({ type: [SchoolAttendanceView], description: 'Every active member school of the alliance' }) schools: SchoolAttendanceView[];
}
