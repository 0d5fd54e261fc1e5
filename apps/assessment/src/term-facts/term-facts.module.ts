import type { TermFactSource } from '@jiaolian/contracts';
import { Module } from '@nestjs/common';
import { ExamFactsSource } from './exam-facts.source.js';
import { ASSESSMENT_TERM_FACT_SOURCES } from './term-fact-sources.js';
import { TermFactsController } from './term-facts.controller.js';
import { AssessmentTermFacts } from './term-facts.service.js';

/**
 * Answers `assessment.term-facts` from every TermFactSource in ASSESSMENT_TERM_FACT_SOURCES. A new
 * source (surveys' satisfaction) is one more provider injected into the factory below.
 */
@Module({
  controllers: [TermFactsController],
  providers: [
    ExamFactsSource,
    { provide: ASSESSMENT_TERM_FACT_SOURCES, inject: [ExamFactsSource], useFactory: (exams: ExamFactsSource): TermFactSource[] => [exams] },
    AssessmentTermFacts,
  ],
  exports: [AssessmentTermFacts],
})
export class TermFactsModule {}
