import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { TermFactsModule } from './term-facts/term-facts.controller.js';
import { teacherExchangeKitOptions, teacherExchangeSubscriptions, SERVICE } from './app.options.js';
import { DashboardModule } from './dashboard/dashboard.controller.js';
import { PlacementsModule } from './placements/placements.module.js';
import { QuotasModule } from './quotas/quotas.module.js';
import { TeachersModule } from './teachers/teachers.module.js';
import { TimetableModule } from './timetable/timetable.module.js';
import { MentorshipModule } from './mentorship/mentorship.module.js';
import { ObservationModule } from './observation/observation.module.js';
import { MyWeekModule } from './my-week/my-week.module.js';
import { TimetableSolvingModule } from './timetable/solving/solving.module.js';

@Module({
  imports: [
    ServiceKitModule.forService(teacherExchangeKitOptions, teacherExchangeSubscriptions),
    DirectoryModule.forService(SERVICE),
    TeachersModule,
    PlacementsModule,
    QuotasModule,
    TimetableModule,
    DashboardModule,
    TermFactsModule,
    MentorshipModule,
    ObservationModule,
    MyWeekModule,
    TimetableSolvingModule,
  ],
})
export class AppModule {}
