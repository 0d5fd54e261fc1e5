import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module.js';
import { assessmentFilesProvider, ASSESSMENT_FILES } from './assessment-files.js';
import { ScoresController } from './scores.controller.js';
import { ScoresService } from './scores.service.js';

@Module({
  imports: [ExamsModule],
  controllers: [ScoresController],
  providers: [assessmentFilesProvider, ScoresService],
  exports: [ScoresService, ASSESSMENT_FILES],
})
export class ScoresModule {}
