import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsIn, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { QUOTA_CATEGORIES, type QuotaCategory } from './enums.js';

export class QuotaRuleDto {
  @ApiProperty({ enum: QUOTA_CATEGORIES, description: 'middle_manager (中层干部), backbone (骨干教师/学科带头人) or any (全部教师)' })
  @IsIn(QUOTA_CATEGORIES)
  category: QuotaCategory;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Teachers each member school sends at least' })
  @IsInt()
  @Min(0)
  @Max(100)
  min: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Teachers each member school sends at most' })
  @IsInt()
  @Min(0)
  @Max(100)
  max: number;
}

/** The alliance and year a quota rule set is for, as a JSON body sends them (year a number). */
export class QuotaKeyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  allianceId: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

/** The same in a query string, where every value is text: the year is converted to a number. */
export class QuotaQueryDto extends QuotaKeyDto {
  @Type(() => Number)
  override year: number;
}

export class SetQuotaDto extends QuotaKeyDto {
  @ApiProperty({ type: [QuotaRuleDto], description: 'The whole rule set for the year (replaces the previous one)' })
  @ArrayMaxSize(3)
  @ArrayUnique((rule: QuotaRuleDto) => rule.category, { message: 'each category may appear once' })
  @ValidateNested({ each: true })
  @Type(() => QuotaRuleDto)
  rules: QuotaRuleDto[];
}

export class QuotaRuleView {
  @ApiProperty({ enum: QUOTA_CATEGORIES }) category: QuotaCategory;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class QuotaView {
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: [QuotaRuleView] }) rules: QuotaRuleView[];
}

export class QuotaCategoryProgress {
  @ApiProperty({ enum: QUOTA_CATEGORIES }) category: QuotaCategory;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty({ description: 'Teachers sent (approved, active or completed placements starting this year)' }) actual: number;
  @ApiProperty({ enum: ['behind', 'met', 'over'] }) state: 'behind' | 'met' | 'over';
}

export class SchoolQuotaProgress {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty({ type: [QuotaCategoryProgress] }) categories: QuotaCategoryProgress[];
  @ApiProperty({ description: 'Behind in at least one category' }) behind: boolean;
}

export class QuotaProgressView {
  @ApiProperty({ format: 'uuid' }) allianceId: string;
  @ApiProperty() allianceName: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: [QuotaRuleView] }) rules: QuotaRuleView[];
  @ApiProperty({ type: [SchoolQuotaProgress] }) schools: SchoolQuotaProgress[];
}
