import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { TeachersModule } from '../teachers/teachers.module.js';
import { PlacementClock } from './placement-clock.js';
import { PlacementsController } from './placements.controller.js';
import { PlacementsService } from './placements.service.js';

@Module({ imports: [TeachersModule], controllers: [PlacementsController], providers: [PlacementsService, PlacementClock, DirectoryService], exports: [PlacementsService] })
export class PlacementsModule {}
