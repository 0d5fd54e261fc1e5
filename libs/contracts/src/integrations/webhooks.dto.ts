import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.js';
import { IsNotBlank, OptionalNotNull } from '../common/validation.js';

/*
 * Webhooks (事件推送): subscriptions of an HTTPS endpoint to public event types, signed deliveries
 * (Standard Webhooks), their attempt log, replay, pause and resume.
 */

/** NATS request/reply subjects of the webhook part of the integrations service. */
export const WebhookSubjects = {
  subscriptionCreate: 'integrations.webhook.subscription.create',
  subscriptionList: 'integrations.webhook.subscription.list',
  subscriptionGet: 'integrations.webhook.subscription.get',
  subscriptionUpdate: 'integrations.webhook.subscription.update',
  subscriptionDelete: 'integrations.webhook.subscription.delete',
  /** pause, disable or resume */
  subscriptionTransition: 'integrations.webhook.subscription.transition',
  subscriptionRotateSecret: 'integrations.webhook.subscription.rotate-secret',
  subscriptionPing: 'integrations.webhook.subscription.ping',
  deliveryList: 'integrations.webhook.delivery.list',
  deliveryReplay: 'integrations.webhook.delivery.replay',
} as const;

/**
 * active: events are delivered; paused: events are kept and delivered on resume (by the owner, or
 * automatically after an endpoint kept failing); disabled: no events are kept.
 */
export const WEBHOOK_SUBSCRIPTION_STATUSES = ['active', 'paused', 'disabled'] as const;
export type WebhookSubscriptionStatus = (typeof WEBHOOK_SUBSCRIPTION_STATUSES)[number];

export const WEBHOOK_TRANSITIONS = ['pause', 'disable', 'resume'] as const;
export type WebhookTransition = (typeof WEBHOOK_TRANSITIONS)[number];

/** Why a subscription is paused: its owner paused it, or its endpoint failed too long. */
export const WEBHOOK_PAUSE_REASONS = ['manual', 'failures'] as const;
export type WebhookPauseReason = (typeof WEBHOOK_PAUSE_REASONS)[number];

/** pending: waiting for its (next) attempt; succeeded: a 2xx answer; failed: given up after 24 hours. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** scheduled: the worker's attempts; replay: an attempt asked for by hand; ping: a test message. */
export const WEBHOOK_ATTEMPT_TRIGGERS = ['scheduled', 'replay', 'ping'] as const;
export type WebhookAttemptTrigger = (typeof WEBHOOK_ATTEMPT_TRIGGERS)[number];

/** The event type of a test ping; it matches no subscription's patterns and is sent only on request. */
export const WEBHOOK_PING_EVENT_TYPE = 'webhook.ping';

/** An event type, `*`, or a prefix followed by `.*` (`activities.*`). */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*(\.\*)?)$/;

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ maxLength: 2048, example: 'https://hooks.edu-platform.cn/jiaolian', description: 'https only; the host must resolve to public addresses' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2048)
  url: string;

  @ApiProperty({
    type: [String], minItems: 1, maxItems: 50, example: ['membership.school.*', 'activities.plan.approved'],
    description: 'Public event types; `*` for all, or a prefix ending in `.*`',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'eventTypes must be event types, * or a prefix ending in .*' })
  eventTypes: string[];

  @ApiPropertyOptional({ maxLength: 200, example: '区域教育数据中心同步' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The district whose events are sent; required when you reach more than one' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @OptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 50 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'eventTypes must be event types, * or a prefix ending in .*' })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;
}

export class WebhookTransitionDto {
  @ApiProperty({ enum: WEBHOOK_TRANSITIONS })
  @IsIn(WEBHOOK_TRANSITIONS)
  action: WebhookTransition;
}

export class ListWebhookSubscriptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_SUBSCRIPTION_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_SUBSCRIPTION_STATUSES)
  status?: WebhookSubscriptionStatus;
}

export class ListWebhookDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ maxLength: 100, example: 'membership.school.updated' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  eventType?: string;
}

// ---- request envelopes over NATS (the id from the path with the body) ----

export class UpdateWebhookSubscriptionRequest {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => UpdateWebhookSubscriptionDto) changes: UpdateWebhookSubscriptionDto;
}

export class WebhookTransitionRequest {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => WebhookTransitionDto) body: WebhookTransitionDto;
}

export class ListWebhookDeliveriesRequest extends ListWebhookDeliveriesQueryDto {
  @IsUUID() subscriptionId: string;
}

// ---- views ----

export class WebhookOwnerView {
  @ApiProperty({ enum: ['user', 'client'] }) kind: 'user' | 'client';
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class WebhookSubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) districtId: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) eventTypes: string[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: WEBHOOK_SUBSCRIPTION_STATUSES }) status: WebhookSubscriptionStatus;
  @ApiProperty({ enum: WEBHOOK_PAUSE_REASONS, nullable: true }) pausedReason: WebhookPauseReason | null;
  @ApiProperty({ type: WebhookOwnerView }) owner: WebhookOwnerView;
  @ApiProperty({ description: 'Failed attempts in a row; 0 after a success' }) consecutiveFailures: number;
  @ApiProperty({ description: 'Deliveries waiting for their (next) attempt' }) pendingDeliveries: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSuccessAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastFailureAt: string | null;
  @ApiProperty({ format: 'date-time' }) secretRotatedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A new secret: shown once, here; only its owner's receivers hold it afterwards. */
export class WebhookSecretView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks secret; verify signatures with it' })
  secret: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Until when deliveries are signed with the previous secret too' })
  previousSecretValidUntil: string | null;
}

export class WebhookSubscriptionCreatedView extends WebhookSubscriptionView {
  @ApiProperty({ description: 'Shown only in this answer' }) secret: string;
}

export class WebhookAttemptView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: WEBHOOK_ATTEMPT_TRIGGERS }) trigger: WebhookAttemptTrigger;
  @ApiProperty({ type: Number, nullable: true, description: "The receiver's HTTP status; null when it did not answer" }) status: number | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ description: "The start of the receiver's answer (1024 characters), or why there was none" }) excerpt: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ description: 'The webhook-id header: the same on every attempt and replay, so receivers drop duplicates' }) webhookId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ type: String, nullable: true }) objectType: string | null;
  @ApiProperty({ type: String, nullable: true }) objectId: string | null;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ description: 'The body sent, as JSON text' }) payload: string;
  @ApiProperty({ type: [WebhookAttemptView], description: 'Every attempt, latest first' }) attempts: WebhookAttemptView[];
}

/** One type of the public event catalogue a subscription may name. */
export class WebhookEventTypeView {
  @ApiProperty({ example: 'school.renamed' }) type: string;
  @ApiProperty({ example: 'membership', description: 'An API client needs <domain>:read to receive it' }) domain: string;
  @ApiProperty({ example: 'school' }) resourceType: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) operation: string;
  @ApiProperty({ example: "A school's name changed" }) description: string;
  @ApiProperty({ example: '学校名称变更' }) descriptionZh: string;
}
