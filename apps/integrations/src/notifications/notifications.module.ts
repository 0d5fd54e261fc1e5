import { Module } from '@nestjs/common';
import { ActionItemReminders } from './action-item-reminders.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OutboundSender } from './outbound-sender.js';
import { ProfileRoundReminders } from './profile-round-reminders.js';
import { RobotsController } from './robots.controller.js';
import { RobotsService } from './robots.service.js';
import { SurveyReminders } from './survey-reminders.js';

/** The notification centre, the chat robots, the sender of robot posts and e-mails, the action item and survey deadline reminders. */
@Module({
  controllers: [NotificationsController, RobotsController],
  providers: [NotificationsService, RobotsService, OutboundSender, ActionItemReminders, SurveyReminders, ProfileRoundReminders],
  exports: [OutboundSender, ActionItemReminders, SurveyReminders, ProfileRoundReminders],
})
export class NotificationsModule {}
