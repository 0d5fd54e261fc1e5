import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class FeedTokenView {
  @ApiProperty({ type: String, nullable: true, description: 'The secret of the caller\'s feed URLs; null until created' }) token: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Path of the personal feed, relative to the API origin', example: '/api/v1/activities/calendar/feeds/3kF…x.ics' })
  feedPath: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) createdAt: string | null;
}

export class CalendarFeedQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this alliance\'s activities' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;
}

/** Bus payload of activities.calendar.feed: the token (optionally ending .ics) is the credential; any unknown token is 404. */
export class CalendarFeedRequest extends CalendarFeedQueryDto {
  @IsString()
  @MaxLength(200)
  token: string;
}

export class CalendarFeedView {
  @ApiProperty({ description: 'text/calendar body (RFC 5545)' }) ics: string;
}
