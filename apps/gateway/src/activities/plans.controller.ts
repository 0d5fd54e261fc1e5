import { Body, Controller, Delete, Get, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ActivitiesSubjects, AssessTargetDto, CreatePlanDto, ListMilestonesQueryDto, ListPlansQueryDto, MilestoneInputDto, MilestoneListItemView, MilestoneView,
  PLAN_EVIDENCE_EXTENSIONS, PLAN_EVIDENCE_MAX_MB, PlanDetailView, PlanTransitionDto, PlanView, ProgressInputDto, TargetInputDto, UpdatePlanDto,
  UploadEvidenceForm, type AddEvidenceFileRequest, type AddMilestoneRequest, type AddTargetRequest, type AssessTargetRequest, type EvidenceDownloadView,
  type IdDto, type Page, type PlanTransitionRequest, type ReportProgressRequest, type UpdatePlanRequest,
} from '@jiaolian/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { receiveUpload, sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const WRITERS = ['district_admin', 'alliance_admin', 'school_admin'] as const;
const REVIEWERS = ['district_admin', 'alliance_admin'] as const;
const MB = 1024 * 1024;
const evidenceMaxBytes = (): number => {
  const value = Number(process.env['PLAN_EVIDENCE_MAX_MB']);
  return (Number.isFinite(value) && value > 0 ? value : PLAN_EVIDENCE_MAX_MB) * MB;
};

