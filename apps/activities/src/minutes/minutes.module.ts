import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { MinutesController } from './minutes.controller.js';
import { MinutesService } from './minutes.service.js';

@Module({ imports: [ActivitiesModule], controllers: [MinutesController], providers: [MinutesService], exports: [MinutesService] })
export class MinutesModule {}
