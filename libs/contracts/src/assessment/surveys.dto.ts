import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, IsUrl, Matches, Max,
  MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';

/*
 * Satisfaction and feedback surveys (满意度调查): questionnaires built from questions or copied from a
 * district's templates, answered by signed-in teachers in the console or through one-time links and QR
 * codes by those without accounts; results per group (school × audience) only from a minimum number of
 * responses, so that a small rural group never reveals who answered what.
 */

/** single choice, multiple choice, Likert scale 1–5, free text */
export const QUESTION_KINDS = ['single', 'multiple', 'likert', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const SURVEY_AUDIENCES = ['teachers', 'students', 'parents'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

export const SURVEY_LEVELS = ['district', 'alliance', 'school'] as const;
export type SurveyLevel = (typeof SURVEY_LEVELS)[number];

/** draft (questions may change) → open (answers accepted between opensAt and closesAt) → closed */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const SURVEY_ACTIONS = ['open', 'close'] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];

/** How results are grouped: school × audience (the cell every threshold is checked on), per school, per audience. */
export const SURVEY_BREAKDOWNS = ['school-audience', 'school', 'audience'] as const;
export type SurveyBreakdown = (typeof SURVEY_BREAKDOWNS)[number];

/** The default minimum number of responses a group needs before its results show, and the floor a survey may set. */
export const SURVEY_MIN_GROUP_DEFAULT = 5;
export const SURVEY_MIN_GROUP_FLOOR = 3;
/** The points of a Likert scale (1 = 很不满意 … 5 = 很满意). */
export const LIKERT_POINTS = 5;
export const SURVEY_MAX_QUESTIONS = 50;
export const SURVEY_TOKENS_PER_BATCH_MAX = 2000;

export class SurveyQuestionDto {
  @ApiProperty({ enum: QUESTION_KINDS, description: 'single / multiple choice, likert (1–5), text' })
  @IsIn(QUESTION_KINDS)
  kind: QuestionKind;

  @ApiProperty({ example: '您对本学期联盟教研活动的总体满意度', maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ default: false, description: 'An answer must be given' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['教研活动', '送教下乡', '师徒结对'], description: 'Choices of a single or multiple choice question (2–20)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(100, { each: true })
  options?: string[];

  @ApiPropertyOptional({
    type: [String], example: ['很不满意', '不满意', '一般', '满意', '很满意'],
    description: 'Labels of the 5 points of a Likert question (default 很不满意 … 很满意)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(5)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(20, { each: true })
  labels?: string[];

  @ApiPropertyOptional({ default: false, description: 'A Likert question counted in the satisfaction indicator' })
  @IsOptional()
  @IsBoolean()
  satisfaction?: boolean;
}

export class QuestionView {
  @ApiProperty({ example: 'q1', description: 'Stable within the survey; answers name it' }) id: string;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: [String], description: 'Choices (choice questions) or the 5 point labels (Likert); empty for text' }) options: string[];
  @ApiProperty() satisfaction: boolean;
}

export class CreateSurveyTemplateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The district (default: the one you administer)' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiProperty({ example: '家长满意度调查', maxLength: 100 })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: [SurveyQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions: SurveyQuestionDto[];
}

export class UpdateSurveyTemplateDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [SurveyQuestionDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions?: SurveyQuestionDto[];
}

export class SurveyTemplateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [QuestionView] }) questions: QuestionView[];
  @ApiProperty({ description: 'You may change it (district admin)' }) canEdit: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateSurveyDto {
  @ApiProperty({ example: '2026-2027-1 家长满意度调查', maxLength: 100 })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ example: '2026-2027-1' })
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1 (school year, then term 1 or 2)' })
  term: string;

  @ApiProperty({ enum: SURVEY_LEVELS, description: 'Whose survey: the district\'s (all its schools), an alliance\'s (its member schools) or one school\'s' })
  @IsIn(SURVEY_LEVELS)
  level: SurveyLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'The district of a district survey (default: the one you administer)' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The alliance of an alliance survey' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The school of a school survey' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiProperty({ enum: SURVEY_AUDIENCES, isArray: true, example: ['parents'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(SURVEY_AUDIENCES, { each: true })
  audiences: SurveyAudience[];

  @ApiProperty({ format: 'date-time', example: '2026-12-01T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-31T23:59:59+08:00' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiProperty({ description: 'Anonymous: no account, address or token is kept with the answers' })
  @IsBoolean()
  anonymous: boolean;

  @ApiPropertyOptional({ minimum: SURVEY_MIN_GROUP_FLOOR, maximum: 100, default: SURVEY_MIN_GROUP_DEFAULT, description: 'Responses a group needs before its results show' })
  @IsOptional()
  @IsInt()
  @Min(SURVEY_MIN_GROUP_FLOOR)
  @Max(100)
  minGroupSize?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Copy the questions of this template (give templateId or questions)' })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ type: [SurveyQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions?: SurveyQuestionDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'A feedback survey of an activity occurrence (每次合作活动后的总结评估)' })
  @IsOptional()
  @IsUUID()
  activityId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The occurrence (its start, as listed by the activity); with activityId' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurrenceStart?: string;
}

export class UpdateSurveyDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  title?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  opensAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'May be moved while the survey is open' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  closesAt?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ minimum: SURVEY_MIN_GROUP_FLOOR, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(SURVEY_MIN_GROUP_FLOOR)
  @Max(100)
  minGroupSize?: number;

  @ApiPropertyOptional({ type: [SurveyQuestionDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions?: SurveyQuestionDto[];
}

export class SurveyTransitionDto {
  @ApiProperty({ enum: SURVEY_ACTIONS, description: 'open (accept answers) or close' })
  @IsIn(SURVEY_ACTIONS)
  action: SurveyAction;
}

export class ListSurveysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-2027-1' })
  @IsOptional()
  @Matches(TERM_PATTERN, { message: 'term must look like 2026-2027-1' })
  term?: string;

  @ApiPropertyOptional({ enum: SURVEY_STATUSES })
  @IsOptional()
  @IsIn(SURVEY_STATUSES)
  status?: SurveyStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  allianceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Feedback surveys of this activity' })
  @IsOptional()
  @IsUUID()
  activityId?: string;
}

export class ListTemplatesQueryDto extends PageQueryDto {}

export class SurveyNamedRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class SurveyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ enum: SURVEY_LEVELS }) level: SurveyLevel;
  @ApiProperty({ type: SurveyNamedRef, nullable: true }) alliance: SurveyNamedRef | null;
  @ApiProperty({ type: SurveyNamedRef, nullable: true }) school: SurveyNamedRef | null;
  @ApiProperty() term: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: SURVEY_AUDIENCES, isArray: true }) audiences: SurveyAudience[];
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty() anonymous: boolean;
  @ApiProperty() minGroupSize: number;
  @ApiProperty({ enum: SURVEY_STATUSES }) status: SurveyStatus;
  @ApiProperty({ description: 'Open and within its dates: answers are accepted now' }) accepting: boolean;
  @ApiProperty({ type: [QuestionView] }) questions: QuestionView[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) templateId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activityId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) occurrenceStart: string | null;
  @ApiProperty({ description: 'Schools the survey covers' }) schoolCount: number;
  @ApiProperty({ description: 'Responses received (all groups)' }) responseCount: number;
  @ApiProperty({ description: 'You may change it, issue links and see all its results' }) canManage: boolean;
  @ApiProperty({ description: 'You may answer it now (signed in, in its audience, not answered yet)' }) canAnswer: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AnswerDto {
  @ApiProperty({ example: 'q1', maxLength: 8 })
  @IsString()
  @Matches(/^q\d{1,3}$/, { message: 'questionId must name a question such as q1' })
  questionId: string;

  @ApiPropertyOptional({ type: [Number], description: 'Chosen option numbers (0-based): one for single choice, any for multiple choice' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(19, { each: true })
  choices?: number[];

  @ApiPropertyOptional({ minimum: 1, maximum: LIKERT_POINTS, description: 'The point of a Likert question' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIKERT_POINTS)
  value?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'The answer to a text question' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  text?: string;
}

export class SubmitAnswersDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export class SubmitSurveyResponseDto extends SubmitAnswersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The school you answer for, when you teach at several covered schools' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class IssueTokensDto {
  @ApiProperty({ format: 'uuid', description: 'A school the survey covers; its answers count in its groups' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ enum: SURVEY_AUDIENCES })
  @IsIn(SURVEY_AUDIENCES)
  audience: SurveyAudience;

  @ApiProperty({ minimum: 1, maximum: SURVEY_TOKENS_PER_BATCH_MAX, example: 40, description: 'One link per respondent: each answers once' })
  @IsInt()
  @Min(1)
  @Max(SURVEY_TOKENS_PER_BATCH_MAX)
  count: number;

  @ApiPropertyOptional({ maxLength: 64, example: '七(1)班家长' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  label?: string;

  @ApiPropertyOptional({ example: 'https://jiaolian.example.edu.cn', description: 'Where the console is served; links are {linkBase}/s/{token}' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(200)
  linkBase?: string;
}

export class SurveyLinkView {
  @ApiProperty({ description: 'Number on the printed list' }) no: number;
  @ApiProperty() token: string;
  @ApiProperty() url: string;
}

export class TokenBatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty({ type: SurveyNamedRef }) school: SurveyNamedRef;
  @ApiProperty({ enum: SURVEY_AUDIENCES }) audience: SurveyAudience;
  @ApiProperty() label: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Links already used' }) used: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class IssuedTokensView extends TokenBatchView {
  @ApiProperty({ type: [SurveyLinkView], description: 'The links, shown once: only a hash of each token is kept' }) links: SurveyLinkView[];
}

export class PublicSurveyView {
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ enum: SURVEY_AUDIENCES }) audience: SurveyAudience;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ type: [QuestionView] }) questions: QuestionView[];
}

export class ResponseReceiptView {
  @ApiProperty() accepted: boolean;
}

export class OptionCountView {
  @ApiProperty() label: string;
  @ApiProperty() count: number;
}

export class QuestionResultView {
  @ApiProperty() questionId: string;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Responses that answered it' }) answered: number;
  @ApiProperty({ type: [OptionCountView], description: 'Per option (choices) or per point 1–5 (Likert); empty for text' }) options: OptionCountView[];
  @ApiProperty({ type: Number, nullable: true, description: 'Likert: mean point 1–5' }) mean: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Likert: the mean scaled to 0–1 ((mean − 1) / 4)' }) score: number | null;
  @ApiProperty({ type: [String], description: 'Text answers, sorted (never in the order they came)' }) texts: string[];
}

export class SurveyGroupResultView {
  @ApiProperty({ example: 'school:…|audience:parents' }) key: string;
  @ApiProperty({ type: SurveyNamedRef, nullable: true }) school: SurveyNamedRef | null;
  @ApiProperty({ enum: SURVEY_AUDIENCES, nullable: true }) audience: SurveyAudience | null;
  @ApiProperty({ description: 'It has enough responses to show; otherwise it reads "fewer than minGroupSize responses" and nothing else' }) shown: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Responses of the group (null when not shown)' }) responses: number | null;
  @ApiProperty({ type: [QuestionResultView] }) questions: QuestionResultView[];
}

export class SurveyResultsView {
  @ApiProperty({ type: SurveyView }) survey: SurveyView;
  @ApiProperty({ enum: SURVEY_BREAKDOWNS }) breakdown: SurveyBreakdown;
  @ApiProperty() minGroupSize: number;
  @ApiProperty({ description: 'Responses in the groups shown (the totals below count only those)' }) shownResponses: number;
  @ApiProperty({ type: [QuestionResultView], description: 'All groups shown together' }) overall: QuestionResultView[];
  @ApiProperty({ type: [SurveyGroupResultView] }) groups: SurveyGroupResultView[];
}

export class SurveyResultsQueryDto {
  @ApiPropertyOptional({ enum: SURVEY_BREAKDOWNS, default: 'school-audience' })
  @IsOptional()
  @IsIn(SURVEY_BREAKDOWNS)
  breakdown?: SurveyBreakdown;
}

export interface SurveyFileView {
  key: string;
  filename: string;
}

/** Bus payloads of subjects acting on one survey or template. */
export class UpdateSurveyRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateSurveyDto) changes: UpdateSurveyDto;
}

export class UpdateSurveyTemplateRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateSurveyTemplateDto) changes: UpdateSurveyTemplateDto;
}

export class SurveyTransitionRequest extends IdDto {
  @ValidateNested() @Type(() => SurveyTransitionDto) body: SurveyTransitionDto;
}

export class IssueTokensRequest extends IdDto {
  @ValidateNested() @Type(() => IssueTokensDto) body: IssueTokensDto;
}

export class SubmitSurveyResponseRequest extends IdDto {
  @ValidateNested() @Type(() => SubmitSurveyResponseDto) body: SubmitSurveyResponseDto;
}

export class SurveyResultsRequest extends IdDto {
  @ApiPropertyOptional({ enum: SURVEY_BREAKDOWNS })
  @IsOptional()
  @IsIn(SURVEY_BREAKDOWNS)
  breakdown?: SurveyBreakdown;
}

export class SurveyTokenDto {
  @ApiProperty({ description: 'The token of a survey link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,64}$/, { message: 'token must be the token of a survey link' })
  token: string;
}

export class PublicAnswerRequest extends SurveyTokenDto {
  @ValidateNested() @Type(() => SubmitAnswersDto) body: SubmitAnswersDto;
}

/**
 * assessment.survey.deadlines (system callers only): the surveys past draft whose deadline falls in a
 * window, for the notification centre's reminders (those who have not answered yet, before the
 * deadline) and its word to the survey's owner when it has closed.
 */
export class SurveyDeadlinesQuery {
  @IsISO8601({ strict: true }) from: string;
  @IsISO8601({ strict: true }) to: string;
}

/** A survey with a deadline in the window: who it covers, who has answered (accounts only, never what), and its counts. */
export interface SurveyDeadlineView {
  id: string;
  districtId: string;
  level: SurveyLevel;
  allianceId: string | null;
  schoolId: string | null;
  title: string;
  audiences: SurveyAudience[];
  status: SurveyStatus;
  opensAt: string;
  closesAt: string;
  /** when it stops (or stopped) taking answers: closesAt, or the moment its owner closed it early */
  closedAt: string;
  /** the account that created the survey */
  ownerId: string;
  schools: { id: string; name: string; responses: number }[];
  responseCount: number;
  /** the signed-in accounts that have answered (anonymous surveys keep these too: who answered, never what) */
  answeredAccountIds: string[];
}
