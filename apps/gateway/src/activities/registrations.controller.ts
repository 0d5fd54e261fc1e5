import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ActivitiesSubjects, AttendanceQueryDto, AttendanceView, CreateRegistrationDto, ListRegistrationsQueryDto, RegistrationView,
  type AttendanceRequest, type CreateRegistrationRequest, type IdDto, type ListRegistrationsRequest, type Page,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('activities')
@ClientScopes('activities')
@Controller('activities')
export class RegistrationsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get(':id/registrations')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Registrations of an activity (the organiser sees every school, others their own school)', view: RegistrationView, page: true, byId: true })
  list(@IdParam() id: string, @Query() query: ListRegistrationsQueryDto, @Call() call: CallContext): Promise<Page<RegistrationView>> {
    const payload: ListRegistrationsRequest = { id, query };
    return this.bus.request(call, ActivitiesSubjects.registrationList, payload);
  }

  @Post(':id/registrations')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Register a teacher, student or parent of a member school for an occurrence, within the school\'s places', view: RegistrationView, status: 201, byId: true, problems: [409] })
  register(@IdParam() id: string, @Body() body: CreateRegistrationDto, @Call() call: CallContext): Promise<RegistrationView> {
    const payload: CreateRegistrationRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.registrationCreate, payload);
  }

  @Get(':id/attendance')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Registered and checked-in participants per member school', view: AttendanceView, byId: true })
  attendance(@IdParam() id: string, @Query() query: AttendanceQueryDto, @Call() call: CallContext): Promise<AttendanceView> {
    const payload: AttendanceRequest = { id, query };
    return this.bus.request(call, ActivitiesSubjects.attendance, payload);
  }

  @Post('registrations/:id/cancel')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Cancel a registration (frees the place)', view: RegistrationView, byId: true, problems: [409] })
  cancel(@IdParam() id: string, @Call() call: CallContext): Promise<RegistrationView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.registrationCancel, payload);
  }

  @Post('registrations/:id/check-in')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Check a participant in (the organiser or the participant\'s school admin, on the day)', view: RegistrationView, byId: true, problems: [409] })
  checkIn(@IdParam() id: string, @Call() call: CallContext): Promise<RegistrationView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.registrationCheckIn, payload);
  }
}
