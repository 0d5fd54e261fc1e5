import { termFactsSubject, TermFactsQueryDto, type TermFactsView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TermFactsService } from './term-facts.service.js';

@Controller()
export class TermFactsController {
  constructor(private readonly facts: TermFactsService) {}

  @MessagePattern(termFactsSubject('membership'))
  answer(@Payload() query: TermFactsQueryDto, @Scope() scope: AccessScope): Promise<TermFactsView> {
    return this.facts.facts(scope, query);
  }
}

/** Answers `membership.term-facts`: the per-alliance figures of a term that briefings report. */
@Module({ controllers: [TermFactsController], providers: [TermFactsService] })
export class TermFactsModule {}
