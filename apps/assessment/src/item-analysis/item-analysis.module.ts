import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module.js';
import { PapersModule } from '../papers/papers.module.js';
import { ScoresModule } from '../scores/scores.module.js';
import { ItemAnalysisController } from './item-analysis.controller.js';
import { ItemAnalysisService } from './item-analysis.service.js';

/** Item analysis (试题分析): difficulty, discrimination, options, reliability and knowledge-point rates of a subject's item scores. */
@Module({
  imports: [ExamsModule, ScoresModule, PapersModule],
  controllers: [ItemAnalysisController],
  providers: [ItemAnalysisService],
})
export class ItemAnalysisModule {}
