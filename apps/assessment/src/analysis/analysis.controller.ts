import {
  AssessmentSubjects, IdDto, ScoreDistributionRequest, type ExamAnalysisView, type ExamFileView, type ScoreDistributionView,
} from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AnalysisService } from './analysis.service.js';

@Controller()
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @MessagePattern(AssessmentSubjects.analysisGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ExamAnalysisView> {
    return this.analysis.analyse(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.scoreDistribution)
  distribution(@Payload() dto: ScoreDistributionRequest, @Scope() scope: AccessScope): Promise<ScoreDistributionView> {
    const { examId, ...query } = dto;
    return this.analysis.distribution(scope, examId, query);
  }

  @MessagePattern(AssessmentSubjects.analysisExport)
  export(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ExamFileView> {
    return this.analysis.export(scope, dto.id);
  }
}
