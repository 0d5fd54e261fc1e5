import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AssessmentSubjects, AwardView, CorrectEvaluationDto, CreateAwardDto, CreateFrameworkDto, DefaultFrameworkView, DrillDownQueryDto, DrillDownView,
  EnterScoresDto, EvaluationDetailView, EvaluationTransitionDto, EvaluationVersionsView, EvaluationView, FrameworkView, HistoryQueryDto, HistoryView,
  ListAwardsQueryDto, ListEvaluationsQueryDto, ListFrameworksQueryDto, OpenEvaluationsDto, OpenEvaluationsView, RankingQueryDto, RankingView, TermFactCatalogueView,
  UpdateFrameworkDto, type CorrectEvaluationRequest, type EnterScoresRequest, type EvaluationTransitionRequest, type IdDto, type IndicatorRequest, type Page,
  type UpdateFrameworkRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

const ADMINS = ['district_admin', 'alliance_admin', 'school_admin'] as const;
/** Gathering every service's term facts for a district takes longer than one request. */
const GATHER_TIMEOUT_MS = 60_000;

/** Indicator frameworks (评价指标体系) of a district, per term. */
@ApiTags('evaluation')
@ClientScopes('assessment')
@Controller('evaluation/frameworks')
export class FrameworksController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('default')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'The shipped default framework (teacher growth, student growth, teaching quality, resource sharing, satisfaction) a district copies', view: DefaultFrameworkView })
  defaultFramework(@Call() call: CallContext): Promise<DefaultFrameworkView> {
    return this.bus.request(call, AssessmentSubjects.frameworkDefault, {});
  }

  @Get('facts')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'The term facts a computed indicator may be computed from, with what each means in Chinese and English', view: TermFactCatalogueView })
  facts(@Call() call: CallContext): Promise<TermFactCatalogueView> {
    return this.bus.request(call, AssessmentSubjects.frameworkFacts, {});
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Frameworks of your districts, newest first', view: FrameworkView, page: true })
  list(@Query() query: ListFrameworksQueryDto, @Call() call: CallContext): Promise<Page<FrameworkView>> {
    return this.bus.request(call, AssessmentSubjects.frameworkList, query);
  }

  @Post()
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Define a framework: a copy of the default (no copyOf, no dimensions), of another framework of the district, or the tree given; siblings\' weights sum to 100',
    view: FrameworkView, status: 201, problems: [403, 404],
  })
  create(@Body() dto: CreateFrameworkDto, @Call() call: CallContext): Promise<FrameworkView> {
    return this.bus.request(call, AssessmentSubjects.frameworkCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'A framework with its tree, weights, scoring rules and the source of each computed indicator', view: FrameworkView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<FrameworkView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.frameworkGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Change a framework; one a published evaluation uses is immutable: the change becomes its next version (the reply)', view: FrameworkView, byId: true, problems: [403] })
  update(@IdParam() id: string, @Body() changes: UpdateFrameworkDto, @Call() call: CallContext): Promise<FrameworkView> {
    const payload: UpdateFrameworkRequest = { id, changes };
    return this.bus.request(call, AssessmentSubjects.frameworkUpdate, payload);
  }
}

/** Term evaluations (考核评价) of alliances and member schools. */
@ApiTags('evaluation')
@ClientScopes('assessment')
@Controller('evaluation/evaluations')
export class EvaluationsController {
  constructor(private readonly bus: GatewayBus) {}

  @Post()
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Open a term\'s evaluations of the district (or one alliance) with a framework: creates the missing ones, refreshes the unpublished ones from every service\'s term facts',
    view: OpenEvaluationsView, status: 201, problems: [403, 404],
  })
  open(@Body() dto: OpenEvaluationsDto, @Call() call: CallContext): Promise<OpenEvaluationsView> {
    return this.bus.request(call, AssessmentSubjects.evaluationOpen, dto, GATHER_TIMEOUT_MS);
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Evaluations you may see (current versions): the district\'s, your alliances\' and their schools\', or your own school\'s', view: EvaluationView, page: true })
  list(@Query() query: ListEvaluationsQueryDto, @Call() call: CallContext): Promise<Page<EvaluationView>> {
    return this.bus.request(call, AssessmentSubjects.evaluationList, query);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'An evaluation with its dimension and indicator scores (no data shown as such, never as 0), evaluator scores per step and the step log', view: EvaluationDetailView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<EvaluationDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.evaluationGet, payload);
  }

  @Get(':id/versions')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Every version of the evaluation: corrections are new versions, the corrected ones stay readable', view: EvaluationVersionsView, byId: true })
  versions(@IdParam() id: string, @Call() call: CallContext): Promise<EvaluationVersionsView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.evaluationVersions, payload);
  }

  @Get(':id/drill-down')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'The facts behind a computed indicator\'s score, per school with numerator and denominator, and where they come from', view: DrillDownView, byId: true })
  drillDown(@IdParam() id: string, @Query() query: DrillDownQueryDto, @Call() call: CallContext): Promise<DrillDownView> {
    const payload: IndicatorRequest = { id, indicator: query.indicator };
    return this.bus.request(call, AssessmentSubjects.evaluationDrillDown, payload);
  }

  @Post(':id/refresh')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Gather the term facts again for an unpublished evaluation (evaluator scores stay)', view: EvaluationDetailView, byId: true, problems: [403, 409] })
  refresh(@IdParam() id: string, @Call() call: CallContext): Promise<EvaluationDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.evaluationRefresh, payload, GATHER_TIMEOUT_MS);
  }

  @Post(':id/scores')
  @Roles(...ADMINS)
  @ApiRoute({
    summary: 'Enter evaluator scores for the current step: the school (or alliance) in self-evaluation, the alliance in its review, the district in its review',
    view: EvaluationDetailView, byId: true, problems: [403, 409],
  })
  score(@IdParam() id: string, @Body() body: EnterScoresDto, @Call() call: CallContext): Promise<EvaluationDetailView> {
    const payload: EnterScoresRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.evaluationScore, payload);
  }

  @Post(':id/transitions')
  @Roles(...ADMINS)
  @ApiRoute({
    summary: 'submit (self-evaluation done), approve (alliance review of a school), publish (district review; freezes the result), return (to draft, with a comment)',
    view: EvaluationDetailView, byId: true, problems: [403, 409],
  })
  transition(@IdParam() id: string, @Body() body: EvaluationTransitionDto, @Call() call: CallContext): Promise<EvaluationDetailView> {
    const payload: EvaluationTransitionRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.evaluationTransition, payload);
  }

  @Post(':id/corrections')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Correct a published evaluation: its next version, published with the reason; the corrected one stays readable', view: EvaluationDetailView, status: 201, byId: true, problems: [403, 409] })
  correct(@IdParam() id: string, @Body() body: CorrectEvaluationDto, @Call() call: CallContext): Promise<EvaluationDetailView> {
    const payload: CorrectEvaluationRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.evaluationCorrect, payload, GATHER_TIMEOUT_MS);
  }
}

