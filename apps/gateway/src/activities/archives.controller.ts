import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ActivitiesSubjects, ArchiveView, CreateArchiveDto, ListArchivesQueryDto, type IdDto, type Page, type StoredDownloadView } from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const ADMINS = ['district_admin', 'alliance_admin'] as const;

/** Semester archives (学期归档): one zip of a term's records, built in the background, listed per term. */
@ApiTags('archives')
@ClientScopes('activities')
@Controller('archives')
export class ArchivesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ADMINS)
  @ApiRoute({ summary: 'Archives of your district or alliances, with status and progress; filter by term, alliance, status', view: ArchiveView, page: true })
  list(@Query() query: ListArchivesQueryDto, @Call() call: CallContext): Promise<Page<ArchiveView>> {
    return this.bus.request(call, ActivitiesSubjects.archiveList, query);
  }

  @Post()
  @Roles(...ADMINS)
  @ApiRoute({
    summary: 'Request the archive of a term for a district (district admin) or an alliance (alliance admin): queued and built in the background; poll it for progress',
    view: ArchiveView, status: 201, problems: [403, 404, 409],
  })
  create(@Body() dto: CreateArchiveDto, @Call() call: CallContext): Promise<ArchiveView> {
    return this.bus.request(call, ActivitiesSubjects.archiveCreate, dto);
  }

  @Get(':id')
  @Roles(...ADMINS)
  @ApiRoute({ summary: 'One archive job: status, progress (%), entries, error', view: ArchiveView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<ArchiveView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.archiveGet, payload);
  }

  @Get(':id/download')
  @Roles(...ADMINS)
  @ApiOperation({ summary: 'Download a built archive (zip, streamed); 409 while it is being built' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 409, 429, 503, 504)
  async download(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: IdDto = { id };
    const file = await this.bus.request<StoredDownloadView>(call, ActivitiesSubjects.archiveDownload, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}
