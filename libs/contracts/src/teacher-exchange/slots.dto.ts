import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { PLACEMENT_STATUSES, TEACHER_SUBJECT_CODES, type PlacementStatus, type TeacherSubject } from './enums.js';

/**
 * Itinerant timetable (走教课表): weekly slots of a placement at one of its host schools. Times are wall-clock
 * HH:MM in the school's day (Asia/Shanghai); schools ring different bells, so periods are not comparable across them.
 */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = (field: string): string => `${field} must be a time of day as HH:MM (24-hour)`;

export class SlotFieldsDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday … 7 Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '14:00', pattern: TIME.source, description: 'Start, local time HH:MM' })
  @IsString()
  @Matches(TIME, { message: TIME_MESSAGE('startsAt') })
  startsAt: string;

  @ApiProperty({ example: '14:40', pattern: TIME.source, description: 'End, local time HH:MM, after the start' })
  @IsString()
  @Matches(TIME, { message: TIME_MESSAGE('endsAt') })
  endsAt: string;

  @ApiProperty({ format: 'uuid', description: 'Where the lesson is: one of the placement\'s host schools' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ enum: TEACHER_SUBJECT_CODES })
  @IsIn(TEACHER_SUBJECT_CODES)
  subject: TeacherSubject;

  @ApiProperty({ minimum: 1, maximum: 12, description: 'Grade (1–6 primary, 7–9 junior, 10–12 senior)' })
  @IsInt()
  @Min(1)
  @Max(12)
  grade: number;

  @ApiPropertyOptional({ maxLength: 32, example: '2班', description: 'Class within the grade; empty for a whole-grade or mixed lesson' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  className?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class CreateSlotDto extends SlotFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'The placement (not rejected, cancelled or completed)' })
  @IsUUID()
  placementId: string;
}

/** A slot is replaced as a whole: every field of the slot, the placement stays. */
export class UpdateSlotDto extends SlotFieldsDto {}

export class UpdateSlotRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateSlotDto) changes: UpdateSlotDto;
}

export class ListSlotsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Host school of the lesson, or the teacher\'s home school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  placementId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({ enum: TEACHER_SUBJECT_CODES })
  @IsOptional()
  @IsIn(TEACHER_SUBJECT_CODES)
  subject?: TeacherSubject;

  @ApiPropertyOptional({ format: 'date', description: 'Only slots whose placement runs on this day' })
  @IsOptional()
  @IsDateString({ strict: true })
  on?: string;
}

export class SlotWeekQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A teacher\'s week (give this or schoolId)' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A school\'s week: lessons it hosts and lessons its teachers give elsewhere' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'The week of this day (default: today, Asia/Shanghai)' })
  @IsOptional()
  @IsDateString({ strict: true })
  on?: string;
}

export class TravelWarningView {
  @ApiProperty({ format: 'uuid', description: 'The earlier slot' }) fromSlotId: string;
  @ApiProperty({ format: 'uuid', description: 'The next slot of the same teacher that day, at another school' }) toSlotId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ minimum: 1, maximum: 7 }) weekday: number;
  @ApiProperty({ description: 'Minutes between the end of one and the start of the next' }) gapMinutes: number;
  @ApiProperty({ description: 'Minutes the timetable asks for between two schools' }) neededMinutes: number;
}

export class SlotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) placementId: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty() teacherName: string;
  @ApiProperty({ format: 'uuid' }) homeSchoolId: string;
  @ApiProperty() homeSchoolName: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ minimum: 1, maximum: 7 }) weekday: number;
  @ApiProperty({ example: '14:00' }) startsAt: string;
  @ApiProperty({ example: '14:40' }) endsAt: string;
  @ApiProperty({ enum: TEACHER_SUBJECT_CODES }) subject: TeacherSubject;
  @ApiProperty() grade: number;
  @ApiProperty({ nullable: true, type: String }) className: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) placementStatus: PlacementStatus;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** What a create or an update answers: the slot, and any tight transfers it makes (a warning, never a refusal). */
export class SlotSavedView extends SlotView {
  @ApiProperty({ type: [TravelWarningView] }) travelWarnings: TravelWarningView[];
}

export class SlotWeekView {
  @ApiProperty({ format: 'date', description: 'The day the week was taken for' }) on: string;
  @ApiProperty({ format: 'date', description: 'Monday of that week' }) weekStart: string;
  @ApiProperty({ type: [SlotView], description: 'By weekday, then start time' }) slots: SlotView[];
  @ApiProperty({ type: [TravelWarningView] }) travelWarnings: TravelWarningView[];
}