/** Comparisons of evaluations: rankings, growth over terms, awards (表彰). */
@ApiTags('evaluation')
@ClientScopes('assessment')
@Controller('evaluation')
export class EvaluationResultsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('rankings')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'A term\'s ranking of the district\'s alliances (districtId) or an alliance\'s schools (allianceId), ties sharing a rank; scores only where you may open the evaluation', view: RankingView, problems: [404] })
  ranking(@Query() query: RankingQueryDto, @Call() call: CallContext): Promise<RankingView> {
    return this.bus.request(call, AssessmentSubjects.evaluationRanking, query);
  }

  @Get('history')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'An alliance or school over terms with its growth against the previous term', view: HistoryView, problems: [404] })
  history(@Query() query: HistoryQueryDto, @Call() call: CallContext): Promise<HistoryView> {
    return this.bus.request(call, AssessmentSubjects.evaluationHistory, query);
  }

  @Get('awards')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Awards (表彰) of your districts', view: AwardView, page: true })
  awards(@Query() query: ListAwardsQueryDto, @Call() call: CallContext): Promise<Page<AwardView>> {
    return this.bus.request(call, AssessmentSubjects.awardList, query);
  }

  @Post('awards')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Record an award on a published evaluation, with its citation', view: AwardView, status: 201, problems: [403, 404, 409] })
  award(@Body() dto: CreateAwardDto, @Call() call: CallContext): Promise<AwardView> {
    return this.bus.request(call, AssessmentSubjects.awardCreate, dto);
  }
}
