import { Module } from '@nestjs/common';
import { EvaluationResultsController, EvaluationsController, FrameworksController } from './evaluation.controller.js';
import { ExamsController } from './exams.controller.js';
import { GrowthController, SchoolGrowthController } from './growth.controller.js';
import { ItemsController } from './items.controller.js';
import { PublicSurveysController, SurveysController } from './surveys.controller.js';

/** REST routes of the assessment service: unified exams, score import and correction, quality analysis, satisfaction surveys, indicator frameworks and term evaluations, papers and item analysis, growth and value-added. */
@Module({ controllers: [ExamsController, SurveysController, PublicSurveysController, FrameworksController, EvaluationsController, EvaluationResultsController,
  ItemsController, GrowthController, SchoolGrowthController] })
export class AssessmentModule {}
