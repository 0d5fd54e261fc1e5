import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn, IsInt, IsLatitude, IsLongitude, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsNotBlank } from '../common/validation.js';
import { PageQueryDto } from '../common/paging.js';
import { SCHOOL_LOCALES, SCHOOL_STAGES, type SchoolLocale, type SchoolStage } from './enums.js';

export class GeoPointDto {
  @ApiProperty({ example: 29.3, minimum: -90, maximum: 90 })
  @IsNumber()
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: 120.07, minimum: -180, maximum: 180 })
  @IsNumber()
  @IsLongitude()
  lng: number;
}

export class CreateSchoolDto {
  @ApiProperty({ format: 'uuid', description: 'District that owns the school' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ description: 'National 10-digit school identification code (学校标识码)', example: '2133012345' })
  @Matches(/^\d{10}$/, { message: 'code must be the 10-digit national school code' })
  code: string;

  @ApiProperty({ example: '城关第一小学', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiProperty({ enum: SCHOOL_STAGES })
  @IsIn(SCHOOL_STAGES)
  stage: SchoolStage;

  @ApiProperty({ enum: SCHOOL_LOCALES, description: 'urban (城区), township (乡镇) or village (村)' })
  @IsIn(SCHOOL_LOCALES)
  locale: SchoolLocale;

  @ApiProperty({ example: '城关镇', maxLength: 32, description: 'Township or sub-district (乡镇/街道)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  township: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  address?: string;

  @ApiPropertyOptional({ type: GeoPointDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto;

  @ApiProperty({ minimum: 0, maximum: 20000 })
  @IsInt()
  @Min(0)
  @Max(20000)
  studentCount: number;

  @ApiProperty({ minimum: 0, maximum: 2000 })
  @IsInt()
  @Min(0)
  @Max(2000)
  teacherCount: number;

  @ApiProperty({ minimum: 0, maximum: 500 })
  @IsInt()
  @Min(0)
  @Max(500)
  classCount: number;
}

export class UpdateSchoolDto extends PartialType(OmitType(CreateSchoolDto, ['districtId', 'code'] as const), { skipNullProperties: false }) {}

export class ListSchoolsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  township?: string;

  @ApiPropertyOptional({ enum: SCHOOL_STAGES })
  @IsOptional()
  @IsIn(SCHOOL_STAGES)
  stage?: SchoolStage;

  @ApiPropertyOptional({ enum: SCHOOL_LOCALES })
  @IsOptional()
  @IsIn(SCHOOL_LOCALES)
  locale?: SchoolLocale;
}

export class CreateCampusDto {
  @ApiProperty({ example: '东校区', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  address?: string;
}

export class CampusView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
}

export class SchoolView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SCHOOL_STAGES }) stage: SchoolStage;
  @ApiProperty({ enum: SCHOOL_LOCALES }) locale: SchoolLocale;
  @ApiProperty() township: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: GeoPointDto }) location: GeoPointDto | null;
  @ApiProperty() studentCount: number;
  @ApiProperty() teacherCount: number;
  @ApiProperty() classCount: number;
  @ApiProperty({ type: [CampusView] }) campuses: CampusView[];
  @ApiProperty({ description: 'Active alliances the school belongs to', type: [Object] })
  alliances: { id: string; name: string; role: string }[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
