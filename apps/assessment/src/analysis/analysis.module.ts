import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module.js';
import { ScoresModule } from '../scores/scores.module.js';
import { AnalysisController } from './analysis.controller.js';
import { AnalysisService } from './analysis.service.js';

@Module({
  imports: [ExamsModule, ScoresModule],
  controllers: [AnalysisController],
  providers: [AnalysisService],
  exports: [AnalysisService],
})
export class AnalysisModule {}
