import {
  CreateWebhookSubscriptionDto, IdDto, ListWebhookDeliveriesRequest, ListWebhookSubscriptionsQueryDto, UpdateWebhookSubscriptionRequest, WebhookSubjects,
  WebhookTransitionRequest, type Page, type WebhookDeliveryView, type WebhookSecretView, type WebhookSubscriptionCreatedView, type WebhookSubscriptionView,
} from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { WebhookSubscriptionsService } from './subscriptions.service.js';

@Controller()
export class WebhooksController {
  constructor(private readonly subscriptions: WebhookSubscriptionsService) {}

  @MessagePattern(WebhookSubjects.subscriptionCreate)
  create(@Payload() dto: CreateWebhookSubscriptionDto, @Scope() scope: AccessScope): Promise<WebhookSubscriptionCreatedView> {
    return this.subscriptions.create(scope, dto);
  }

  @MessagePattern(WebhookSubjects.subscriptionList)
  list(@Payload() query: ListWebhookSubscriptionsQueryDto, @Scope() scope: AccessScope): Promise<Page<WebhookSubscriptionView>> {
    return this.subscriptions.list(scope, query);
  }

  @MessagePattern(WebhookSubjects.subscriptionGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(scope, dto.id);
  }

  @MessagePattern(WebhookSubjects.subscriptionUpdate)
  update(@Payload() dto: UpdateWebhookSubscriptionRequest, @Scope() scope: AccessScope): Promise<WebhookSubscriptionView> {
    return this.subscriptions.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(WebhookSubjects.subscriptionDelete)
  async remove(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<{ deleted: true }> {
    await this.subscriptions.remove(scope, dto.id);
    return { deleted: true };
  }

  @MessagePattern(WebhookSubjects.subscriptionTransition)
  transition(@Payload() dto: WebhookTransitionRequest, @Scope() scope: AccessScope): Promise<WebhookSubscriptionView> {
    return this.subscriptions.transition(scope, dto.id, dto.body.action);
  }

  @MessagePattern(WebhookSubjects.subscriptionRotateSecret)
  rotateSecret(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<WebhookSecretView> {
    return this.subscriptions.rotateSecret(scope, dto.id);
  }

  @MessagePattern(WebhookSubjects.subscriptionPing)
  ping(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<WebhookDeliveryView> {
    return this.subscriptions.ping(scope, dto.id);
  }

  @MessagePattern(WebhookSubjects.deliveryList)
  deliveries(@Payload() query: ListWebhookDeliveriesRequest, @Scope() scope: AccessScope): Promise<Page<WebhookDeliveryView>> {
    return this.subscriptions.deliveries(scope, query);
  }

  @MessagePattern(WebhookSubjects.deliveryReplay)
  replay(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<WebhookDeliveryView> {
    return this.subscriptions.replay(scope, dto.id);
  }
}
