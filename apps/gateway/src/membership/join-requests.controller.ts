import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApproveJoinRequestDto, JoinRequestView, ListJoinRequestsQueryDto, MembershipSubjects, RespondJoinRequestDto, type ApproveJoinRequestRequest, type Page,
  type RespondJoinRequestRequest,
} from '@jiaolian/contracts';
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

  @Post(':id/approval')
  @Roles('district_admin')
  @ApiRoute({
    summary: "Approve or refuse a join request across districts for your district (the alliance's or the school's); the school joins once the asked side accepted and both districts approved",
    view: JoinRequestView, byId: true, problems: [409],
  })
  approve(@IdParam() id: string, @Body() body: ApproveJoinRequestDto, @Call() call: CallContext): Promise<JoinRequestView> {
    const payload: ApproveJoinRequestRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.joinRequestApprove, payload);
  }
}
