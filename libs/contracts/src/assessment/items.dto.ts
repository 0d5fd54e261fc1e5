import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import type { FieldError } from '../common/problem.js';
import { SCORE_IMPORT_MODES, ScoreImportRowCountsView, ScoreImportRowErrorView, ScoreImportRowView, ExamFileDto, type ScoreImportMode } from './scores.dto.js';

/** 客观题 (scored against a key) or 主观题 (marked by hand). */
export const ITEM_TYPES = ['objective', 'subjective'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Items a paper may hold; a district paper has about 25. */
export const MAX_PAPER_ITEMS = 100;
/** Options an objective item may have: A to H. */
export const MAX_ITEM_OPTIONS = 8;

/** Where an item is flagged: a discrimination below this is "low" (Ebel's rule of thumb: below 0.2 an item is poor). */
export const LOW_DISCRIMINATION = 0.2;

export class PaperItemDto {
  @ApiProperty({ maxLength: 16, example: '13(2)', description: 'The item number as printed; it is the item\'s column header in the item score sheet' })
  @IsString() @IsNotBlank() @MaxLength(16)
  no: string;

  @ApiPropertyOptional({ maxLength: 32, example: '一、选择题', description: 'The section (大题) the item belongs to' })
  @IsOptional() @IsString() @MaxLength(32)
  section?: string;

  @ApiProperty({ minimum: 0.5, maximum: 150, example: 4 })
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(150)
  fullMarks: number;

  @ApiProperty({ enum: ITEM_TYPES })
  @IsIn(ITEM_TYPES)
  type: ItemType;

  @ApiPropertyOptional({ example: 'B', description: 'Objective items: the key, one or more letters A–H (e.g. AC for a multiple-answer item)' })
  @IsOptional() @IsString() @Matches(/^[A-H]{1,8}$/)
  key?: string;

  @ApiPropertyOptional({ minimum: 2, maximum: MAX_ITEM_OPTIONS, description: 'Objective items: how many options; 4 (A–D) when not given' })
  @IsOptional() @IsInt() @Min(2) @Max(MAX_ITEM_OPTIONS)
  options?: number;

  @ApiPropertyOptional({ type: [String], example: ['一元二次方程'], description: 'Knowledge points (知识点) the item tests' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @IsNotBlank({ each: true }) @MaxLength(32, { each: true })
  knowledgePoints?: string[];

  @ApiPropertyOptional({ type: [String], example: ['运算能力'], description: 'Abilities (能力) the item tests' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @IsNotBlank({ each: true }) @MaxLength(32, { each: true })
  abilities?: string[];
}

export class SavePaperDto {
  @ApiProperty({ example: '数学', description: 'The exam subject the paper is for' })
  @IsString() @IsNotBlank() @MaxLength(16)
  subject: string;

  @ApiProperty({ type: [PaperItemDto], description: `1 to ${MAX_PAPER_ITEMS} items in paper order; their full marks add up to the subject's` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_PAPER_ITEMS) @ValidateNested({ each: true }) @Type(() => PaperItemDto)
  items: PaperItemDto[];
}

export class PaperItemView {
  @ApiProperty() no: string;
  @ApiProperty() section: string;
  @ApiProperty() fullMarks: number;
  @ApiProperty({ enum: ITEM_TYPES }) type: ItemType;
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Objective items: how many options' }) options: number | null;
  @ApiProperty({ type: [String] }) knowledgePoints: string[];
  @ApiProperty({ type: [String] }) abilities: string[];
}

export class PaperView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: "The subject's full marks; the items add up to it" }) fullMarks: number;
  @ApiProperty({ type: [PaperItemView], description: 'Empty when the subject has no paper yet' }) items: PaperItemView[];
  @ApiProperty({ description: 'Students with item scores in the subject' }) itemScoreCount: number;
  @ApiProperty({ description: 'The caller may change the paper now (a manager, the exam not published, and no item scores stored for a change of items)' }) editable: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class PaperListView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty({ type: [PaperView], description: 'One per exam subject, in the exam\'s subject order' }) papers: PaperView[];
}

export class PaperSubjectQueryDto {
  @ApiProperty({ example: '数学' })
  @IsString() @IsNotBlank() @MaxLength(16)
  subject: string;
}

export class SavePaperRequest {
  @IsUUID() examId: string;
  @ValidateNested() @Type(() => SavePaperDto) body: SavePaperDto;
}

export class PaperSubjectRequest extends PaperSubjectQueryDto {
  @IsUUID() examId: string;
}

export class ImportItemScoresRequest {
  @IsUUID() examId: string;
  @IsString() @IsNotBlank() @MaxLength(16) subject: string;
  @IsIn(SCORE_IMPORT_MODES) mode: ScoreImportMode;
  @IsOptional() @IsBoolean() dryRun?: boolean;
  @IsObject() @ValidateNested() @Type(() => ExamFileDto) file: ExamFileDto;
}

export class ItemImportReportView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The import run; null for a dry run' }) importId: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'True when nothing was written: the report says what the import would do' }) dryRun: boolean;
  @ApiProperty({ enum: SCORE_IMPORT_MODES }) mode: ScoreImportMode;
  @ApiProperty({ description: 'Data rows read' }) rows: number;
  @ApiProperty({ description: 'Rows imported (would be, in a dry run)' }) acceptedRows: number;
  @ApiProperty({ description: 'Rows with errors' }) skippedRows: number;
  @ApiProperty({ description: 'Mode all with a rejected row: nothing is (or would be) imported' }) blocked: boolean;
  @ApiProperty({ type: ScoreImportRowCountsView, description: 'Students by outcome: inserted (no item scores stored yet), updated, unchanged, rejected' }) rowCounts: ScoreImportRowCountsView;
  @ApiProperty({ type: [ScoreImportRowView], description: 'The outcome of each row in sheet order, the first 1000 rows' }) rowOutcomes: ScoreImportRowView[];
  @ApiProperty() rowOutcomesTruncated: boolean;
  @ApiProperty({ type: [ScoreImportRowErrorView] }) errors: FieldError[];
  @ApiProperty() errorsTruncated: boolean;
}

/** Why an item is flagged: its discrimination is below 0, or below LOW_DISCRIMINATION. */
export const ITEM_FLAGS = ['negative-discrimination', 'low-discrimination'] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

export class OptionShareView {
  @ApiProperty({ example: 'B' }) option: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Share of the students whose chosen option is known, 0–1, 4 decimals' }) rate: number;
  @ApiProperty({ description: 'The option is the key' }) isKey: boolean;
}

export class ItemStatsView {
  @ApiProperty() no: string;
  @ApiProperty() section: string;
  @ApiProperty({ enum: ITEM_TYPES }) type: ItemType;
  @ApiProperty() fullMarks: number;
  @ApiProperty({ type: [String] }) knowledgePoints: string[];
  @ApiProperty({ description: 'Mean item score, 2 decimals' }) mean: number;
  @ApiProperty({ description: 'Difficulty (得分率): mean / full marks, 0–1, 4 decimals' }) difficulty: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Corrected item-total correlation (point-biserial for 0/1 items): Pearson r of the item score with the total minus the item; null when either has no spread' })
  discrimination: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Upper-lower index D: (mean of the top 27% by total − mean of the bottom 27%) / full marks; null under 2 students' })
  upperLower: number | null;
  @ApiProperty({ type: [OptionShareView], description: 'Objective items: students per chosen option (from sheets that gave the option)' }) options: OptionShareView[];
  @ApiProperty({ description: 'Objective items: students whose option is known' }) optionsKnown: number;
  @ApiProperty({ enum: ITEM_FLAGS, isArray: true }) flags: ItemFlag[];
}

export class KnowledgePointRateView {
  @ApiProperty({ enum: ['alliance', 'school', 'class'] }) level: 'alliance' | 'school' | 'class';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true }) className: string | null;
  @ApiProperty() students: number;
  @ApiProperty({ description: 'Score rate: points scored on the knowledge point\'s items / their full marks, 0–1, 4 decimals' }) rate: number;
}

