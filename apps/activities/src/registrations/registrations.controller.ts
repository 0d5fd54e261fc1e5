import {
  ActivitiesSubjects, AttendanceRequest, CreateRegistrationRequest, IdDto, ListRegistrationsRequest,
  type AttendanceView, type Page, type RegistrationView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RegistrationsService } from './registrations.service.js';

@Controller()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @MessagePattern(ActivitiesSubjects.registrationCreate)
  @Writes()
  register(@Payload() dto: CreateRegistrationRequest, @Scope() scope: AccessScope): Promise<RegistrationView> {
    return this.registrations.register(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.registrationList)
  list(@Payload() dto: ListRegistrationsRequest, @Scope() scope: AccessScope): Promise<Page<RegistrationView>> {
    return this.registrations.list(scope, dto.id, dto.query);
  }

  @MessagePattern(ActivitiesSubjects.registrationCancel)
  @Writes()
  cancel(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<RegistrationView> {
    return this.registrations.cancel(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.registrationCheckIn)
  @Writes()
  checkIn(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<RegistrationView> {
    return this.registrations.checkIn(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.attendance)
  attendance(@Payload() dto: AttendanceRequest, @Scope() scope: AccessScope): Promise<AttendanceView> {
    return this.registrations.attendance(scope, dto.id, dto.query);
  }
}
