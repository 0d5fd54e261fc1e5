import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module.js';
import { ScoresModule } from '../scores/scores.module.js';
import { ItemScoresService } from './item-scores.service.js';
import { PapersController } from './papers.controller.js';
import { PapersService } from './papers.service.js';
import { PapersStore } from './papers.store.js';

/** Papers (试卷结构) of exam subjects and their item scores (小题分). */
@Module({
  imports: [ExamsModule, ScoresModule],
  controllers: [PapersController],
  providers: [PapersStore, PapersService, ItemScoresService],
  exports: [PapersStore],
})
export class PapersModule {}
