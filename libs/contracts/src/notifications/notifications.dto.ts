import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { LOCALES, type Locale } from '../common/messages.js';
import { PageQueryDto } from '../common/paging.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';

/*
 * The notification centre (通知中心): what a person must act on or know, per user, with an unread
 * count and per-user preferences; and the chat robots (群机器人) of an alliance or school that the
 * same notifications go to, in Chinese.
 */

/** What a notification is about; each kind has its title and body in zh-CN and English (NOTIFICATION_TEMPLATES). */
export const NOTIFICATION_KINDS = [
  'placement.approval-requested', 'placement.approved', 'placement.rejected',
  'booking.requested', 'booking.approved', 'booking.rejected',
  'join-request.created',
  'action-item.due-soon', 'action-item.overdue',
  'webhook.paused',
  'evaluation.opened', 'evaluation.review-requested', 'evaluation.returned', 'evaluation.published',
  'survey.answer-due', 'survey.closing-soon', 'survey.closed',
  'profile-round.deadline',
  // charters and agreements (章程与协议)
  'charter.signing-requested', 'charter.expiring-soon',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ROBOT_CHANNELS = ['wecom', 'dingtalk'] as const;
export type RobotChannel = (typeof ROBOT_CHANNELS)[number];

export const ROBOT_OWNER_TYPES = ['alliance', 'school'] as const;
export type RobotOwnerType = (typeof ROBOT_OWNER_TYPES)[number];

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ description: "Rendered in the reader's language", example: '待审批：王老师的交流安排' }) title: string;
  @ApiProperty({ description: "Rendered in the reader's language" }) body: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, description: 'The values the title and body are made of, for clients that render their own words' })
  params: Record<string, string | number>;
  @ApiProperty({ type: String, nullable: true, description: 'Path of the object in the console, e.g. /placements/<id>', example: '/placements' })
  link: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
}

export class UnreadCountView {
  @ApiProperty({ example: 3 }) unread: number;
}

export class MarkedReadView {
  @ApiProperty({ description: 'How many notifications this marked read' }) marked: number;
  @ApiProperty() unread: number;
}

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;
}

export class NotificationPreferencesView {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Kinds the user has turned off (not shown in the bell, not e-mailed)' })
  mutedKinds: NotificationKind[];
  @ApiProperty({ description: 'Also send each notification by e-mail (when the deployment has SMTP and the user an e-mail address)' })
  email: boolean;
  @ApiProperty({ description: 'Whether this deployment can send e-mail at all' })
  emailAvailable: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, maxItems: NOTIFICATION_KINDS.length })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  mutedKinds: NotificationKind[];

  @ApiProperty()
  @IsBoolean()
  email: boolean;
}

export class RobotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty({ enum: ROBOT_OWNER_TYPES }) ownerType: RobotOwnerType;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ description: 'Name of the alliance or school' }) ownerName: string;
  @ApiProperty({ enum: ROBOT_CHANNELS }) channel: RobotChannel;
  @ApiProperty({ maxLength: 64, example: '联盟教务群' }) name: string;
  @ApiProperty({ description: 'The webhook URL with its key or token masked' }) webhookUrlMasked: string;
  @ApiProperty({ description: 'A DingTalk secret is stored (it is never shown again)' }) hasSecret: boolean;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true }) kinds: NotificationKind[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastDeliveredAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last failure the robot answered, if the latest attempt failed' }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ListRobotsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROBOT_OWNER_TYPES })
  @IsOptional()
  @IsIn(ROBOT_OWNER_TYPES)
  ownerType?: RobotOwnerType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

export class CreateRobotDto {
  @ApiProperty({ enum: ROBOT_OWNER_TYPES })
  @IsIn(ROBOT_OWNER_TYPES)
  ownerType: RobotOwnerType;

  @ApiProperty({ format: 'uuid', description: 'The alliance or school' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ enum: ROBOT_CHANNELS })
  @IsIn(ROBOT_CHANNELS)
  channel: RobotChannel;

  @ApiProperty({ maxLength: 64, example: '联盟教务群' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiProperty({ maxLength: 1000, example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', description: "The robot's webhook URL (https; private addresses are refused)" })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  webhookUrl: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'DingTalk signed mode: the robot\'s secret (SEC…). Stored, never shown again' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, maxItems: NOTIFICATION_KINDS.length })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  kinds: NotificationKind[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateRobotDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'A new webhook URL' })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  webhookUrl?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'A new DingTalk secret; an empty string removes it' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  kinds?: NotificationKind[];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateRobotRequest {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => UpdateRobotDto) changes: UpdateRobotDto;
}

export class RobotTestView {
  @ApiProperty() delivered: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The robot's answer when it refused or could not be reached" }) error: string | null;
}

/** integrations.notification.list: the query and the language to render titles and bodies in (from Accept-Language). */
export class ListNotificationsRequest extends ListNotificationsQueryDto {
  @IsOptional() @IsIn(LOCALES) locale?: Locale;
}
