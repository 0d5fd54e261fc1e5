import type { TermFactSource } from '@jiaolian/contracts';
import { Module } from '@nestjs/common';
import { SurveysModule } from '../surveys/surveys.module.js';
import { SurveyTermFactSource } from '../surveys/survey-results.service.js';
import { ExamFactsSource } from './exam-facts.source.js';
import { ASSESSMENT_TERM_FACT_SOURCES } from './term-fact-sources.js';
import { TermFactsController } from './term-facts.controller.js';
import { AssessmentTermFacts } from './term-facts.service.js';

/**
 * Answers `assessment.term-facts` from every TermFactSource in ASSESSMENT_TERM_FACT_SOURCES: the exams'
 * 超均率 and its change, and the surveys' satisfaction. A new source is one more provider in the factory.
 */
@Module({
  imports: [SurveysModule],
  controllers: [TermFactsController],
  providers: [
    ExamFactsSource,
    {
      provide: ASSESSMENT_TERM_FACT_SOURCES, inject: [ExamFactsSource, SurveyTermFactSource],
      useFactory: (exams: ExamFactsSource, surveys: SurveyTermFactSource): TermFactSource[] => [exams, surveys],
    },
    AssessmentTermFacts,
  ],
  exports: [AssessmentTermFacts],
})
export class TermFactsModule {}
