import { DirectoryService } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { LessonPlans } from './lesson-plans.js';
import { MentorshipController } from './mentorship.controller.js';
import { MentorshipService } from './mentorship.service.js';

/** Mentorship pairs (师徒结对) with their monthly demo and report lessons and term-end completion. */
@Module({ controllers: [MentorshipController], providers: [MentorshipService, LessonPlans, DirectoryService], exports: [MentorshipService] })
export class MentorshipModule {}