export class KnowledgePointView {
  @ApiProperty() knowledgePoint: string;
  @ApiProperty({ type: [String] }) items: string[];
  @ApiProperty() fullMarks: number;
  @ApiProperty({ type: [KnowledgePointRateView] }) rates: KnowledgePointRateView[];
}

export class ItemAnalysisView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() subject: string;
  @ApiProperty() fullMarks: number;
  @ApiProperty({ description: 'Students with item scores (the whole alliance)' }) students: number;
  @ApiProperty({ description: 'Students in each of the upper and lower groups: round(27% × students)' }) groupSize: number;
  @ApiProperty({ type: Number, nullable: true, description: "Cronbach's alpha of the paper, 4 decimals; null under 2 items or without spread of totals" }) alpha: number | null;
  @ApiProperty({ description: 'Mean of the item totals, 2 decimals' }) mean: number;
  @ApiProperty({ description: 'Discrimination below which an item is flagged low' }) lowDiscrimination: number;
  @ApiProperty({ type: [ItemStatsView] }) items: ItemStatsView[];
  @ApiProperty({ type: [KnowledgePointView] }) knowledgePoints: KnowledgePointView[];
  @ApiProperty({ description: 'School staff see the alliance and their own school and classes' }) limitedToSchools: boolean;
}

export class ImportItemScoresQueryDto extends PaperSubjectQueryDto {
  @ApiPropertyOptional({ enum: SCORE_IMPORT_MODES, description: 'all (default): nothing is imported unless every row is good; valid-only: good rows are imported' })
  @IsOptional() @IsIn(SCORE_IMPORT_MODES)
  mode?: ScoreImportMode;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: run every check and answer the report, writing nothing' })
  @IsOptional() @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
