import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';

/** Growth and value-added (增值评价) of one exam against an earlier one, per school and class. */
export class GrowthQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The earlier exam (前测) of the same district; students are linked to it by student number' })
  @IsUUID()
  priorExamId: string;

  @ApiProperty({ example: '数学', maxLength: 16, description: 'A subject both exams have' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  subject: string;
}

export class GrowthRequest extends GrowthQueryDto {
  @IsUUID() examId: string;
}

export class GrowthRegressionView {
  @ApiProperty({ description: 'Linked students the regression was fitted over (the whole exam, whoever asks)' }) n: number;
  @ApiProperty({ description: 'a in expected T = a + b · prior T, 4 decimals' }) intercept: number;
  @ApiProperty({ description: 'b in expected T = a + b · prior T, 4 decimals' }) slope: number;
  @ApiProperty({ description: 'R²: share of the variance of the current T the prior T explains, 4 decimals' }) rSquared: number;
}

export class GrowthShrinkageView {
  @ApiProperty({ description: 'Groups compared' }) groups: number;
  @ApiProperty({ description: 'σ²: variance of the residuals within groups (MSW), T points², 4 decimals' }) withinVariance: number;
  @ApiProperty({ description: 'τ²: variance of the true group effects by the method of moments (0 when the groups differ no more than chance), 4 decimals' })
  betweenVariance: number;
}

export class GroupGrowthView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The class in the current exam; null in the school rows' }) className: string | null;
  @ApiProperty({ description: 'Linked students of the group (n)' }) n: number;
  @ApiProperty({ description: 'Mean T score (50 + 10z within the exam and subject) in the prior exam, 2 decimals' }) priorMean: number;
  @ApiProperty({ description: 'Mean T score in the current exam, 2 decimals' }) currentMean: number;
  @ApiProperty({ description: 'currentMean − priorMean, T points, 2 decimals' }) growth: number;
  @ApiProperty({ description: 'Raw value-added: mean of actual − expected T, 2 decimals' }) rawValueAdded: number;
  @ApiProperty({ description: 'Lower end of the raw 95% interval' }) rawLow: number;
  @ApiProperty({ description: 'Upper end of the raw 95% interval' }) rawHigh: number;
  @ApiProperty({ description: 'λ = τ² / (τ² + σ²/n): the share of its raw value the group keeps, 4 decimals' }) weight: number;
  @ApiProperty({ description: 'Value-added shrunk toward 0 by empirical Bayes (λ · raw), 2 decimals' }) valueAdded: number;
  @ApiProperty({ description: 'Lower end of the shrunk 95% interval' }) low: number;
  @ApiProperty({ description: 'Upper end of the shrunk 95% interval' }) high: number;
  @ApiProperty({ description: 'Rank by shrunk value-added among all groups of its level in the exam (ties share a rank)' }) rank: number;
}

export class GrowthView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() examName: string;
  @ApiProperty() examTerm: string;
  @ApiProperty({ format: 'uuid' }) priorExamId: string;
  @ApiProperty() priorExamName: string;
  @ApiProperty() priorExamTerm: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Students with a score in the subject in the current exam' }) currentStudents: number;
  @ApiProperty({ description: 'Of them, students with a score in the prior exam under the same student number' }) linkedStudents: number;
  @ApiProperty({ type: GrowthRegressionView }) regression: GrowthRegressionView;
  @ApiProperty({ type: GrowthShrinkageView }) schoolShrinkage: GrowthShrinkageView;
  @ApiProperty({ type: GrowthShrinkageView }) classShrinkage: GrowthShrinkageView;
  @ApiProperty({ type: [GroupGrowthView], description: 'Schools by shrunk value-added, highest first' }) schools: GroupGrowthView[];
  @ApiProperty({ type: [GroupGrowthView], description: 'Classes by shrunk value-added, highest first' }) classes: GroupGrowthView[];
  @ApiProperty({ description: 'School staff see their own school\'s rows (ranks and the fit still over the whole exam)' }) limitedToSchools: boolean;
}

/** 纵向: one school over the exams it sat, in one subject. */
export class SchoolGrowthTrendQueryDto {
  @ApiProperty({ example: '数学', maxLength: 16, description: 'The subject; exams without it are left out' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  subject: string;
}

export class SchoolGrowthTrendRequest extends SchoolGrowthTrendQueryDto {
  @IsUUID() schoolId: string;
}

export class SchoolGrowthPointView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() examName: string;
  @ApiProperty() term: string;
  @ApiProperty() grade: string;
  @ApiProperty({ description: 'The school\'s students with a score in the subject' }) n: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The school\'s mean raw score, 2 decimals (null without scores)' }) mean: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The school\'s mean T score (50 + 10z within the exam), comparable across exams, 2 decimals' }) meanT: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The exam before this one in the series, the prior exam of the value-added; null for the first' })
  priorExamId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Linked students of the school against the prior exam' }) linked: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Shrunk value-added against the prior exam (T points), 2 decimals' }) valueAdded: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Lower end of its 95% interval' }) low: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Upper end of its 95% interval' }) high: number | null;
}

export class SchoolGrowthTrendView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() subject: string;
  @ApiProperty({ type: [SchoolGrowthPointView], description: 'The exams the school sat that the caller may read, oldest first' }) points: SchoolGrowthPointView[];
}
