import { AssessmentSubjects, GrowthRequest, type ExamFileView, type GrowthView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GrowthService } from './growth.service.js';

@Controller()
export class GrowthController {
  constructor(private readonly growth: GrowthService) {}

  @MessagePattern(AssessmentSubjects.growthGet)
  get(@Payload() dto: GrowthRequest, @Scope() scope: AccessScope): Promise<GrowthView> {
    const { examId, ...query } = dto;
    return this.growth.growth(scope, examId, query);
  }

  @MessagePattern(AssessmentSubjects.growthExport)
  export(@Payload() dto: GrowthRequest, @Scope() scope: AccessScope): Promise<ExamFileView> {
    const { examId, ...query } = dto;
    return this.growth.export(scope, examId, query);
  }
}
