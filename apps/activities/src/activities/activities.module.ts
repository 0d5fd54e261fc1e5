import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { AllianceBodies } from '../bodies/alliance-bodies.js';
import { ActivitiesController } from './activities.controller.js';
import { ActivitiesService } from './activities.service.js';
import { ActivitiesStore } from './activities.store.js';

@Module({
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivitiesStore, DirectoryService, AllianceBodies],
  exports: [ActivitiesService, ActivitiesStore, DirectoryService, AllianceBodies],
})
export class ActivitiesModule {}
