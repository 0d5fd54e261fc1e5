import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { TEACHER_SUBJECT_CODES, type TeacherSubject } from './enums.js';

/*
 * What the itinerant timetable solver (走教排课) reads, entered per school (bell schedule, lessons needed) and per
 * itinerant teacher (times they cannot teach, daily travel limit). Times are wall-clock HH:MM of the school's day.
 */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = (field: string): string => `${field} must be a time of day as HH:MM (24-hour)`;

export class BellPeriodDto {
  @ApiProperty({ example: '08:00', pattern: TIME.source }) @IsString() @Matches(TIME, { message: TIME_MESSAGE('startsAt') }) startsAt: string;
  @ApiProperty({ example: '08:40', pattern: TIME.source }) @IsString() @Matches(TIME, { message: TIME_MESSAGE('endsAt') }) endsAt: string;
}

export class BellScheduleFieldsDto {
  @ApiProperty({ type: [Number], minimum: 1, maximum: 7, description: 'ISO weekdays with lessons (1 Monday … 7 Sunday)', example: [1, 2, 3, 4, 5] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiProperty({ type: [BellPeriodDto], description: 'The periods of a day in order, the same on each weekday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  @Type(() => BellPeriodDto)
  periods: BellPeriodDto[];
}

export class SetBellScheduleDto extends BellScheduleFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}

export class SchoolIdDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}

export class BellScheduleView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: [Number] }) weekdays: number[];
  @ApiProperty({ type: [BellPeriodDto] }) periods: BellPeriodDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: no bell schedule entered yet' }) updatedAt: string | null;
}

export class LessonNeedDto {
  @ApiProperty({ enum: TEACHER_SUBJECT_CODES }) @IsIn(TEACHER_SUBJECT_CODES) subject: TeacherSubject;
  @ApiProperty({ minimum: 1, maximum: 12 }) @IsInt() @Min(1) @Max(12) grade: number;
  @ApiProperty({ maxLength: 32, example: '1班' }) @IsString() @MaxLength(32) className: string;
  @ApiProperty({ minimum: 1, maximum: 14, description: 'Periods a week, at most two a school day' }) @IsInt() @Min(1) @Max(14) periodsPerWeek: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Fixed to this itinerant teacher; otherwise any teacher of the subject placed at the school' })
  @IsOptional()
  @IsUUID()
  teacherId?: string | null;
}

export class LessonNeedsFieldsDto {
  @ApiProperty({ type: [LessonNeedDto], description: 'Every lesson the school needs from itinerant teachers (replaces the previous list)' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => LessonNeedDto)
  lessons: LessonNeedDto[];
}

export class SetLessonNeedsDto extends LessonNeedsFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}

export class LessonNeedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TEACHER_SUBJECT_CODES }) subject: TeacherSubject;
  @ApiProperty() grade: number;
  @ApiProperty() className: string;
  @ApiProperty() periodsPerWeek: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teacherId: string | null;
}

export class LessonNeedsView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: [LessonNeedView] }) lessons: LessonNeedView[];
}

export class UnavailableTimeDto {
  @ApiProperty({ minimum: 1, maximum: 7 }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ example: '14:00', pattern: TIME.source }) @IsString() @Matches(TIME, { message: TIME_MESSAGE('startsAt') }) startsAt: string;
  @ApiProperty({ example: '16:00', pattern: TIME.source }) @IsString() @Matches(TIME, { message: TIME_MESSAGE('endsAt') }) endsAt: string;
}

export class TeacherLimitsFieldsDto {
  @ApiProperty({ type: [UnavailableTimeDto], description: 'Times the teacher cannot teach' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnavailableTimeDto)
  unavailable: UnavailableTimeDto[];

  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 600, description: 'Minutes of travel a day at most; null: no limit' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  maxTravelMinutesPerDay: number | null;
}

export class SetTeacherLimitsDto extends TeacherLimitsFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() teacherId: string;
}

export class TeacherIdDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() teacherId: string;
}

export class TeacherLimitsView {
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ type: [UnavailableTimeDto] }) unavailable: UnavailableTimeDto[];
  @ApiProperty({ nullable: true, type: Number }) maxTravelMinutesPerDay: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: nothing entered yet' }) updatedAt: string | null;
}
