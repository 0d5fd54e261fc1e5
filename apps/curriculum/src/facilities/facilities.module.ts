import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller.js';
import { BookingsService } from './bookings.service.js';
import { FacilitiesController } from './facilities.controller.js';
import { FacilitiesService } from './facilities.service.js';
import { MyBookingsController, MyBookingsService } from './my-bookings.controller.js';

/** Facilities a school shares (labs, music rooms, youth palace, farm base, equipment) and their bookings by alliance schools. */
@Module({
  controllers: [FacilitiesController, BookingsController, MyBookingsController],
  providers: [FacilitiesService, BookingsService, DirectoryService, MyBookingsService],
  exports: [FacilitiesService, BookingsService],
})
export class FacilitiesModule {}
