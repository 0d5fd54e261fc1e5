import { Body, Controller, Get, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateTeacherDto, ImportTemplateQueryDto, ListTeachersQueryDto, TeacherExchangeSubjects as S, TeacherImportReport, TeacherView, UpdateTeacherDto,
  IMPORT_MODES, negotiateLocale, TEACHER_EMPTY_CELL_RULES, type IdDto, type ImportTeachersRequest, type ImportTemplateFile, type Page, type UpdateTeacherRequest,
} from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { localizeImportReport } from '../common/errors/localize-report.js';
import { receiveUpload, sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange/teachers')
export class TeachersController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List teachers you may see; search by name or staff number, filter by school, subject, rank', view: TeacherView, page: true })
  list(@Query() query: ListTeachersQueryDto, @Call() call: CallContext): Promise<Page<TeacherView>> {
    return this.bus.request(call, S.teacherList, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Add a teacher to a school', view: TeacherView, status: 201, problems: [409] })
  create(@Body() dto: CreateTeacherDto, @Call() call: CallContext): Promise<TeacherView> {
    return this.bus.request(call, S.teacherCreate, dto);
  }

  @Get('import-template')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiOperation({ summary: 'Download the teacher import template (.xlsx or .csv, columns in Chinese)' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The template file', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 429, 503, 504)
  async template(@Query() query: ImportTemplateQueryDto, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const file = await this.bus.request<ImportTemplateFile>(call, S.teacherImportTemplate, query);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }

  @Post('import')
  @Roles('district_admin', 'school_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'The form fields schoolId, mode, empty and dryRun come before the file part',
    schema: {
      type: 'object', required: ['schoolId', 'file'],
      properties: {
        schoolId: { type: 'string', format: 'uuid' },
        mode: { type: 'string', enum: [...IMPORT_MODES], default: 'all' },
        empty: {
          type: 'string', enum: [...TEACHER_EMPTY_CELL_RULES], default: 'keep',
          description: 'What an empty 职称, 骨干级别 or 是否中层 cell means for a teacher already on the roster: keep the stored value, or clear it to 未定级 / 无 / 否',
        },
        dryRun: {
          type: 'string', enum: ['true', 'false'], default: 'false',
          description: 'true: run every check and answer each row\'s outcome (inserted, updated, unchanged, rejected), writing nothing (no teachers, no audit, no event)',
        },
        file: { type: 'string', format: 'binary', description: '.xlsx or .csv with the template\'s columns' },
      },
    },
  })
  @ApiRoute({
    summary: 'Import teachers from the template, or preview the import with dryRun=true: every bad row reported; mode=all imports nothing unless all rows are good',
    description: 'A staff number is one teacher of the school: a later row repeating it is rejected (a duplicate, or a conflict naming the first row when the name '
      + 'differs), and a row giving a stored staff number another name is a conflict: an import never renames a teacher.',
    view: TeacherImportReport,
  })
  async import(@Req() request: FastifyRequest, @Call() call: CallContext): Promise<TeacherImportReport> {
    const files = this.bus.files();
    const upload = await receiveUpload(request, files, { keyPrefix: 'teacher-exchange/imports', maxBytes: IMPORT_MAX_BYTES, extensions: ['.xlsx', '.csv'] });
    try {
      const dryRun = upload.fields['dryRun'] || 'false';
      if (dryRun !== 'true' && dryRun !== 'false') throw ValidationError.of('dryRun', 'gateway.import.dry-run-invalid');
      const payload = {
        schoolId: upload.fields['schoolId'] ?? '', mode: upload.fields['mode'] || 'all', empty: upload.fields['empty'] || 'keep', dryRun: dryRun === 'true', file: upload.file,
      } as ImportTeachersRequest;
      const report = await this.bus.request<TeacherImportReport>(call, S.teacherImport, payload, 60_000);
      return localizeImportReport(report, negotiateLocale(request.headers['accept-language']));
    } finally {
      await files.delete(upload.file.key).catch(() => undefined);
    }
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One teacher', view: TeacherView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<TeacherView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.teacherGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Change a teacher', view: TeacherView, byId: true, problems: [409] })
  update(@IdParam() id: string, @Body() changes: UpdateTeacherDto, @Call() call: CallContext): Promise<TeacherView> {
    const payload: UpdateTeacherRequest = { id, changes };
    return this.bus.request(call, S.teacherUpdate, payload);
  }
}
