import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller.js';

/** REST routes of the notification centre and chat robots (integrations service). */
@Module({ controllers: [NotificationsController] })
export class NotificationsModule {}
