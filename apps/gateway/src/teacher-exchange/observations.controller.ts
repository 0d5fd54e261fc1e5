import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ListObservationsQueryDto, ObservationStatsQueryDto, ObservationStatsView, ObservationView, RecordObservationDto, RubricQueryDto, RubricView, SaveRubricDto,
  TeacherExchangeSubjects as S, type IdDto, type Page,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

/** Lesson observation (听课评课): the district's versioned rubric, observation records, and counts and averages. */
@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange')
export class ObservationsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('observation-rubric')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: "The district's observation rubric (the current version, or the one named); a district starts with the default rubric", view: RubricView, problems: [404] })
  rubric(@Query() query: RubricQueryDto, @Call() call: CallContext): Promise<RubricView> {
    return this.bus.request(call, S.rubricGet, query);
  }

  @Put('observation-rubric')
  @Roles('district_admin')
  @ApiRoute({ summary: "Change the district's rubric: a changed rubric becomes a new version; records keep the version they were scored with", view: RubricView, problems: [403, 404] })
  saveRubric(@Body() dto: SaveRubricDto, @Call() call: CallContext): Promise<RubricView> {
    return this.bus.request(call, S.rubricSave, dto);
  }

  @Get('observations')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List lesson observations you may see; filter by teacher, school or days, search names, topic and class', view: ObservationView, page: true })
  list(@Query() query: ListObservationsQueryDto, @Call() call: CallContext): Promise<Page<ObservationView>> {
    return this.bus.request(call, S.observationList, query);
  }

  @Post('observations')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({
    summary: "Record an observation: a score per dimension of a rubric version; a visiting observer's shadowing or observation placement is linked",
    view: ObservationView, status: 201, problems: [403],
  })
  record(@Body() dto: RecordObservationDto, @Call() call: CallContext): Promise<ObservationView> {
    return this.bus.request(call, S.observationRecord, dto);
  }

  @Get('observation-stats')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Counts and mean percentages of lesson observations per teacher and per school, given and received', view: ObservationStatsView, problems: [403, 404] })
  stats(@Query() query: ObservationStatsQueryDto, @Call() call: CallContext): Promise<ObservationStatsView> {
    return this.bus.request(call, S.observationStats, query);
  }

  @Get('observations/:id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One lesson observation', view: ObservationView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<ObservationView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.observationGet, payload);
  }
}
