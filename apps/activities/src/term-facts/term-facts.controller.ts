import { ActivitiesTermFactsQueryDto, termFactsSubject, type TermFactsView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TermFactsService } from './term-facts.service.js';

@Controller()
export class TermFactsController {
  constructor(private readonly facts: TermFactsService) {}

  @MessagePattern(termFactsSubject('activities'))
  answer(@Payload() query: ActivitiesTermFactsQueryDto, @Scope() scope: AccessScope): Promise<TermFactsView> {
    return this.facts.facts(scope, query);
  }
}
