import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JoinRequestView, ListJoinRequestsQueryDto, MembershipSubjects, RespondJoinRequestDto, type Page, type RespondJoinRequestRequest } from '@jiaolian/contracts';
import { Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('join-requests')
@ClientScopes('membership')
@Controller('join-requests')
export class JoinRequestsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Invitations and applications you can see', view: JoinRequestView, page: true })
  list(@Query() query: ListJoinRequestsQueryDto, @Call() call: CallContext): Promise<Page<JoinRequestView>> {
    return this.bus.request(call, MembershipSubjects.joinRequestList, query);
  }

  @Post(':id/respond')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Accept, decline or withdraw a join request', view: JoinRequestView, byId: true, problems: [409] })
  respond(@IdParam() id: string, @Body() body: RespondJoinRequestDto, @Call() call: CallContext): Promise<JoinRequestView> {
    const payload: RespondJoinRequestRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.joinRequestRespond, payload);
  }
}
