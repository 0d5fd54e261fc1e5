import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateDistrictDto, DistrictOverviewView, DistrictView, MembershipSubjects, PageQueryDto, type IdDto, type Page } from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('districts')
@ClientScopes('membership')
@Controller('districts')
export class DistrictsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles('district_admin')
  @ApiRoute({ summary: 'List the districts you can see', view: DistrictView, page: true })
  list(@Query() query: PageQueryDto, @Call() call: CallContext): Promise<Page<DistrictView>> {
    return this.bus.request(call, MembershipSubjects.districtList, query);
  }

  @Post()
  @Roles('platform_admin')
  @ApiRoute({ summary: 'Create a district (platform operators only)', view: DistrictView, status: 201, problems: [409] })
  create(@Body() dto: CreateDistrictDto, @Call() call: CallContext): Promise<DistrictView> {
    return this.bus.request(call, MembershipSubjects.districtCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One district', view: DistrictView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<DistrictView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.districtGet, payload);
  }

  @Get(':id/overview')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Counts of schools, alliances, join requests and users in a district', view: DistrictOverviewView, byId: true })
  overview(@IdParam() id: string, @Call() call: CallContext): Promise<DistrictOverviewView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.districtOverview, payload);
  }
}
