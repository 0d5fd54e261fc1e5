import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module.js';
import { ScoresModule } from '../scores/scores.module.js';
import { GrowthController } from './growth.controller.js';
import { GrowthService } from './growth.service.js';

/** Growth and value-added (增值评价) of an exam against an earlier one of the same district. */
@Module({
  imports: [ExamsModule, ScoresModule],
  controllers: [GrowthController],
  providers: [GrowthService],
})
export class GrowthModule {}
