import {
  CancelBookingRequest, CreateBookingDto, CurriculumSubjects, IdDto, ListBookingsQueryDto, RejectBookingRequest, type BookingView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BookingsService } from './bookings.service.js';

@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @MessagePattern(CurriculumSubjects.bookingCreate)
  @Writes()
  create(@Payload() dto: CreateBookingDto, @Scope() scope: AccessScope): Promise<BookingView> {
    return this.bookings.create(scope, dto);
  }

  @MessagePattern(CurriculumSubjects.bookingList)
  list(@Payload() query: ListBookingsQueryDto, @Scope() scope: AccessScope): Promise<Page<BookingView>> {
    return this.bookings.list(scope, query);
  }

  @MessagePattern(CurriculumSubjects.bookingGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<BookingView> {
    return this.bookings.get(scope, dto.id);
  }

  @MessagePattern(CurriculumSubjects.bookingApprove)
  @Writes()
  approve(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<BookingView> {
    return this.bookings.approve(scope, dto.id);
  }

  @MessagePattern(CurriculumSubjects.bookingReject)
  @Writes()
  reject(@Payload() dto: RejectBookingRequest, @Scope() scope: AccessScope): Promise<BookingView> {
    return this.bookings.reject(scope, dto.id, dto.body.reason);
  }

  @MessagePattern(CurriculumSubjects.bookingCancel)
  @Writes()
  cancel(@Payload() dto: CancelBookingRequest, @Scope() scope: AccessScope): Promise<BookingView> {
    return this.bookings.cancel(scope, dto.id, dto.body.reason);
  }
}
