import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller.js';
import { BookingsService } from './bookings.service.js';
import { FacilitiesController } from './facilities.controller.js';
import { FacilitiesService } from './facilities.service.js';

/** Facilities a school shares (labs, music rooms, youth palace, farm base, equipment) and their bookings by alliance schools. */
@Module({
  controllers: [FacilitiesController, BookingsController],
  providers: [FacilitiesService, BookingsService, DirectoryService],
  exports: [FacilitiesService, BookingsService],
})
export class FacilitiesModule {}
