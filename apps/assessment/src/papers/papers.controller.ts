import {
  AssessmentSubjects, IdDto, ImportItemScoresRequest, PaperSubjectRequest, SavePaperRequest, type ExamFileView, type ItemImportReportView, type PaperListView,
  type PaperView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ItemScoresService } from './item-scores.service.js';
import { PapersService } from './papers.service.js';

@Controller()
export class PapersController {
  constructor(private readonly papers: PapersService, private readonly itemScores: ItemScoresService) {}

  @MessagePattern(AssessmentSubjects.paperList)
  list(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PaperListView> {
    return this.papers.list(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.paperSave)
  @Writes()
  save(@Payload() dto: SavePaperRequest, @Scope() scope: AccessScope): Promise<PaperView> {
    return this.papers.save(scope, dto.examId, dto.body);
  }

  @MessagePattern(AssessmentSubjects.paperDelete)
  @Writes()
  async remove(@Payload() dto: PaperSubjectRequest, @Scope() scope: AccessScope): Promise<{ deleted: true }> {
    await this.papers.remove(scope, dto.examId, dto.subject);
    return { deleted: true };
  }

  @MessagePattern(AssessmentSubjects.itemScoreImport)
  @Writes()
  import(@Payload() dto: ImportItemScoresRequest, @Scope() scope: AccessScope): Promise<ItemImportReportView> {
    return this.itemScores.import(scope, dto.examId, { subject: dto.subject, mode: dto.mode, dryRun: dto.dryRun ?? false }, dto.file);
  }

  @MessagePattern(AssessmentSubjects.itemScoreTemplate)
  template(@Payload() dto: PaperSubjectRequest, @Scope() scope: AccessScope): Promise<ExamFileView> {
    return this.itemScores.template(scope, dto.examId, dto.subject);
  }
}
