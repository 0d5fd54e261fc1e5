import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScoreStatsView {
  @ApiProperty({ description: 'Students with a score; absent and exempt students are left out of this and every figure below' }) count: number;
  @ApiProperty({ description: 'Mean, 2 decimals' }) mean: number;
  @ApiProperty({ description: 'Population standard deviation, 2 decimals' }) stddev: number;
  @ApiProperty() median: number;
  @ApiProperty() max: number;
  @ApiProperty() min: number;
  @ApiProperty({ description: 'Share at or above the pass line, 0–1' }) passRate: number;
  @ApiProperty({ description: 'Share at or above the excellent line, 0–1' }) excellentRate: number;
  @ApiProperty({ description: 'Share below the low-score line, 0–1' }) lowRate: number;
  @ApiPropertyOptional({ description: '缺考人数: students marked absent; present only when there are some' }) absent?: number;
  @ApiPropertyOptional({ description: '免考人数: students marked exempt; present only when there are some' }) exempt?: number;
}

export class SchoolStatsView extends ScoreStatsView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ description: 'Rank by mean among the schools (1 = highest); 0 when nobody of the school sat the subject' }) rank: number;
  @ApiProperty({ description: '超均率: (school mean − alliance mean) / alliance mean' }) aboveMeanRatio: number;
}

export class ClassStatsView extends SchoolStatsView {
  @ApiProperty() className: string;
  @ApiProperty({ description: 'Rank by mean within the school; 0 when nobody of the class sat the subject' }) rankInSchool: number;
}

export class ScoreBandView {
  @ApiProperty({ example: '90-100' }) label: string;
  @ApiProperty() lower: number;
  @ApiProperty({ description: 'Exclusive, except the top band which includes full marks' }) upper: number;
  @ApiProperty() count: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Count per school id' })
  bySchool: Record<string, number>;
}

export class SubjectAnalysisView {
  @ApiProperty() subject: string;
  @ApiProperty() fullMarks: number;
  @ApiProperty() passLine: number;
  @ApiProperty() excellentLine: number;
  @ApiProperty() lowLine: number;
  @ApiProperty({ type: ScoreStatsView, nullable: true, description: 'The whole alliance; null until scores exist' }) alliance: ScoreStatsView | null;
  @ApiProperty({ type: [SchoolStatsView] }) schools: SchoolStatsView[];
  @ApiProperty({ type: [ClassStatsView] }) classes: ClassStatsView[];
  @ApiProperty({ type: [ScoreBandView] }) bands: ScoreBandView[];
}

export class ExamAnalysisView {
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty() examName: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'School staff see their own school and the alliance figures; other schools are left out' }) limitedToSchools: boolean;
  @ApiProperty({ type: [SubjectAnalysisView] }) subjects: SubjectAnalysisView[];
}
