import { Module } from '@nestjs/common';
import { ExamsController } from './exams.controller.js';
import { PublicSurveysController, SurveysController } from './surveys.controller.js';

/** REST routes of the assessment service: unified exams, score import and correction, quality analysis, satisfaction surveys. */
@Module({ controllers: [ExamsController, SurveysController, PublicSurveysController] })
export class AssessmentModule {}
