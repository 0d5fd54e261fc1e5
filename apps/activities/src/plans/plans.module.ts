import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { EvidenceLinks } from './evidence-links.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';

/**
 * Work plans and target tasks: plans per alliance and member school per term, milestones, progress with
 * evidence (files in the kit's file store, streamed by the gateway; links checked with their services),
 * the review flow and the completion assessment.
 */
@Module({ imports: [ActivitiesModule], controllers: [PlansController], providers: [PlansService, EvidenceLinks], exports: [PlansService] })
export class PlansModule {}
