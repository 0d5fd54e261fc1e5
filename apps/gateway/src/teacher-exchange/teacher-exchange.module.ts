import { Module } from '@nestjs/common';
import { PlacementsController } from './placements.controller.js';
import { QuotasController } from './quotas.controller.js';
import { TeachersController } from './teachers.controller.js';

/** REST routes of the teacher-exchange service: teachers and their import, placements, exchange quotas. */
@Module({ controllers: [TeachersController, PlacementsController, QuotasController] })
export class TeacherExchangeModule {}
