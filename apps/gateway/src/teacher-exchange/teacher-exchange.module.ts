import { Module } from '@nestjs/common';
import { PlacementsController } from './placements.controller.js';
import { QuotasController } from './quotas.controller.js';
import { SlotsController } from './slots.controller.js';
import { TeachersController } from './teachers.controller.js';
import { TimetableSolverController } from './timetable-solver.controller.js';

/** REST routes of the teacher-exchange service: teachers and their import, placements and their itinerant timetable, exchange quotas. */
@Module({ controllers: [TeachersController, PlacementsController, SlotsController, QuotasController, TimetableSolverController] })
export class TeacherExchangeModule {}
