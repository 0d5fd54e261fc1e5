import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller.js';
import { ActivitiesService } from './activities.service.js';
import { ActivitiesStore } from './activities.store.js';

@Module({
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivitiesStore, DirectoryService],
  exports: [ActivitiesService, ActivitiesStore, DirectoryService],
})
export class ActivitiesModule {}
