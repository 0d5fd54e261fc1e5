import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import type { FieldError } from '../common/problem.js';

export const SCORE_IMPORT_MODES = ['all', 'valid-only'] as const;
export type ScoreImportMode = (typeof SCORE_IMPORT_MODES)[number];

/** Whether a student sat a subject: `present` with a score, `absent` (缺考) or `exempt` (免考) without one. */
export const SCORE_STATUSES = ['present', 'absent', 'exempt'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

/**
 * What an empty score cell means in an import: `keep` (default) leaves the subject as it is (nothing is
 * stored for a new student, a stored score or mark stays), `clear` removes what is stored for the
 * subject, `absent` marks the student absent (缺考) in it.
 */
export const EMPTY_CELL_RULES = ['keep', 'clear', 'absent'] as const;
export type EmptyCellRule = (typeof EMPTY_CELL_RULES)[number];

/** What an import does (or, in a dry run, would do) with one row of the sheet. */
export const IMPORT_ROW_OUTCOMES = ['inserted', 'updated', 'unchanged', 'rejected'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

/** Row outcomes a report lists; the counts are always exact. */
export const MAX_ROW_OUTCOMES = 1000;

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
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Score by subject name; subjects without a score are missing' })
  scores: Record<string, number>;
  @ApiProperty({
    type: 'object', additionalProperties: { type: 'string', enum: ['absent', 'exempt'] },
    description: 'Subjects the student was marked absent (缺考) or exempt (免考) in; they have no score',
  })
  statuses: Record<string, Exclude<ScoreStatus, 'present'>>;
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
  @ApiProperty({ description: 'In the language of Accept-Language (zh-CN by default, en)' }) message: string;
  @ApiPropertyOptional({ description: 'Stable code of what is wrong with the row, e.g. assessment.score-import.score-negative' }) code?: string;
  @ApiPropertyOptional({
    description: 'The values the message was built from, for clients that show their own text',
    type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  })
  params?: Record<string, string | number>;
}

export class ScoreImportRowView {
  @ApiProperty({ description: '1-based row number in the sheet (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'The row\'s student number as written (empty when missing)' }) studentNo: string;
  @ApiProperty({
    enum: IMPORT_ROW_OUTCOMES,
    description: 'inserted: nothing of the student was stored; updated: a score, mark or the class changes; unchanged: the row matches what is stored; rejected: the row has errors',
  })
  outcome: ImportRowOutcome;
  @ApiProperty({ type: [ScoreImportRowErrorView], description: 'Why a rejected row is rejected (among the listed errors)' }) errors: FieldError[];
}

export class ScoreImportRowCountsView {
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
}

export class ScoreImportReportView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The import run; null for a dry run' }) importId: string | null;
  @ApiProperty({ description: 'True when nothing was written: the report says what the import would do' }) dryRun: boolean;
  @ApiProperty({ enum: SCORE_IMPORT_MODES }) mode: ScoreImportMode;
  @ApiProperty({ enum: EMPTY_CELL_RULES, description: 'What an empty score cell meant' }) empty: EmptyCellRule;
  @ApiProperty({ description: 'Data rows read' }) rows: number;
  @ApiProperty({ description: 'Rows imported (would be, in a dry run)' }) acceptedRows: number;
  @ApiProperty({ description: 'Rows with errors' }) skippedRows: number;
  @ApiProperty({ description: 'Mode all with a rejected row: nothing is (or would be) imported; the counts say what the good rows would do' }) blocked: boolean;
  @ApiProperty({ description: 'Scores and marks new to the exam' }) inserted: number;
  @ApiProperty({ description: 'Scores and marks that changed (including a class change of a student\'s other subjects)' }) updated: number;
  @ApiProperty({ description: 'Scores already stored with the same value' }) unchanged: number;
  @ApiProperty({ description: 'Stored scores or marks removed by empty cells (empty=clear)' }) cleared: number;
  @ApiProperty({ type: ScoreImportRowCountsView, description: 'Rows by outcome (exact)' }) rowCounts: ScoreImportRowCountsView;
  @ApiProperty({ type: [ScoreImportRowView], description: `The outcome of each row in sheet order, the first ${MAX_ROW_OUTCOMES} rows` }) rowOutcomes: ScoreImportRowView[];
  @ApiProperty({ description: 'True when the sheet has more rows than rowOutcomes lists' }) rowOutcomesTruncated: boolean;
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
  @IsOptional() @IsIn(EMPTY_CELL_RULES) empty?: EmptyCellRule;
  @IsOptional() @IsBoolean() dryRun?: boolean;
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
