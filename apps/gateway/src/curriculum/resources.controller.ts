import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ALL_RESOURCE_FILE_EXTENSIONS, CurriculumSubjects, DEFAULT_FILE_MAX_MB, DEFAULT_VIDEO_MAX_MB, ListResourcesQueryDto, ResourcePage, ResourceVersionView, ResourceView,
  UpdateResourceDto, UploadResourceForm, UploadResourceVersionForm, type AddResourceVersionRequest, type CreateResourceRequest, type IdDto,
  type ResourceDownloadView, type ResourceVersionRequest, type UpdateResourceRequest,
} from '@jiaolian/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { receiveUpload, sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const MB = 1024 * 1024;
const envMb = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
/**
 * The most any resource file may weigh (videos); the service then holds each type to its own limit
 * (CURRICULUM_VIDEO_MAX_MB, CURRICULUM_FILE_MAX_MB) and its own extensions.
 */
const uploadLimitBytes = (): number => Math.max(envMb('CURRICULUM_VIDEO_MAX_MB', DEFAULT_VIDEO_MAX_MB), envMb('CURRICULUM_FILE_MAX_MB', DEFAULT_FILE_MAX_MB)) * MB;

/** Large videos take a while to be checked and indexed after the bytes are in; the bus request is small. */
const UPLOAD_TIMEOUT_MS = 30_000;

@ApiTags('curriculum')
@ClientScopes('curriculum')
@Controller('curriculum/resources')
export class CurriculumResourcesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: 'Search shared resources (Chinese full text in q; filters by type, subject, grade, school); only what you may see',
    description: 'With q the best matches come first (then the newest) when the term has at most 1,000 matches; with more, the newest first. '
      + 'total counts up to 1,000 (totalCapped: "1000+"). facets=true adds counts per type, subject, grade and school. '
      + 'A search that runs longer than the service allows is stopped and answers 504.',
    view: ResourcePage,
  })
  list(@Query() query: ListResourcesQueryDto, @Call() call: CallContext): Promise<ResourcePage> {
    return this.bus.request(call, CurriculumSubjects.resourceList, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadResourceForm, description: 'The metadata fields first, the file (field `file`) last. Tags may be comma-separated.' })
  @ApiRoute({ summary: 'Share a resource: upload its file as a stream with its metadata', view: ResourceView, status: 201 })
  async create(@Req() request: FastifyRequest, @Call() call: CallContext): Promise<ResourceView> {
    const files = this.bus.files();
    const { file, fields } = await receiveUpload(request, files, {
      keyPrefix: 'curriculum/resources', maxBytes: uploadLimitBytes(), extensions: ALL_RESOURCE_FILE_EXTENSIONS,
    });
    const payload = { ...fields, file } as unknown as CreateResourceRequest;
    try {
      return await this.bus.request<ResourceView>(call, CurriculumSubjects.resourceCreate, payload, UPLOAD_TIMEOUT_MS);
    } catch (error) {
      // the service refused (wrong type, size or field): keep nothing in the store
      await files.delete(file.key).catch(() => undefined);
      throw error;
    }
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One resource', view: ResourceView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<ResourceView> {
    const payload: IdDto = { id };
    return this.bus.request(call, CurriculumSubjects.resourceGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: 'Change a resource\'s metadata or visibility (uploader or school admin)', view: ResourceView, byId: true })
  update(@IdParam() id: string, @Body() changes: UpdateResourceDto, @Call() call: CallContext): Promise<ResourceView> {
    const payload: UpdateResourceRequest = { id, changes };
    return this.bus.request(call, CurriculumSubjects.resourceUpdate, payload);
  }

  @Delete(':id')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: 'Remove a resource and its file (uploader or school admin)', status: 204, byId: true })
  async remove(@IdParam() id: string, @Call() call: CallContext): Promise<void> {
    const payload: IdDto = { id };
    await this.bus.request(call, CurriculumSubjects.resourceDelete, payload);
  }

  @Get(':id/download')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Download the resource\'s file (streamed; counted)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404, 429, 503, 504)
  async download(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: IdDto = { id };
    const file = await this.bus.request<ResourceDownloadView>(call, CurriculumSubjects.resourceDownload, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }

  @Post(':id/versions')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadResourceVersionForm, description: 'The note first, the revised file (field `file`) last.' })
  @ApiRoute({
    summary: 'Upload a revised file for a resource (uploader or school admin): it becomes the current version, earlier files stay as versions',
    view: ResourceView, status: 201, byId: true, problems: [409],
  })
  async addVersion(@IdParam() id: string, @Req() request: FastifyRequest, @Call() call: CallContext): Promise<ResourceView> {
    const files = this.bus.files();
    const { file, fields } = await receiveUpload(request, files, {
      keyPrefix: 'curriculum/resources', maxBytes: uploadLimitBytes(), extensions: ALL_RESOURCE_FILE_EXTENSIONS,
    });
    const payload = { id, note: fields['note'], file } as unknown as AddResourceVersionRequest;
    try {
      return await this.bus.request<ResourceView>(call, CurriculumSubjects.resourceVersionAdd, payload, UPLOAD_TIMEOUT_MS);
    } catch (error) {
      // refused (not allowed, wrong type or size, the same file again): keep nothing in the store
      await files.delete(file.key).catch(() => undefined);
      throw error;
    }
  }

  @Get(':id/versions')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Every version of the resource\'s file, newest first' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: [ResourceVersionView] })
  @ApiProblems(400, 404, 429, 503, 504)
  versions(@IdParam() id: string, @Call() call: CallContext): Promise<ResourceVersionView[]> {
    const payload: IdDto = { id };
    return this.bus.request(call, CurriculumSubjects.resourceVersionList, payload);
  }

  @Get(':id/versions/:version/download')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Download one version\'s file (streamed; counted)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 } })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 429, 503, 504)
  async downloadVersion(@IdParam() id: string, @Param('version') version: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: ResourceVersionRequest = { id, version: /^\d{1,9}$/.test(version) ? Number(version) : Number.NaN };
    const file = await this.bus.request<ResourceDownloadView>(call, CurriculumSubjects.resourceVersionDownload, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}
