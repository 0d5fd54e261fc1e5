import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';

/*
 * Indicator frameworks (评价指标体系) and term evaluations (考核评价): a district's versioned tree of
 * dimensions and weighted indicators, evaluations of alliances and member schools per term through
 * self-evaluation, alliance review and district review to publication, rankings, growth over terms
 * and awards (表彰).
 */

export const INDICATOR_KINDS = ['computed', 'evaluator'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/**
 * linear: 0 at or below `floor`, 100 at or above `target`, in proportion between;
 * ratio: a 0–1 rate as a percent (capped at 100);
 * rank: by rank among the peers with data (first 100, last 0, ties share the better rank).
 */
export const SCORING_RULES = ['linear', 'ratio', 'rank'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];

/** Who an indicator applies to: member schools, alliances, or both. */
export const INDICATOR_TARGETS = ['school', 'alliance', 'both'] as const;
export type IndicatorTarget = (typeof INDICATOR_TARGETS)[number];

export const EVALUATION_TARGET_TYPES = ['alliance', 'school'] as const;
export type EvaluationTargetType = (typeof EVALUATION_TARGET_TYPES)[number];

/** draft (self-evaluation) → self-evaluated → alliance-reviewed (schools only) → published. */
export const EVALUATION_STEPS = ['draft', 'self-evaluated', 'alliance-reviewed', 'published'] as const;
export type EvaluationStep = (typeof EVALUATION_STEPS)[number];

/** submit: the school or alliance hands in its self-evaluation; approve: the alliance review passes it on; publish: the district review publishes it; return: back to draft with a comment. */
export const EVALUATION_ACTIONS = ['submit', 'approve', 'publish', 'return'] as const;
export type EvaluationAction = (typeof EVALUATION_ACTIONS)[number];

/** The step an evaluator score was entered in. */
export const SCORE_STEPS = ['self', 'alliance', 'district'] as const;
export type ScoreStep = (typeof SCORE_STEPS)[number];

const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,39}$/;

export class IndicatorInputDto {
  @ApiProperty({ maxLength: 40, example: 'teacher.quota', description: 'Stable code, unique in the framework (a–z, 0–9, . _ -)' })
  @IsString()
  @Matches(CODE_PATTERN)
  code: string;

  @ApiProperty({ maxLength: 60, example: '交流指标完成率' })
  @IsString()
  @IsNotBlank()
  @MaxLength(60)
  name: string;

