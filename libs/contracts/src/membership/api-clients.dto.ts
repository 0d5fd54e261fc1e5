import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IdDto } from '../common/requests.js';
import { PageQueryDto } from '../common/paging.js';
import { API_SCOPES, type ApiScope } from '../common/scopes.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';

export const API_CLIENT_STATUSES = ['active', 'revoked'] as const;
export type ApiClientStatus = (typeof API_CLIENT_STATUSES)[number];

/** How long a rotated secret keeps working by default, and at most (seconds). */
export const SECRET_GRACE_DEFAULT_SECONDS = 24 * 60 * 60;
export const SECRET_GRACE_MAX_SECONDS = 7 * 24 * 60 * 60;

/** What a client may reach: its whole district, or some alliances inside it. */
export class ApiClientReachDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Districts the client reaches as a district admin would (only the owning district)' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(1)
  @ArrayUnique()
  districtIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Alliances of the owning district the client reaches as their alliance admin would" })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  @ArrayUnique()
  allianceIds?: string[];
}

export class CreateApiClientDto {
  @ApiProperty({ format: 'uuid', description: 'The district that owns the client' })
  @IsUUID()
  districtId: string;

  @ApiProperty({ example: '区域教育数据中心', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true, example: ['membership:read'] })
  @IsIn(API_SCOPES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(API_SCOPES.length)
  @ArrayUnique()
  scopes: ApiScope[];

  @ApiProperty({ type: ApiClientReachDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ApiClientReachDto)
  reach: ApiClientReachDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 600, description: 'Requests per minute' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rateLimitPerMinute?: number;
}

export class UpdateApiClientDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: API_SCOPES, isArray: true })
  @OptionalNotNull()
  @IsIn(API_SCOPES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(API_SCOPES.length)
  @ArrayUnique()
  scopes?: ApiScope[];

  @ApiPropertyOptional({ type: ApiClientReachDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => ApiClientReachDto)
  reach?: ApiClientReachDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100000)
  rateLimitPerMinute?: number;
}

export class RotateApiClientSecretDto {
  @ApiPropertyOptional({
    minimum: 0, maximum: SECRET_GRACE_MAX_SECONDS, default: SECRET_GRACE_DEFAULT_SECONDS,
    description: 'How long the old secret keeps working, in seconds (0: it stops at once)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SECRET_GRACE_MAX_SECONDS)
  graceSeconds?: number;
}

export class ListApiClientsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: API_CLIENT_STATUSES })
  @IsOptional()
  @IsIn(API_CLIENT_STATUSES)
  status?: ApiClientStatus;
}

export class ApiClientReachView {
  @ApiProperty({ type: [String] }) districtIds: string[];
  @ApiProperty({ type: [String] }) allianceIds: string[];
}

export class ApiClientView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'jlc_Xb3k9QmW2pLr7sTa', description: 'The client_id to send to the token endpoint' }) clientId: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: API_SCOPES, isArray: true }) scopes: ApiScope[];
  @ApiProperty({ type: ApiClientReachView }) reach: ApiClientReachView;
  @ApiProperty() rateLimitPerMinute: number;
  @ApiProperty({ enum: API_CLIENT_STATUSES }) status: ApiClientStatus;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the current secret was issued' }) secretIssuedAt: string | null;
  @ApiProperty() version: number;
}

/** The answer of create and rotate: the only time the secret is ever shown. */
export class ApiClientWithSecretView {
  @ApiProperty({ type: ApiClientView }) client: ApiClientView;
  @ApiProperty({ example: 'jls_…', description: 'The client secret; shown once, store it now' }) clientSecret: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the previous secret stops working (rotation only)' })
  previousSecretExpiresAt: string | null;
}

/** Bus payloads of the api-client subjects that act on one client. */
export class UpdateApiClientRequest extends IdDto {
  @ValidateNested() @Type(() => UpdateApiClientDto) changes: UpdateApiClientDto;
}

export class RotateApiClientSecretRequest extends IdDto {
  @ValidateNested() @Type(() => RotateApiClientSecretDto) body: RotateApiClientSecretDto;
}

/** membership.oauth.token: the client's credentials and the scopes it asks for (already parsed by the gateway). */
export class IssueClientTokenRequest {
  @IsString() @MaxLength(200) clientId: string;
  @IsString() @MaxLength(200) clientSecret: string;
  @IsOptional() @IsIn(API_SCOPES, { each: true }) @ArrayMaxSize(API_SCOPES.length) scopes?: ApiScope[];
}

/** RFC 6749 §5.1 access token response. */
export class ClientTokenView {
  @ApiProperty() access_token: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expires_in: number;
  @ApiProperty({ example: 'membership:read exchange:read', description: 'The granted scopes, space-separated' }) scope: string;
}
