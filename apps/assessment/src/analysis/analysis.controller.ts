import { AssessmentSubjects, IdDto, type ExamAnalysisView, type ExamFileView } from '@jiaolian/contracts';
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

  @MessagePattern(AssessmentSubjects.analysisExport)
  export(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ExamFileView> {
    return this.analysis.export(scope, dto.id);
  }
}
