import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

@Module({ imports: [ActivitiesModule], controllers: [CalendarController], providers: [CalendarService] })
export class CalendarModule {}
