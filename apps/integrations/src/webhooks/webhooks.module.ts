import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { WebhookDeliveryWorker } from './delivery.worker.js';
import { WebhookEventTypes } from './event-types.js';
import { WebhookFanout } from './fanout.js';
import { WebhookOwnerNotice } from './owner-notice.js';
import { WebhookSubscriptionsService } from './subscriptions.service.js';
import { loadWebhooksConfig, WebhooksConfigHolder } from './webhooks.config.js';
import { WebhooksController } from './webhooks.controller.js';

/**
 * Webhooks (事件推送): subscriptions, the fan-out of changes to deliveries, the delivery worker with
 * signing, retries, ordering and pausing, and the delivery log with replay.
 */
@Module({
  imports: [ChangesModule],
  controllers: [WebhooksController],
  providers: [
    { provide: WebhooksConfigHolder, useFactory: () => new WebhooksConfigHolder(loadWebhooksConfig()) },
    WebhookSubscriptionsService, WebhookDeliveryWorker, WebhookFanout, WebhookOwnerNotice, WebhookEventTypes,
  ],
  exports: [WebhookFanout, WebhookDeliveryWorker],
})
export class WebhooksModule {}