  @ApiPropertyOptional({ maxLength: 80, example: 'Exchange quota completion' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  nameEn?: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Weight among its sibling indicators (siblings sum to 100)' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  weight: number;

  @ApiProperty({ enum: INDICATOR_KINDS })
  @IsIn(INDICATOR_KINDS)
  kind: IndicatorKind;

  @ApiProperty({ enum: INDICATOR_TARGETS })
  @IsIn(INDICATOR_TARGETS)
  appliesTo: IndicatorTarget;

  @ApiPropertyOptional({ maxLength: 100, description: 'Computed: the term fact it is computed from (see the fact catalogue)', example: 'teacher-exchange.quota.completion' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  factKey?: string;

  @ApiPropertyOptional({ enum: SCORING_RULES, description: 'Computed: how the fact becomes a score 0–100' })
  @IsOptional()
  @IsIn(SCORING_RULES)
  rule?: ScoringRule;

  @ApiPropertyOptional({ description: 'linear: the value scoring 0' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(-1_000_000)
  @Max(1_000_000)
  floor?: number;

  @ApiPropertyOptional({ description: 'linear: the value scoring 100' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(-1_000_000)
  @Max(1_000_000)
  target?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Evaluator-scored: the highest score an evaluator may give' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxScore?: number;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Evaluator-scored: what the evaluator looks at (评分标准)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  guidance?: string;
}

export class DimensionInputDto {
  @ApiProperty({ maxLength: 40, example: 'teacher' })
  @IsString()
  @Matches(CODE_PATTERN)
  code: string;

  @ApiProperty({ maxLength: 60, example: '教师成长' })
  @IsString()
  @IsNotBlank()
  @MaxLength(60)
  name: string;

  @ApiPropertyOptional({ maxLength: 80, example: 'Teacher growth' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  nameEn?: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Weight among the dimensions (they sum to 100)' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  weight: number;

  @ApiProperty({ type: [IndicatorInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => IndicatorInputDto)
  indicators: IndicatorInputDto[];
}

export class CreateFrameworkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ maxLength: 100, example: '2026 年教联体考核评价指标体系' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '2026-2027-1', description: 'The first term it applies to' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Copy this framework of the district; leave out (and dimensions too) to copy the shipped default' })
  @IsOptional()
  @IsUUID()
  copyOf?: string;

  @ApiPropertyOptional({ type: [DimensionInputDto], description: 'The tree; leave out to copy' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => DimensionInputDto)
  dimensions?: DimensionInputDto[];
}

export class UpdateFrameworkDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: [DimensionInputDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => DimensionInputDto)
  dimensions?: DimensionInputDto[];
}

export class ListFrameworksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class IndicatorView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty() weight: number;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: IndicatorKind;
  @ApiProperty({ enum: INDICATOR_TARGETS }) appliesTo: IndicatorTarget;
  @ApiProperty({ type: String, nullable: true }) factKey: string | null;
  @ApiProperty({ enum: SCORING_RULES, nullable: true }) rule: ScoringRule | null;
  @ApiProperty({ type: Number, nullable: true }) floor: number | null;
  @ApiProperty({ type: Number, nullable: true }) target: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxScore: number | null;
  @ApiProperty({ type: String, nullable: true }) guidance: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where a computed indicator comes from, in Chinese' }) source: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where a computed indicator comes from, in English' }) sourceEn: string | null;
}

export class DimensionView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty() weight: number;
  @ApiProperty({ type: [IndicatorView] }) indicators: IndicatorView[];
}

export class FrameworkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid', description: 'Every version of one framework shares it' }) lineageId: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() term: string;
  @ApiProperty({ description: 'A published evaluation uses it: changes make a new version' }) inUse: boolean;
  @ApiProperty({ description: 'A newer version of it exists' }) superseded: boolean;
  @ApiProperty({ type: [DimensionView] }) dimensions: DimensionView[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/* term evaluations */

export class OpenEvaluationsDto {
  @ApiProperty({ format: 'uuid', description: 'The framework (of the district) to evaluate with' })
  @IsUUID()
  frameworkId: string;

  @ApiProperty({ example: '2026-2027-1' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this alliance and its member schools (default: every active alliance of the district)' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;
}

export class OpenEvaluationsView {
  @ApiProperty({ description: 'Evaluations created' }) created: number;
  @ApiProperty({ description: 'Evaluations that already existed and were refreshed' }) refreshed: number;
  @ApiProperty({ type: [String], description: 'Services whose term facts did not come (their indicators show no data)' }) unavailable: string[];
}

export class ListEvaluationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-2027-1' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN)
  term?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: EVALUATION_TARGET_TYPES })
  @IsOptional()
  @IsIn(EVALUATION_TARGET_TYPES)
  targetType?: EvaluationTargetType;

  @ApiPropertyOptional({ enum: EVALUATION_STEPS })
  @IsOptional()
  @IsIn(EVALUATION_STEPS)
  step?: EvaluationStep;
}

export class EvaluatorScoreInputDto {
  @ApiProperty({ maxLength: 40, description: 'The indicator code' })
  @IsString()
  @Matches(CODE_PATTERN)
  indicator: string;

  @ApiProperty({ minimum: 0, maximum: 1000, description: "0 to the indicator's maxScore, at most 1 decimal" })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(1000)
  score: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the score rests on (佐证材料): a description or links' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  evidence?: string;
}

export class EnterScoresDto {
  @ApiProperty({ type: [EvaluatorScoreInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvaluatorScoreInputDto)
  scores: EvaluatorScoreInputDto[];
}

export class EvaluationTransitionDto {
  @ApiProperty({ enum: EVALUATION_ACTIONS })
  @IsIn(EVALUATION_ACTIONS)
  action: EvaluationAction;

  @ApiPropertyOptional({ maxLength: 2000, description: 'The step\'s comment (required to return)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CorrectEvaluationDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the published result is corrected' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ type: [EvaluatorScoreInputDto], description: 'Corrected evaluator scores (district step)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvaluatorScoreInputDto)
  scores?: EvaluatorScoreInputDto[];

  @ApiPropertyOptional({ description: 'Gather the term facts again for the new version' })
  @IsOptional()
  @IsBoolean()
  refreshFacts?: boolean;
}

export class EvaluationStepView {
  @ApiProperty({ description: 'submit, approve, publish, return, correct or open' }) action: string;
  @ApiProperty({ enum: EVALUATION_STEPS, nullable: true }) from: EvaluationStep | null;
  @ApiProperty({ enum: EVALUATION_STEPS }) to: EvaluationStep;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class EvaluatorEntryView {
  @ApiProperty({ enum: SCORE_STEPS }) step: ScoreStep;
  @ApiProperty() score: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) evidence: string | null;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class IndicatorScoreView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: IndicatorKind;
  @ApiProperty() weight: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The fact behind a computed indicator, or the evaluator score' }) value: number | null;
  @ApiProperty({ type: Number, nullable: true }) numerator: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '0–100; null: no data (left out, its weight goes to the others)' }) score: number | null;
  @ApiProperty({ description: 'No fact or no evaluator score: shown as no data, never as 0' }) noData: boolean;
  @ApiProperty({ type: [EvaluatorEntryView], description: 'Evaluator scores per step' }) entries: EvaluatorEntryView[];
}

export class DimensionScoreView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty() weight: number;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: [IndicatorScoreView] }) indicators: IndicatorScoreView[];
}

export class EvaluationPermissionsView {
  @ApiProperty({ description: 'May enter self-evaluation scores and submit (draft)' }) selfEvaluate: boolean;
  @ApiProperty({ description: 'May review as the alliance (self-evaluated school evaluations)' }) allianceReview: boolean;
  @ApiProperty({ description: 'May review as the district and publish' }) districtReview: boolean;
  @ApiProperty({ description: 'May gather the term facts again (not published)' }) refresh: boolean;
  @ApiProperty({ description: 'May correct a published version (a new version)' }) correct: boolean;
}

export class EvaluationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ enum: EVALUATION_TARGET_TYPES }) targetType: EvaluationTargetType;
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty({ type: String, nullable: true }) allianceName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: EVALUATION_STEPS }) step: EvaluationStep;
  @ApiProperty({ description: 'A later version corrects it' }) superseded: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why this version corrects the previous one' }) correctionReason: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '0–100 over the indicators with data' }) total: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) factsGatheredAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: EvaluationPermissionsView }) can: EvaluationPermissionsView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EvaluationDetailView extends EvaluationView {
  @ApiProperty({ type: [DimensionScoreView] }) dimensions: DimensionScoreView[];
  @ApiProperty({ type: [EvaluationStepView] }) steps: EvaluationStepView[];
  @ApiProperty({ type: [String], description: 'Services whose facts did not come at the last gathering' }) unavailable: string[];
}

export class DrillDownRowView {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Number, nullable: true }) numerator: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator: number | null;
}

