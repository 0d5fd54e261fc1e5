import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AllianceDetailView, AllianceView, ApplyToAllianceDto, CreateAllianceDto, DissolveAllianceDto, InviteSchoolDto, JoinRequestView,
  LeaveAllianceDto, ListAlliancesQueryDto, MembershipSubjects, UpdateAllianceDto,
  type ApplyToAllianceRequest, type DissolveAllianceRequest, type IdDto, type InviteSchoolRequest, type LeaveAllianceRequest,
  type Page, type UpdateAllianceRequest,
  InviteCandidateView, ListInviteCandidatesQueryDto, type ListInviteCandidatesRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('alliances')
@ClientScopes('membership')
@Controller('alliances')
export class AlliancesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List, search and sort alliances', view: AllianceView, page: true })
  list(@Query() query: ListAlliancesQueryDto, @Call() call: CallContext): Promise<Page<AllianceView>> {
    return this.bus.request(call, MembershipSubjects.allianceList, query);
  }

  @Post()
  @Roles('district_admin')
  @ApiRoute({ summary: 'Create an alliance (draft) around its core school', view: AllianceDetailView, status: 201, problems: [409] })
  create(@Body() dto: CreateAllianceDto, @Call() call: CallContext): Promise<AllianceDetailView> {
    return this.bus.request(call, MembershipSubjects.allianceCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One alliance with every membership period', view: AllianceDetailView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<AllianceDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.allianceGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Rename or describe an alliance', view: AllianceDetailView, byId: true })
  update(@IdParam() id: string, @Body() changes: UpdateAllianceDto, @Call() call: CallContext): Promise<AllianceDetailView> {
    const payload: UpdateAllianceRequest = { id, changes };
    return this.bus.request(call, MembershipSubjects.allianceUpdate, payload);
  }

  @Post(':id/activate')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Activate a draft alliance', view: AllianceDetailView, byId: true, problems: [409] })
  activate(@IdParam() id: string, @Call() call: CallContext): Promise<AllianceDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.allianceActivate, payload);
  }

  @Post(':id/dissolve')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Dissolve an alliance; every membership ends', view: AllianceDetailView, byId: true, problems: [409] })
  dissolve(@IdParam() id: string, @Body() body: DissolveAllianceDto, @Call() call: CallContext): Promise<AllianceDetailView> {
    const payload: DissolveAllianceRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.allianceDissolve, payload);
  }

  @Post(':id/invitations')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Invite a school to join', view: JoinRequestView, status: 201, byId: true, problems: [409] })
  invite(@IdParam() id: string, @Body() body: InviteSchoolDto, @Call() call: CallContext): Promise<JoinRequestView> {
    const payload: InviteSchoolRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.allianceInvite, payload);
  }

  @Post(':id/applications')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Apply for a school to join', view: JoinRequestView, status: 201, byId: true, problems: [409] })
  apply(@IdParam() id: string, @Body() body: ApplyToAllianceDto, @Call() call: CallContext): Promise<JoinRequestView> {
    const payload: ApplyToAllianceRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.allianceApply, payload);
  }

  @Post(':id/leave')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'A member school leaves the alliance', view: AllianceDetailView, byId: true, problems: [409] })
  leave(@IdParam() id: string, @Body() body: LeaveAllianceDto, @Call() call: CallContext): Promise<AllianceDetailView> {
    const payload: LeaveAllianceRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.allianceLeave, payload);
  }

  @Get(':id/invite-candidates')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({
    summary: "Schools the alliance may invite: of its district and, across districts, of the other districts of its province (with the district's name)",
    view: InviteCandidateView, page: true, byId: true,
  })
  inviteCandidates(@IdParam() id: string, @Query() query: ListInviteCandidatesQueryDto, @Call() call: CallContext): Promise<Page<InviteCandidateView>> {
    const payload: ListInviteCandidatesRequest = { allianceId: id, ...query };
    return this.bus.request(call, MembershipSubjects.allianceInviteCandidates, payload);
  }
}
