import {
  ActivitiesSubjects, AddEvidenceFileRequest, AddMilestoneRequest, AddTargetRequest, AssessTargetRequest, CreatePlanDto, IdDto, ListMilestonesQueryDto,
  ListPlansQueryDto, PlanTransitionRequest, ReportProgressRequest, UpdatePlanRequest, type EvidenceDownloadView, type MilestoneListItemView,
  type MilestoneView, type Page, type PlanDetailView, type PlanView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PlansService } from './plans.service.js';

@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @MessagePattern(ActivitiesSubjects.planCreate)
  @Writes()
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
  @Writes()
  update(@Payload() dto: UpdatePlanRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(ActivitiesSubjects.planTransition)
  @Writes()
  transition(@Payload() dto: PlanTransitionRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.transition(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planTargetAdd)
  @Writes()
  addTarget(@Payload() dto: AddTargetRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.addTarget(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planTargetRemove)
  @Writes()
  removeTarget(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.removeTarget(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.planTargetAssess)
  @Writes()
  assess(@Payload() dto: AssessTargetRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.assessTarget(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planMilestoneAdd)
  @Writes()
  addMilestone(@Payload() dto: AddMilestoneRequest, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.addMilestone(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planMilestoneRemove)
  @Writes()
  removeMilestone(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlanDetailView> {
    return this.plans.removeMilestone(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.planMilestoneList)
  milestones(@Payload() query: ListMilestonesQueryDto, @Scope() scope: AccessScope): Promise<Page<MilestoneListItemView>> {
    return this.plans.listMilestones(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.planProgressReport)
  @Writes()
  progress(@Payload() dto: ReportProgressRequest, @Scope() scope: AccessScope): Promise<MilestoneView> {
    return this.plans.reportProgress(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.planEvidenceAddFile)
  @Writes()
  addFile(@Payload() dto: AddEvidenceFileRequest, @Scope() scope: AccessScope): Promise<MilestoneView> {
    return this.plans.addEvidenceFile(scope, dto);
  }

  @MessagePattern(ActivitiesSubjects.planEvidenceDownload)
  download(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<EvidenceDownloadView> {
    return this.plans.downloadEvidence(scope, dto.id);
  }
}