export class DrillDownView {
  @ApiProperty() indicator: string;
  @ApiProperty({ type: String, nullable: true }) factKey: string | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceEn: string | null;
  @ApiProperty({ type: [DrillDownRowView], description: 'The facts behind the score, per school (or the alliance\'s own)' }) rows: DrillDownRowView[];
}

export class DrillDownQueryDto {
  @ApiProperty({ maxLength: 40, description: 'The indicator code' })
  @IsString()
  @Matches(CODE_PATTERN)
  indicator: string;
}

export class IndicatorRequest extends IdDto {
  @IsString() @Matches(CODE_PATTERN) indicator: string;
}

export class EvaluationVersionsView {
  @ApiProperty({ type: [EvaluationView], description: 'Every version of the evaluation, newest first' }) items: EvaluationView[];
}

export class DefaultFrameworkView {
  @ApiProperty() name: string;
  @ApiProperty({ type: [DimensionView] }) dimensions: DimensionView[];
}

/** One term fact an indicator may be computed from, with what it means (the catalogue in evaluation-facts.ts). */
export class TermFactInfoView {
  @ApiProperty({ example: 'teacher-exchange.quota.completion' }) key: string;
  @ApiProperty({ example: 'teacher-exchange', description: 'The service that reports it' }) service: string;
  @ApiProperty({ enum: ['count', 'rate', 'ratio'], description: 'count: a number of things; rate: 0–1; ratio: a signed figure such as 超均率' }) kind: 'count' | 'rate' | 'ratio';
  @ApiProperty({ description: 'What it means, in Chinese' }) description: string;
  @ApiProperty({ description: 'What it means, in English' }) descriptionEn: string;
}

