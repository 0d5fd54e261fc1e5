import { Module } from '@nestjs/common';
import { CurriculumBookingsController, CurriculumFacilitiesController } from './facilities.controller.js';
import { CurriculumResourcesController } from './resources.controller.js';

/** REST routes of the curriculum service: shared resources (upload, search, download), facilities and bookings. */
@Module({ controllers: [CurriculumResourcesController, CurriculumFacilitiesController, CurriculumBookingsController] })
export class CurriculumModule {}
