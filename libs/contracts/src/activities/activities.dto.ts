import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUrl, IsUUID, Max,
  MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import {
  ACTIVITY_KINDS, ACTIVITY_STATUSES, PLACE_KINDS, RECURRENCE_FREQS,
  type ActivityKind, type ActivityStatus, type PlaceKind, type RecurrenceFreq,
} from './enums.js';

export class ActivityPlaceDto {
  @ApiProperty({ enum: PLACE_KINDS, description: 'school (at a school), facility (a named facility) or online (a meeting link)' })
  @IsIn(PLACE_KINDS)
  kind: PlaceKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'The school; required for kind school, optional for a facility of a school' })
  @ValidateIf((o: ActivityPlaceDto) => o.kind === 'school' || o.schoolId !== undefined)
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ maxLength: 100, example: '清溪县青少年宫 科技馆', description: 'Required for kind facility' })
  @ValidateIf((o: ActivityPlaceDto) => o.kind === 'facility' || o.facilityName !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  facilityName?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'https://meeting.example.org/j/123456', description: 'Required for kind online' })
  @ValidateIf((o: ActivityPlaceDto) => o.kind === 'online' || o.url !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) link' })
  @MaxLength(500)
  url?: string;
}

export class ActivityAudienceDto {
  @ApiProperty({ description: 'Teachers may take part' })
  @IsBoolean()
  teachers: boolean;

  @ApiProperty({ type: [Number], description: 'Grades (1–12) whose students may take part; empty for none', example: [4, 5] })
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  studentGrades: number[];

  @ApiProperty({ description: 'Parents may take part' })
  @IsBoolean()
  parents: boolean;
}

/** Repetition: every `interval` weeks or months from the first start, until a local date or for a count of occurrences. */
export class RecurrenceDto {
  @ApiProperty({ enum: RECURRENCE_FREQS })
  @IsIn(RECURRENCE_FREQS)
  freq: RecurrenceFreq;

  @ApiProperty({ minimum: 1, maximum: 12, default: 1 })
  @IsInt()
  @Min(1)
  @Max(12)
  interval: number;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (Asia/Shanghai, inclusive) an occurrence may start; give until or count' })
  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, description: 'Number of occurrences; give until or count' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  count?: number;
}

export class CreateActivityDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  allianceId: string;

  @ApiProperty({ format: 'uuid', description: 'The organising school; must be an active member of the alliance' })
  @IsUUID()
  organiserSchoolId: string;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ maxLength: 100, example: '四年级数学“图形的运动”联片展示课' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-15T06:00:00Z', description: 'Start of the (first) occurrence, UTC or with offset' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-15T08:00:00Z' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ type: ActivityPlaceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ActivityPlaceDto)
  place: ActivityPlaceDto;

  @ApiProperty({ type: ActivityAudienceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ActivityAudienceDto)
  audience: ActivityAudienceDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, nullable: true, type: Number, description: 'Places per participating school and occurrence; omit or null for no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacityPerSchool?: number | null;

  @ApiPropertyOptional({ type: RecurrenceDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto | null;

  @ApiPropertyOptional({ format: 'uuid', description: "The alliance body (working group, studio …) that runs the activity; a current body of the activity's alliance" })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

export class UpdateActivityDto {
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @OptionalNotNull()
  @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({ type: ActivityPlaceDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ActivityPlaceDto)
  place?: ActivityPlaceDto;

  @ApiPropertyOptional({ type: ActivityAudienceDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ActivityAudienceDto)
  audience?: ActivityAudienceDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacityPerSchool?: number | null;

  @ApiPropertyOptional({ type: RecurrenceDto, nullable: true, description: 'null stops the repetition' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The alliance body that runs the activity; null removes the link' })
  @IsOptional()
  @IsUUID()
  bodyId?: string | null;
}

export class CancelActivityDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

/** Cancels one occurrence of a repeating activity (a holiday, an exam week); the series goes on. */
export class CancelOccurrenceDto {
  @ApiProperty({ format: 'date-time', example: '2026-10-22T06:00:00Z', description: 'The occurrence to cancel (its start, as listed)' })
  @IsISO8601({ strict: true })
  occurrenceStart: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class ListActivitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES })
  @IsOptional()
  @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organised by this school' })
  @IsOptional()
  @IsUUID()
  organiserSchoolId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only activities run by this alliance body' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

/** Occurrences of every visible activity that start within [from, to) — at most 400 days. */
export class ListOccurrencesQueryDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  to: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;
}

export class NamedRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ActivityPlaceView {
  @ApiProperty({ enum: PLACE_KINDS }) kind: PlaceKind;
  @ApiProperty({ type: NamedRef, nullable: true }) school: NamedRef | null;
  @ApiProperty({ type: String, nullable: true }) facilityName: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
}

export class ActivityAudienceView {
  @ApiProperty() teachers: boolean;
  @ApiProperty({ type: [Number] }) studentGrades: number[];
  @ApiProperty() parents: boolean;
}

export class RecurrenceView {
  @ApiProperty({ enum: RECURRENCE_FREQS }) freq: RecurrenceFreq;
  @ApiProperty() interval: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) until: string | null;
  @ApiProperty({ type: Number, nullable: true }) count: number | null;
}

export class ActivityView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: NamedRef }) alliance: NamedRef;
  @ApiProperty({ type: NamedRef }) organiserSchool: NamedRef;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind: ActivityKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'date-time', description: 'UTC start of the first occurrence' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The zone it is shown and repeated in' }) timeZone: string;
  @ApiProperty({ type: ActivityPlaceView }) place: ActivityPlaceView;
  @ApiProperty({ type: ActivityAudienceView }) audience: ActivityAudienceView;
  @ApiProperty({ type: Number, nullable: true }) capacityPerSchool: number | null;
  @ApiProperty({ type: RecurrenceView, nullable: true }) recurrence: RecurrenceView | null;
  @ApiProperty({ type: String, nullable: true, example: 'FREQ=WEEKLY;INTERVAL=1;COUNT=10', description: 'RFC 5545 RRULE of the repetition' }) rrule: string | null;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status: ActivityStatus;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The alliance body that runs the activity' }) bodyId: string | null;
  @ApiProperty({ description: 'Whether the caller may change it, register any member school, check in and keep minutes' }) canManage: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OccurrenceView {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ format: 'date-time', description: 'Identifies the occurrence (its UTC start)' }) occurrenceStart: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind: ActivityKind;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status: ActivityStatus;
  @ApiProperty({ type: NamedRef }) alliance: NamedRef;
  @ApiProperty({ type: NamedRef }) organiserSchool: NamedRef;
  @ApiProperty({ type: ActivityPlaceView }) place: ActivityPlaceView;
  @ApiProperty() recurring: boolean;
  @ApiProperty({ description: 'This occurrence alone was cancelled (the activity goes on); status is then cancelled too' }) cancelled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why this occurrence, or the whole activity, was cancelled' }) cancelReason: string | null;
}

export class OccurrencesView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [OccurrenceView] }) items: OccurrenceView[];
}
