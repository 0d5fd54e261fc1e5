import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { ExamsController } from './exams.controller.js';
import { ExamsService } from './exams.service.js';
import { ExamsStore } from './exams.store.js';

@Module({
  controllers: [ExamsController],
  providers: [DirectoryService, ExamsStore, ExamsService],
  exports: [ExamsStore, ExamsService],
})
export class ExamsModule {}
