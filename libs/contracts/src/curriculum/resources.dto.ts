import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { IdDto } from '../common/requests.js';
import { RESOURCE_TYPES, RESOURCE_VISIBILITIES, type ResourceType, type ResourceVisibility } from './enums.js';

/** Tags arrive as an array (JSON) or as one comma-separated text (a multipart form field). */
const toTags = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  return value.split(/[,，、;；\s]+/).map((tag) => tag.trim()).filter(Boolean);
};

export class CreateResourceDto {
  @ApiProperty({ enum: RESOURCE_TYPES, description: 'lesson_plan 教案, courseware 课件, lesson_video 课例, exam_paper 试卷, case 案例, reflection 反思, research 教研资料' })
  @IsIn(RESOURCE_TYPES)
  type: ResourceType;

  @ApiProperty({ format: 'uuid', description: 'The school that shares the resource (the uploader\'s school)' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ example: '农耕文化劳动教育', maxLength: 120 })
  @IsString()
  @IsNotBlank()
  @MaxLength(120)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ example: '语文', maxLength: 16, description: 'Subject (学科)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  subject: string;

  @ApiProperty({ example: '三年级', maxLength: 16, description: 'Grade (年级)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  grade: string;

  @ApiPropertyOptional({ example: '部编版', maxLength: 32, description: 'Textbook edition (教材版本)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  edition?: string;

  @ApiPropertyOptional({ example: '第三单元', maxLength: 64, description: 'Unit (单元)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, example: ['劳动教育', '农耕'], description: 'Up to 10 tags; a form may send them comma-separated' })
  @IsOptional()
  @Transform(toTags)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(24, { each: true })
  tags?: string[];

  @ApiProperty({ example: 'CC BY-NC 4.0', maxLength: 48, description: 'Licence, e.g. CC BY-NC 4.0, 联盟内共享, 保留所有权利' })
  @IsString()
  @IsNotBlank()
  @MaxLength(48)
  licence: string;

  @ApiProperty({ enum: RESOURCE_VISIBILITIES, description: 'school: same school; alliance: schools sharing an active alliance; district: the whole district' })
  @IsIn(RESOURCE_VISIBILITIES)
  visibility: ResourceVisibility;
}

export class UpdateResourceDto extends PartialType(OmitType(CreateResourceDto, ['schoolId', 'type'] as const), { skipNullProperties: false }) {
  /** Only the upload form sends tags comma-separated; a JSON body must send an array, so the value is kept as sent. */
  @Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => obj[key])
  override tags?: string[];
}

/** A file already in the file store, as the gateway received it. */
export class ResourceStoredFileDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) key: string;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) size: number;
  @ApiProperty() @IsString() @Matches(/^[0-9a-f]{64}$/) sha256: string;
  @ApiProperty() @IsString() @MaxLength(200) contentType: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) filename: string;
}

/** Bus payload of curriculum.resource.create: the form's fields and the stored file. */
export class CreateResourceRequest extends CreateResourceDto {
  @ValidateNested() @Type(() => ResourceStoredFileDto) file: ResourceStoredFileDto;
}

/** A revised file for a resource; the current file becomes the previous version. */
export class AddResourceVersionRequest extends IdDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'What changed in this version' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ValidateNested() @Type(() => ResourceStoredFileDto) file: ResourceStoredFileDto;
}

/** One version of a resource's file. */
export class ResourceVersionRequest extends IdDto {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class UpdateResourceRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateResourceDto) changes: UpdateResourceDto;
}

export class ListResourcesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  @IsOptional()
  @IsIn(RESOURCE_TYPES)
  type?: ResourceType;

  @ApiPropertyOptional({ maxLength: 16 })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 16 })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  grade?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only resources shared by this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: RESOURCE_VISIBILITIES })
  @IsOptional()
  @IsIn(RESOURCE_VISIBILITIES)
  visibility?: ResourceVisibility;

  @ApiPropertyOptional({ type: Boolean, description: 'Also answer facet counts (type, subject, grade, school) of the matches' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  facets?: boolean;
}

export class ResourceFileView {
  @ApiProperty() filename: string;
  @ApiProperty() size: number;
  @ApiProperty() contentType: string;
  @ApiProperty() sha256: string;
}

export class ResourceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ description: 'Name of the owning school as the directory knows it' }) schoolName: string;
  @ApiProperty({ description: 'The uploader' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: RESOURCE_TYPES }) type: ResourceType;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() subject: string;
  @ApiProperty() grade: string;
  @ApiProperty({ type: String, nullable: true }) edition: string | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() licence: string;
  @ApiProperty({ enum: RESOURCE_VISIBILITIES }) visibility: ResourceVisibility;
  @ApiProperty({ type: ResourceFileView, description: 'The current version\'s file' }) file: ResourceFileView;
  @ApiProperty({ minimum: 1, description: 'Number of the current version (1 for a resource never revised)' }) version: number;
  @ApiProperty() downloadCount: number;
  @ApiProperty({ description: 'Whether the caller may change or remove it' }) canEdit: boolean;
  @ApiPropertyOptional({ description: 'Search rank when the list was searched' }) rank?: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** One value of a facet and how many matches have it. */
export class ResourceFacetCount {
  @ApiProperty() value: string;
  @ApiPropertyOptional({ description: 'Display name (the school\'s name for the school facet)' }) label?: string;
  @ApiProperty() count: number;
}

/**
 * Facet counts over the matches. When the matches exceed the total's cap they are counted over
 * the first 1,001 matches read (`capped`): each count is then a lower bound ("at least").
 */
export class ResourceFacets {
  @ApiProperty({ description: 'Counted over the first 1,001 matches only: each count is at least this many' }) capped: boolean;
  @ApiProperty({ type: [ResourceFacetCount] }) type: ResourceFacetCount[];
  @ApiProperty({ type: [ResourceFacetCount] }) subject: ResourceFacetCount[];
  @ApiProperty({ type: [ResourceFacetCount] }) grade: ResourceFacetCount[];
  @ApiProperty({ type: [ResourceFacetCount] }) school: ResourceFacetCount[];
}

/** A page of resources. `total` stops at 1,000: `totalCapped` says there are more ("1000+"). */
export class ResourcePage {
  @ApiProperty({ type: [ResourceView] }) items: ResourceView[];
  @ApiProperty({ description: 'Matches, counted up to 1,000' }) total: number;
  @ApiProperty({ description: 'More matches than total (shown as "1000+")' }) totalCapped: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiPropertyOptional({ type: ResourceFacets, description: 'When facets=true' }) facets?: ResourceFacets;
}

export class ResourceVersionView {
  @ApiProperty({ minimum: 1 }) version: number;
  @ApiProperty({ description: 'Whether this is the version the resource now offers' }) current: boolean;
  @ApiProperty({ type: ResourceFileView }) file: ResourceFileView;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() uploadedById: string;
  @ApiProperty() uploadedByName: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

/** What the gateway needs to stream a download: the store key and the file name. */
export interface ResourceDownloadView {
  key: string;
  filename: string;
}

/** The multipart form of POST /curriculum/resources/{id}/versions (the note first, the file last). */
export class UploadResourceVersionForm {
  @ApiPropertyOptional({ maxLength: 500, description: 'What changed in this version' }) note?: string;
  @ApiProperty({ type: 'string', format: 'binary', description: 'The revised file, last part of the form' }) file: unknown;
}

/** The multipart form of POST /curriculum/resources (documents the upload; fields before the file). */
export class UploadResourceForm extends CreateResourceDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file, last part of the form' }) file: unknown;
}
