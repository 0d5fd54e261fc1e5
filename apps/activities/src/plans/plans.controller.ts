import {
  ActivitiesSubjects, AddEvidenceFileRequest, AddMilestoneRequest, AddTargetRequest, AssessTargetRequest, CreatePlanDto, IdDto, ListMilestonesQueryDto,
  ListPlansQueryDto, PlanTransitionRequest, ReportProgressRequest, UpdatePlanRequest, type EvidenceDownloadView, type MilestoneListItemView,
  type MilestoneView, type Page, type PlanDetailView, type PlanView,
} from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PlansService } from './plans.service.js';

@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @MessagePattern(ActivitiesSubjects.planCreate)
  create(@Payload() dto: CreatePlanDto, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.create(scope, dto);
  }

  @MessagePattern(ActivitiesSubjects.planList)
  list(@Payload() query: ListPlansQueryDto, @Scope() scope: AccessScope): Promise<Page<PlanView>> {
    return this.plans.list(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.planGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.get(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.planUpdate)
  update(@Payload() dto: UpdatePlanRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(ActivitiesSubjects.planTransition)
  transition(@Payload() dto: PlanTransitionRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.transition(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planTargetAdd)
  addTarget(@Payload() dto: AddTargetRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.addTarget(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planTargetRemove)
  removeTarget(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.removeTarget(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.planTargetAssess)
  assess(@Payload() dto: AssessTargetRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.assessTarget(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planMilestoneAdd)
  addMilestone(@Payload() dto: AddMilestoneRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.addMilestone(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planMilestoneRemove)
  removeMilestone(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.removeMilestone(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.planMilestoneList)
  milestones(@Payload() query: ListMilestonesQueryDto, @Scope() scope: AccessScope): Promise<Page<MilestoneListItemView>> {
    return this.plans.listMilestones(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.planProgressReport)
  progress(@Payload() dto: ReportProgressRequest, @Scope() scope: AccessScope): Promise<MilestoneView> {
    return this.plans.reportProgress(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planEvidenceAddFile)
  addFile(@Payload() dto: AddEvidenceFileRequest, @Scope() scope: AccessScope): Promise<MilestoneView> {
    return this.plans.addEvidenceFile(scope, dto);
  }

  @MessagePattern(ActivitiesSubjects.planEvidenceDownload)
  download(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<EvidenceDownloadView> {
    return this.plans.downloadEvidence(scope, dto.id);
  }
}
