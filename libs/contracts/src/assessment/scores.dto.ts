import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import type { FieldError } from '../common/problem.js';

export const SCORE_IMPORT_MODES = ['all', 'valid-only'] as const;
export type ScoreImportMode = (typeof SCORE_IMPORT_MODES)[number];

/** The fixed leading columns of a score sheet; one column per exam subject follows. */
export const SCORE_COLUMNS = { studentNo: '学号', studentName: '姓名', school: '学校', className: '班级' } as const;

export class ListScoresQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  className?: string;
}

export class StudentScoresView {
  @ApiProperty() studentNo: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty() className: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Score by subject name; absent subjects are missing' })
  scores: Record<string, number>;
}

export class CorrectScoreDto {
  @ApiProperty({ maxLength: 32 })
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  studentNo: string;

  @ApiProperty({ example: '数学' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  subject: string;

  @ApiProperty({ example: 87.5, minimum: 0 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  score: number;

  @ApiProperty({ maxLength: 500, description: 'Why the score changes (required, kept in the audit record)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class ScoreCorrectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() studentNo: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() subject: string;
  @ApiProperty({ type: Number, nullable: true }) before: number | null;
  @ApiProperty() after: number;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true }) correctedBy: string | null;
  @ApiProperty({ format: 'date-time' }) correctedAt: string;
}

export class ScoreImportRowErrorView {
  @ApiProperty({ description: '1-based row number in the sheet (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'Column header, e.g. 学校 or 数学' }) field: string;
  @ApiProperty() message: string;
}

export class ScoreImportReportView {
  @ApiProperty({ format: 'uuid' }) importId: string;
  @ApiProperty({ enum: SCORE_IMPORT_MODES }) mode: ScoreImportMode;
  @ApiProperty({ description: 'Data rows read' }) rows: number;
  @ApiProperty({ description: 'Rows imported' }) acceptedRows: number;
  @ApiProperty({ description: 'Rows skipped for errors (valid-only)' }) skippedRows: number;
  @ApiProperty({ description: 'Scores new to the exam' }) inserted: number;
  @ApiProperty({ description: 'Scores that changed' }) updated: number;
  @ApiProperty({ description: 'Scores already stored with the same value' }) unchanged: number;
  @ApiProperty({ type: [ScoreImportRowErrorView] }) errors: FieldError[];
  @ApiProperty({ description: 'True when more row errors existed than are listed' }) errorsTruncated: boolean;
}

/** Who the generated file is for: the gateway streams it by key. */
export class ExamFileView {
  @ApiProperty() key: string;
  @ApiProperty() filename: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
}

/** The file as the gateway stored it; bytes stay in the file store. */
export class ExamFileDto {
  @IsString() @IsNotEmpty() key: string;
  @IsNumber() size: number;
  @IsString() sha256: string;
  @IsString() contentType: string;
  @IsString() @IsNotEmpty() filename: string;
}

export class ImportScoresRequest {
  @IsUUID() examId: string;
  @IsIn(SCORE_IMPORT_MODES) mode: ScoreImportMode;
  @IsObject() @ValidateNested() @Type(() => ExamFileDto) file: ExamFileDto;
}

export class CorrectScoreRequest {
  @IsUUID() examId: string;
  @ValidateNested() @Type(() => CorrectScoreDto) body: CorrectScoreDto;
}

export class ListScoresRequest extends ListScoresQueryDto {
  @IsUUID() examId: string;
}

export class ListCorrectionsRequest extends PageQueryDto {
  @IsUUID() examId: string;
}
