import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';

@Module({ imports: [ActivitiesModule], controllers: [RegistrationsController], providers: [RegistrationsService], exports: [RegistrationsService] })
export class RegistrationsModule {}
