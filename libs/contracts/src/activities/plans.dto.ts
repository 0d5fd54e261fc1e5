import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { NamedRef } from './activities.dto.js';

/*
 * Work plans (学期工作计划) and their target tasks (目标任务): one plan per alliance and per member school
 * per term, targets broken down to milestones with the visible result expected (显性成果), progress with
 * evidence, and the completion assessment at term end.
 */

/** draft → submitted → approved → closed; a submitted plan may be returned to draft. */
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The actions that move a plan between statuses. */
export const PLAN_ACTIONS = ['submit', 'approve', 'return', 'close'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** alliance: the alliance's own plan (school absent); school: a member school's plan within the alliance. */
export const PLAN_LEVELS = ['alliance', 'school'] as const;
export type PlanLevel = (typeof PLAN_LEVELS)[number];

/** Who a target is broken down to: a working group (专项小组), a subject group (学科组/教研组) or a teacher. */
export const ASSIGNEE_KINDS = ['working_group', 'subject_group', 'teacher'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** What the latest progress update says; `overdue` is computed apart (due date passed, not done). */
export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** The completion assessment of a target at term end. */
export const TARGET_RATINGS = ['met', 'partly', 'not_met'] as const;
export type TargetRating = (typeof TARGET_RATINGS)[number];

/** Evidence is an uploaded file or a link to a platform object that counts as evidence. */
export const EVIDENCE_LINK_KINDS = ['activity', 'placement', 'resource', 'exam'] as const;
export type EvidenceLinkKind = (typeof EVIDENCE_LINK_KINDS)[number];
export const EVIDENCE_KINDS = ['file', ...EVIDENCE_LINK_KINDS] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Accepted evidence files: documents, pictures, audio and video of what was done. */
export const PLAN_EVIDENCE_EXTENSIONS = [
  '.pdf', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.txt', '.jpg', '.jpeg', '.png', '.gif', '.webp', '.mp3', '.mp4', '.zip',
] as const;
export const PLAN_EVIDENCE_MAX_MB = 50;

export class AssigneeDto {
  @ApiProperty({ enum: ASSIGNEE_KINDS })
  @IsIn(ASSIGNEE_KINDS)
  kind: AssigneeKind;

  @ApiProperty({ maxLength: 64, example: '教学研讨组', description: 'Name of the group, or of the teacher' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: "A teacher's user id: the milestone then shows in their lists" })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class MilestoneInputDto {
  @ApiProperty({ maxLength: 200, example: '完成三次送教下乡' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'Due date (Asia/Shanghai)' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueOn: string;

  @ApiProperty({ maxLength: 500, example: '送教课例视频 3 节、听课评课记录', description: 'The visible result expected (显性成果)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  expectedResult: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The responsible user (default: the plan owner)' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Name of the responsible person (default: the plan owner)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  ownerName?: string;
}

export class TargetInputDto {
  @ApiProperty({ maxLength: 200, example: '提升村小数学课堂教学质量' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: [AssigneeDto], description: 'Working groups, subject groups and teachers the target is broken down to' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AssigneeDto)
  assignees: AssigneeDto[];

  @ApiPropertyOptional({ type: [MilestoneInputDto], description: 'Milestones to add with the target' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInputDto)
  milestones?: MilestoneInputDto[];
}

export class CreatePlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  allianceId: string;

  @ApiPropertyOptional({ format: 'uuid', description: "A member school's plan; leave out for the alliance's own plan" })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiProperty({ example: '2026-2027-1', description: 'School term (学期): first year-second year-1 or 2' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;

  @ApiProperty({ maxLength: 100, example: '2026-2027 学年第一学期工作计划' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title: string;

  @ApiProperty({ maxLength: 5000, description: 'Goals (工作目标)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  goals: string;

  @ApiProperty({ maxLength: 5000, description: 'Measures (主要措施)' })
  @IsString()
  @MaxLength(5000)
  measures: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The owner's user id: the plan's milestones then show in their lists" })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @ApiProperty({ maxLength: 64, description: 'Name of the responsible person (负责人)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  ownerName: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The alliance body (working group, studio …) that owns the plan; a current body of the plan's alliance" })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

export class UpdatePlanDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  goals?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  measures?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  ownerName?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The alliance body that owns the plan; null removes the link' })
  @IsOptional()
  @IsUUID()
  bodyId?: string | null;
}

export class PlanTransitionDto {
  @ApiProperty({ enum: PLAN_ACTIONS, description: 'submit (draft→submitted), approve (submitted→approved), return (submitted→draft, with a comment), close (approved→closed, once every target is assessed)' })
  @IsIn(PLAN_ACTIONS)
  action: PlanAction;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (required to return a plan)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class EvidenceLinkDto {
  @ApiProperty({ enum: EVIDENCE_LINK_KINDS })
  @IsIn(EVIDENCE_LINK_KINDS)
  kind: EvidenceLinkKind;

  @ApiProperty({ format: 'uuid', description: 'The id of the activity, placement, resource or exam' })
  @IsUUID()
  refId: string;
}

export class ProgressInputDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'How far the milestone is, in percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  @ApiProperty({ enum: MILESTONE_STATUSES })
  @IsIn(MILESTONE_STATUSES)
  status: MilestoneStatus;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  comment: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day the progress was made (Asia/Shanghai; default today, never in the future)' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  reportedOn?: string;

  @ApiPropertyOptional({ type: [EvidenceLinkDto], description: 'Platform objects that count as evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkDto)
  links?: EvidenceLinkDto[];
}

export class AssessTargetDto {
  @ApiProperty({ enum: TARGET_RATINGS, description: 'met (达成), partly (部分达成), not_met (未达成)' })
  @IsIn(TARGET_RATINGS)
  rating: TargetRating;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  comment: string;
}

/** The multipart form of an evidence upload: the note first, the file (field `file`) last. */
export class UploadEvidenceForm {
  @ApiPropertyOptional({ maxLength: 200 })
  note?: string;

  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}

export class ListPlansQueryDto extends PageQueryDto {
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

  @ApiPropertyOptional({ enum: PLAN_LEVELS })
  @IsOptional()
  @IsIn(PLAN_LEVELS)
  level?: PlanLevel;

  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only plans owned by this alliance body' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

export const MILESTONE_FILTERS = ['open', 'overdue', 'done', 'pending'] as const;
export type MilestoneFilter = (typeof MILESTONE_FILTERS)[number];

export class ListMilestonesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MILESTONE_FILTERS, description: 'overdue: due date passed in Asia/Shanghai, not done; pending: open or overdue' })
  @IsOptional()
  @IsIn(MILESTONE_FILTERS)
  status?: MilestoneFilter;

  @ApiPropertyOptional({ description: 'Only milestones the caller owns (as its owner, or as owner of its plan)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  mine?: boolean;

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
  planId?: string;
}

export class AssigneeView {
  @ApiProperty({ enum: ASSIGNEE_KINDS }) kind: AssigneeKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId: string | null;
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The linked object (links only)' }) refId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The linked object\'s name when its service told, or the file name' }) title: string | null;
  @ApiProperty({ description: 'Whether the owning service confirmed the caller may see the linked object (files: true)' }) verified: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: Number, nullable: true }) fileSize: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) progressId: string | null;
  @ApiProperty() addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class ProgressView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() percent: number;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: MilestoneStatus;
  @ApiProperty() comment: string;
  @ApiProperty({ format: 'date' }) reportedOn: string;
  @ApiProperty() reportedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MilestoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ description: 'The visible result expected (显性成果)' }) expectedResult: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerUserId: string | null;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: MilestoneStatus;
  @ApiProperty() percent: number;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'The day it was reported done (Asia/Shanghai)' }) completedOn: string | null;
  @ApiProperty({ description: 'Due date passed in Asia/Shanghai and not done' }) overdue: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Done by its due date (null while not done)' }) onTime: boolean | null;
  @ApiProperty({ type: [ProgressView], description: 'Progress updates, newest first' }) progress: ProgressView[];
  @ApiProperty({ type: [EvidenceView] }) evidence: EvidenceView[];
}

export class TargetAssessmentView {
  @ApiProperty({ enum: TARGET_RATINGS }) rating: TargetRating;
  @ApiProperty() comment: string;
  @ApiProperty() assessedBy: string;
  @ApiProperty({ format: 'date-time' }) assessedAt: string;
}

export class TargetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [AssigneeView] }) assignees: AssigneeView[];
  @ApiProperty({ type: [MilestoneView] }) milestones: MilestoneView[];
  @ApiProperty({ type: TargetAssessmentView, nullable: true }) assessment: TargetAssessmentView | null;
}

export class PlanPermissionsView {
  @ApiProperty({ description: 'May change the plan, its targets and milestones (draft only) and submit it' }) edit: boolean;
  @ApiProperty({ description: 'May approve or return it, assess its targets and close it' }) review: boolean;
  @ApiProperty({ description: 'May report progress and add evidence (approved plans)' }) report: boolean;
}

export class PlanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: NamedRef }) alliance: NamedRef;
  @ApiProperty({ type: NamedRef, nullable: true, description: 'Absent for the alliance plan' }) school: NamedRef | null;
  @ApiProperty({ enum: PLAN_LEVELS }) level: PlanLevel;
  @ApiProperty({ example: '2026-2027-1' }) term: string;
  @ApiProperty() title: string;
  @ApiProperty() goals: string;
  @ApiProperty() measures: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerUserId: string | null;
  @ApiProperty() ownerName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The alliance body that owns the plan' }) bodyId: string | null;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why the plan was last returned to draft' }) returnComment: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty() targetCount: number;
  @ApiProperty() milestoneCount: number;
  @ApiProperty() milestonesDone: number;
  @ApiProperty() milestonesOverdue: number;
  @ApiProperty({ type: PlanPermissionsView }) can: PlanPermissionsView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlanDetailView extends PlanView {
  @ApiProperty({ type: [TargetView] }) targets: TargetView[];
}

