import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AddBodyMemberDto, BodyCandidateView, BodyDetailView, BodyView, CreateBodyDto, DissolveBodyDto, EndBodyMemberDto, ListBodiesQueryDto,
  ListBodyCandidatesQueryDto, MembershipSubjects, UpdateBodyDto, UserBodyMembershipView,
  type AddBodyMemberRequest, type CreateBodyRequest, type DissolveBodyRequest, type EndBodyMemberRequest, type IdDto, type ListBodiesRequest,
  type ListBodyCandidatesRequest, type Page, type UpdateBodyRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

const MANAGERS = ['district_admin', 'alliance_admin'] as const;
const allianceParam = ApiParam({ name: 'allianceId', schema: { type: 'string', format: 'uuid' } });

/**
 * The organisation of an alliance (组织机构): its bodies (理事会, 秘书处, 领导小组, 工作组, 学科中心组,
 * 工作室) and the people sitting in them for a term. Anyone who sees the alliance sees its organisation;
 * its alliance admins and the district admin change it.
 */
@ApiTags('alliance-bodies')
@ClientScopes('membership')
@Controller()
export class BodiesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('alliances/:allianceId/bodies')
  @Roles(...ANY_ROLE)
  @allianceParam
  @ApiOkResponse({ type: [BodyView], description: 'The bodies, parents before children as created; parentId builds the chart' })
  @ApiRoute({ summary: "The alliance's bodies (its organisation chart); dissolved ones with includeDissolved=true", problems: [404] })
  list(@IdParam('allianceId') allianceId: string, @Query() query: ListBodiesQueryDto, @Call() call: CallContext): Promise<BodyView[]> {
    const payload: ListBodiesRequest = { allianceId, ...query };
    return this.bus.request(call, MembershipSubjects.bodyList, payload);
  }

  @Post('alliances/:allianceId/bodies')
  @Roles(...MANAGERS)
  @allianceParam
  @ApiRoute({
    summary: 'Set up a body of the alliance: council, secretariat, leadership group (one each), working groups, subject centres, studios',
    description: 'A working group and a studio need a category; a subject centre and a subject studio a subject; parentId places it under another body of the alliance.',
    view: BodyDetailView, status: 201, problems: [403, 404, 409],
  })
  create(@IdParam('allianceId') allianceId: string, @Body() body: CreateBodyDto, @Call() call: CallContext): Promise<BodyDetailView> {
    const payload: CreateBodyRequest = { allianceId, body };
    return this.bus.request(call, MembershipSubjects.bodyCreate, payload);
  }

  @Get('alliances/:allianceId/body-candidates')
  @Roles(...MANAGERS)
  @allianceParam
  @ApiRoute({ summary: 'People who may sit in a body of the alliance: teachers and school admins of its current member schools', view: BodyCandidateView, page: true, problems: [403, 404] })
  candidates(@IdParam('allianceId') allianceId: string, @Query() query: ListBodyCandidatesQueryDto, @Call() call: CallContext): Promise<Page<BodyCandidateView>> {
    const payload: ListBodyCandidatesRequest = { allianceId, ...query };
    return this.bus.request(call, MembershipSubjects.bodyCandidates, payload);
  }

  @Get('bodies/:id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One body with every membership, current and ended', view: BodyDetailView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<BodyDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.bodyGet, payload);
  }

  @Patch('bodies/:id')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Rename a body, change its subject or responsibilities, or move it under another body', view: BodyDetailView, byId: true, problems: [403, 409] })
  update(@IdParam() id: string, @Body() changes: UpdateBodyDto, @Call() call: CallContext): Promise<BodyDetailView> {
    const payload: UpdateBodyRequest = { id, changes };
    return this.bus.request(call, MembershipSubjects.bodyUpdate, payload);
  }

  @Post('bodies/:id/dissolve')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Dissolve a body: its current memberships end today, the bodies under it move up', view: BodyDetailView, byId: true, problems: [403, 409] })
  dissolve(@IdParam() id: string, @Body() body: DissolveBodyDto, @Call() call: CallContext): Promise<BodyDetailView> {
    const payload: DissolveBodyRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.bodyDissolve, payload);
  }

  @Post('bodies/:id/members')
  @Roles(...MANAGERS)
  @ApiRoute({
    summary: 'Add a person of a member school to a body for a term (组长 / 副组长 / 成员; one current leader)',
    view: BodyDetailView, status: 201, byId: true, problems: [403, 409, 422],
  })
  addMember(@IdParam() id: string, @Body() body: AddBodyMemberDto, @Call() call: CallContext): Promise<BodyDetailView> {
    const payload: AddBodyMemberRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.bodyMemberAdd, payload);
  }

  @Post('bodies/:id/members/:memberId/end')
  @Roles(...MANAGERS)
  @ApiParam({ name: 'memberId', schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({ summary: 'End a membership on a given day; it stays in the history', view: BodyDetailView, byId: true, problems: [403, 409] })
  endMember(@IdParam() bodyId: string, @IdParam('memberId') memberId: string, @Body() body: EndBodyMemberDto, @Call() call: CallContext): Promise<BodyDetailView> {
    const payload: EndBodyMemberRequest = { bodyId, memberId, body };
    return this.bus.request(call, MembershipSubjects.bodyMemberEnd, payload);
  }

  @Get('users/:id/body-memberships')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [UserBodyMembershipView], description: 'Current memberships first, then ended ones' })
  @ApiRoute({ summary: "A person's memberships of alliance bodies you may see, current and ended", byId: true })
  userMemberships(@IdParam() id: string, @Call() call: CallContext): Promise<UserBodyMembershipView[]> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.userBodyMemberships, payload);
  }
}
