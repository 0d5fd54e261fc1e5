import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank } from '../common/validation.js';

/** Mentorship (师徒结对): a mentor and an apprentice for a term, with a demo and a report lesson each teaching month. */
export const MENTORSHIP_STATUSES = ['active', 'closed'] as const;
export type MentorshipStatus = (typeof MENTORSHIP_STATUSES)[number];

/** demo: 示范课 by the mentor; report: 汇报课 by the apprentice. */
export const MENTOR_LESSON_KINDS = ['demo', 'report'] as const;
export type MentorLessonKind = (typeof MENTOR_LESSON_KINDS)[number];

/** Who a term-end comment speaks for. */
export const MENTORSHIP_COMMENT_SIDES = ['mentor', 'apprentice', 'school'] as const;
export type MentorshipCommentSide = (typeof MENTORSHIP_COMMENT_SIDES)[number];

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateMentorshipDto {
  @ApiProperty({ format: 'uuid', description: 'The mentor (a roster teacher)' })
  @IsUUID()
  mentorId: string;

  @ApiProperty({ format: 'uuid', description: 'The apprentice (a roster teacher of a school of the same alliance)' })
  @IsUUID()
  apprenticeId: string;

  @ApiProperty({ example: '2026-2027-1', description: 'The term the pair works in' })
  @IsString()
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1' })
  term: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Alliance the pair runs under; needed only when the schools share several' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiProperty({ maxLength: 2000, description: 'Term goals (学期目标)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  goals: string;
}

export class ListMentorshipsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-2027-1' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1' })
  term?: string;

  @ApiPropertyOptional({ enum: MENTORSHIP_STATUSES })
  @IsOptional()
  @IsIn(MENTORSHIP_STATUSES)
  status?: MentorshipStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "Mentor's or apprentice's school" })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Mentor or apprentice' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;
}

/** Schedules a month's demo or report lesson, adds its evidence, and marks it done (all in one upsert). */
export class RecordMentorLessonDto {
  @ApiProperty({ example: '2026-10', description: 'The teaching month (YYYY-MM) of the term' })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'month must look like 2026-10' })
  month: string;

  @ApiProperty({ enum: MENTOR_LESSON_KINDS, description: 'demo (示范课, by the mentor) or report (汇报课, by the apprentice)' })
  @IsIn(MENTOR_LESSON_KINDS)
  kind: MentorLessonKind;

  @ApiProperty({ format: 'date', example: '2026-10-15', description: 'A day of that month' })
  @IsDateString({ strict: true })
  scheduledOn: string;

  @ApiProperty({ example: '09:00' })
  @IsString()
  @Matches(TIME_PATTERN, { message: 'startsAt must look like 09:00' })
  startsAt: string;

  @ApiProperty({ maxLength: 100, example: '实验小学 录播教室' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  place: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lesson plan: a resource of the resource library the caller may see' })
  @IsOptional()
  @IsUUID()
  lessonPlanId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'A video of the lesson (https link)' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'videoUrl must be an https link' })
  @MaxLength(500)
  videoUrl?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Reflection (教学反思)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reflection?: string;

  @ApiPropertyOptional({ description: 'The lesson was given (needs a day not in the future, a reflection, and a lesson plan or a video)' })
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

export class MentorshipCommentDto {
  @ApiProperty({ enum: MENTORSHIP_COMMENT_SIDES })
  @IsIn(MENTORSHIP_COMMENT_SIDES)
  side: MentorshipCommentSide;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  text: string;
}

export class MentorshipMissedQueryDto {
  @ApiProperty({ example: '2026-2027-1' })
  @IsString()
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1' })
  term: string;
}

/** teacher-exchange.mentorship.lessons-of-teacher: a roster teacher's mentorship lessons between two days (for "my week"). */
export class TeacherMentorLessonsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teacherId: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ format: 'date', description: 'Inclusive' })
  @IsDateString({ strict: true })
  to: string;
}

export class MentorLessonView {
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ enum: MENTOR_LESSON_KINDS }) kind: MentorLessonKind;
  @ApiProperty({ format: 'uuid', description: 'The teacher who gives it' }) teacherId: string;
  @ApiProperty({ format: 'date' }) scheduledOn: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) lessonPlanId: string | null;
  @ApiProperty({ nullable: true, type: String }) lessonPlanTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) videoUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) reflection: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) doneAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MentorMonthView {
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ nullable: true, type: MentorLessonView }) demo: MentorLessonView | null;
  @ApiProperty({ nullable: true, type: MentorLessonView }) report: MentorLessonView | null;
  @ApiProperty({ description: 'Both lessons done' }) complete: boolean;
  @ApiProperty({ description: 'The month is over without both lessons done' }) missed: boolean;
}

export class MentorshipCommentsView {
  @ApiProperty({ nullable: true, type: String }) mentor: string | null;
  @ApiProperty({ nullable: true, type: String }) apprentice: string | null;
  @ApiProperty({ nullable: true, type: String }) school: string | null;
}

export class MentorshipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty() allianceName: string;
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) mentorId: string;
  @ApiProperty() mentorName: string;
  @ApiProperty({ format: 'uuid' }) mentorSchoolId: string;
  @ApiProperty() mentorSchoolName: string;
  @ApiProperty({ format: 'uuid' }) apprenticeId: string;
  @ApiProperty() apprenticeName: string;
  @ApiProperty({ format: 'uuid' }) apprenticeSchoolId: string;
  @ApiProperty() apprenticeSchoolName: string;
  @ApiProperty() goals: string;
  @ApiProperty({ enum: MENTORSHIP_STATUSES }) status: MentorshipStatus;
  @ApiProperty({ type: [MentorMonthView], description: 'The teaching months of the term, in order' }) months: MentorMonthView[];
  @ApiProperty({ description: 'Months over without both lessons done' }) missedMonths: number;
  @ApiProperty({ type: MentorshipCommentsView }) comments: MentorshipCommentsView;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MentorshipSchoolMissedView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ description: 'Pairs with a teacher of this school' }) pairs: number;
  @ApiProperty({ description: 'Missed months summed over those pairs' }) missedMonths: number;
}

export class MentorshipMissedView {
  @ApiProperty() term: string;
  @ApiProperty({ type: [MentorshipSchoolMissedView] }) schools: MentorshipSchoolMissedView[];
}

/** One mentorship lesson a teacher gives or attends, for a calendar. */
export class TeacherMentorLessonView {
  @ApiProperty({ format: 'uuid' }) mentorshipId: string;
  @ApiProperty({ enum: MENTOR_LESSON_KINDS }) kind: MentorLessonKind;
  @ApiProperty({ enum: ['mentor', 'apprentice'] }) role: 'mentor' | 'apprentice';
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() place: string;
  @ApiProperty() mentorName: string;
  @ApiProperty() apprenticeName: string;
  @ApiProperty() done: boolean;
}

export class RecordMentorLessonRequest {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => RecordMentorLessonDto) body: RecordMentorLessonDto;
}

export class MentorshipCommentRequest {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => MentorshipCommentDto) body: MentorshipCommentDto;
}