/** A milestone in a list across plans (my overdue milestones, the alliance admin's list). */
export class MilestoneListItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() expectedResult: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerUserId: string | null;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: MilestoneStatus;
  @ApiProperty() percent: number;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'Whole days past the due date (0 when not overdue)' }) daysOverdue: number;
  @ApiProperty({ type: NamedRef }) plan: NamedRef;
  @ApiProperty({ type: NamedRef }) target: NamedRef;
  @ApiProperty({ type: NamedRef }) alliance: NamedRef;
  @ApiProperty({ type: NamedRef, nullable: true }) school: NamedRef | null;
  @ApiProperty() term: string;
}

export class EvidenceDownloadView {
  @ApiProperty() key: string;
  @ApiProperty() filename: string;
}

/* Bus payloads that act on one object: its id and the body. */

export class UpdatePlanRequest extends IdDto {
  @ValidateNested() @Type(() => UpdatePlanDto) changes: UpdatePlanDto;
}

export class PlanTransitionRequest extends IdDto {
  @ValidateNested() @Type(() => PlanTransitionDto) body: PlanTransitionDto;
}

export class AddTargetRequest extends IdDto {
  @ValidateNested() @Type(() => TargetInputDto) body: TargetInputDto;
}

export class AddMilestoneRequest extends IdDto {
  @ValidateNested() @Type(() => MilestoneInputDto) body: MilestoneInputDto;
}

export class ReportProgressRequest extends IdDto {
  @ValidateNested() @Type(() => ProgressInputDto) body: ProgressInputDto;
}

export class AssessTargetRequest extends IdDto {
  @ValidateNested() @Type(() => AssessTargetDto) body: AssessTargetDto;
}

/** The file the gateway streamed into the store, for a milestone's evidence. */
export class EvidenceFileDto {
  @IsString() @MaxLength(300) key: string;
  @IsString() @MaxLength(255) filename: string;
  @IsInt() @Min(0) size: number;
  @IsString() @MaxLength(64) sha256: string;
  @IsString() @MaxLength(200) contentType: string;
}

export class AddEvidenceFileRequest extends IdDto {
  @ValidateNested() @Type(() => EvidenceFileDto) file: EvidenceFileDto;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

/** The term-facts query (common/term-facts.ts) as the activities service validates it. */
export class ActivitiesTermFactsQueryDto {
  @IsUUID() districtId: string;
  @IsString() @Matches(TERM_PATTERN) term: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) keys?: string[];
}
