import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateCampusDto, CreateSchoolDto, ListSchoolsQueryDto, MembershipSubjects, SchoolView, UpdateSchoolDto,
  type CreateCampusRequest, type IdDto, type Page, type UpdateSchoolRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('schools')
@ClientScopes('membership')
@Controller('schools')
export class SchoolsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List, search and sort schools', view: SchoolView, page: true })
  list(@Query() query: ListSchoolsQueryDto, @Call() call: CallContext): Promise<Page<SchoolView>> {
    return this.bus.request(call, MembershipSubjects.schoolList, query);
  }

  @Post()
  @Roles('district_admin')
  @ApiRoute({ summary: 'Register a school', view: SchoolView, status: 201, problems: [409] })
  create(@Body() dto: CreateSchoolDto, @Call() call: CallContext): Promise<SchoolView> {
    return this.bus.request(call, MembershipSubjects.schoolCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One school with its campuses and alliances', view: SchoolView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<SchoolView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.schoolGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Change a school', view: SchoolView, byId: true })
  update(@IdParam() id: string, @Body() changes: UpdateSchoolDto, @Call() call: CallContext): Promise<SchoolView> {
    const payload: UpdateSchoolRequest = { id, changes };
    return this.bus.request(call, MembershipSubjects.schoolUpdate, payload);
  }

  @Post(':id/campuses')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Add a campus to a school', view: SchoolView, status: 201, byId: true, problems: [409] })
  addCampus(@IdParam() schoolId: string, @Body() campus: CreateCampusDto, @Call() call: CallContext): Promise<SchoolView> {
    const payload: CreateCampusRequest = { schoolId, campus };
    return this.bus.request(call, MembershipSubjects.campusCreate, payload);
  }
}
