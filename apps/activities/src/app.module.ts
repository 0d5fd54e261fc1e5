import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module.js';
import { ArchivesModule } from './archives/archives.module.js';
import { activitiesKitOptions, activitiesSubscriptions, SERVICE } from './app.options.js';
import { BriefingsModule } from './briefings/briefings.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { MinutesModule } from './minutes/minutes.module.js';
import { PlansModule } from './plans/plans.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';
import { TermFactsModule } from './term-facts/term-facts.module.js';

@Module({
  imports: [
    ServiceKitModule.forService(activitiesKitOptions, activitiesSubscriptions),
    DirectoryModule.forService(SERVICE),
    ActivitiesModule,
    RegistrationsModule,
    MinutesModule,
    CalendarModule,
    DashboardModule,
    PlansModule,
    TermFactsModule,
    BriefingsModule,
    ArchivesModule,
  ],
})
export class AppModule {}
