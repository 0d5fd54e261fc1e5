import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IdDto } from '../common/requests.js';
import { TERM_PATTERN } from '../common/terms.js';
import { IsNotBlank } from '../common/validation.js';
import { SchoolRef } from './alliances.dto.js';

/*
 * Pairing suggestions (结对推荐): for a district and term, which supporting schools (and existing alliances)
 * should help which schools, from the submitted profiles, solved as an assignment programme (see
 * docs/governance.md for the objective). A suggestion becomes a draft pairing in one step.
 */

export const SUGGESTION_KINDS = ['school', 'alliance'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** The model's parameters; every one has a default. */
export class PairingParamsDto {
  @ApiProperty({ example: '2026-2027-2', description: 'The term whose submitted profiles are used' })
  @IsString()
  @Matches(TERM_PATTERN)
  term: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 30, description: 'Longest road distance between paired schools, km' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(200)
  travelLimitKm?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 1.3, description: 'Road distance ≈ straight-line (haversine) distance × this factor' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(3)
  roadFactor?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.02, description: 'Objective points lost per km of a suggested pair' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  distancePenalty?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 1, description: 'How many supporting schools one school may get' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  maxSupportersPerSchool?: number;

  @ApiPropertyOptional({ default: true, description: 'Also suggest joining an existing alliance whose members offer what a school needs' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeAlliances?: boolean;
}

export class SuggestedTagView {
  @ApiProperty({ format: 'uuid' }) tagId: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
}

export class PairingSuggestionView {
  @ApiProperty({ enum: SUGGESTION_KINDS, description: 'school: a pairing with a supporting school; alliance: joining an existing alliance' }) kind: SuggestionKind;
  @ApiProperty({ type: SchoolRef, description: 'The supporting school, or the alliance (id and name)' }) provider: SchoolRef;
  @ApiProperty({ type: SchoolRef, description: 'The school whose needs are met' }) school: SchoolRef;
  @ApiProperty({ description: 'Road distance, km (entered, or estimated from the coordinates)' }) distanceKm: number;
  @ApiProperty({ type: [SuggestedTagView], description: "The school's needs the provider offers" }) supplies: SuggestedTagView[];
  @ApiProperty({ description: 'Need weight met by this pair alone (need weight × strength factor, summed)' }) coverage: number;
  @ApiProperty({ example: '提供 英语、音乐，12 km' }) reasonZh: string;
  @ApiProperty({ example: 'supplies English and music, 12 km' }) reasonEn: string;
}

export class PairingParamsView {
  @ApiProperty() travelLimitKm: number;
  @ApiProperty() roadFactor: number;
  @ApiProperty() distancePenalty: number;
  @ApiProperty() maxSupportersPerSchool: number;
  @ApiProperty() includeAlliances: boolean;
}

export class PairingSuggestionsView {
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() term: string;
  @ApiProperty({ type: PairingParamsView }) params: PairingParamsView;
  @ApiProperty({ example: 'Optimal', description: "The solver's status; Optimal means proven optimal (zero gap)" }) status: string;
  @ApiProperty({ description: 'Σ need weight met − distance penalty × km' }) objective: number;
  @ApiProperty({ description: 'Eligible pairs the model chose from' }) candidatePairs: number;
  @ApiProperty({ description: 'Schools with a submitted profile this term' }) profiles: number;
  @ApiProperty() solveMs: number;
  @ApiProperty({ type: [PairingSuggestionView] }) suggestions: PairingSuggestionView[];
  @ApiProperty({ type: [SchoolRef], description: 'Schools with needs that no suggestion meets' }) unmet: SchoolRef[];
}

export class SetRoadDistanceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolAId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolBId: string;

  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 500, description: 'Road distance in km; null removes the entry (the estimate applies again)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(500)
  km: number | null;
}

export class RoadDistanceView {
  @ApiProperty({ type: SchoolRef }) schoolA: SchoolRef;
  @ApiProperty({ type: SchoolRef }) schoolB: SchoolRef;
  @ApiProperty({ nullable: true, type: Number, description: 'The entered distance, null when none' }) km: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'haversine × the default road factor, null without coordinates' }) estimatedKm: number | null;
}

export class AcceptSuggestionDto extends PairingParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The supporting school of the suggestion' })
  @IsUUID()
  supportingSchoolId: string;

  @ApiProperty({ format: 'uuid', description: 'The school whose needs it meets' })
  @IsUUID()
  supportedSchoolId: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Name of the pairing (default: both schools’ names)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name?: string;
}

export class PairingSuggestionsRequest extends IdDto {
  @ValidateNested() @Type(() => PairingParamsDto) query: PairingParamsDto;
}

export class SetRoadDistanceRequest extends IdDto {
  @ValidateNested() @Type(() => SetRoadDistanceDto) body: SetRoadDistanceDto;
}

export class AcceptSuggestionRequest extends IdDto {
  @ValidateNested() @Type(() => AcceptSuggestionDto) body: AcceptSuggestionDto;
}
