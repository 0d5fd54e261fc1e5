import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { TERM_PATTERN } from '../common/terms.js';

/** draft → open (scores may be imported) → published (analysis visible to schools) → archived. */
export const EXAM_STATUSES = ['draft', 'open', 'published', 'archived'] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];

export const EXAM_TRANSITIONS = ['open', 'publish', 'archive'] as const;
export type ExamTransition = (typeof EXAM_TRANSITIONS)[number];


export class ExamSubjectDto {
  @ApiProperty({ example: '语文', maxLength: 16, description: 'Subject name; also the score column header in the import file' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  name: string;

  @ApiProperty({ example: 100, minimum: 1, maximum: 300 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(300)
  fullMarks: number;

  @ApiPropertyOptional({ example: 60, description: 'Pass line (及格线); defaults to 60% of full marks' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  passLine?: number;

  @ApiPropertyOptional({ example: 85, description: 'Excellent line (优秀线); defaults to 85% of full marks' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  excellentLine?: number;

  @ApiPropertyOptional({ example: 40, description: 'Low-score line (低分线); a score below it is low; defaults to 40% of full marks' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  lowLine?: number;
}

export class ExamSchoolDto {
  @ApiProperty({ format: 'uuid', description: 'An active member school of the alliance' })
  @IsUUID()
  schoolId: string;

  @ApiPropertyOptional({ type: [String], example: ['七(1)班', '七(2)班'], description: 'Participating classes; empty means any class of the school' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(32, { each: true })
  classes?: string[];
}

export class CreateExamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  allianceId: string;

  @ApiProperty({ example: '2026-2027-1', description: 'School year and term: 2026-2027-1 is 2026–2027 学年第一学期' })
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1 (school year, then term 1 or 2)' })
  term: string;

  @ApiProperty({ example: '七年级', maxLength: 16 })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  grade: string;

  @ApiProperty({ example: '期中统一检测', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiProperty({ type: [ExamSubjectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => ExamSubjectDto)
  subjects: ExamSubjectDto[];

  @ApiProperty({ type: [ExamSchoolDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ExamSchoolDto)
  schools: ExamSchoolDto[];
}

export class UpdateExamDto {
  @ApiPropertyOptional({ example: '2026-2027-1' })
  @OptionalNotNull()
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1 (school year, then term 1 or 2)' })
  term?: string;

  @ApiPropertyOptional({ maxLength: 16 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  grade?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ type: [ExamSubjectDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => ExamSubjectDto)
  subjects?: ExamSubjectDto[];

  @ApiPropertyOptional({ type: [ExamSchoolDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ExamSchoolDto)
  schools?: ExamSchoolDto[];
}

export class ExamTransitionDto {
  @ApiProperty({ enum: EXAM_TRANSITIONS, description: 'open (accept scores), publish (analysis visible to schools), archive' })
  @IsIn(EXAM_TRANSITIONS)
  action: ExamTransition;
}

export class ListExamsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ example: '2026-2027-1' })
  @IsOptional()
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1' })
  term?: string;

  @ApiPropertyOptional({ enum: EXAM_STATUSES })
  @IsOptional()
  @IsIn(EXAM_STATUSES)
  status?: ExamStatus;
}

export class ExamSubjectView {
  @ApiProperty() name: string;
  @ApiProperty() fullMarks: number;
  @ApiProperty() passLine: number;
  @ApiProperty() excellentLine: number;
  @ApiProperty() lowLine: number;
}

export class ExamSchoolView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolCode: string | null;
  @ApiProperty({ type: [String] }) classes: string[];
}

export class ExamView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ type: String, nullable: true }) allianceName: string | null;
  @ApiProperty({ example: '2026-2027-1' }) term: string;
  @ApiProperty() grade: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: EXAM_STATUSES }) status: ExamStatus;
  @ApiProperty({ type: [ExamSubjectView] }) subjects: ExamSubjectView[];
  @ApiProperty({ type: [ExamSchoolView] }) schools: ExamSchoolView[];
  @ApiProperty({ description: 'Students with at least one score the caller may see' }) studentCount: number;
  @ApiProperty({ description: 'Whether the caller may change the exam (alliance or district admin)' }) canManage: boolean;
  @ApiProperty({ description: 'Whether the caller may import and correct scores now' }) canEnterScores: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
