import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { MyRegistrationsController, MyRegistrationsService } from './my-registrations.controller.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';

@Module({ imports: [ActivitiesModule], controllers: [RegistrationsController, MyRegistrationsController], providers: [RegistrationsService, MyRegistrationsService], exports: [RegistrationsService] })
export class RegistrationsModule {}
