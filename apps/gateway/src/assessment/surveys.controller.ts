import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AssessmentSubjects, CreateSurveyDto, CreateSurveyTemplateDto, IssuedTokensView, IssueTokensDto, ListSurveysQueryDto, ListTemplatesQueryDto,
  PublicSurveyView, ResponseReceiptView, SubmitAnswersDto, SubmitSurveyResponseDto, SurveyResultsQueryDto, SurveyResultsView, SurveyTemplateView,
  SurveyTransitionDto, SurveyView, TokenBatchView, UpdateSurveyDto, UpdateSurveyTemplateDto,
  type IdDto, type IssueTokensRequest, type Page, type PublicAnswerRequest, type SubmitSurveyResponseRequest, type SurveyFileView,
  type SurveyResultsRequest, type SurveyTokenDto, type SurveyTransitionRequest, type UpdateSurveyRequest, type UpdateSurveyTemplateRequest,
} from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Public, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const MANAGERS = ['district_admin', 'alliance_admin', 'school_admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_TIMEOUT_MS = 60_000;

/** Satisfaction surveys (满意度调查): district templates, surveys, one-time links, answers and results under the anonymity threshold. */
@ApiTags('surveys')
@ClientScopes('assessment')
@Controller('surveys')
export class SurveysController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('templates')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Survey templates of your districts', view: SurveyTemplateView, page: true })
  templates(@Query() query: ListTemplatesQueryDto, @Call() call: CallContext): Promise<Page<SurveyTemplateView>> {
    return this.bus.request(call, AssessmentSubjects.surveyTemplateList, query);
  }

  @Post('templates')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Keep a questionnaire as a district template (district admin)', view: SurveyTemplateView, status: 201, problems: [403, 404] })
  createTemplate(@Body() dto: CreateSurveyTemplateDto, @Call() call: CallContext): Promise<SurveyTemplateView> {
    return this.bus.request(call, AssessmentSubjects.surveyTemplateCreate, dto);
  }

  @Get('templates/:id')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'One survey template', view: SurveyTemplateView, byId: true })
  template(@IdParam() id: string, @Call() call: CallContext): Promise<SurveyTemplateView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.surveyTemplateGet, payload);
  }

  @Patch('templates/:id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Change a template (surveys made from it keep their own copy)', view: SurveyTemplateView, byId: true, problems: [403] })
  updateTemplate(@IdParam() id: string, @Body() changes: UpdateSurveyTemplateDto, @Call() call: CallContext): Promise<SurveyTemplateView> {
    const payload: UpdateSurveyTemplateRequest = { id, changes };
    return this.bus.request(call, AssessmentSubjects.surveyTemplateUpdate, payload);
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Surveys you run, and those covering your school once open', view: SurveyView, page: true })
  list(@Query() query: ListSurveysQueryDto, @Call() call: CallContext): Promise<Page<SurveyView>> {
    return this.bus.request(call, AssessmentSubjects.surveyList, query);
  }

  @Post()
  @Roles(...MANAGERS)
  @ApiRoute({
    summary: 'Start a survey as a draft: the district\'s (district admin), an alliance\'s (its admin) or a school\'s (its admin), from a template or questions',
    view: SurveyView, status: 201, problems: [403, 404],
  })
  create(@Body() dto: CreateSurveyDto, @Call() call: CallContext): Promise<SurveyView> {
    return this.bus.request(call, AssessmentSubjects.surveyCreate, dto);
  }

  @Get('mine')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Open surveys asking teachers at your school that you have not answered yet' })
  @ApiOkResponse({ type: [SurveyView] })
  @ApiProblems(429, 503, 504)
  mine(@Call() call: CallContext): Promise<SurveyView[]> {
    return this.bus.request(call, AssessmentSubjects.surveyMine, {});
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One survey with its questions', view: SurveyView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<SurveyView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.surveyGet, payload);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Change a draft survey; an open one only its title, description and closing time', view: SurveyView, byId: true, problems: [403, 409] })
  update(@IdParam() id: string, @Body() changes: UpdateSurveyDto, @Call() call: CallContext): Promise<SurveyView> {
    const payload: UpdateSurveyRequest = { id, changes };
    return this.bus.request(call, AssessmentSubjects.surveyUpdate, payload);
  }

  @Post(':id/transitions')
  @Roles(...MANAGERS)
  @ApiRoute({ summary: 'Open a draft survey or close an open one', view: SurveyView, byId: true, problems: [403, 409] })
  transition(@IdParam() id: string, @Body() body: SurveyTransitionDto, @Call() call: CallContext): Promise<SurveyView> {
    const payload: SurveyTransitionRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.surveyTransition, payload);
  }

  @Post(':id/responses')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: 'Answer a survey asking teachers, once; in an anonymous survey your account is kept apart from your answers',
    view: ResponseReceiptView, status: 201, byId: true, problems: [403, 409],
  })
  respond(@IdParam() id: string, @Body() body: SubmitSurveyResponseDto, @Call() call: CallContext): Promise<ResponseReceiptView> {
    const payload: SubmitSurveyResponseRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.surveyRespond, payload);
  }

  @Post(':id/link-batches')
  @Roles(...MANAGERS)
  @ApiRoute({
    summary: 'Issue one-time answer links (and their tokens) for a school and audience; each answers once. The links are in this reply only: print them or turn them into QR codes now',
    view: IssuedTokensView, status: 201, byId: true, problems: [403, 409],
  })
  issue(@IdParam() id: string, @Body() body: IssueTokensDto, @Call() call: CallContext): Promise<IssuedTokensView> {
    const payload: IssueTokensRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.surveyTokensIssue, payload);
  }

  @Get(':id/link-batches')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'The link batches of a survey with how many links were used (never which)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: [TokenBatchView] })
  @ApiProblems(400, 403, 404, 429, 503, 504)
  batches(@IdParam() id: string, @Call() call: CallContext): Promise<TokenBatchView[]> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.surveyTokenBatches, payload);
  }

  @Get(':id/results')
  @Roles(...MANAGERS)
  @ApiRoute({
    summary: 'Results per group (school × audience, school or audience); a group under the survey\'s minimum shows only that it has fewer responses. School admins see their own school',
    view: SurveyResultsView, byId: true, problems: [403],
  })
  results(@IdParam() id: string, @Query() query: SurveyResultsQueryDto, @Call() call: CallContext): Promise<SurveyResultsView> {
    const payload: SurveyResultsRequest = { id, ...query };
    return this.bus.request(call, AssessmentSubjects.surveyResults, payload);
  }

  @Get(':id/results/export')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Download the results as an .xlsx workbook; groups under the minimum are left out' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The results workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 403, 404, 503, 504)
  async export(@IdParam() id: string, @Query() query: SurveyResultsQueryDto, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: SurveyResultsRequest = { id, ...query };
    const file = await this.bus.request<SurveyFileView>(call, AssessmentSubjects.surveyResultsExport, payload, EXPORT_TIMEOUT_MS);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}

