import { Module } from '@nestjs/common';
import { ActionItemReminders } from './action-item-reminders.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OutboundSender } from './outbound-sender.js';
import { ProfileRoundReminders } from './profile-round-reminders.js';
import { RobotsController } from './robots.controller.js';
import { RobotsService } from './robots.service.js';

/** The notification centre, the chat robots, the sender of robot posts and e-mails, and the action item reminders. */
@Module({
  controllers: [NotificationsController, RobotsController],
  providers: [NotificationsService, RobotsService, OutboundSender, ActionItemReminders,
    ProfileRoundReminders,
  ],
  exports: [OutboundSender, ActionItemReminders,
    ProfileRoundReminders,
  ],
})
export class NotificationsModule {}
