import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ActionItemView, ActivitiesSubjects, ListActionItemsQueryDto, MinutesView, SaveMinutesDto, type IdDto, type Page, type SaveMinutesRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('activities')
@ClientScopes('activities')
@Controller('activities')
export class MinutesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('action-items')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Action items of your alliances; mine=true for your own, status=pending for open and overdue', view: ActionItemView, page: true })
  items(@Query() query: ListActionItemsQueryDto, @Call() call: CallContext): Promise<Page<ActionItemView>> {
    return this.bus.request(call, ActivitiesSubjects.actionItemList, query);
  }

  @Post('action-items/:id/done')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Mark an action item done (its owner, the owner school\'s admin or the organiser); audited', view: ActionItemView, byId: true, problems: [409] })
  complete(@IdParam() id: string, @Call() call: CallContext): Promise<ActionItemView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.actionItemComplete, payload);
  }

  @Post('action-items/:id/reopen')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Reopen a done action item; audited', view: ActionItemView, byId: true, problems: [409] })
  reopen(@IdParam() id: string, @Call() call: CallContext): Promise<ActionItemView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.actionItemReopen, payload);
  }

  @Get(':id/minutes')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Minutes of the activity\'s meetings, latest occurrence first' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: [MinutesView] })
  @ApiProblems(400, 404, 429, 503, 504)
  list(@IdParam() id: string, @Call() call: CallContext): Promise<MinutesView[]> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.minutesList, payload);
  }

  @Put(':id/minutes')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Record or replace the minutes of one occurrence: summary, decisions and action items', view: MinutesView, byId: true })
  save(@IdParam() id: string, @Body() body: SaveMinutesDto, @Call() call: CallContext): Promise<MinutesView> {
    const payload: SaveMinutesRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.minutesSave, payload);
  }
}
