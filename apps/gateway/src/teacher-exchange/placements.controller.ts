import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApprovePlacementDto, ListPlacementsQueryDto, PlacementView, ProposePlacementDto, ReasonDto, TeacherExchangeSubjects as S,
  type ApprovePlacementRequest, type IdDto, type Page, type PlacementReasonRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange/placements')
export class PlacementsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List placements you may see; filter by status, kind, alliance, school or teacher', view: PlacementView, page: true })
  list(@Query() query: ListPlacementsQueryDto, @Call() call: CallContext): Promise<Page<PlacementView>> {
    return this.bus.request(call, S.placementList, query);
  }

  @Post()
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Propose a placement: a teacher works at host schools of the same active alliance for a period', view: PlacementView, status: 201, problems: [409] })
  propose(@Body() dto: ProposePlacementDto, @Call() call: CallContext): Promise<PlacementView> {
    return this.bus.request(call, S.placementPropose, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One placement', view: PlacementView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<PlacementView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.placementGet, payload);
  }

  @Post(':id/approve')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Approve: the home school first, then each host school', view: PlacementView, byId: true, problems: [409] })
  approve(@IdParam() id: string, @Body() body: ApprovePlacementDto, @Call() call: CallContext): Promise<PlacementView> {
    const payload: ApprovePlacementRequest = { id, body };
    return this.bus.request(call, S.placementApprove, payload);
  }

  @Post(':id/reject')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Reject (the school whose approval is pending), with a reason', view: PlacementView, byId: true, problems: [409] })
  reject(@IdParam() id: string, @Body() body: ReasonDto, @Call() call: CallContext): Promise<PlacementView> {
    const payload: PlacementReasonRequest = { id, body };
    return this.bus.request(call, S.placementReject, payload);
  }

  @Post(':id/activate')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Start an approved placement before its start date (alliance admin)', view: PlacementView, byId: true, problems: [409] })
  activate(@IdParam() id: string, @Call() call: CallContext): Promise<PlacementView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.placementActivate, payload);
  }

  @Post(':id/complete')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Complete an active placement', view: PlacementView, byId: true, problems: [409] })
  complete(@IdParam() id: string, @Call() call: CallContext): Promise<PlacementView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.placementComplete, payload);
  }

  @Post(':id/cancel')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Cancel (the proposer or the alliance admin), with a reason', view: PlacementView, byId: true, problems: [409] })
  cancel(@IdParam() id: string, @Body() body: ReasonDto, @Call() call: CallContext): Promise<PlacementView> {
    const payload: PlacementReasonRequest = { id, body };
    return this.bus.request(call, S.placementCancel, payload);
  }
}
