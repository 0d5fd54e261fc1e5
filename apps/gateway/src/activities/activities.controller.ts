import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ActivitiesSubjects, ActivityView, CancelActivityDto, CancelOccurrenceDto, CreateActivityDto, ListActivitiesQueryDto, ListOccurrencesQueryDto,
  OccurrencesView, OccurrenceView, UpdateActivityDto, type CancelActivityRequest, type CancelOccurrenceRequest, type IdDto, type Page,
  type UpdateActivityRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

const MANAGERS = ['district_admin', 'alliance_admin', 'school_admin'] as const;

@ApiTags('activities')
@ClientScopes('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List, search and filter the activities of your alliances', view: ActivityView, page: true })
  list(@Query() query: ListActivitiesQueryDto, @Call() call: CallContext): Promise<Page<ActivityView>> {
    return this.bus.request(call, ActivitiesSubjects.activityList, query);
  }

  @Post()
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Schedule an activity (optionally repeating weekly or monthly) organised by a member school', view: ActivityView, status: 201, problems: [404, 409] })
  create(@Body() dto: CreateActivityDto, @Call() call: CallContext): Promise<ActivityView> {
    return this.bus.request(call, ActivitiesSubjects.activityCreate, dto);
  }

  @Get('occurrences')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Occurrences within a range (at most 400 days), repetitions expanded: for calendars and agendas', view: OccurrencesView })
  occurrences(@Query() query: ListOccurrencesQueryDto, @Call() call: CallContext): Promise<OccurrencesView> {
    return this.bus.request(call, ActivitiesSubjects.occurrenceList, query);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One activity', view: ActivityView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<ActivityView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.activityGet, payload);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Change an activity (a new schedule must keep every occurrence someone registered for)', view: ActivityView, byId: true, problems: [409] })
  update(@IdParam() id: string, @Body() changes: UpdateActivityDto, @Call() call: CallContext): Promise<ActivityView> {
    const payload: UpdateActivityRequest = { id, changes };
    return this.bus.request(call, ActivitiesSubjects.activityUpdate, payload);
  }

  @Post(':id/cancel')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Cancel an activity with a reason', view: ActivityView, byId: true, problems: [409] })
  cancel(@IdParam() id: string, @Body() body: CancelActivityDto, @Call() call: CallContext): Promise<ActivityView> {
    const payload: CancelActivityRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.activityCancel, payload);
  }

  @Post(':id/occurrences/cancel')
  @Roles(...MANAGERS)
  @ApiRoute({
    summary: 'Cancel one coming occurrence of a repeating activity with a reason; its registrations are cancelled with it and the series goes on',
    view: OccurrenceView, byId: true, problems: [409],
  })
  cancelOccurrence(@IdParam() id: string, @Body() body: CancelOccurrenceDto, @Call() call: CallContext): Promise<OccurrenceView> {
    const payload: CancelOccurrenceRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.occurrenceCancel, payload);
  }
}
