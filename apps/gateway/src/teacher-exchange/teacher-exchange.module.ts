import { Module } from '@nestjs/common';
import { PlacementsController } from './placements.controller.js';
import { QuotasController } from './quotas.controller.js';
import { SlotsController } from './slots.controller.js';
import { TeachersController } from './teachers.controller.js';
import { MentorshipsController } from './mentorships.controller.js';
import { MyWeekController } from './my-week.controller.js';
import { ObservationsController } from './observations.controller.js';
import { TeacherAccountsController } from './teacher-accounts.controller.js';
import { TimetableSolverController } from './timetable-solver.controller.js';

/** REST routes of the teacher-exchange service: teachers, their accounts and their week, placements and their itinerant timetable and its solver, exchange quotas, mentorship and lesson observation. */
@Module({
  controllers: [
    TeachersController, PlacementsController, SlotsController, QuotasController,
    MentorshipsController, ObservationsController,
    TeacherAccountsController,
    MyWeekController,
    TimetableSolverController,
  ],
})
export class TeacherExchangeModule {}
