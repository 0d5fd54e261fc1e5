import {
  AssessmentSubjects, CreateFrameworkDto, IdDto, ListFrameworksQueryDto, UpdateFrameworkRequest, type DefaultFrameworkView, type FrameworkView, type Page, type TermFactCatalogueView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FrameworksService } from './frameworks.service.js';

@Controller()
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @MessagePattern(AssessmentSubjects.frameworkDefault)
  defaultFramework(): DefaultFrameworkView {
    return this.frameworks.defaultFramework();
  }

  @MessagePattern(AssessmentSubjects.frameworkFacts)
  facts(): TermFactCatalogueView {
    return this.frameworks.facts();
  }

  @MessagePattern(AssessmentSubjects.frameworkCreate)
  @Writes()
  create(@Payload() dto: CreateFrameworkDto, @Scope() scope: AccessScope): Promise<FrameworkView> {
    return this.frameworks.create(scope, dto);
  }

  @MessagePattern(AssessmentSubjects.frameworkList)
  list(@Payload() query: ListFrameworksQueryDto, @Scope() scope: AccessScope): Promise<Page<FrameworkView>> {
    return this.frameworks.list(scope, query);
  }

  @MessagePattern(AssessmentSubjects.frameworkGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<FrameworkView> {
    return this.frameworks.get(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.frameworkUpdate)
  @Writes()
  update(@Payload() dto: UpdateFrameworkRequest, @Scope() scope: AccessScope): Promise<FrameworkView> {
    return this.frameworks.update(scope, dto.id, dto.changes);
  }
}
