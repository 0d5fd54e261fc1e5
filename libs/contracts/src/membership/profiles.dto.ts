import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';
import { SchoolRef } from './alliances.dto.js';

/*
 * School profiles (学校画像) and the needs survey (调研): a district taxonomy of tags, a profile round per
 * term that each school answers with its strengths, needs, specialities and capacity, kept per term so that
 * changes show from one term to the next.
 */

/** What a tag describes: a subject (学科), a grade (年级), a facility (场地设施) or a speciality (办学特色). */
export const PROFILE_TAG_CATEGORIES = ['subject', 'grade', 'facility', 'speciality'] as const;
export type ProfileTagCategory = (typeof PROFILE_TAG_CATEGORIES)[number];

/** How strong a strength is, or how pressing a need. */
export const PROFILE_LEVELS = ['high', 'medium', 'low'] as const;
export type ProfileLevel = (typeof PROFILE_LEVELS)[number];

/** open: schools answer; closed: the district has closed it (answers are final). */
export const PROFILE_ROUND_STATUSES = ['open', 'closed'] as const;
export type ProfileRoundStatus = (typeof PROFILE_ROUND_STATUSES)[number];

/** How many schools one school may support at most (the pairing model's capacity). */
export const PROFILE_MAX_CAPACITY = 10;

export class CreateProfileTagDto {
  @ApiProperty({ enum: PROFILE_TAG_CATEGORIES })
  @IsIn(PROFILE_TAG_CATEGORIES)
  category: ProfileTagCategory;

  @ApiProperty({ maxLength: 32, example: 'farm_base', description: 'Stable code, unique in the district: lower-case letters, digits and _' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/)
  code: string;

  @ApiProperty({ maxLength: 32, example: '农耕基地' })
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  nameZh: string;

  @ApiProperty({ maxLength: 64, example: 'Farm base' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  nameEn: string;
}

export class UpdateProfileTagDto {
  @ApiPropertyOptional({ maxLength: 32 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  nameZh?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  nameEn?: string;

  @ApiPropertyOptional({ description: 'Archived tags stay on the profiles that used them but cannot be chosen again' })
  @OptionalNotNull()
  @IsBoolean()
  archived?: boolean;
}

export class ProfileTagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ enum: PROFILE_TAG_CATEGORIES }) category: ProfileTagCategory;
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() archived: boolean;
}

export class ListProfileTagsQueryDto {
  @ApiPropertyOptional({ enum: PROFILE_TAG_CATEGORIES })
  @IsOptional()
  @IsIn(PROFILE_TAG_CATEGORIES)
  category?: ProfileTagCategory;
}

export class ProfileTagList {
  @ApiProperty({ type: [ProfileTagView] }) items: ProfileTagView[];
}

export class OpenProfileRoundDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ example: '2026-2027-2', description: 'The term the profiles describe' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;

  @ApiProperty({ format: 'date-time', example: '2027-03-01T16:00:00Z', description: 'When answers are due' })
  @IsDateString({ strict: true })
  deadline: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'What the district asks the schools (shown on the form)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  instructions?: string;
}

export class ListProfileRoundsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: PROFILE_ROUND_STATUSES })
  @IsOptional()
  @IsIn(PROFILE_ROUND_STATUSES)
  status?: ProfileRoundStatus;
}

export class ProfileRoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() term: string;
  @ApiProperty({ format: 'date-time' }) deadline: string;
  @ApiProperty({ nullable: true, type: String }) instructions: string | null;
  @ApiProperty({ enum: PROFILE_ROUND_STATUSES }) status: ProfileRoundStatus;
  @ApiProperty({ description: 'Schools of the district' }) schoolCount: number;
  @ApiProperty({ description: 'Schools that have submitted their profile' }) submittedCount: number;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
}

export class RoundSchoolView {
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The submitted profile, null when not yet submitted' }) profileId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
}

export class ProfileRoundDetailView extends ProfileRoundView {
  @ApiProperty({ type: [RoundSchoolView], description: 'Every school of the district: who submitted and who has not' }) schools: RoundSchoolView[];
}

export class ProfileItemDto {
  @ApiProperty({ format: 'uuid', description: 'A tag of the district taxonomy' })
  @IsUUID()
  tagId: string;

