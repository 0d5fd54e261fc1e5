import { termFactsSubject, TermFactsQueryDto, type TermFactsView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AssessmentTermFacts } from './term-facts.service.js';

@Controller()
export class TermFactsController {
  constructor(private readonly facts: AssessmentTermFacts) {}

  @MessagePattern(termFactsSubject('assessment'))
  answer(@Payload() query: TermFactsQueryDto, @Scope() scope: AccessScope): Promise<TermFactsView> {
    return this.facts.answer(scope, query);
  }
}
