import {
  AssessmentSubjects, CreateExamDto, ExamTransitionRequest, IdDto, ListExamsQueryDto, UpdateExamRequest, type ExamView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ExamsService } from './exams.service.js';

@Controller()
export class ExamsController {
  constructor(private readonly exams: ExamsService) {}

  @MessagePattern(AssessmentSubjects.examCreate)
  @Writes()
  create(@Payload() dto: CreateExamDto, @Scope() scope: AccessScope): Promise<ExamView> {
    return this.exams.create(scope, dto);
  }

  @MessagePattern(AssessmentSubjects.examList)
  list(@Payload() query: ListExamsQueryDto, @Scope() scope: AccessScope): Promise<Page<ExamView>> {
    return this.exams.list(scope, query);
  }

  @MessagePattern(AssessmentSubjects.examGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ExamView> {
    return this.exams.get(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.examUpdate)
  @Writes()
  update(@Payload() dto: UpdateExamRequest, @Scope() scope: AccessScope): Promise<ExamView> {
    return this.exams.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(AssessmentSubjects.examTransition)
  @Writes()
  transition(@Payload() dto: ExamTransitionRequest, @Scope() scope: AccessScope): Promise<ExamView> {
    return this.exams.transition(scope, dto.id, dto.body.action);
  }
}
