import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { buildMessage, IsInt, IsOptional, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  CHANGE_OPERATIONS, PUBLIC_EVENT_CATALOGUE, PUBLIC_EVENT_DOMAINS, PUBLIC_EVENT_TYPES, PUBLIC_EVENTS_VERSION, publicEventOfType, readScopeOf, type ChangeOperation,
  type PublicEventDomain,
} from './public-events.js';

/** Request/reply subjects of the change feed (integrations service). */
export const ChangesSubjects = {
  list: 'integrations.changes.list',
  latest: 'integrations.changes.latest',
} as const;

/** At most this many changes in one page of the feed. */
export const CHANGES_MAX_LIMIT = 1000;
export const CHANGES_DEFAULT_LIMIT = 100;

const CURSOR_PREFIX = 'v1:';
/** The largest position a cursor holds: PostgreSQL's bigint. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/**
 * A cursor is an opaque string for clients; inside, it is the change log position (seq) after which
 * to read. Positions are strings to keep bigint precision. The start of the log is position 0.
 */
export function encodeChangeCursor(position: string | bigint): string {
  return Buffer.from(`${CURSOR_PREFIX}${position.toString()}`, 'utf8').toString('base64url');
}

/** The position a cursor holds, or undefined when the string is not a cursor this API gave out. */
export function decodeChangeCursor(cursor: string): string | undefined {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^v1:(0|[1-9][0-9]{0,18})$/.exec(text);
  if (!match || encodeChangeCursor(match[1]!) !== cursor) return undefined;
  return BigInt(match[1]!) <= MAX_POSITION ? match[1] : undefined;
}

/** The cursor of the start of the change log: following from it reads every change ever recorded. */
export const CHANGES_START_CURSOR = encodeChangeCursor(0n);

function IsChangeCursor(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isChangeCursor',
    validator: {
      validate: (value: unknown): boolean => typeof value === 'string' && decodeChangeCursor(value) !== undefined,
      defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must be a cursor given by this API`, options),
    },
  }, options);
}

/** The public event types a comma-separated list names, or undefined when one of them is unknown. */
export function parsePublicEventTypes(value: string): string[] | undefined {
  const types = value.split(',').map((t) => t.trim()).filter(Boolean);
  if (types.length === 0 || types.length > PUBLIC_EVENT_TYPES.length) return undefined;
  return types.every((t) => publicEventOfType(t) !== undefined) ? [...new Set(types)] : undefined;
}

function IsPublicEventTypeList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isPublicEventTypeList',
    validator: {
      validate: (value: unknown): boolean => typeof value === 'string' && value.length <= 4000 && parsePublicEventTypes(value) !== undefined,
      defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must list known event types, separated by commas`, options),
    },
  }, options);
}

export class ListChangesQueryDto {
  @ApiPropertyOptional({
    description: 'Read the changes after this cursor (from `next` of a page, or from /changes/latest before a snapshot); without it, from the start of the log',
    example: CHANGES_START_CURSOR,
  })
  @IsOptional()
  @IsChangeCursor()
  after?: string;

  @ApiPropertyOptional({ description: 'Only these public event types, comma-separated (see docs/events.md)', example: 'school.registered,school.renamed' })
  @IsOptional()
  @IsPublicEventTypeList()
  types?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: CHANGES_MAX_LIMIT, default: CHANGES_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CHANGES_MAX_LIMIT)
  limit?: number;
}

/** One change: a public event with its position in the log. Webhooks deliver the same fields (without cursor). */
export class ChangeView {
  @ApiProperty({ description: 'Position of this change: reading after it continues behind it' }) cursor: string;
  @ApiProperty({ description: 'The event id; the same change always has the same id' }) id: string;
  @ApiProperty({ enum: PUBLIC_EVENT_TYPES, example: 'school.renamed' }) type: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'school' }) resourceType: string;
  @ApiProperty() resourceId: string;
  @ApiProperty({ enum: CHANGE_OPERATIONS, description: 'delete: a tombstone, data holds the id only' }) operation: ChangeOperation;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) allianceId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The public payload of the type and version (docs/events.md)' }) data: Record<string, unknown>;
}

export class ChangesPageView {
  @ApiProperty({ type: [ChangeView] }) items: ChangeView[];
  @ApiProperty({ description: 'Read after this cursor next; the same as `after` when nothing new was there' }) next: string;
  @ApiProperty({ description: 'true when more changes wait behind `next` right now' }) hasMore: boolean;
}

export class ChangesLatestView {
  @ApiProperty({ description: 'The newest position of the log: take it before a snapshot, then follow the feed after it' }) cursor: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the newest change was recorded (null for an empty log)' }) recordedAt: string | null;
}

/** One entry of the public event catalogue, as `GET /changes/types` lists it. */
export class PublicEventTypeView {
  @ApiProperty({ example: 'school.renamed' }) type: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: PUBLIC_EVENT_DOMAINS }) domain: PublicEventDomain;
  @ApiProperty({ example: 'membership:read', description: 'The scope an API client needs to see events of this type' }) readScope: string;
  @ApiProperty({ example: 'school' }) resourceType: string;
  @ApiProperty({ enum: CHANGE_OPERATIONS }) operation: ChangeOperation;
  @ApiProperty({ example: "A school's name changed" }) description: string;
  @ApiProperty({ example: '学校名称变更' }) descriptionZh: string;
}

export class PublicEventTypesView {
  @ApiProperty({ example: '2026-12-01', description: 'The version of the catalogue (docs/events.md)' }) catalogueVersion: string;
  @ApiProperty({ type: [PublicEventTypeView] }) items: PublicEventTypeView[];
}

/** The catalogue as `GET /changes/types` answers it. */
export function publicEventTypesView(): PublicEventTypesView {
  return {
    catalogueVersion: PUBLIC_EVENTS_VERSION,
    items: PUBLIC_EVENT_CATALOGUE.map((d) => ({
      type: d.type, version: d.version, domain: d.domain, readScope: readScopeOf(d.domain), resourceType: d.resourceType, operation: d.operation,
      description: d.description.en, descriptionZh: d.description['zh-CN'],
    })),
  };
}
