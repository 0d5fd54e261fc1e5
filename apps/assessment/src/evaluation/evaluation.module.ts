import { Module } from '@nestjs/common';
import { TermFactsModule } from '../term-facts/term-facts.module.js';
import { EvaluationsController } from './evaluations/evaluations.controller.js';
import { EvaluationsService } from './evaluations/evaluations.service.js';
import { EvaluationsStore } from './evaluations/evaluations.store.js';
import { ResultsService } from './evaluations/results.service.js';
import { TermFactsGatherer } from './evaluations/term-facts.gatherer.js';
import { FrameworksController } from './framework/frameworks.controller.js';
import { FrameworksService } from './framework/frameworks.service.js';

/** Indicator frameworks (评价指标体系), term evaluations (考核评价), rankings, growth over terms and awards (表彰). */
@Module({
  imports: [TermFactsModule],
  controllers: [FrameworksController, EvaluationsController],
  providers: [FrameworksService, EvaluationsStore, EvaluationsService, ResultsService, TermFactsGatherer],
  exports: [FrameworksService, EvaluationsService],
})
export class EvaluationModule {}
