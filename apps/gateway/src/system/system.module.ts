import { Module } from '@nestjs/common';
import { ProcessBoard } from './process-board.js';
import { SystemController } from './system.controller.js';

/** Operational views for signed-in users: which services are up, the supervised processes, each service's alliance directory. */
@Module({ controllers: [SystemController], providers: [ProcessBoard] })
export class SystemModule {}