/** Answering by link or QR code without an account: the one-time token in the path is the credential, checked by the service. */
@ApiTags('surveys')
@Controller('public/surveys')
export class PublicSurveysController {
  constructor(private readonly bus: GatewayBus) {}

  @Get(':token')
  @Public()
  @ApiParam({ name: 'token', description: 'The token of a one-time survey link' })
  @ApiRoute({ summary: 'The questionnaire behind a survey link, while the link is unused and the survey open', view: PublicSurveyView, problems: [404, 409] })
  get(@Param('token') token: string, @Call() call: CallContext): Promise<PublicSurveyView> {
    const payload: SurveyTokenDto = { token };
    return this.bus.request(call, AssessmentSubjects.surveyPublicGet, payload);
  }

  @Post(':token')
  @Public()
  @ApiParam({ name: 'token', description: 'The token of a one-time survey link' })
  @ApiRoute({ summary: 'Answer through a survey link; the link answers once (a second answer is 409)', view: ResponseReceiptView, status: 201, problems: [404, 409] })
  answer(@Param('token') token: string, @Body() body: SubmitAnswersDto, @Call() call: CallContext): Promise<ResponseReceiptView> {
    const payload: PublicAnswerRequest = { token, body };
    return this.bus.request(call, AssessmentSubjects.surveyPublicAnswer, payload);
  }
}
