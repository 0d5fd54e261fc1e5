import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank } from '../common/validation.js';

/*
 * Quarterly briefings (季度通报) of a district or an alliance for a period: a stored snapshot of the key
 * figures of the five services, plan progress, evaluation status and highlights, issued once and never
 * changed after, with its PDF and .xlsx renderings.
 */

/** district: every alliance and school of the district; alliance: one alliance and its member schools. */
export const BRIEFING_SCOPES = ['district', 'alliance'] as const;
export type BriefingScope = (typeof BRIEFING_SCOPES)[number];

/** How the period was named: a quarter (2026-Q4), a term (2026-2027-1) or two days. */
export const BRIEFING_PERIOD_KINDS = ['quarter', 'term', 'range'] as const;
export type BriefingPeriodKind = (typeof BRIEFING_PERIOD_KINDS)[number];

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class CreateBriefingDto {
  @ApiProperty({ enum: BRIEFING_SCOPES })
  @IsIn(BRIEFING_SCOPES)
  scope: BriefingScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'The district (scope district)' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The alliance (scope alliance)' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ example: '2026-Q4', description: 'A calendar quarter; give exactly one of quarter, term, or from and to' })
  @IsOptional()
  @IsString()
  @Matches(QUARTER_PATTERN)
  quarter?: string;

  @ApiPropertyOptional({ example: '2026-2027-1', description: 'A school term' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN)
  term?: string;

  @ApiPropertyOptional({ format: 'date', description: 'First day of the period (Asia/Shanghai)' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DAY_PATTERN)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the period, included (Asia/Shanghai)' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DAY_PATTERN)
  to?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Title (default: scope name, period and 工作简报)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;
}

export class ListBriefingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BRIEFING_SCOPES })
  @IsOptional()
  @IsIn(BRIEFING_SCOPES)
  scope?: BriefingScope;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ example: '2026-2027-1', description: 'Briefings whose period lies in this term' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN)
  term?: string;
}

export class BriefingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BRIEFING_SCOPES }) scope: BriefingScope;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) allianceId: string | null;
  @ApiProperty({ description: 'Name of the alliance, or of the district' }) scopeName: string;
  @ApiProperty({ enum: BRIEFING_PERIOD_KINDS }) periodKind: BriefingPeriodKind;
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ format: 'date', description: 'First day, included' }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day, included' }) to: string;
  @ApiProperty({ example: '2026-2027-1', description: 'The term whose per-school figures the briefing shows (the term of its last day)' }) term: string;
  @ApiProperty() title: string;
  @ApiProperty() issuedBy: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

export class BriefingFigure {
  @ApiProperty({ description: 'Stable key; the console names it in zh-CN and English', example: 'activities.check-in-rate' }) key: string;
  @ApiProperty({ description: 'Counts as counted; rates 0–1' }) value: number;
  @ApiProperty({ enum: ['count', 'rate'] }) unit: 'count' | 'rate';
  @ApiPropertyOptional() numerator?: number;
  @ApiPropertyOptional() denominator?: number;
}

/** Figures one service gave for the scope; `available` false when it did not answer (the section says so). */
export class BriefingServiceSection {
  @ApiProperty({ example: 'teacher-exchange' }) service: string;
  @ApiProperty() available: boolean;
  @ApiProperty({ enum: ['period', 'term'], description: 'period: counted over the briefing\'s days; term: the per-school term facts of its term' }) basis: 'period' | 'term';
  @ApiProperty({ type: [BriefingFigure] }) figures: BriefingFigure[];
}

export class BriefingPlanRow {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The school, or the alliance for its own plan' }) owner: string;
  @ApiProperty() status: string;
  @ApiProperty() milestones: number;
  @ApiProperty() done: number;
  @ApiProperty() overdue: number;
}

export class BriefingPlanProgress {
  @ApiProperty() plans: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Plans by status', example: { approved: 3, closed: 1 } }) byStatus: Record<string, number>;
  @ApiProperty() milestones: number;
  @ApiProperty({ description: 'Milestones due within the period' }) dueInPeriod: number;
  @ApiProperty({ description: 'Of those, completed by their due day' }) doneOnTime: number;
  @ApiProperty({ description: 'Milestones completed within the period' }) completedInPeriod: number;
  @ApiProperty({ description: 'Milestones past due and not done at the end of the period (or at issue)' }) overdue: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Target assessments', example: { met: 2, partly: 1, not_met: 0 } }) ratings: Record<string, number>;
  @ApiProperty({ type: [BriefingPlanRow] }) rows: BriefingPlanRow[];
}

export class BriefingEvaluationRow {
  @ApiProperty({ enum: ['alliance', 'school'] }) targetType: 'alliance' | 'school';
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty() name: string;
  @ApiProperty() step: string;
  @ApiPropertyOptional() score?: number;
  @ApiPropertyOptional() rank?: number;
  @ApiPropertyOptional() award?: string;
}

export class BriefingEvaluation {
  @ApiProperty({ description: 'false when assessment did not answer: the section says not available' }) available: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'How many evaluations stand at each step' }) bySteps: Record<string, number>;
  @ApiProperty({ type: [BriefingEvaluationRow] }) rows: BriefingEvaluationRow[];
}

/** One school's figures, for the per-school table and chart. */
export class BriefingSchoolRow {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Figure key → value (rates 0–1)' }) figures: Record<string, number>;
}

export const BRIEFING_HIGHLIGHT_KINDS = ['milestones-completed', 'best-check-in', 'most-activities', 'top-evaluation', 'plans-closed'] as const;
export type BriefingHighlightKind = (typeof BRIEFING_HIGHLIGHT_KINDS)[number];

export class BriefingHighlight {
  @ApiProperty({ enum: BRIEFING_HIGHLIGHT_KINDS }) kind: BriefingHighlightKind;
  @ApiProperty({ description: 'The school, alliance or plan it is about (empty for a count)' }) name: string;
  @ApiProperty({ description: 'Counts as counted; rates 0–1; scores 0–100' }) value: number;
}

/** The frozen content of a briefing. */
export class BriefingContent {
  @ApiProperty({ type: [BriefingFigure], description: 'The key figures of the first page' }) keyFigures: BriefingFigure[];
  @ApiProperty({ type: [BriefingServiceSection] }) services: BriefingServiceSection[];
  @ApiProperty({ type: BriefingPlanProgress }) plans: BriefingPlanProgress;
  @ApiProperty({ type: BriefingEvaluation }) evaluation: BriefingEvaluation;
  @ApiProperty({ type: [BriefingSchoolRow] }) schools: BriefingSchoolRow[];
  @ApiProperty({ type: [BriefingHighlight] }) highlights: BriefingHighlight[];
}

export class BriefingDetailView extends BriefingView {
  @ApiProperty({ type: BriefingContent }) content: BriefingContent;
}

/** Where a rendering of a briefing (or an archive) lies in the file store; the gateway streams it. */
export interface StoredDownloadView {
  key: string;
  filename: string;
}

export const BRIEFING_FORMATS = ['pdf', 'xlsx'] as const;
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number];
