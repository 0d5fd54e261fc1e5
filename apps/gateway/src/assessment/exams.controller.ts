import { Body, Controller, Get, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AssessmentSubjects, CorrectScoreDto, EMPTY_CELL_RULES, CreateExamDto, ExamAnalysisView, ExamTransitionDto, ExamView, ListExamsQueryDto, ListScoresQueryDto,
  negotiateLocale, PageQueryDto, SCORE_IMPORT_MODES, ScoreCorrectionView, ScoreDistributionQueryDto, ScoreDistributionView, ScoreImportReportView, StudentScoresView,
  UpdateExamDto,
  type CorrectScoreRequest, type EmptyCellRule, type ExamFileView, type ExamTransitionRequest, type IdDto, type ImportScoresRequest, type ListCorrectionsRequest,
  type ListScoresRequest, type Page, type ScoreDistributionRequest, type ScoreImportMode, type UpdateExamRequest,
} from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { localizeImportReport } from '../common/errors/localize-report.js';
import { receiveUpload, sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

/** A 200,000-student sheet is read, checked and upserted in one request: give it time. */
const IMPORT_TIMEOUT_MS = 300_000;
const EXPORT_TIMEOUT_MS = 120_000;
/** The analysis of a 200,000-student exam sorts 1.2 M scores: several seconds on a busy server, more than the bus default. */
const ANALYSIS_TIMEOUT_MS = 60_000;
const MAX_SHEET_BYTES = 100 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('assessment')
@ClientScopes('assessment')
@Controller('assessment/exams')
export class ExamsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List unified exams (统一检测) the caller may see', view: ExamView, page: true })
  list(@Query() query: ListExamsQueryDto, @Call() call: CallContext): Promise<Page<ExamView>> {
    return this.bus.request(call, AssessmentSubjects.examList, query);
  }

  @Post()
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Create a unified exam (draft) for an alliance', view: ExamView, status: 201, problems: [404] })
  create(@Body() dto: CreateExamDto, @Call() call: CallContext): Promise<ExamView> {
    return this.bus.request(call, AssessmentSubjects.examCreate, dto);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One unified exam', view: ExamView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<ExamView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.examGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Change a draft exam (name, term, grade, subjects, schools)', view: ExamView, byId: true, problems: [409] })
  update(@IdParam() id: string, @Body() changes: UpdateExamDto, @Call() call: CallContext): Promise<ExamView> {
    const payload: UpdateExamRequest = { id, changes };
    return this.bus.request(call, AssessmentSubjects.examUpdate, payload);
  }

  @Post(':id/transitions')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Open the exam for scores, publish its analysis to schools, or archive it', view: ExamView, byId: true, problems: [409] })
  transition(@IdParam() id: string, @Body() body: ExamTransitionDto, @Call() call: CallContext): Promise<ExamView> {
    const payload: ExamTransitionRequest = { id, body };
    return this.bus.request(call, AssessmentSubjects.examTransition, payload);
  }

  @Get(':id/scores')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Scores by student (school staff see their own school); search by student number or name', view: StudentScoresView, page: true, byId: true })
  scores(@IdParam() examId: string, @Query() query: ListScoresQueryDto, @Call() call: CallContext): Promise<Page<StudentScoresView>> {
    const payload: ListScoresRequest = { ...query, examId };
    return this.bus.request(call, AssessmentSubjects.scoreList, payload);
  }

  @Post(':id/scores/import')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object', required: ['file'],
      properties: {
        file: {
          type: 'string', format: 'binary',
          description: '.xlsx or .csv: 学号, 姓名, 学校 (name or 10-digit code), 班级, then one column per subject holding a score (0 to full marks, '
            + 'at most 2 decimals, full-width digits accepted) or a mark: 缺考 / 缺 / absent (absent), 免考 / 免 / exempt (exempt)',
        },
      },
    },
  })
  @ApiQuery({ name: 'mode', required: false, enum: SCORE_IMPORT_MODES, description: 'all (default): nothing is imported unless every row is good; valid-only: good rows are imported' })
  @ApiQuery({
    name: 'empty', required: false, enum: EMPTY_CELL_RULES,
    description: 'What an empty score cell means. keep (default): nothing changes for that subject (a new student gets no score in it, a stored score or mark stays); '
      + 'clear: a stored score or mark of that subject is removed; absent: the student is marked absent (缺考) in it',
  })
  @ApiQuery({
    name: 'dryRun', required: false, type: Boolean,
    description: 'true: run every check and answer what the import would insert, update, leave unchanged and reject, row by row, writing nothing '
      + '(no scores, no import record, no audit, no event); with mode=all and a bad row the report says blocked instead of failing',
  })
  @ApiRoute({
    summary: 'Import scores from a spreadsheet (idempotent upsert by exam + student number + subject), or preview the import with dryRun=true',
    description: 'Absent (缺考) and exempt (免考) marks are stored as the score\'s status with no score: the analysis leaves them out of counts, means, rates, '
      + 'bands and ranks and counts them as absent and exempt. A student number is one student: the first row of a number stands and each later row with it '
      + 'is rejected (a duplicate, or a conflict naming the first row when it gives the number to another name or school), and a row giving a stored number '
      + 'to another name or school is a conflict naming the stored student; a student is never moved. A student\'s class follows the latest import for all of their subjects.',
    view: ScoreImportReportView, byId: true, problems: [409],
  })
  async import(
    @IdParam() examId: string, @Query('mode') mode: string | undefined, @Query('empty') empty: string | undefined, @Query('dryRun') dryRun: string | undefined,
    @Req() request: FastifyRequest, @Call() call: CallContext,
  ): Promise<ScoreImportReportView> {
    const chosen = mode ?? 'all';
    if (!(SCORE_IMPORT_MODES as readonly string[]).includes(chosen)) throw ValidationError.of('mode', 'gateway.import.mode-invalid', { modes: SCORE_IMPORT_MODES.join(', ') });
    const emptyRule = empty ?? 'keep';
    if (!(EMPTY_CELL_RULES as readonly string[]).includes(emptyRule)) throw ValidationError.of('empty', 'gateway.import.empty-invalid', { rules: EMPTY_CELL_RULES.join(', ') });
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw ValidationError.of('dryRun', 'gateway.import.dry-run-invalid');
    const preview = dryRun === 'true';
    const files = this.bus.files();
    const { file } = await receiveUpload(request, files, { keyPrefix: 'assessment/imports', maxBytes: MAX_SHEET_BYTES, extensions: ['.xlsx', '.csv'] });
    const payload: ImportScoresRequest = { examId, mode: chosen as ScoreImportMode, empty: emptyRule as EmptyCellRule, dryRun: preview, file };
    try {
      const report = await this.bus.request<ScoreImportReportView>(call, AssessmentSubjects.scoreImport, payload, IMPORT_TIMEOUT_MS);
      return localizeImportReport(report, negotiateLocale(request.headers['accept-language']));
    } finally {
      // an import keeps its file (its record names it); a preview leaves nothing behind
      if (preview) await files.delete(file.key).catch(() => undefined);
    }
  }

  @Get(':id/scores/template')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiOperation({ summary: 'Download the score sheet template (.xlsx) of the exam' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The template workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404, 503, 504)
  async template(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: IdDto = { id };
    const file = await this.bus.request<ExamFileView>(call, AssessmentSubjects.scoreTemplate, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }

  @Post(':id/scores/corrections')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Correct one score with a reason (kept in the audit record with before and after)', view: StudentScoresView, status: 201, byId: true, problems: [409] })
  correct(@IdParam() examId: string, @Body() body: CorrectScoreDto, @Call() call: CallContext): Promise<StudentScoresView> {
    const payload: CorrectScoreRequest = { examId, body };
    return this.bus.request(call, AssessmentSubjects.scoreCorrect, payload);
  }

  @Get(':id/scores/corrections')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Score corrections of the exam, newest first', view: ScoreCorrectionView, page: true, byId: true })
  corrections(@IdParam() examId: string, @Query() query: PageQueryDto, @Call() call: CallContext): Promise<Page<ScoreCorrectionView>> {
    const payload: ListCorrectionsRequest = { ...query, examId };
    return this.bus.request(call, AssessmentSubjects.correctionList, payload);
  }

  @Get(':id/analysis')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Quality analysis per subject × school × class (schools see it once published)', view: ExamAnalysisView, byId: true })
  analysis(@IdParam() id: string, @Call() call: CallContext): Promise<ExamAnalysisView> {
    const payload: IdDto = { id };
    return this.bus.request(call, AssessmentSubjects.analysisGet, payload, ANALYSIS_TIMEOUT_MS);
  }

  @Get(':id/score-distribution')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: '一分一段表: per score band from the top down, the students in it and at or above it, for a subject or the total (students with a score in every subject), for the alliance or one school (schools see it once published)',
    view: ScoreDistributionView, byId: true, problems: [403],
  })
  distribution(@IdParam() examId: string, @Query() query: ScoreDistributionQueryDto, @Call() call: CallContext): Promise<ScoreDistributionView> {
    const payload: ScoreDistributionRequest = { ...query, examId };
    return this.bus.request(call, AssessmentSubjects.scoreDistribution, payload, ANALYSIS_TIMEOUT_MS);
  }

  @Get(':id/analysis/export')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Download the quality analysis as an .xlsx workbook' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The analysis workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(403, 404, 503, 504)
  async export(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: IdDto = { id };
    const file = await this.bus.request<ExamFileView>(call, AssessmentSubjects.analysisExport, payload, EXPORT_TIMEOUT_MS);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }
}
