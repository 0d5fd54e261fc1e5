import { Module } from '@nestjs/common';
import { assessmentFilesProvider } from '../scores/assessment-files.js';
import { SurveyAnswersService } from './survey-answers.service.js';
import { SurveyDeadlinesService } from './survey-deadlines.service.js';
import { SurveyResultsService, SurveyTermFactSource } from './survey-results.service.js';
import { SurveyStore } from './survey.store.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysService } from './surveys.service.js';

/**
 * Satisfaction surveys (满意度调查): templates, surveys, one-time links, answers kept apart from who gave
 * them, results under the anonymity threshold, and the satisfaction term fact (SurveyTermFactSource).
 */
@Module({
  controllers: [SurveysController],
  providers: [SurveyStore, SurveysService, SurveyAnswersService, SurveyResultsService, SurveyTermFactSource, SurveyDeadlinesService, assessmentFilesProvider],
  exports: [SurveyTermFactSource],
})
export class SurveysModule {}
