import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ description: 'Dotted path of the offending field', example: 'schoolId' }) field: string;
  @ApiProperty({ example: 'schoolId must be a UUID' }) message: string;
  @ApiPropertyOptional({ description: '1-based row number for bulk imports' }) row?: number;
  @ApiPropertyOptional({ description: 'Stable code of what is wrong with the field, e.g. field.maxLength', example: 'field.isUuid' }) code?: string;
  @ApiPropertyOptional({
    description: 'The values the message was built from, e.g. {"field":"name","max":100}',
    type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  })
  params?: Record<string, string | number>;
}

/** RFC 9457 problem details: every error the API answers, as application/problem+json. */
export class ProblemView {
  @ApiProperty({ example: 'urn:jiaolian:problem:validation-failed', description: 'Stable error kind; clients switch on it' })
  type: string;
  @ApiProperty({ example: 'Validation failed', description: 'In the language of Accept-Language (zh-CN by default, en)' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional({ description: 'What went wrong, in the language of Accept-Language (zh-CN by default, en)' }) detail?: string;
  @ApiProperty({ description: 'Stable code of the failure; the kind when nothing more specific applies', example: 'validation-failed' }) code: string;
  @ApiPropertyOptional({
    description: 'The values detail was built from, for clients that show their own text',
    type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  })
  params?: Record<string, string | number>;
  @ApiPropertyOptional({ description: 'The request path', example: '/api/v1/schools' }) instance?: string;
  @ApiProperty({ description: 'Quote it when reporting a problem; also in the x-request-id header' }) requestId: string;
  @ApiProperty({ type: [FieldErrorView], description: 'Every field at fault; messages in the language of Accept-Language' }) errors: FieldErrorView[];
}
