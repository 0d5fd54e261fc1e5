import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AssessmentSubjects, GrowthQueryDto, GrowthView, SchoolGrowthTrendQueryDto, SchoolGrowthTrendView, type ExamFileView, type GrowthRequest, type SchoolGrowthTrendRequest,
} from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

/** Reading every linked score of a district exam twice and fitting it takes a few seconds on a busy server. */
const GROWTH_TIMEOUT_MS = 60_000;
const EXPORT_TIMEOUT_MS = 120_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('assessment')
@ClientScopes('assessment')
@Controller('assessment/exams')
export class GrowthController {
  constructor(private readonly bus: GatewayBus) {}

  @Get(':id/growth')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: '增值评价: growth and value-added of each school and class against an earlier exam of the district (students linked by student number), '
      + 'raw and shrunk by empirical Bayes with n and 95% intervals (schools see their own rows once both exams are published)',
    view: GrowthView, byId: true, problems: [403],
  })
  growth(@IdParam() examId: string, @Query() query: GrowthQueryDto, @Call() call: CallContext): Promise<GrowthView> {
    const payload: GrowthRequest = { ...query, examId };
    return this.bus.request(call, AssessmentSubjects.growthGet, payload, GROWTH_TIMEOUT_MS);
  }

  @Get(':id/growth/export')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Download growth and value-added of schools and classes as an .xlsx workbook' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The value-added workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 403, 404, 503, 504)
  async export(@IdParam() examId: string, @Query() query: GrowthQueryDto, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: GrowthRequest = { ...query, examId };
    const file = await this.bus.request<ExamFileView>(call, AssessmentSubjects.growthExport, payload, EXPORT_TIMEOUT_MS);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}

@ApiTags('assessment')
@ClientScopes('assessment')
@Controller('assessment/schools')
export class SchoolGrowthController {
  constructor(private readonly bus: GatewayBus) {}

  @Get(':id/growth-trend')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: '纵向增值: one school over the exams it sat, in one subject: its mean T score per exam and its shrunk value-added with the 95% interval against the exam before',
    view: SchoolGrowthTrendView, byId: true,
  })
  trend(@IdParam() schoolId: string, @Query() query: SchoolGrowthTrendQueryDto, @Call() call: CallContext): Promise<SchoolGrowthTrendView> {
    const payload: SchoolGrowthTrendRequest = { ...query, schoolId };
    return this.bus.request(call, AssessmentSubjects.growthSchoolTrend, payload, GROWTH_TIMEOUT_MS);
  }
}
