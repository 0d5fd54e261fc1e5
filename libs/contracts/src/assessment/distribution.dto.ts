import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';

/** Band widths of a 一分一段表, in points. */
export const DISTRIBUTION_STEPS = [1, 2, 5, 10] as const;
export type DistributionStep = (typeof DISTRIBUTION_STEPS)[number];

/** The `subject` that asks for the total over all subjects of the exam. */
export const TOTAL_SUBJECT = 'total';

export class ScoreDistributionQueryDto {
  @ApiProperty({
    example: '数学', maxLength: 16,
    description: 'A subject of the exam, or `total` for the sum over all subjects; the total counts only students with a score in every subject',
  })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  subject: string;

  @ApiPropertyOptional({ enum: DISTRIBUTION_STEPS, default: 1, description: 'Band width in points: a band holds scores in [low, low + step)' })
  @IsOptional()
  @Type(() => Number)
  @IsIn(DISTRIBUTION_STEPS, { message: `step must be one of ${DISTRIBUTION_STEPS.join(', ')}` })
  step?: DistributionStep;

  @ApiPropertyOptional({ format: 'uuid', description: 'Count only this school\'s students (school staff: their own school); ranks in the alliance stay in allianceCumulative' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class ScoreDistributionRequest extends ScoreDistributionQueryDto {
  @IsUUID() examId: string;
}

export class ScoreDistributionRowView {
  @ApiProperty({ description: 'Lowest score of the band (inclusive)', example: 85 }) low: number;
  @ApiProperty({ description: 'Upper end of the band (exclusive): low + step', example: 86 }) high: number;
  @ApiProperty({ description: 'Students with a score in the band' }) count: number;
  @ApiProperty({ description: 'Students with a score at or above low: the rank of the last student in the band' }) cumulative: number;
  @ApiProperty({ description: 'cumulative as a share of all counted students, 0–1, 4 decimals' }) cumulativeRate: number;
  @ApiProperty({ type: Number, nullable: true, description: 'With schoolId: students of the whole alliance at or above low (the alliance rank of the band\'s last student); else null' })
  allianceCumulative: number | null;
}

export class DistributionSchoolView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
}

export class ScoreDistributionView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty({ description: 'The subject, or `total`' }) subject: string;
  @ApiProperty({ description: 'Full marks of the subject, or their sum for the total' }) fullMarks: number;
  @ApiProperty({ enum: DISTRIBUTION_STEPS }) step: DistributionStep;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The school counted, or null for the whole alliance' }) schoolId: string | null;
  @ApiProperty({ description: 'Students counted (for the total: those with a score in every subject)' }) students: number;
  @ApiProperty({ description: '缺考人数: students left out as absent in the subject (for the total: in any subject)' }) absent: number;
  @ApiProperty({ description: '免考人数: students left out as exempt in the subject (for the total: in any subject and absent in none)' }) exempt: number;
  @ApiProperty({ type: [ScoreDistributionRowView], description: 'Non-empty bands from the top score down' }) rows: ScoreDistributionRowView[];
  @ApiProperty({ type: [DistributionSchoolView], description: 'Schools the caller may pass as schoolId (school staff: their own)' }) schools: DistributionSchoolView[];
  @ApiProperty({ description: 'School staff may count the alliance and their own school only' }) limitedToSchools: boolean;
}
