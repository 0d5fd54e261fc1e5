import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsDateString, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IsNotBlank } from '../common/validation.js';

/** Lesson observation (听课评课): records against the district's versioned rubric. */
export class RubricLevelDto {
  @ApiProperty({ maxLength: 20, example: '优秀' })
  @IsString()
  @IsNotBlank()
  @MaxLength(20)
  label: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'The score this level gives' })
  @IsInt()
  @Min(0)
  @Max(100)
  score: number;
}

export class RubricDimensionDto {
  @ApiProperty({ maxLength: 32, example: 'goals', description: 'Stable key (letters, digits, -)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,31}$/, { message: 'key must be lower-case letters, digits or -' })
  key: string;

  @ApiProperty({ maxLength: 40, example: '教学目标' })
  @IsString()
  @IsNotBlank()
  @MaxLength(40)
  name: string;

  @ApiProperty({ type: [RubricLevelDto], description: 'Levels from best to worst' })
  @ArrayMinSize(2)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => RubricLevelDto)
  levels: RubricLevelDto[];
}

export class SaveRubricDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ type: [RubricDimensionDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => RubricDimensionDto)
  dimensions: RubricDimensionDto[];
}

export class RubricQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiPropertyOptional({ minimum: 1, description: 'A version (default: the current one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class RubricLevelView {
  @ApiProperty() label: string;
  @ApiProperty() score: number;
}

export class RubricDimensionView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [RubricLevelView] }) levels: RubricLevelView[];
  @ApiProperty({ description: 'The best level score' }) maxScore: number;
}

export class RubricView {
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [RubricDimensionView] }) dimensions: RubricDimensionView[];
  @ApiProperty() maxTotal: number;
  @ApiProperty({ description: 'The versions the district has, newest first' }) versions: number[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RecordObservationDto {
  @ApiProperty({ format: 'uuid', description: 'The observer (a roster teacher)' })
  @IsUUID()
  observerId: string;

  @ApiProperty({ format: 'uuid', description: 'The observed teacher (a roster teacher)' })
  @IsUUID()
  observedId: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  observedOn: string;

  @ApiProperty({ maxLength: 20, example: '数学' })
  @IsString()
  @IsNotBlank()
  @MaxLength(20)
  subject: string;

  @ApiProperty({ maxLength: 40, example: '四年级2班' })
  @IsString()
  @IsNotBlank()
  @MaxLength(40)
  className: string;

  @ApiProperty({ maxLength: 100, example: '分数的初步认识' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  topic: string;

  @ApiProperty({ description: 'The rubric version scored against (the current one when the form opened)' })
  @IsInt()
  @Min(1)
  rubricVersion: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { goals: 18 }, description: 'A score per rubric dimension key' })
  @IsObject()
  scores: Record<string, number>;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comments?: string;
}

export class ListObservationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Observer or observed teacher' })
  @IsOptional()
  @IsUUID()
  teacherId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Observer's or observed teacher's school" })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Inclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class ObservationStatsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Inclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this school (per-teacher figures of its teachers)' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class ObservationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) observerId: string;
  @ApiProperty() observerName: string;
  @ApiProperty({ format: 'uuid' }) observerSchoolId: string;
  @ApiProperty() observerSchoolName: string;
  @ApiProperty({ format: 'uuid' }) observedId: string;
  @ApiProperty() observedName: string;
  @ApiProperty({ format: 'uuid' }) observedSchoolId: string;
  @ApiProperty() observedSchoolName: string;
  @ApiProperty({ format: 'date' }) observedOn: string;
  @ApiProperty() subject: string;
  @ApiProperty() className: string;
  @ApiProperty() topic: string;
  @ApiProperty() rubricVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) scores: Record<string, number>;
  @ApiProperty() total: number;
  @ApiProperty() maxTotal: number;
  @ApiProperty({ description: 'total / maxTotal × 100, one decimal' }) percent: number;
  @ApiProperty({ nullable: true, type: String }) comments: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: "The observer's shadowing or observation placement at the observed school, when there is one" })
  placementId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ObservationTeacherStatsView {
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty() teacherName: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() given: number;
  @ApiProperty() received: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean percent of the observations received' }) averageReceived: number | null;
}

export class ObservationSchoolStatsView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ description: 'Observations its teachers gave' }) given: number;
  @ApiProperty({ description: 'Observations its teachers received' }) received: number;
  @ApiProperty({ description: 'Observations its teachers gave at other schools' }) givenElsewhere: number;
  @ApiProperty({ nullable: true, type: Number }) averageReceived: number | null;
}

export class ObservationStatsView {
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: [ObservationTeacherStatsView] }) teachers: ObservationTeacherStatsView[];
  @ApiProperty({ type: [ObservationSchoolStatsView] }) schools: ObservationSchoolStatsView[];
}
