import { Body, Controller, Delete, Get, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AssessmentSubjects, ImportItemScoresQueryDto, ItemAnalysisView, ItemImportReportView, negotiateLocale, PaperListView, PaperSubjectQueryDto, PaperView, SavePaperDto,
  type ExamFileView, type IdDto, type ImportItemScoresRequest, type PaperSubjectRequest, type SavePaperRequest,
} from '@jiaolian/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { localizeImportReport } from '../common/errors/localize-report.js';
import { receiveUpload, sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

/** A 200,000-student item sheet is read, checked and upserted in one request: give it time. */
const IMPORT_TIMEOUT_MS = 300_000;
/** The item analysis of a district subject unnests 5 M item scores. */
const ANALYSIS_TIMEOUT_MS = 60_000;
const EXPORT_TIMEOUT_MS = 120_000;
const MAX_SHEET_BYTES = 100 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Papers (试卷结构), item scores (小题分) and the item analysis (试题分析) of a unified exam. */
@ApiTags('assessment')
@ClientScopes('assessment')
@Controller('assessment/exams')
export class ItemsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get(':id/papers')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'The papers of the exam: one per subject, with its items (empty until entered)', view: PaperListView, byId: true })
  papers(@IdParam() id: string, @Call() call: CallContext): Promise<PaperListView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.paperList, payload);
  }

  @Put(':id/papers')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({
    summary: 'Enter or replace the paper of one subject: items with full marks, type, key, knowledge points and abilities',
    description: 'While the exam is not published. The items\' full marks add up to the subject\'s. Once item scores of the subject are stored, only sections and tags '
      + 'may change (409 otherwise).',
    view: PaperView, byId: true, problems: [403, 409],
  })
  savePaper(@IdParam() examId: string, @Body() body: SavePaperDto, @Call() call: CallContext): Promise<PaperView> {
    const payload: SavePaperRequest = { examId, body };
    return this.bus.request(call, AssessmentSubjects.paperSave, payload);
  }

  @Delete(':id/papers')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Remove the paper of one subject (refused while item scores of it are stored)', status: 204, byId: true, problems: [403, 409] })
  async removePaper(@IdParam() examId: string, @Query() query: PaperSubjectQueryDto, @Call() call: CallContext): Promise<void> {
    const payload: PaperSubjectRequest = { examId, subject: query.subject };
    await this.bus.request(call, AssessmentSubjects.paperDelete, payload);
  }

  @Post(':id/item-scores/import')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object', required: ['file'],
      properties: {
        file: {
          type: 'string', format: 'binary',
          description: '.xlsx or .csv: 学号, 姓名, 学校 (name or 10-digit code), 班级, optionally the subject (its score: must equal the items\' sum), then one column '
            + 'per item headed by its number, holding the score or, for an objective item, the chosen option(s) (scored against the key: exactly the key earns '
            + 'full marks, anything else 0)',
        },
      },
    },
  })
  @ApiRoute({
    summary: 'Import item scores (小题分) of one subject from a spreadsheet (idempotent upsert by exam + subject + student number), or preview it with dryRun=true',
    description: 'Every bad row is reported with its row and column. The items\' sum is checked against the sheet\'s subject column and against a stored subject score.',
    view: ItemImportReportView, byId: true, problems: [403, 409],
  })
  async importItems(
    @IdParam() examId: string, @Query() query: ImportItemScoresQueryDto, @Req() request: FastifyRequest, @Call() call: CallContext,
  ): Promise<ItemImportReportView> {
    const preview = query.dryRun === 'true';
    const files = this.bus.files();
    const { file } = await receiveUpload(request, files, { keyPrefix: 'assessment/imports', maxBytes: MAX_SHEET_BYTES, extensions: ['.xlsx', '.csv'] });
    const payload: ImportItemScoresRequest = { examId, subject: query.subject, mode: query.mode ?? 'all', dryRun: preview, file };
    try {
      const report = await this.bus.request<ItemImportReportView>(call, AssessmentSubjects.itemScoreImport, payload, IMPORT_TIMEOUT_MS);
      return localizeImportReport(report, negotiateLocale(request.headers['accept-language']));
    } catch (error) {
      // a refused import keeps nothing in the store
      await files.delete(file.key).catch(() => undefined);
      throw error;
    } finally {
      if (preview) await files.delete(file.key).catch(() => undefined);
    }
  }

  @Get(':id/item-scores/template')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiOperation({ summary: 'Download the item score sheet template (.xlsx) of one subject' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The template workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 503, 504)
  async itemTemplate(@IdParam() examId: string, @Query() query: PaperSubjectQueryDto, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: PaperSubjectRequest = { examId, subject: query.subject };
    const file = await this.bus.request<ExamFileView>(call, AssessmentSubjects.itemScoreTemplate, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }

  @Get(':id/item-analysis')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: 'Item analysis of one subject: difficulty, discrimination (corrected item-total r and the upper-lower 27% index), options, Cronbach\'s alpha, knowledge-point rates',
    description: 'Items whose discrimination is negative, or below lowDiscrimination (0.2), are flagged. Schools see it once the exam is published, with the alliance '
      + 'and their own school and classes.',
    view: ItemAnalysisView, byId: true, problems: [403],
  })
  itemAnalysis(@IdParam() examId: string, @Query() query: PaperSubjectQueryDto, @Call() call: CallContext): Promise<ItemAnalysisView> {
    const payload: PaperSubjectRequest = { examId, subject: query.subject };
    return this.bus.request(call, AssessmentSubjects.itemAnalysisGet, payload, ANALYSIS_TIMEOUT_MS);
  }

  @Get(':id/item-analysis/export')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Download the item analysis of one subject as an .xlsx workbook (items, options, knowledge points)' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The item analysis workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 403, 404, 503, 504)
  async exportItemAnalysis(@IdParam() examId: string, @Query() query: PaperSubjectQueryDto, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: PaperSubjectRequest = { examId, subject: query.subject };
    const file = await this.bus.request<ExamFileView>(call, AssessmentSubjects.itemAnalysisExport, payload, EXPORT_TIMEOUT_MS);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}
