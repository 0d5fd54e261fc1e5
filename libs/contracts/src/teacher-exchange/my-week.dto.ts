import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/**
 * What a teacher's week is made of, one kind per source: itinerant lessons (the timetable here),
 * activities they registered for (activities), facility bookings they made (curriculum), mentorship
 * lessons (mentorship here). A source that does not answer is reported as unavailable, the rest still shown.
 */
export const WEEK_ENTRY_KINDS = ['lesson', 'activity', 'booking', 'mentorship'] as const;
export type WeekEntryKind = (typeof WEEK_ENTRY_KINDS)[number];

export class MyWeekQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-07', description: 'Any day of the week wanted (Asia/Shanghai); default today. The week runs Monday to Sunday.' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;
}

export class WeekEntryView {
  @ApiProperty({ enum: WEEK_ENTRY_KINDS }) kind: WeekEntryKind;
  @ApiProperty({ description: 'Stable id of the entry within its kind (a lesson: slot id and date)' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The object behind it: timetable slot, activity, booking, mentorship lesson' }) refId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Status code where the kind has one (a booking: pending or approved; a mentorship lesson: done)' }) detail: string | null;
}

export class WeekSourceView {
  @ApiProperty({ enum: WEEK_ENTRY_KINDS }) kind: WeekEntryKind;
  @ApiProperty({ description: 'false when the source did not answer in time; its entries are missing from this answer' }) available: boolean;
}

export class MyWeekView {
  @ApiProperty({ format: 'date', description: 'Monday of the week' }) from: string;
  @ApiProperty({ format: 'date', description: 'Sunday of the week' }) to: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The roster teacher linked to the account (null: no lessons can be shown)' })
  teacherId: string | null;
  @ApiProperty({ type: [WeekEntryView], description: 'In start order' }) entries: WeekEntryView[];
  @ApiProperty({ type: [WeekSourceView] }) sources: WeekSourceView[];
}

export class WeekFeedTokenView {
  @ApiProperty({ type: String, nullable: true, description: 'The secret of your week feed URL; null until created' }) token: string | null;
  @ApiProperty({ type: String, nullable: true, example: '/api/v1/me/week/feeds/3kF…x.ics', description: 'Path of the feed, relative to the API origin' })
  feedPath: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) createdAt: string | null;
}

/** Bus payload of teacher-exchange.my-week.feed: the token (optionally ending .ics) is the credential; an unknown token is 404. */
export class WeekFeedRequest {
  @IsString()
  @MaxLength(200)
  token: string;
}

export class WeekFeedView {
  @ApiProperty({ description: 'text/calendar body (RFC 5545)' }) ics: string;
}

/** Body of POST /teacher-exchange/teachers/accounts. */
export class CreateTeacherAccountsDto {
  @ApiProperty({ format: 'uuid', description: 'The school whose roster teachers get accounts' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 200, description: 'Roster teachers of that school; those with an account already are left as they are' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  teacherIds: string[];
}

export class TeacherAccountsQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The school whose roster teachers\' accounts are listed' })
  @IsUUID()
  schoolId: string;
}
