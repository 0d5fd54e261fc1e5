import { Module } from '@nestjs/common';
import { EvaluationResultsController, EvaluationsController, FrameworksController } from './evaluation.controller.js';
import { ExamsController } from './exams.controller.js';

/** REST routes of the assessment service: unified exams, score import and correction, quality analysis, indicator frameworks and term evaluations. */
@Module({ controllers: [ExamsController, FrameworksController, EvaluationsController, EvaluationResultsController] })
export class AssessmentModule {}