/** Work plans (学期工作计划) and target tasks (目标任务) of alliances and member schools, per term. */
@ApiTags('plans')
@ClientScopes('activities')
@Controller('plans')
export class PlansController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Plans you may see: your school\'s, your alliances\' and their schools\'; filter by term, alliance, school, level, status', view: PlanView, page: true })
  list(@Query() query: ListPlansQueryDto, @Call() call: CallContext): Promise<Page<PlanView>> {
    return this.bus.request(call, ActivitiesSubjects.planList, query);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiRoute({
    summary: 'Start a term\'s plan as a draft: the alliance\'s (no schoolId; alliance admin) or a member school\'s (its admin or the alliance admin)',
    view: PlanDetailView, status: 201, problems: [403, 404, 409, 422],
  })
  create(@Body() dto: CreatePlanDto, @Call() call: CallContext): Promise<PlanDetailView> {
    return this.bus.request(call, ActivitiesSubjects.planCreate, dto);
  }

  @Get('milestones')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: 'Milestones of submitted, approved and closed plans you may see; status=overdue&mine=true is "my overdue milestones" (Asia/Shanghai days)',
    view: MilestoneListItemView, page: true,
  })
  milestones(@Query() query: ListMilestonesQueryDto, @Call() call: CallContext): Promise<Page<MilestoneListItemView>> {
    return this.bus.request(call, ActivitiesSubjects.planMilestoneList, query);
  }

  @Post('milestones/:id/progress')
  @Roles(...ANY_ROLE)
  @ApiRoute({
    summary: 'Report progress on a milestone of an approved plan, with links to activities, placements, resources or exams as evidence; audited',
    view: MilestoneView, status: 201, byId: true, problems: [403, 409],
  })
  progress(@IdParam() id: string, @Body() body: ProgressInputDto, @Call() call: CallContext): Promise<MilestoneView> {
    const payload: ReportProgressRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.planProgressReport, payload);
  }

  @Post('milestones/:id/evidence')
  @Roles(...ANY_ROLE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceForm, description: 'The note first, the file (field `file`) last.' })
  @ApiRoute({ summary: 'Upload a file as evidence of a milestone of an approved plan (streamed)', view: MilestoneView, status: 201, byId: true, problems: [403, 409] })
  async addEvidence(@IdParam() id: string, @Req() request: FastifyRequest, @Call() call: CallContext): Promise<MilestoneView> {
    const files = this.bus.files();
    const { file, fields } = await receiveUpload(request, files, { keyPrefix: 'activities/plan-evidence', maxBytes: evidenceMaxBytes(), extensions: PLAN_EVIDENCE_EXTENSIONS });
    const payload = { id, note: fields['note'], file } as unknown as AddEvidenceFileRequest;
    try {
      return await this.bus.request<MilestoneView>(call, ActivitiesSubjects.planEvidenceAddFile, payload);
    } catch (error) {
      // refused (not visible, not allowed, plan not approved): keep nothing in the store
      await files.delete(file.key).catch(() => undefined);
      throw error;
    }
  }

  @Delete('milestones/:id')
  @Roles(...WRITERS)
  @ApiRoute({ summary: 'Remove a milestone from a draft plan', view: PlanDetailView, byId: true, problems: [403, 409] })
  removeMilestone(@IdParam() id: string, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.planMilestoneRemove, payload);
  }

  @Get('evidence/:id/download')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Download an evidence file (streamed)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 429, 503, 504)
  async download(@IdParam() id: string, @Call() call: CallContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const payload: IdDto = { id };
    const file = await this.bus.request<EvidenceDownloadView>(call, ActivitiesSubjects.planEvidenceDownload, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }

  @Post('targets/:id/milestones')
  @Roles(...WRITERS)
  @ApiRoute({ summary: 'Add a milestone (due day within the term, visible result expected) to a target of a draft plan', view: PlanDetailView, status: 201, byId: true, problems: [403, 409] })
  addMilestone(@IdParam() id: string, @Body() body: MilestoneInputDto, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: AddMilestoneRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.planMilestoneAdd, payload);
  }

  @Post('targets/:id/assessment')
  @Roles(...REVIEWERS)
  @ApiRoute({
    summary: 'Assess a target at term end: met, partly or not_met with a comment (the plan\'s reviewer; audited with before and after)',
    view: PlanDetailView, byId: true, problems: [403, 409],
  })
  assess(@IdParam() id: string, @Body() body: AssessTargetDto, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: AssessTargetRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.planTargetAssess, payload);
  }

  @Delete('targets/:id')
  @Roles(...WRITERS)
  @ApiRoute({ summary: 'Remove a target and its milestones from a draft plan', view: PlanDetailView, byId: true, problems: [403, 409] })
  removeTarget(@IdParam() id: string, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.planTargetRemove, payload);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One plan with its targets, milestones, progress and evidence', view: PlanDetailView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, ActivitiesSubjects.planGet, payload);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiRoute({ summary: 'Change a draft plan\'s text; its owner and owning body may change until it is closed', view: PlanDetailView, byId: true, problems: [403, 409, 422] })
  update(@IdParam() id: string, @Body() changes: UpdatePlanDto, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: UpdatePlanRequest = { id, changes };
    return this.bus.request(call, ActivitiesSubjects.planUpdate, payload);
  }

  @Post(':id/transitions')
  @Roles(...WRITERS)
  @ApiRoute({
    summary: 'Move a plan: submit (draft→submitted), approve or return (submitted→approved or draft; alliance admin for school plans, district admin for alliance plans), close (approved→closed once every target is assessed)',
    view: PlanDetailView, byId: true, problems: [403, 409],
  })
  transition(@IdParam() id: string, @Body() body: PlanTransitionDto, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: PlanTransitionRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.planTransition, payload);
  }

  @Post(':id/targets')
  @Roles(...WRITERS)
  @ApiRoute({ summary: 'Add a target task, broken down to groups and teachers, with its milestones, to a draft plan', view: PlanDetailView, status: 201, byId: true, problems: [403, 409] })
  addTarget(@IdParam() id: string, @Body() body: TargetInputDto, @Call() call: CallContext): Promise<PlanDetailView> {
    const payload: AddTargetRequest = { id, body };
    return this.bus.request(call, ActivitiesSubjects.planTargetAdd, payload);
  }
}
