import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { integrationsKitOptions, integrationsSubscriptions, SERVICE } from './app.options.js';
import { ChangesModule } from './changes/changes.module.js';
import { DashboardModule } from './dashboard/dashboard.controller.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';

@Module({
  imports: [
    ServiceKitModule.forService(integrationsKitOptions, integrationsSubscriptions),
    DirectoryModule.forService(SERVICE),
    ChangesModule, DashboardModule,
    WebhooksModule,
    NotificationsModule,
  ],
})
export class AppModule {}
