import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  BookingView, CancelBookingDto, CreateBookingDto, CreateFacilityDto, CurriculumSubjects, FacilityView, ListBookingsQueryDto, ListFacilitiesQueryDto,
  RejectBookingDto, UpdateFacilityDto, type CancelBookingRequest, type IdDto, type Page, type RejectBookingRequest, type UpdateFacilityRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('curriculum')
@ClientScopes('curriculum')
@Controller('curriculum/facilities')
export class CurriculumFacilitiesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Facilities shared by your school and its alliance partners', view: FacilityView, page: true })
  list(@Query() query: ListFacilitiesQueryDto, @Call() call: CallContext): Promise<Page<FacilityView>> {
    return this.bus.request(call, CurriculumSubjects.facilityList, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Share a facility or piece of equipment of your school', view: FacilityView, status: 201, problems: [409] })
  create(@Body() dto: CreateFacilityDto, @Call() call: CallContext): Promise<FacilityView> {
    return this.bus.request(call, CurriculumSubjects.facilityCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One facility', view: FacilityView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<FacilityView> {
    const payload: IdDto = { id };
    return this.bus.request(call, CurriculumSubjects.facilityGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Change a facility, or withdraw it from booking (active: false)', view: FacilityView, byId: true, problems: [409] })
  update(@IdParam() id: string, @Body() changes: UpdateFacilityDto, @Call() call: CallContext): Promise<FacilityView> {
    const payload: UpdateFacilityRequest = { id, changes };
    return this.bus.request(call, CurriculumSubjects.facilityUpdate, payload);
  }
}

@ApiTags('curriculum')
@ClientScopes('curriculum')
@Controller('curriculum/bookings')
export class CurriculumBookingsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Bookings of facilities you may see (incoming: to decide; outgoing: requested by your school; from/to: a calendar window)', view: BookingView, page: true })
  list(@Query() query: ListBookingsQueryDto, @Call() call: CallContext): Promise<Page<BookingView>> {
    return this.bus.request(call, CurriculumSubjects.bookingList, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: 'Request a facility for a time slot; a pending request holds the slot (409 names the time when it is taken)', view: BookingView, status: 201, problems: [409] })
  create(@Body() dto: CreateBookingDto, @Call() call: CallContext): Promise<BookingView> {
    return this.bus.request(call, CurriculumSubjects.bookingCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One booking', view: BookingView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<BookingView> {
    const payload: IdDto = { id };
    return this.bus.request(call, CurriculumSubjects.bookingGet, payload);
  }

  @Post(':id/approve')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Approve a pending booking (admin of the facility\'s school)', view: BookingView, byId: true, problems: [409] })
  approve(@IdParam() id: string, @Call() call: CallContext): Promise<BookingView> {
    const payload: IdDto = { id };
    return this.bus.request(call, CurriculumSubjects.bookingApprove, payload);
  }

  @Post(':id/reject')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Reject a pending booking with a reason (admin of the facility\'s school)', view: BookingView, byId: true, problems: [409] })
  reject(@IdParam() id: string, @Body() body: RejectBookingDto, @Call() call: CallContext): Promise<BookingView> {
    const payload: RejectBookingRequest = { id, body };
    return this.bus.request(call, CurriculumSubjects.bookingReject, payload);
  }

  @Post(':id/cancel')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: 'Cancel a pending or approved booking (requesting school or facility\'s school)', view: BookingView, byId: true, problems: [409] })
  cancel(@IdParam() id: string, @Body() body: CancelBookingDto, @Call() call: CallContext): Promise<BookingView> {
    const payload: CancelBookingRequest = { id, body };
    return this.bus.request(call, CurriculumSubjects.bookingCancel, payload);
  }
}
