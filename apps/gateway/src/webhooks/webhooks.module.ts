import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller.js';

/** REST routes of webhooks (事件推送), served by the integrations service. */
@Module({ controllers: [WebhooksController] })
export class WebhooksModule {}
