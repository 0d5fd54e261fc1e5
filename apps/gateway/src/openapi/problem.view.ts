import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ description: 'Dotted path of the offending field', example: 'schoolId' }) field: string;
  @ApiProperty({ example: 'schoolId must be a UUID' }) message: string;
  @ApiPropertyOptional({ description: '1-based row number for bulk imports' }) row?: number;
}

/** RFC 9457 problem details: every error the API answers, as application/problem+json. */
export class ProblemView {
  @ApiProperty({ example: 'urn:jiaolian:problem:validation-failed', description: 'Stable error kind; clients switch on it' })
  type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'The request path', example: '/api/v1/schools' }) instance?: string;
  @ApiProperty({ description: 'Quote it when reporting a problem; also in the x-request-id header' }) requestId: string;
  @ApiProperty({ type: [FieldErrorView] }) errors: FieldErrorView[];
}
