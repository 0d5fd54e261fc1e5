import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ActivitiesSubjects, BriefingDetailView, BriefingView, CreateBriefingDto, ListBriefingsQueryDto, type BriefingDownloadRequest, type IdDto, type Page,
  type StoredDownloadView,
} from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const ISSUERS = ['district_admin', 'alliance_admin'] as const;
/** Issuing gathers the five services' figures and renders the PDF: longer than a plain request. */
const ISSUE_TIMEOUT_MS = 60_000;

/** Quarterly briefings (季度通报) of districts and alliances: issued once, frozen, downloadable as PDF and .xlsx. */
@ApiTags('briefings')
@ClientScopes('activities')
@Controller('briefings')
export class BriefingsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Briefings you may read: your district\'s, your alliances\', and the alliance briefings of your school\'s alliances', view: BriefingView, page: true })
  list(@Query() query: ListBriefingsQueryDto, @Call() call: CallContext): Promise<Page<BriefingView>> {
    return this.bus.request(call, ActivitiesSubjects.briefingList, query);
  }

  @Post()
  @Roles(...ISSUERS)
  @ApiRoute({
    summary: 'Issue a briefing of a district (district admin) or an alliance (alliance admin) for a quarter, a term or two days: the figures are frozen at issue; services that do not answer are marked not available',
    view: BriefingDetailView, status: 201, problems: [403, 404],
  })
  create(@Body() dto: CreateBriefingDto, @Call() call: CallContext): Promise<BriefingDetailView> {
    return this.bus.request(call, ActivitiesSubjects.briefingCreate, dto, ISSUE_TIMEOUT_MS);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One briefing with its frozen content (for the preview)', view: BriefingDetailView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<BriefingDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.briefingGet, payload);
  }

  @Get(':id/pdf')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'The briefing as PDF (Chinese fonts embedded; streamed)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 429, 503, 504)
  pdf(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.send(call, reply, { id, format: 'pdf' });
  }

  @Get(':id/xlsx')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'The briefing as an .xlsx workbook (streamed)' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The workbook',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, 429, 503, 504)
  xlsx(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.send(call, reply, { id, format: 'xlsx' });
  }

  private async send(call: CallContext, reply: FastifyReply, payload: BriefingDownloadRequest): Promise<FastifyReply> {
    const file = await this.bus.request<StoredDownloadView>(call, ActivitiesSubjects.briefingDownload, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}
