import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OutboundSender } from './outbound-sender.js';
import { RobotsController } from './robots.controller.js';
import { RobotsService } from './robots.service.js';

/** The notification centre, the chat robots, and the sender of robot posts and e-mails. */
@Module({
  controllers: [NotificationsController, RobotsController],
  providers: [NotificationsService, RobotsService, OutboundSender],
  exports: [OutboundSender],
})
export class NotificationsModule {}
