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

export class SetTravelDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolAId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolBId: string;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 600, description: 'Travel minutes either way; null: estimate from the schools\' coordinates again' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  minutes: number | null;
}

export class AllianceIdDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() allianceId: string;
}

export class TravelEntryView {
  @ApiProperty({ format: 'uuid' }) schoolAId: string;
  @ApiProperty({ format: 'uuid' }) schoolBId: string;
  @ApiProperty() minutes: number;
}

export class TravelView {
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ type: [TravelEntryView], description: 'Travel minutes entered by hand between the alliance\'s schools' }) entries: TravelEntryView[];
}

/** How a solve job stands: queued, running (in a worker thread of one copy of the service), done, failed, accepted. */
export const SOLVE_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'accepted'] as const;
export type SolveJobStatus = (typeof SOLVE_JOB_STATUSES)[number];

export class CreateSolveJobDto {
  @ApiProperty({ format: 'uuid', description: 'The alliance whose itinerant teachers and member schools are timetabled' }) @IsUUID() allianceId: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 300, description: 'Seconds the solver may take (default 30)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300)
  timeLimitSeconds?: number;
}

export class SolveJobCreatedView {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class ProposedLessonView {
  @ApiProperty({ format: 'uuid', description: 'The lesson needed (a row of the school\'s lessons)' }) lessonId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ minimum: 1, maximum: 7 }) weekday: number;
  @ApiProperty({ description: 'Index into the school\'s bell schedule (0 = first period)' }) period: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}

export class TeacherTravelView {
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty() travelMinutes: number;
  @ApiProperty() idleMinutes: number;
}

export class RuleBreakView {
  @ApiProperty({ description: 'Which rule: periods, one-teacher, spread, class-clash, teacher-clash, travel-limit, unavailable, not-eligible, not-a-period …' })
  code: string;
  @ApiPropertyOptional({ format: 'uuid' }) lessonId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) teacherId?: string;
  @ApiPropertyOptional() weekday?: number;
}

export class SolveProposalView {
  @ApiProperty({ enum: ['optimal', 'feasible', 'incomplete', 'infeasible'] }) outcome: string;
  @ApiProperty({ description: '(cost − proven bound) / cost: 0 when proven optimal' }) gap: number;
  @ApiProperty() objective: number;
  @ApiProperty() travelMinutes: number;
  @ApiProperty() idleMinutes: number;
  @ApiProperty({ type: [ProposedLessonView] }) lessons: ProposedLessonView[];
  @ApiProperty({ type: [TeacherTravelView] }) teachers: TeacherTravelView[];
  @ApiProperty({ type: [RuleBreakView], description: 'Rules the proposal breaks (after an admin moved lessons); empty as solved' }) breaks: RuleBreakView[];
}

export class SolveJobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ enum: SOLVE_JOB_STATUSES }) status: SolveJobStatus;
  @ApiProperty({ nullable: true, type: Object, description: 'components done of all, and the gap so far' }) progress: { componentsDone: number; components: number; gap: number | null } | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty({ type: SolveProposalView, nullable: true }) proposal: SolveProposalView | null;
}

export class MoveTargetDto {
  @ApiProperty({ minimum: 1, maximum: 7 }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ minimum: 0, maximum: 15, description: 'Index into the school\'s bell schedule' }) @IsInt() @Min(0) @Max(15) period: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Another eligible teacher (moves every period of the lesson to them)' }) @IsOptional() @IsUUID() teacherId?: string;
}

export class MoveLessonFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lessonId: string;
  @ApiProperty({ format: 'uuid', description: 'The teacher the lesson-period has now' }) @IsUUID() teacherId: string;
  @ApiProperty({ minimum: 1, maximum: 7, description: 'Where the lesson-period is now' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ minimum: 0, maximum: 15 }) @IsInt() @Min(0) @Max(15) period: number;
  @ApiProperty({ type: MoveTargetDto }) @ValidateNested() @Type(() => MoveTargetDto) to: MoveTargetDto;
}

export class MoveLessonDto extends MoveLessonFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'The solve job' }) @IsUUID() id: string;
}

export class SolveAcceptedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Timetable slots written' }) slots: number;
}
