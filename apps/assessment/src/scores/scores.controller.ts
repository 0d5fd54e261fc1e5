import {
  AssessmentSubjects, CorrectScoreRequest, IdDto, ImportScoresRequest, ListCorrectionsRequest, ListScoresRequest, type ExamFileView, type Page,
  type ScoreCorrectionView, type ScoreImportReportView, type StudentScoresView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ScoresService } from './scores.service.js';

@Controller()
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @MessagePattern(AssessmentSubjects.scoreList)
  list(@Payload() dto: ListScoresRequest, @Scope() scope: AccessScope): Promise<Page<StudentScoresView>> {
    const { examId, ...query } = dto;
    return this.scores.list(scope, examId, query);
  }

  @MessagePattern(AssessmentSubjects.scoreImport)
  @Writes()
  import(@Payload() dto: ImportScoresRequest, @Scope() scope: AccessScope): Promise<ScoreImportReportView> {
    return this.scores.import(scope, dto.examId, { mode: dto.mode, empty: dto.empty ?? 'keep', dryRun: dto.dryRun ?? false }, dto.file);
  }

  @MessagePattern(AssessmentSubjects.scoreTemplate)
  template(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ExamFileView> {
    return this.scores.template(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.scoreCorrect)
  @Writes()
  correct(@Payload() dto: CorrectScoreRequest, @Scope() scope: AccessScope): Promise<StudentScoresView> {
    return this.scores.correct(scope, dto.examId, dto.body);
  }

  @MessagePattern(AssessmentSubjects.correctionList)
  corrections(@Payload() dto: ListCorrectionsRequest, @Scope() scope: AccessScope): Promise<Page<ScoreCorrectionView>> {
    const { examId, ...query } = dto;
    return this.scores.corrections(scope, examId, query);
  }
}