  @ApiProperty({ enum: PROFILE_LEVELS })
  @IsIn(PROFILE_LEVELS)
  level: ProfileLevel;
}

export class SubmitProfileDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ type: [ProfileItemDto], description: 'What the school can offer others (优势)' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => ProfileItemDto)
  strengths: ProfileItemDto[];

  @ApiProperty({ type: [ProfileItemDto], description: 'What the school needs help with (需求)' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => ProfileItemDto)
  needs: ProfileItemDto[];

  @ApiProperty({ type: [String], description: 'Tags of facilities and specialities the school has (特色: 农耕基地, 少年宫 …)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  specialities: string[];

  @ApiProperty({ minimum: 0, maximum: PROFILE_MAX_CAPACITY, description: 'How many schools it can support (0: none)' })
  @IsInt()
  @Min(0)
  @Max(PROFILE_MAX_CAPACITY)
  capacity: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Free text: what the numbers do not say' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ProfileItemView {
  @ApiProperty({ format: 'uuid' }) tagId: string;
  @ApiProperty({ enum: PROFILE_TAG_CATEGORIES }) category: ProfileTagCategory;
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: PROFILE_LEVELS }) level: ProfileLevel;
}

export class SchoolProfileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: SchoolRef }) school: SchoolRef;
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: [ProfileItemView] }) strengths: ProfileItemView[];
  @ApiProperty({ type: [ProfileItemView] }) needs: ProfileItemView[];
  @ApiProperty({ type: [ProfileItemView], description: 'Facilities and specialities (level is always high)' }) specialities: ProfileItemView[];
  @ApiProperty() capacity: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: Number }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty() version: number;
}

export class ListSchoolProfilesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ example: '2026-2027-2' })
  @IsOptional()
  @IsString()
  @Matches(TERM_PATTERN)
  term?: string;
}

export const PROFILE_CHANGE_KINDS = ['added', 'removed', 'level_changed'] as const;
export type ProfileChangeKind = (typeof PROFILE_CHANGE_KINDS)[number];

export class ProfileItemChangeView {
  @ApiProperty({ enum: ['strengths', 'needs', 'specialities'] }) list: 'strengths' | 'needs' | 'specialities';
  @ApiProperty({ enum: PROFILE_CHANGE_KINDS }) change: ProfileChangeKind;
  @ApiProperty({ format: 'uuid' }) tagId: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ nullable: true, enum: PROFILE_LEVELS, type: String }) before: ProfileLevel | null;
  @ApiProperty({ nullable: true, enum: PROFILE_LEVELS, type: String }) after: ProfileLevel | null;
}

/** A profile against the same school's profile of the term before (学期对比). */
export class ProfileChangesView {
  @ApiProperty({ type: SchoolProfileView }) profile: SchoolProfileView;
  @ApiProperty({ nullable: true, type: String, description: 'The earlier term compared with; null when the school has no earlier profile' }) previousTerm: string | null;
  @ApiProperty({ type: [ProfileItemChangeView] }) changes: ProfileItemChangeView[];
  @ApiProperty({ nullable: true, type: Number }) previousCapacity: number | null;
}

export class SubmitProfileRequest extends IdDto {
  @ValidateNested() @Type(() => SubmitProfileDto) body: SubmitProfileDto;
}

export class UpdateProfileTagRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateProfileTagDto) changes: UpdateProfileTagDto;
}

export class CreateProfileTagRequest extends IdDto {
  @ValidateNested() @Type(() => CreateProfileTagDto) body: CreateProfileTagDto;
}

export class ListProfileTagsRequest extends IdDto {
  @ValidateNested() @Type(() => ListProfileTagsQueryDto) query: ListProfileTagsQueryDto;
}

/** Asks for the open rounds whose deadline falls within the coming days (system callers only). */
export class ProfileRoundsDueQuery {
  @IsInt()
  @Min(0)
  @Max(30)
  withinDays: number;
}

export interface ProfileRoundDueView {
  roundId: string;
  districtId: string;
  term: string;
  deadline: string;
  /** the schools of the district that have not submitted their profile of the term */
  pendingSchools: { id: string; name: string }[];
}