export class TermFactCatalogueView {
  @ApiProperty({ type: [TermFactInfoView] }) items: TermFactInfoView[];
}

export class RankingQueryDto {
  @ApiProperty({ example: '2026-2027-1' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The district's alliances (give districtId) or this alliance's schools" })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class RankingItemView {
  @ApiProperty({ enum: EVALUATION_TARGET_TYPES }) targetType: EvaluationTargetType;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Absent (null) for a school admin looking at other schools' }) total: number | null;
  @ApiProperty({ description: 'Competition ranking: ties share the rank, the next rank skips' }) rank: number;
  @ApiProperty({ enum: EVALUATION_STEPS }) step: EvaluationStep;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Absent where the caller may not open it' }) evaluationId: string | null;
  @ApiProperty({ type: [DimensionScoreView], description: 'Dimension scores (radar), without indicators; empty where hidden' }) dimensions: Omit<DimensionScoreView, 'indicators'>[];
}

export class RankingView {
  @ApiProperty() term: string;
  @ApiProperty({ enum: EVALUATION_TARGET_TYPES }) targetType: EvaluationTargetType;
  @ApiProperty({ type: [RankingItemView] }) items: RankingItemView[];
}

export class HistoryQueryDto {
  @ApiProperty({ enum: EVALUATION_TARGET_TYPES })
  @IsIn(EVALUATION_TARGET_TYPES)
  targetType: EvaluationTargetType;

  @ApiProperty({ format: 'uuid', description: 'The alliance or school' })
  @IsUUID()
  targetId: string;
}

export class HistoryPointView {
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) evaluationId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: EVALUATION_STEPS }) step: EvaluationStep;
  @ApiProperty({ type: Number, nullable: true }) total: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Growth against the previous term shown (total − previous total)' }) delta: number | null;
  @ApiProperty({ type: [DimensionScoreView], description: 'Dimension scores without indicators' }) dimensions: Omit<DimensionScoreView, 'indicators'>[];
}

export class HistoryView {
  @ApiProperty({ enum: EVALUATION_TARGET_TYPES }) targetType: EvaluationTargetType;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: [HistoryPointView], description: 'Oldest term first; the current version of each term' }) points: HistoryPointView[];
}

export class CreateAwardDto {
  @ApiProperty({ format: 'uuid', description: 'The published evaluation the award rests on' })
  @IsUUID()
  evaluationId: string;

  @ApiProperty({ maxLength: 60, example: '优秀教联体' })
  @IsString()
  @IsNotBlank()
  @MaxLength(60)
  title: string;

  @ApiProperty({ maxLength: 2000, description: 'The citation (表彰理由)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  citation: string;
}

export class ListAwardsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-2027-1' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN)
  term?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class AwardView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) evaluationId: string;
  @ApiProperty({ enum: EVALUATION_TARGET_TYPES }) targetType: EvaluationTargetType;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: String, nullable: true }) targetName: string | null;
  @ApiProperty() title: string;
  @ApiProperty() citation: string;
  @ApiProperty({ type: Number, nullable: true }) total: number | null;
  @ApiProperty() awardedBy: string;
  @ApiProperty({ format: 'date-time' }) awardedAt: string;
}

/* bus payloads that act on one object: its id and the body */

export class UpdateFrameworkRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateFrameworkDto) changes: UpdateFrameworkDto;
}

export class EnterScoresRequest extends IdDto {
  @ValidateNested() @Type(() => EnterScoresDto) body: EnterScoresDto;
}

export class EvaluationTransitionRequest extends IdDto {
  @ValidateNested() @Type(() => EvaluationTransitionDto) body: EvaluationTransitionDto;
}

export class CorrectEvaluationRequest extends IdDto {
  @ValidateNested() @Type(() => CorrectEvaluationDto) body: CorrectEvaluationDto;
}

export class EvaluationStatusQueryDto {
  @IsUUID() districtId: string;
  @IsString() @Matches(TERM_PATTERN) term: string;
  @IsOptional() @IsUUID() allianceId?: string;
}
