import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { ObservationController } from './observation.controller.js';
import { ObservationService } from './observation.service.js';

/** Lesson observation (听课评课): the district's versioned rubric, observation records, counts and averages. */
@Module({ controllers: [ObservationController], providers: [ObservationService, DirectoryService], exports: [ObservationService] })
export class ObservationModule {}
