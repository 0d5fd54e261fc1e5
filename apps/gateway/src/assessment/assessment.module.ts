import { Module } from '@nestjs/common';
import { ExamsController } from './exams.controller.js';

/** REST routes of the assessment service: unified exams, score import and correction, quality analysis. */
@Module({ controllers: [ExamsController] })
export class AssessmentModule {}
