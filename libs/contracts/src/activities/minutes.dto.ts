import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { NamedRef } from './activities.dto.js';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from './enums.js';

export class ActionItemInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing item to keep; omit to add a new one' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 200, example: '各成员校上报下学期送教需求' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The responsible user, whose "my action items" list shows it' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @ApiProperty({ maxLength: 64, description: 'Name of the responsible person' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  ownerName: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The responsible school; its school admin may mark the item done' })
  @IsOptional()
  @IsUUID()
  ownerSchoolId?: string;

  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'Due date (Asia/Shanghai)' })
  @IsDateString({ strict: true })
  dueOn: string;
}

export class SaveMinutesDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Which occurrence the meeting was; defaults to the first one' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurrenceStart?: string;

  @ApiProperty({ maxLength: 10000, description: 'Summary of the meeting (会议纪要)' })
  @IsString()
  @MaxLength(10000)
  summary: string;

  @ApiProperty({ type: [String], description: 'Decisions taken (决议事项)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(500, { each: true })
  decisions: string[];

  @ApiProperty({ type: [ActionItemInputDto], description: 'The full list: items left out are removed (done items stay)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActionItemInputDto)
  actionItems: ActionItemInputDto[];
}

export class ListActionItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  activityId?: string;

  @ApiPropertyOptional({ enum: [...ACTION_ITEM_STATUSES, 'pending'], description: 'pending = open or overdue' })
  @IsOptional()
  @IsIn([...ACTION_ITEM_STATUSES, 'pending'])
  status?: ActionItemStatus | 'pending';

  @ApiPropertyOptional({ description: 'Only items the caller owns (as user, or as admin of the owner school)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  mine?: boolean;
}

export class ActionItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) minutesId: string;
  @ApiProperty({ type: NamedRef }) activity: NamedRef;
  @ApiProperty({ type: NamedRef }) alliance: NamedRef;
  @ApiProperty({ format: 'date-time' }) occurrenceStart: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerUserId: string | null;
  @ApiProperty() ownerName: string;
  @ApiProperty({ type: NamedRef, nullable: true }) ownerSchool: NamedRef | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES, description: 'overdue is computed against today in Asia/Shanghai' }) status: ActionItemStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) doneAt: string | null;
  @ApiProperty({ type: String, nullable: true }) doneBy: string | null;
  @ApiProperty({ description: 'Whether the caller may mark it done or reopen it' }) canComplete: boolean;
}

export class MinutesView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ format: 'date-time' }) occurrenceStart: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) decisions: string[];
  @ApiProperty({ type: [ActionItemView] }) actionItems: ActionItemView[];
  @ApiProperty({ type: String, nullable: true }) recordedBy: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
