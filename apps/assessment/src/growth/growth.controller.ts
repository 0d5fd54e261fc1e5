import { AssessmentSubjects, GrowthRequest, SchoolGrowthTrendRequest, type ExamFileView, type GrowthView, type SchoolGrowthTrendView } from '@jiaolian/contracts';
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

  @MessagePattern(AssessmentSubjects.growthSchoolTrend)
  trend(@Payload() dto: SchoolGrowthTrendRequest, @Scope() scope: AccessScope): Promise<SchoolGrowthTrendView> {
    return this.growth.trend(scope, dto.schoolId, dto.subject);
  }
}
