import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller.js';
import { ArchivesController } from './archives.controller.js';
import { BriefingsController } from './briefings.controller.js';
import { CalendarController } from './calendar.controller.js';
import { MinutesController } from './minutes.controller.js';
import { PlansController } from './plans.controller.js';
import { RegistrationsController } from './registrations.controller.js';

/** REST routes of the activities service: activities and occurrences, registrations, minutes and action items, calendar feeds, work plans, briefings and term archives. */
@Module({ controllers: [CalendarController, MinutesController, RegistrationsController, ActivitiesController, PlansController, BriefingsController, ArchivesController] })
export class ActivitiesModule {}
