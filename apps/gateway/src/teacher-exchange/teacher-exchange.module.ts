import { Module } from '@nestjs/common';
import { PlacementsController } from './placements.controller.js';
import { QuotasController } from './quotas.controller.js';
import { SlotsController } from './slots.controller.js';
import { TeachersController } from './teachers.controller.js';
import { MyWeekController } from './my-week.controller.js';
import { TeacherAccountsController } from './teacher-accounts.controller.js';

/** REST routes of the teacher-exchange service: teachers and their import, placements and their itinerant timetable, exchange quotas. */
@Module({
  controllers: [
    TeachersController, PlacementsController, SlotsController, QuotasController,
    TeacherAccountsController,
    MyWeekController,
  ],
})
export class TeacherExchangeModule {}
