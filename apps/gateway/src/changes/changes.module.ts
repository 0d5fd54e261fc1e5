import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller.js';

/** REST routes of the change feed, answered by the integrations service, and the public event catalogue. */
@Module({ controllers: [ChangesController] })
export class ChangesModule {}
