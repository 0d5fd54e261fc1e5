import { Module } from '@nestjs/common';
import { SystemController } from './system.controller.js';

/** Operational views for signed-in users: which services are up, each service's alliance directory. */
@Module({ controllers: [SystemController] })
export class SystemModule {}
