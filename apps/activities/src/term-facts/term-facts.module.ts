import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { TermFactsController } from './term-facts.controller.js';
import { TermFactsService } from './term-facts.service.js';

/** Answers `activities.term-facts`: the per-school figures of a term that evaluation indicators are computed from. */
@Module({ imports: [ActivitiesModule], controllers: [TermFactsController], providers: [TermFactsService], exports: [TermFactsService] })
export class TermFactsModule {}
