import { AssessmentSubjects, PaperSubjectRequest, type ExamFileView, type ItemAnalysisView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ItemAnalysisService } from './item-analysis.service.js';

@Controller()
export class ItemAnalysisController {
  constructor(private readonly analysis: ItemAnalysisService) {}

  @MessagePattern(AssessmentSubjects.itemAnalysisGet)
  get(@Payload() dto: PaperSubjectRequest, @Scope() scope: AccessScope): Promise<ItemAnalysisView> {
    return this.analysis.analyse(scope, dto.examId, dto.subject);
  }

  @MessagePattern(AssessmentSubjects.itemAnalysisExport)
  export(@Payload() dto: PaperSubjectRequest, @Scope() scope: AccessScope): Promise<ExamFileView> {
    return this.analysis.export(scope, dto.examId, dto.subject);
  }
}
